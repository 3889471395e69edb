import Foundation
import Testing
@testable import GongkaiCore

/// The TOTP window and replay rules, with a stand-in HMAC (the RFC 6238 vectors, which need
/// the real HMAC-SHA1, are in GongkaiServerTests/TOTPVectorTests).
@Suite("TOTP: window, replay, format")
struct TOTPWindowTests {
    /// Not a MAC: a deterministic function of the counter, enough to test the window logic.
    static let fakeHMAC: TOTPRule.HMAC = { _, message in
        let counter = message.reduce(0) { ($0 << 8) | UInt64($1) }
        var bytes = [UInt8](repeating: 0, count: 20)
        for i in 0..<8 { bytes[i] = UInt8((counter >> (8 * UInt64(i))) & 0xFF) }
        bytes[19] = 0  // offset 0
        return bytes
    }
    let totp = TOTPRule(secret: [1, 2, 3], hmac: fakeHMAC)
    let now = Date(timeIntervalSince1970: 30 * 1000 + 7)  // step 1000

    @Test func theStepIsThirtySeconds() {
        #expect(TOTPRule.counter(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(TOTPRule.counter(at: Date(timeIntervalSince1970: 60)) == 2)
        #expect(TOTPRule.counter(at: now) == 1000)
    }

    @Test func oneStepEitherSideIsAcceptedAndNoMore() {
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = totp.code(counter: 1000 + Int64(offset))
            #expect((totp.matchingCounter(for: code, at: now, lastUsed: nil) != nil) == accepted, "offset \(offset)")
        }
    }

    @Test func aCodeOfAStepAlreadyUsedOrEarlierIsRefused() {
        let code = totp.code(counter: 1000)
        #expect(totp.matchingCounter(for: code, at: now, lastUsed: 999) == 1000)
        #expect(totp.matchingCounter(for: code, at: now, lastUsed: 1000) == nil, "the same code again")
        #expect(totp.matchingCounter(for: totp.code(counter: 999), at: now, lastUsed: 1000) == nil, "an older code after a newer one")
    }

    @Test func onlySixDigitsAreCodes() {
        let code = totp.code(counter: 1000)
        #expect(code.count == 6)
        #expect(totp.matchingCounter(for: "\(code.prefix(3)) \(code.dropFirst(3))", at: now, lastUsed: nil) == 1000, "spaces ignored")
        #expect(totp.matchingCounter(for: String(code.prefix(5)), at: now, lastUsed: nil) == nil)
        #expect(totp.matchingCounter(for: "abcdef", at: now, lastUsed: nil) == nil)
        #expect(totp.matchingCounter(for: "١٢٣٤٥٦", at: now, lastUsed: nil) == nil, "non-ASCII digits")
    }

    @Test func theURINamesIssuerAccountAndKey() {
        let uri = TOTPRule.uri(secret: Array("foobar".utf8), account: "li.ming", issuer: "公开")
        #expect(uri == "otpauth://totp/%E5%85%AC%E5%BC%80:li.ming?secret=MZXW6YTBOI&issuer=%E5%85%AC%E5%BC%80&algorithm=SHA1&digits=6&period=30")
    }
}
