import Foundation

/// Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226), as authenticator apps make
/// them: HMAC-SHA1, a 30-second step, 6 digits. The HMAC itself is passed in (the server uses
/// swift-crypto), so the rule stays free of I/O and of dependencies.
public struct TOTPRule: Sendable {
    /// HMAC-SHA1(key, message).
    public typealias HMAC = @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

    public static let step: TimeInterval = 30
    public static let digits = 6
    /// Steps accepted either side of the current one: a phone's clock a little off, or a code
    /// typed just as it turned over (RFC 6238 §5.2 recommends at most one step).
    public static let window: Int64 = 1
    /// 160 bits, the size of an HMAC-SHA1 key (RFC 4226 §4 R6).
    public static let secretLength = 20

    public let secret: [UInt8]
    let hmac: HMAC

    public init(secret: [UInt8], hmac: @escaping HMAC) {
        self.secret = secret
        self.hmac = hmac
    }

    /// The step a moment falls in (seconds since 1970 divided by 30).
    public static func counter(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / step).rounded(.down))
    }

    /// The HOTP value of a counter (RFC 4226 §5.3 dynamic truncation), zero-padded to `digits`.
    public func code(counter: Int64, digits: Int = TOTPRule.digits) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        var value = UInt64(bitPattern: counter)
        for i in (0..<8).reversed() {
            message[i] = UInt8(value & 0xFF)
            value >>= 8
        }
        let mac = hmac(secret, message)
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    public func code(at date: Date, digits: Int = TOTPRule.digits) -> String {
        code(counter: Self.counter(at: date), digits: digits)
    }

    /// The step a typed code belongs to, within the window around `date`, or nil. A step at or
    /// before `lastUsed` is refused: a code, once accepted, cannot be used again (§5.2), not
    /// even by someone who watched it being typed.
    public func matchingCounter(for typed: String, at date: Date, lastUsed: Int64?) -> Int64? {
        let code = typed.filter { !$0.isWhitespace }
        guard code.count == Self.digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let now = Self.counter(at: date)
        for counter in (now - Self.window)...(now + Self.window) where counter > (lastUsed ?? Int64.min) {
            if constantTimeEqual(self.code(counter: counter), code) { return counter }
        }
        return nil
    }

    /// `otpauth://totp/公开:alice?secret=…&issuer=公开` — what an app reads from a QR code or
    /// a pasted link (the Key URI format of Google Authenticator), label and issuer percent-encoded.
    public static func uri(secret: [UInt8], account: String, issuer: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        let issuerText = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        let accountText = account.addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        return "otpauth://totp/\(issuerText):\(accountText)?secret=\(Base32.encode(secret, padded: false))&issuer=\(issuerText)"
            + "&algorithm=SHA1&digits=\(digits)&period=\(Int(step))"
    }
}

/// Compares without stopping at the first difference, so the time taken tells nothing.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<x.count { difference |= x[i] ^ y[i] }
    return difference == 0
}
