import Testing
@testable import GongkaiCore

/// What an identity number and a phone may be, the one definition intake and the export share
/// (#14 review 14e).
@Suite("Personal data: identity numbers and phones")
struct PersonalDataRuleTests {
    @Test(
        "what registration of any document type can store",
        arguments: [
            "军字第2001988号", "E1234", "AB/123/456", "A123456(7)", "11010519491231002X", "１１０１０５１９４９１２３１００２ｘ",
            " 110105 19491231002x ", "X", String(repeating: "A", count: 40), "110105' OR '1'='1", "Müller·123",
        ])
    func accepted(_ number: String) {
        #expect(IdentityNumberRule.problem(number) == nil)
    }

    @Test func refusedWithAPreciseMessage() throws {
        let cases: [(String, String)] = [
            ("", "请填写证件号码"), ("   ", "请填写证件号码"),
            (String(repeating: "A", count: 41), "证件号码不能超过 40 个字符（现为 41 个）"),
            // full-width is folded before counting: 41 characters still
            (String(repeating: "Ａ", count: 41), "证件号码不能超过 40 个字符"),
            ("110105\u{200B}19491231002X", "U+200B"), ("\u{202E}11010519491231002X", "U+202E"),
            ("1101051949\u{7}1231002X", "U+0007"), ("1101\u{2028}05", "U+2028"), ("1101\u{2029}05", "U+2029"),
            ("11010519\u{1B}[2J491231002X", "U+001B"),
        ]
        for (number, message) in cases {
            let problem = IdentityNumberRule.problem(number)
            #expect(problem?.contains(message) == true, "\(number.debugDescription): \(problem ?? "accepted")")
        }
        // spaces inside are not counted (the look-ups drop them), 40 letters spaced out pass
        #expect(IdentityNumberRule.problem(String(repeating: "A ", count: 40)) == nil)
    }

    @Test(
        "phones in Arabic digits, half- or full-width, with separators",
        arguments: [
            "13812345678", "１３８１２３４５６７８", "+86 138-1234-5678", "(0591) 8765.4321", "0591-87654321转8001", "0591 87654321",
        ])
    func phonesAccepted(_ phone: String) {
        #expect(PhoneNumberRule.problem(phone) == nil)
    }

    @Test func phonesRefused() {
        #expect(PhoneNumberRule.problem("一三八一二三四五六七八") == .character("一"))
        #expect(PhoneNumberRule.problem("①③⑧①②③④⑤⑥⑦⑧") == .character("①"))
        #expect(PhoneNumberRule.problem("١٣٨١٢٣٤٥٦٧٨") == .character("١"))
        #expect(PhoneNumberRule.problem("138\u{0}12345678") == .character("\u{0}"))
        #expect(PhoneNumberRule.problem("' OR 1=1 --") == .character("'"))
        #expect(PhoneNumberRule.problem("123456") == .tooFewDigits)
        #expect(PhoneNumberRule.problem("") == .tooFewDigits)
        #expect(PhoneNumberRule.problem(String(repeating: "8", count: 21)) == .tooLong)
        #expect(PhoneNumberRule.problem(String(repeating: "1-", count: 16)) == .tooLong)
        #expect(PhoneNumberRule.Problem.character("一").description.contains("“一”不是阿拉伯数字"))
        // what is taken, the look-up reads whole
        for phone in ["１３８１２３４５６７８", "+86 138-1234-5678", "138 1234 5678"] {
            #expect(PersonalDataRetention.normalisedPhone(phone) == "13812345678")
        }
        // two numbers in one field: one is asked for
        #expect(PhoneNumberRule.problem("87654321/13800138000") == .character("/"))
    }

