import Foundation

/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet, the last a check
/// character computed from the other 17.
public struct UnifiedSocialCreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// The alphabet of GB 32100-2015: digits and capitals without I, O, S, V, Z.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// Weight of position i is 3^i mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public enum Problem: Error, Equatable, LocalizedError {
        case wrongLength(Int)
        case invalidCharacter(Character, position: Int)
        case checkCharacterMismatch(expected: Character, actual: Character)

        public var errorDescription: String? {
            switch self {
            case .wrongLength(let n): return "统一社会信用代码应为 18 位，当前为 \(n) 位"
            case .invalidCharacter(let c, let p): return "统一社会信用代码第 \(p) 位“\(c)”不是有效字符（不使用 I、O、S、V、Z）"
            case .checkCharacterMismatch(let e, let a): return "统一社会信用代码校验位错误：最后一位应为“\(e)”，实际为“\(a)”"
            }
        }
    }

    /// Validates a code; lower-case letters and surrounding spaces are accepted and normalised.
    public init(_ text: String) throws {
        let normalized = PersonalDataRetention.halfWidth(text).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let chars = Array(normalized)
        guard chars.count == 18 else { throw Problem.wrongLength(chars.count) }
        var values: [Int] = []
        for (i, c) in chars.enumerated() {
            guard let v = Self.alphabet.firstIndex(of: c) else { throw Problem.invalidCharacter(c, position: i + 1) }
            values.append(v)
        }
        let expected = Self.checkCharacter(values[0..<17])
        guard chars[17] == expected else { throw Problem.checkCharacterMismatch(expected: expected, actual: chars[17]) }
        value = normalized
    }

    /// Completes 17 characters with their check character (used to make demo data).
    public static func completing(_ first17: String) -> UnifiedSocialCreditCode? {
        let chars = Array(first17.uppercased())
        guard chars.count == 17 else { return nil }
        let values = chars.compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17 else { return nil }
        return try? UnifiedSocialCreditCode(first17.uppercased() + String(checkCharacter(values[...])))
    }

    static func checkCharacter(_ values: ArraySlice<Int>) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    public var description: String { value }
}
