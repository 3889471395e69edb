import Testing
@testable import GongkaiCore

/// RFC 4648 base32, in which TOTP keys are typed into authenticator apps (#14).
@Suite("Base32 (RFC 4648)")
struct Base32Tests {
    /// RFC 4648 §10 test vectors.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="),
        ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesTheRFCVectors(text: String, encoded: String) {
        #expect(Base32.encode(Array(text.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(text.utf8))
        #expect(Base32.decode(encoded.replacingOccurrences(of: "=", with: "")) == Array(text.utf8), "padding is optional")
    }

    @Test func decodesAKeyAsPeopleTypeIt() {
        #expect(Base32.decode("mzxw 6ytb-oi") == Array("foobar".utf8))
        #expect(Base32.encode(Array("foobar".utf8), padded: false) == "MZXW6YTBOI")
    }

    @Test func refusesCharactersOutsideTheAlphabetAndTruncatedInput() {
        #expect(Base32.decode("MZXW1") == nil, "1 is not base32 (it would be read as I or L)")
        #expect(Base32.decode("MZX") == nil, "15 bits: a truncated key")
        #expect(Base32.decode("MZ") == nil, "f with non-zero trailing bits (f is MY)")
        #expect(Base32.decode("MB") == nil, "non-zero trailing bits")
        #expect(Base32.decode("中文") == nil)
    }

    @Test func groupsInFours() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXPAB") == "JBSW Y3DP EHPK 3PXP AB")
        #expect(Base32.grouped("MY======") == "MY")
    }
}
