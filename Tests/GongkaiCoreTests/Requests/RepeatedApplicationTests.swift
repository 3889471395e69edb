import Testing
@testable import GongkaiCore

/// Regulation Art. 36(六): flagging a request that asks again for the same information.
@Suite("Art. 36(六): repeated applications")
struct RepeatedApplicationTests {
    @Test func aBudgetAndItsExecutionAreTheSameRequest() {
        // given "2023年财政预算" and "2023年度财政预算执行": 7 of the shorter one's 8 pairs recur (87.5 %)
        let a = "2023年财政预算", b = "2023年度财政预算执行"
        #expect(RepeatedApplication.pairs(RepeatedApplication.key(a)).count == 8)
        #expect(RepeatedApplication.pairs(a).intersection(RepeatedApplication.pairs(b)).count == 7)
        // then they are flagged, in either order
        #expect(RepeatedApplication.asksForTheSame(a, b))
        #expect(RepeatedApplication.asksForTheSame(b, a))
    }

    @Test func aBudgetAndAFinalAccountAreNot() {
        // given "2023年财政预算" and "2023年财政决算": 6 of 8 pairs (75 %, under 80 %)
        let a = "2023年财政预算", b = "2023年财政决算"
        #expect(RepeatedApplication.pairs(a).intersection(RepeatedApplication.pairs(b)).count == 6)
        // then they are not flagged
        #expect(!RepeatedApplication.asksForTheSame(a, b))
    }

    @Test func theThresholdIsEightyPercentInclusive() {
        // 4 of 5 pairs shared: flagged; 3 of 5: not
        #expect(RepeatedApplication.asksForTheSame("abcdef", "abcdex"))
        #expect(!RepeatedApplication.asksForTheSame("abcdef", "abcxef"))
    }

    @Test func spacesPunctuationAndLetterCaseDoNotCount() {
        #expect(RepeatedApplication.key("《2023年 财政预算》（草案）") == "2023年财政预算草案")
        #expect(RepeatedApplication.asksForTheSame("2023年财政预算", "“2023 年财政预算”。"))
        #expect(RepeatedApplication.asksForTheSame("PM2.5 Monitoring Data", "pm25monitoringdata"))
        #expect(RepeatedApplication.asksForTheSame("关于A区的批复", "关于a区的批复"))
    }

    @Test func aDescriptionFoundWholeInsideTheOtherIsTheSame() {
        #expect(RepeatedApplication.asksForTheSame("城区道路改造", "2023年城区道路改造工程的立项批复文件"))
        #expect(RepeatedApplication.asksForTheSame("2023年城区道路改造工程的立项批复文件", "城区道路改造"))
    }

    @Test func emptyOrPunctuationOnlyDescriptionsAreNeverTheSame() {
        #expect(!RepeatedApplication.asksForTheSame("", ""))
        #expect(!RepeatedApplication.asksForTheSame("", "2023年财政预算"))
        #expect(!RepeatedApplication.asksForTheSame("2023年财政预算", "   "))
        #expect(!RepeatedApplication.asksForTheSame("！？", "……"))
    }

    @Test func oneCharacterMatchesOnlyItself() {
        #expect(RepeatedApplication.asksForTheSame("税", "税"))
        #expect(!RepeatedApplication.asksForTheSame("税", "税务"))
    }

    @Test func unrelatedRequestsAreNotFlagged() {
        #expect(!RepeatedApplication.asksForTheSame("2023年城区道路改造工程的立项批复文件", "2024年义务教育阶段招生计划"))
    }

    @Test func fullWidthDigitsAreTheSameAsASCIIDigits() {
        // "２０２３年财政预算" typed with a Chinese input method in full-width mode is the same request
        // as "2023年财政预算": the key folds full-width forms before comparing.
        #expect(RepeatedApplication.asksForTheSame("２０２３年财政预算", "2023年财政预算"))
    }
}
