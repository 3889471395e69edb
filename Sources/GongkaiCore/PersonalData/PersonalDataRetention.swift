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

    /// An identity number as the duplicate-request check compares it: upper case, no spaces.
    public static func normalisedIDNumber(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace }
    }

    /// A phone number as digits only (`138-1234 5678` → `13812345678`).
    public static func normalisedPhone(_ text: String) -> String {
        text.filter { $0.isASCII && $0.isNumber }
    }
}
