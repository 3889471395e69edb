import Foundation

/// How long applicants' and senders' personal data is kept after a case closes, and how it is
/// taken out of free text (issue #14, 个人信息保护法 Art. 19 and 47: kept no longer than needed).
///
/// Neither the Regulations nor the statute fix a period for disclosure-request files; the
/// period is a setting the installation chooses with its archives office (docs/operations.md).
public enum PersonalDataRetention {
    /// What replaces a name once the period has passed. It also marks the record as anonymised,
    /// which is what makes a second run leave it alone.
    public static let placeholder = "（已匿名）"

    /// The latest closing day whose records are anonymised on `today`: closed `years` years ago
    /// or earlier. 29 February falls back to the 28th in a year without it.
    public static func cutoff(today: CivilDate, years: Int) -> CivilDate {
        let year = today.year - years
        return CivilDate(year: year, month: today.month, day: today.day) ?? CivilDate(year: year, month: today.month, day: today.day - 1)!
    }

    /// `text` with every literal occurrence of the held values replaced by the placeholder.
    /// Values shorter than two characters are left alone: a one-character name would otherwise
    /// blank out that character everywhere. Longer values go first so a phone number inside an
    /// address is not left half replaced.
    public static func redact(_ text: String, values: [String]) -> String {
        var out = text
        for value in Set(values.map { $0.trimmingCharacters(in: .whitespaces) }).filter({ $0.count >= 2 }).sorted(by: { $0.count > $1.count }) {
            out = out.replacingOccurrences(of: value, with: placeholder)
        }
        return out
    }

    /// An identity number as the duplicate-request check compares it: half-width, upper case,
    /// no spaces (`１１０…００２ｘ` → `110…002X`: a Chinese input method types full-width).
    public static func normalisedIDNumber(_ text: String) -> String {
        halfWidth(text).uppercased().filter { !$0.isWhitespace }
    }

    /// A phone number as the look-ups compare it (the keyed hash, the tracking pages' last four
    /// digits, the mailbox's per-phone limit): its ASCII digits only, half-width (`PhoneNumberRule`
    /// refuses other digits where a phone is typed), without an extension and without China's
    /// country code — `138-1234 5678`, `１３８１２３４５６７８`, `+86 138 1234 5678`, `0086…` →
    /// `13812345678`; `0591-87654321转8001`, `+86 591 8765 4321`, `0086-591-87654321` →
    /// `059187654321`. The extension reaches a desk, not a person: the number is what the
    /// applicant types again when asked for "the last four digits" or an export.
    public static func normalisedPhone(_ text: String) -> String {
        var line = halfWidth(text)
        for marker in ["转", "分机", "ext", "EXT", "Ext"] {
            if let cut = line.range(of: marker) { line = String(line[..<cut.lowerBound]) }
        }
        let digits = String(line.filter { $0.isASCII && $0.isNumber })
        let typed = line.trimmingCharacters(in: .whitespaces)
        let country = typed.hasPrefix("+86") ? 2 : typed.hasPrefix("0086") ? 4 : (digits.count == 13 && digits.hasPrefix("861")) ? 2 : 0
        guard country > 0 else { return digits }
        let national = digits.dropFirst(country)
        // A mobile starts with 1; a landline's area code loses its trunk 0 after the country code.
        return national.hasPrefix("1") || national.hasPrefix("0") ? String(national) : "0" + national
    }

    /// The last four digits a tracking page asks for, as `normalisedPhone` reads them.
    public static func phoneLastFour(_ text: String) -> String {
        String(normalisedPhone(text).suffix(4))
    }

    /// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space as their ASCII selves.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0)!
            case 0x3000: " "
            default: scalar
            }
        }))
    }
}
