import Testing
@testable import GongkaiCore

@Suite("统一社会信用代码 (GB 32100-2015)")
struct UnifiedSocialCreditCodeTests {
    @Test("real published codes validate", arguments: [
        "91330100799655058B",  // 阿里巴巴（中国）有限公司
        "91440300708461136T",  // 深圳市腾讯计算机系统有限公司
        "91110108551385082Q",  // 小米科技有限责任公司
        "914403001922038216",  // 华为技术有限公司
    ])
    func validCodes(_ code: String) throws {
        #expect(try UnifiedSocialCreditCode(code).value == code)
    }

    @Test func normalisesCaseAndSpaces() throws {
        #expect(try UnifiedSocialCreditCode(" 91330100799655058b ").value == "91330100799655058B")
        #expect(try UnifiedSocialCreditCode("９１３３０１００７９９６５５０５８Ｂ").value == "91330100799655058B")  // full-width
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: UnifiedSocialCreditCode.Problem.wrongLength(17)) { try UnifiedSocialCreditCode("91330100799655058") }
        #expect(throws: UnifiedSocialCreditCode.Problem.invalidCharacter("I", position: 9)) {
            try UnifiedSocialCreditCode("91330100I99655058B")
        }
        #expect(throws: UnifiedSocialCreditCode.Problem.checkCharacterMismatch(expected: "B", actual: "C")) {
            try UnifiedSocialCreditCode("91330100799655058C")
        }
        #expect(UnifiedSocialCreditCode.Problem.checkCharacterMismatch(expected: "B", actual: "C").localizedDescription
            == "统一社会信用代码校验位错误：最后一位应为“B”，实际为“C”")
    }

    @Test func completesSeventeenCharacters() {
        #expect(UnifiedSocialCreditCode.completing("11653125010183690")?.value == "11653125010183690X")
        #expect(UnifiedSocialCreditCode.completing("1165312501018369") == nil)
    }
}
