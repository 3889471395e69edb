import Foundation

/// What a phone number may be, wherever one is taken (the mailbox, the staff's message form,
/// registration of requests, the personal-data export): Arabic digits 0–9, typed half- or
/// full-width, with the separators people write between them. The look-ups
/// (`PersonalDataRetention.normalisedPhone`: the keyed hash, the tracking pages' last four digits)
/// read only those digits, so a phone in other digits — 一三八…, ①③⑧…, Arabic-Indic — is refused
/// where it is typed: taken, it was hashed as "nothing recorded" and no look-up found it
/// (#14 review 14e).
public enum PhoneNumberRule {
    public static let minDigits = 7
    /// A mainland mobile has 11; an extension or an international number a few more.
    public static let maxDigits = 20
    /// What may be typed for one, separators included.
    public static let maxLength = 30
    /// Spaces, the country code's plus, hyphens, brackets around an area code, dots, and 转
    /// before an extension (`0591-87654321转8001`; the look-ups leave the extension out). No
    /// slash: `87654321/13800138000` is two numbers, and one field holds one.
    static let separators: Set<Character> = [" ", "+", "-", "(", ")", ".", "转"]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// A character that is neither an ASCII digit (once half-width) nor a separator.
        case character(Character)
        case tooFewDigits
        case tooLong

        public var description: String {
            switch self {
            case .character(let c):
                let kind = c.isNumber ? "“\(c)”不是阿拉伯数字" : "不能含“\(c)”"
                return "电话号码\(kind)：请用数字 0–9 填写，可用空格、+、-、括号、点和“转”（分机）分隔；只填一个号码"
            case .tooFewDigits: return "电话号码至少 \(PhoneNumberRule.minDigits) 位数字"
            case .tooLong: return "电话号码不超过 \(PhoneNumberRule.maxDigits) 位数字（连同分隔符不超过 \(PhoneNumberRule.maxLength) 个字符）"
            }
        }
    }

    /// What is wrong with `text` as a phone number; nil when it may be stored and looked for.
    public static func problem(_ text: String) -> Problem? {
        let folded = PersonalDataRetention.halfWidth(text).trimmingCharacters(in: .whitespacesAndNewlines)
        if let bad = folded.first(where: { !(isDigit($0) || separators.contains($0)) }) { return .character(bad) }
        let digits = folded.filter(isDigit).count
        // Lengths first: the look-up's reading below is only ever given a phone-sized text.
        if digits > maxDigits || folded.count > maxLength { return .tooLong }
        // The number as the look-ups read it must be whole: an extension or a country code does not
        // make a short number long enough (`123转4567`, `0086 0675`).
        if digits < minDigits || PersonalDataRetention.normalisedPhone(folded).count < minDigits { return .tooFewDigits }
        return nil
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}
