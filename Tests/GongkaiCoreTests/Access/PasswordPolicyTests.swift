import Testing
@testable import GongkaiCore

/// What staff passwords and user names must be (PasswordPolicy, UsernamePolicy).
@Suite("Password and user-name rules")
struct PasswordPolicyTests {
    @Test func aPasswordOfTenWithLettersAndDigitsIsAccepted() {
        #expect(PasswordPolicy.problem(with: "abcdefgh12", username: "li.ming") == nil)
        #expect(PasswordPolicy.problem(with: "Correct horse 42", username: "li.ming") == nil)
    }

    @Test func atLeastTenCharacters() {
        #expect(PasswordPolicy.problem(with: "abcdefg12", username: "li.ming") == "密码至少需要 10 位")
        #expect(PasswordPolicy.problem(with: "", username: "li.ming") == "密码至少需要 10 位")
        // Chinese characters are letters and count one each towards the minimum
        #expect(PasswordPolicy.problem(with: "政府信息公开工作平台8", username: "li.ming") == nil)
        #expect(PasswordPolicy.problem(with: "政府信息公开平台8", username: "li.ming") == "密码至少需要 10 位")
    }

    @Test func atMostSeventyTwoBytesBecauseBcryptReadsNoMore() {
        let tooLong = "密码不能超过 72 个字节（约 72 个字母或数字，或 24 个汉字）"
        // 72 ASCII characters are 72 bytes: accepted; 73 are refused
        let longest = String(repeating: "a", count: 71) + "1"
        #expect(PasswordPolicy.problem(with: longest, username: "li.ming") == nil)
        #expect(PasswordPolicy.problem(with: longest + "1", username: "li.ming") == tooLong)
        // a Chinese character is 3 bytes in UTF-8: 23 and a digit (70 bytes) pass, 24 and a digit (73) do not
        #expect(PasswordPolicy.problem(with: String(repeating: "政", count: 23) + "8", username: "li.ming") == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "政", count: 24) + "8", username: "li.ming") == tooLong)
        #expect(PasswordPolicy.maximumBytes == 72)
    }

    @Test func lettersAndDigitsAreBothNeeded() {
        #expect(PasswordPolicy.problem(with: "abcdefghijk", username: "li.ming") == "密码须同时包含字母和数字")
        #expect(PasswordPolicy.problem(with: "12345678901", username: "li.ming") == "密码须同时包含字母和数字")
        #expect(PasswordPolicy.problem(with: "!!!!!!!!!!!!", username: "li.ming") == "密码须同时包含字母和数字")
        // full-width digits are digits
        #expect(PasswordPolicy.problem(with: "abcdefghij１", username: "li.ming") == nil)
    }

    @Test func thePasswordMayNotContainTheUserNameInAnyCase() {
        #expect(PasswordPolicy.problem(with: "li.ming2024x", username: "li.ming") == "密码不能包含用户名")
        #expect(PasswordPolicy.problem(with: "XLI.MING2024", username: "li.ming") == "密码不能包含用户名")
        #expect(PasswordPolicy.problem(with: "abcdefgh12", username: "") == nil)
    }

    @Test func theHintNamesTheMinimumLength() {
        #expect(PasswordPolicy.hint.contains("\(PasswordPolicy.minimumLength) 位"))
    }

    @Test func userNamesAreThreeToThirtyTwoLowerCaseCharacters() {
        for good in ["abc", "li.ming", "li_ming-2", "a" + String(repeating: "1", count: 31)] {
            #expect(UsernamePolicy.problem(with: good) == nil, "\(good)")
        }
        #expect(UsernamePolicy.problem(with: "ab") == "用户名应为 3–32 位")
        #expect(UsernamePolicy.problem(with: String(repeating: "a", count: 33)) == "用户名应为 3–32 位")
        #expect(UsernamePolicy.problem(with: "") == "用户名应为 3–32 位")
    }

    @Test func userNamesStartWithALowerCaseASCIILetter() {
        #expect(UsernamePolicy.problem(with: "1abc") == "用户名应以小写字母开头")
        #expect(UsernamePolicy.problem(with: "Liming") == "用户名应以小写字母开头")
        #expect(UsernamePolicy.problem(with: ".abc") == "用户名应以小写字母开头")
        #expect(UsernamePolicy.problem(with: "李明明") == "用户名应以小写字母开头")
        #expect(UsernamePolicy.problem(with: "ébc") == "用户名应以小写字母开头")
    }

    @Test func userNamesHoldOnlyLettersDigitsDotsUnderscoresAndHyphens() {
        let message = "用户名只能包含小写字母、数字、点、下划线或连字符"
        #expect(UsernamePolicy.problem(with: "li ming") == message)
        #expect(UsernamePolicy.problem(with: "liMing") == message)
        #expect(UsernamePolicy.problem(with: "li@ming") == message)
        #expect(UsernamePolicy.problem(with: "li明") == message)
    }
}