    /// The look-ups read the number a person types again when asked for it: no extension, no
    /// country code (#14 review 14f H1, L1) — a landline regains its area code's trunk 0.
    @Test(
        "a phone as the look-ups compare it",
        arguments: [
            ("0591-87654321转8001", "059187654321"), ("(0591) 8765 4321 转 12", "059187654321"), ("0591-87654321 ext 8001", "059187654321"),
            ("0591-87654321分机8001", "059187654321"), ("+86 591 8765 4321", "059187654321"), ("0086-591-87654321", "059187654321"),
            ("+86 (0591) 87654321", "059187654321"), ("+86 138 1234 5678", "13812345678"), ("008613812345678", "13812345678"),
            ("8613812345678", "13812345678"), ("86123456", "86123456"), ("0591-87654321", "059187654321"),
            // the country code read from the digits, not from how the text begins (review 14g)
            ("(0086)13812345678", "13812345678"), ("00 86 138 1234 5678", "13812345678"), ("00-86-591-87654321", "059187654321"),
            ("(+86)591-87654321", "059187654321"), ("+ 86 591 87654321", "059187654321"), ("(+86) 0591 87654321", "059187654321"),
            ("86-0591-87654321", "059187654321"), ("+86 10 8765 4321", "01087654321"), ("010-87654321", "01087654321"),
            ("+86 400 123 4567", "4001234567"), ("400-123-4567", "4001234567"),
            // another country's number stays as typed; a number that only ends in 0086 is itself
            ("+852 2123 4567", "85221234567"), ("+886 2 1234 5678", "886212345678"), ("+1 415 555 2671", "14155552671"),
            ("13812340086", "13812340086"), ("0591-8765 0086", "059187650086"),
            // +0086 and 00 before another country's code (review 14h); a 0 written before a mobile
            ("+0086 138 1234 5678", "13812345678"), ("+0086-591-87654321", "059187654321"), ("＋００８６ １３８ １２３４ ５６７８", "13812345678"),
            ("00852 2123 4567", "85221234567"), ("+852 2123 4567", "85221234567"), ("+86 (0)138 1234 5678", "13812345678"),
            ("0086 0086 13812345678", "13812345678"), ("+86 0086 13812345678", "13812345678"),
        ])
    func normalisedForLookUps(_ phone: String, _ expected: String) {
        #expect(PersonalDataRetention.normalisedPhone(phone) == expected)
        #expect(PersonalDataRetention.phoneLastFour(phone) == String(expected.suffix(4)))
        // normalising again keeps it (the export hashes what was typed, the tracking pages what was stored)
        #expect(PersonalDataRetention.normalisedPhone(expected) == expected)
    }

    /// The number before 转 must be whole: the look-ups leave the extension out (review 14g M3).
    @Test func anExtensionDoesNotMakeAShortNumberWhole() {
        for phone in ["转13812345678", "(转)13812345678", "0591转87654321", "123转4567"] {
            #expect(PhoneNumberRule.problem(phone) == .tooFewDigits, "\(phone)")
        }
        #expect(PhoneNumberRule.problem("0591-87654321转8001") == nil)
        // a tracking page reads the four digits typed as they are
        #expect(PersonalDataRetention.typedDigits("００８６") == "0086")
        #expect(PersonalDataRetention.typedDigits("0086") == PersonalDataRetention.phoneLastFour("13812340086"))
        // the country code does not count towards the seven digits
        #expect(PhoneNumberRule.problem("0086 0675") == .tooFewDigits)
        // a sender who gave an extension may answer with the number's last four or the extension's
        #expect(PersonalDataRetention.phoneLastFours("0591-87654321转8001") == ["4321", "8001"])
    }

    /// A form's 64 KB of zeros is refused by its length at once, and the look-up's reading of it
    /// stays bounded (review 14i: the passes had taken 18 s on it).
    @Test func aHugePhoneIsRefusedByItsLength() {
        let huge = String(repeating: "0086", count: 16_384)
        #expect(PhoneNumberRule.problem(huge) == .tooLong)
        #expect(PersonalDataRetention.normalisedPhone(huge).count == huge.count)
    }

    /// Normalising again keeps the number, for every shape the rule takes (generated).
    @Test func normalisingAgainKeepsTheNumber() {
        var generator = SystemRandomNumberGenerator()
        let prefixes = ["", "+86 ", "0086 ", "+0086-", "(+86)", "86-", "00852 ", "+1 ", "00 86 ", "+86 (0)"]
        let numbers = ["13812345678", "0591-87654321", "10 8765 4321", "591 8765 4321", "400 123 4567", "2123 4567"]
        let extensions = ["", "转8001", " 转 12"]
        for _ in 0..<3000 {
            let phone =
                prefixes.randomElement(using: &generator)! + numbers.randomElement(using: &generator)!
                + extensions.randomElement(using: &generator)!
            guard PhoneNumberRule.problem(phone) == nil else { continue }
            let once = PersonalDataRetention.normalisedPhone(phone)
            #expect(PersonalDataRetention.normalisedPhone(once) == once, "\(phone) → \(once)")
        }
    }
}
