/// 居民身份证号码 (GB 11643-1999): 17 digits and a check character (0–9 or X) computed with
/// weights 2^(17−i) mod 11. The birth date inside must be a real date.
public struct ResidentIDNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case wrongLength(Int)
        case notDigits
        case invalidBirthDate
        case checkCharacterMismatch(expected: Character, actual: Character)

        public var description: String {
            switch self {
            case .wrongLength(let n): return "身份证号码应为 18 位，当前为 \(n) 位"
            case .notDigits: return "身份证号码前 17 位应为数字，最后一位为数字或 X"
            case .invalidBirthDate: return "身份证号码中的出生日期无效"
            case .checkCharacterMismatch(let e, let a): return "身份证号码校验位错误：最后一位应为“\(e)”，实际为“\(a)”"
            }
        }
    }

    public init(_ text: String) throws {
        // Typed with a Chinese input method the digits may be full-width (１１０１…): the same number.
        let chars = Array(PersonalDataRetention.halfWidth(text).uppercased().filter { $0 != " " })
        guard chars.count == 18 else { throw Problem.wrongLength(chars.count) }
        let isDigit = { (c: Character) in c.isASCII && c.isNumber }
        guard chars[0..<17].allSatisfy(isDigit), isDigit(chars[17]) || chars[17] == "X" else { throw Problem.notDigits }
        let digits = chars[0..<17].map { Int(String($0))! }
        guard let year = Int(String(chars[6..<10])), let month = Int(String(chars[10..<12])), let day = Int(String(chars[12..<14])),
              year >= 1900, CivilDate(year: year, month: month, day: day) != nil else { throw Problem.invalidBirthDate }
        let expected = Self.checkCharacters[zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 } % 11]
        guard chars[17] == expected else { throw Problem.checkCharacterMismatch(expected: expected, actual: chars[17]) }
        value = String(chars)
    }

    public var description: String { value }
}

/// Personal data shown in lists and exports is masked; the full value is shown only on the
/// request page to its officers, and every such view is audited.
public enum Masking {
    /// `650102199001011234` → `6501**********1234`.
    public static func idNumber(_ value: String) -> String {
        guard value.count > 8 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(4)) + String(repeating: "*", count: value.count - 8) + String(value.suffix(4))
    }

    /// `13812345678` → `138********`. The last four digits of a phone, with the tracking number,
    /// read a request's progress and a message's reply and cast the sender's rating, so lists,
    /// pages, exports, the API and the audit log show none of them (only the first three, the
    /// carrier or area prefix); the full number only on the request page, audited.
    public static func phone(_ value: String) -> String {
        let digits = value.filter(\.isNumber)
        guard digits.count >= 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 3)
    }

    /// `张三丰` → `张**`.
    public static func name(_ value: String) -> String {
        guard let first = value.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, value.count - 1))
    }
}
