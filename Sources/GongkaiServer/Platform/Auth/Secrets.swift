import Crypto
import Foundation

extension String {
    /// Hex SHA-256 of the UTF-8 bytes: how session cookies, API tokens and setup links are stored.
    var sha256Hex: String {
        SHA256.hash(data: Data(utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

enum Secrets {
    /// A random URL-safe token of 32 bytes (256 bits) with a readable prefix (`gk_`, `setup_`).
    static func token(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A password for a person to type once and change: 16 characters without look-alikes.
    static func temporaryPassword() -> String {
        let letters = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"), digits = Array("23456789")
        var generator = SystemRandomNumberGenerator()
        var chars = (0..<13).map { _ in letters.randomElement(using: &generator)! }
        chars += (0..<3).map { _ in digits.randomElement(using: &generator)! }
        return String(chars.shuffled(using: &generator))
    }

    /// Compares two secrets in time independent of where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
