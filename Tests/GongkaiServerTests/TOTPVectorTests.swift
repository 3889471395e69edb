import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// RFC 6238 Appendix B, the SHA-1 rows: the server's HMAC-SHA1 with the pure `TOTP` rule. The
/// RFC prints 8-digit values; the 6-digit codes in use are their last six digits.
@Suite("TOTP: RFC 6238 test vectors")
struct TOTPVectorTests {
    static let vectors: [(seconds: Double, code: String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]
    static let totp = TOTPRule(secret: Array("12345678901234567890".utf8), hmac: SecondFactorService.hmac)

    @Test(arguments: vectors)
    func appendixB(seconds: Double, code: String) {
        let at = Date(timeIntervalSince1970: seconds)
        #expect(Self.totp.code(at: at, digits: 8) == code)
        #expect(Self.totp.code(at: at) == String(code.suffix(6)))
        #expect(Self.totp.matchingCounter(for: String(code.suffix(6)), at: at, lastUsed: nil) == TOTPRule.counter(at: at))
    }

    /// RFC 4226 Appendix D (HOTP, counters 0–9), which TOTP is built on.
    @Test func hotpAppendixD() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        #expect((0..<10).map { Self.totp.code(counter: Int64($0)) } == expected)
    }
}
