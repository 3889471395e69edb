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
    /// country code — `138-1234 5678`, `１３８１２３４５６７８`, `+86 138 1234 5678`, `0086…`,
    /// `(+86)138…` → `13812345678`; `0591-87654321转8001`, `+86 591 8765 4321`, `0086-591-87654321`
    /// → `059187654321`; `+86 10 8765 4321` → `01087654321`. The extension reaches a desk, not a
    /// person: the number is what the applicant types again for an export or a tracking page.
    /// The country code is read from the digits (a `+` before the first digit, or `0086`), not
    /// from how the text begins; the result is digits only, so normalising it again keeps it.
    public static func normalisedPhone(_ text: String) -> String {
        var line = halfWidth(text)
        for marker in ["转", "分机", "ext", "EXT", "Ext"] {
            if let cut = line.range(of: marker) { line = String(line[..<cut.lowerBound]) }
        }
        var digits = String(line.filter { $0.isASCII && $0.isNumber })
        // No phone has more digits (`PhoneNumberRule.maxDigits`); a longer text is not read as one,
        // and the passes below stay bounded whatever a form is sent.
        guard digits.count <= 2 * PhoneNumberRule.maxDigits else { return digits }
        var international = line.prefix { !($0.isASCII && $0.isNumber) }.contains("+")
        // Until nothing changes (a country code typed twice is read away too), so that
        // normalising the result again keeps it: each pass only shortens the digits.
        while let shorter = withoutCountryCode(digits, international: international) {
            digits = shorter
            international = false
        }
        return digits
    }

    /// One pass of `normalisedPhone`: the digits without the international prefix 00 and China's
    /// 86, a mainland number as dialled at home; nil when there is nothing to take away.
    private static func withoutCountryCode(_ digits: String, international: Bool) -> String? {
        // 00 is the international prefix (`+0086`, `00852`): no national number starts with it.
        let dialled = digits.hasPrefix("00") ? Substring(digits.dropFirst(2)) : Substring(digits)
        let national: Substring
        if international || dialled.count < digits.count {
            guard dialled.hasPrefix("86") else { return dialled.count < digits.count ? String(dialled) : nil }  // another country's
            national = dialled.dropFirst(2)
        } else if digits.count >= 12, digits.hasPrefix("86") {
            // 86 before a whole national number (10 digits or more): no national number of that
            // length begins with 8 (an 800 number has 10 digits, a local one 7–8).
            national = dialled.dropFirst(2)
        } else {
            return nil
        }
        // A mobile: 11 digits from 1 (a 0 written before it, `+86 (0)138…`, is not dialled);
        // 400/800 service numbers have no trunk 0; a landline's area code regains it (10 → 010).
        if national.count == 12, national.hasPrefix("01") { return String(national.dropFirst()) }
        if (national.count == 11 && national.hasPrefix("1")) || national.hasPrefix("0") || national.hasPrefix("400") || national.hasPrefix("800") {
            return String(national)
        }
        return "0" + national
    }

    /// Digits as typed, half-width, nothing else read into them (the tracking pages' last four).
    public static func typedDigits(_ text: String) -> String {
        String(halfWidth(text).filter { $0.isASCII && $0.isNumber })
    }

    /// The last four digits a tracking page asks for, as `normalisedPhone` reads them.
    public static func phoneLastFour(_ text: String) -> String {
        String(normalisedPhone(text).suffix(4))
    }

    /// What a tracking page takes as "the last four digits" of a stored phone: the number's, or —
    /// for a sender who gave an extension — the last four of all they typed (before 5 December
    /// 2026 the only answer for such a phone).
    public static func phoneLastFours(_ text: String) -> Set<String> {
        [phoneLastFour(text), String(typedDigits(text).suffix(4))]
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
