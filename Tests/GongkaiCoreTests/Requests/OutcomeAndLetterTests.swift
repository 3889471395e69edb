import Foundation
import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Outcomes, reply letters and the report row")
struct OutcomeAndLetterTests {
    @Test func everyResultRowOfTheReportHasExactlyOneOutcome() {
        let leaves = ReportSchema.v2021.resultLeaves.map(\.id)
        #expect(leaves.count == 21)
        #expect(RequestOutcome.allCases.map { $0.reportRow(.v2021) } == leaves)
    }

    @Test("outcome → report row, both formats", arguments: RequestOutcome.allCases)
    func reportRows(_ outcome: RequestOutcome) {
        #expect(outcome.reportRow(.v2021) == outcome.rawValue)
        let row2019 = outcome.reportRow(.v2019)
        #expect(ReportSchema.v2019.resultLeaves.map(\.id).contains(row2019))
        if outcome.group == .other { #expect(row2019 == "other_handling") }
    }

    @Test func labelsFollowTheTemplate() {
        #expect(RequestOutcome.withheldThirdPartyRights.chineseLabel == "不予公开·保护第三方合法权益")
        #expect(RequestOutcome.partiallyDisclosed.chineseLabel == "部分公开")
        #expect(RequestOutcome.otherFeeUnpaid.reportLabel.hasPrefix("2.申请人逾期未按收费通知要求缴纳费用"))
    }

    static func letter(_ outcome: RequestOutcome, _ reply: ReplyType, details: String = "") -> ReplyLetter {
        ReplyLetter(agencyName: "示范县教育局", letterNumber: "示教依申〔2023〕12号", applicantName: "张三", receivedOn: d("2023-09-27"),
                    description: "2023年县城义务教育学校招生划片方案", outcome: outcome, replyType: reply, details: details,
                    reconsiderationBody: "示范县人民政府", litigationCourt: "示范县人民法院", contact: "0999-5020201",
                    letterDate: d("2023-10-20"))
    }

    /// Worked examples: the article a letter cites follows the reply chosen, not only the row.
    @Test func eachReplyCitesItsOwnArticle() {
        let r = "《中华人民共和国政府信息公开条例》"
        let cases: [(RequestOutcome, ReplyType, String)] = [
            (.disclosed, .disclose, r + "第三十六条第（二）项"),
            (.disclosed, .alreadyPublic, r + "第三十六条第（一）项"),
            (.partiallyDisclosed, .partiallyDisclose, r + "第三十七条"),
            (.withheldThirdPartyRights, .withhold, r + "第十五条、第三十六条第（三）项"),
            (.withheldProcessInfo, .withhold, r + "第十六条第二款、第三十六条第（三）项"),
            (.unableNotHeld, .notExist, r + "第三十六条第（四）项"),
            (.unableNotHeld, .notResponsible, r + "第三十六条第（五）项"),
            (.otherMisc, .specialLaw, r + "第三十六条第（七）项"),
            (.otherFeeUnpaid, .feeUnpaid, r + "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"),
            (.otherMisc, .withdrawn, ""),
        ]
        for (outcome, reply, article) in cases {
            #expect(outcome.replyTypes.contains(reply))
            #expect(Self.letter(outcome, reply).legalBasis == article, "\(outcome) \(reply)")
        }
    }

    @Test("every outcome and reply writes a letter citing its ground", arguments: RequestOutcome.allCases)
    func letters(_ outcome: RequestOutcome) throws {
        for reply in outcome.replyTypes {
            let letter = Self.letter(outcome, reply)
            let text = letter.paragraphs.joined()
            #expect(text.contains("本机关于2023年9月27日收到您提交的政府信息公开申请"))
            if !letter.legalBasis.isEmpty { #expect(text.contains(letter.legalBasis), "\(outcome) \(reply)") }
            #expect(text.contains("示范县人民政府申请行政复议") == (reply != .withdrawn))
            #expect(text.contains("六个月内向示范县人民法院提起行政诉讼") == (reply != .withdrawn))
        }
    }

    @Test func aWithholdingLetterStatesTheReasonOfItsRow() {
        let letter = Self.letter(.withheldThirdPartyRights, .withhold)
        #expect(letter.decision == "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
                + "根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项的规定，本机关决定不予公开。")
    }

    @Test func theWordFileIsARealDocumentWithTheLetter() throws {
        let letter = Self.letter(.disclosed, .disclose, details: "请于2023年10月25日前到本机关领取纸质文件")
        let data = try letter.docx()
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // read back through the report reader's Word path (ZIPFoundation + libxml2)
        let text = try DocxExtractor.text(fromDocx: data)
        #expect(text.contains("政府信息公开申请答复书"))
        #expect(text.contains("示教依申〔2023〕12号"))
        #expect(text.contains("张三："))
        #expect(text.contains("现予以公开：请于2023年10月25日前到本机关领取纸质文件。"))
        #expect(text.hasSuffix("示范县教育局\n2023年10月20日"))
    }

    @Test func theHTMLLetterEscapesWhatTheApplicantWrote() {
        var letter = Self.letter(.disclosed, .disclose)
        letter.description = "<script>alert(1)</script>"
        let html = letter.html()
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("@page { size: A4;"))
    }
}

@Suite("Workflow rules")
struct RequestWorkflowTests {
    let calendar = WorkingDayCalendar()

    func problem(_ action: RequestAction, _ t: RequestTimeline, today: String = "2023-10-20") -> String? {
        let clock = RequestClock.evaluate(t, calendar: calendar, today: d(today))
        return RequestWorkflow.problem(with: action, timeline: t, clock: clock, today: d(today))
    }

    var received: RequestTimeline { RequestTimeline(receivedOn: d("2023-09-27")) }

    @Test func refusedStepsSayWhy() {
        var t = received
        #expect(problem(.grantExtension(on: d("2023-10-20"), days: 21), t) == "延长期限应为 1–20 个工作日（条例第三十三条）")
        #expect(problem(.grantExtension(on: d("2023-10-20"), days: 20), t) == nil)
        t.timeExtension = .init(grantedOn: d("2023-10-20"), days: 10, approvedBy: "李海燕")
        #expect(problem(.grantExtension(on: d("2023-10-20"), days: 5), t) == "答复期限只能延长一次（条例第三十三条）")
        #expect(problem(.grantExtension(on: d("2023-11-02"), days: 5), received, today: "2023-11-02")
                == "答复期限已于 2023-10-31 届满，不能在届满后延期")
        #expect(problem(.conclude(on: d("2023-10-20"), outcome: .disclosed, replyType: .notExist), received)
                == "答复类型“经检索没有所申请的信息”与办理结果“予以公开”不相符")
        #expect(problem(.conclude(on: d("2023-10-21"), outcome: .disclosed, replyType: .disclose), received)
                == "日期 2023-10-21 晚于今天，不能登记尚未发生的事项")
        #expect(problem(.requestCorrection(sentOn: d("2023-09-20"), deadline: d("2023-10-10")), received)
                == "日期 2023-09-20 早于收到申请之日 2023-09-27")
        #expect(problem(.sendConsultation(sentOn: d("2023-10-09")), RequestTimeline(receivedOn: nil))
                == "尚未确认收到申请之日，请先确认（条例第三十一条）")
    }

    @Test func askingForMoreTimeFollowsTheSameRulesAsGrantingIt() {
        var t = received
        #expect(problem(.requestExtension(on: d("2023-10-20"), days: 10), t) == nil)
        #expect(problem(.requestExtension(on: d("2023-10-20"), days: 10), RequestTimeline(receivedOn: nil))
                == "尚未确认收到申请之日，请先确认（条例第三十一条）")
        t.timeExtension = .init(grantedOn: d("2023-10-18"), days: 10, approvedBy: "李海燕")
        #expect(problem(.requestExtension(on: d("2023-10-20"), days: 5), t) == "答复期限只能延长一次（条例第三十三条）")
        t = received
        t.concludedOn = d("2023-10-19")
        #expect(problem(.requestExtension(on: d("2023-10-20"), days: 5), t) == "本申请已于 2023-10-19 办结，不能再办理此事项")
    }

    @Test func withdrawalNeedsNoConfirmedReceiptButFeesNeedANoticeFirst() {
        #expect(problem(.withdraw(on: d("2023-10-20")), RequestTimeline(receivedOn: nil)) == nil)
        var t = received
        t.feeNotices = [.init(sentOn: d("2023-10-12"), amount: 700)]
        #expect(problem(.settleFee(on: d("2023-10-11")), t) == "缴费或减免日期不能早于发出收费通知之日 2023-10-12")
        #expect(problem(.settleFee(on: d("2023-10-16")), t) == nil)
    }

    @Test func correctionRules() {
        var t = received
        t.correction = .init(sentOn: d("2023-09-28"), deadline: d("2023-10-16"))
        #expect(problem(.requestCorrection(sentOn: d("2023-10-09"), deadline: d("2023-10-20")), t)
                == "补正应一次性告知（条例第三十条），本申请已发出过补正通知")
        #expect(problem(.conclude(on: d("2023-10-12"), outcome: .otherNoCorrection, replyType: .noCorrection), t, today: "2023-10-12")
                == "补正期限 2023-10-16 届满之后才能按逾期不补正办结（办结日期为 2023-10-12）")
        #expect(problem(.conclude(on: d("2023-10-17"), outcome: .otherNoCorrection, replyType: .noCorrection), t, today: "2023-10-17") == nil)
        #expect(problem(.conclude(on: d("2023-10-17"), outcome: .disclosed, replyType: .disclose), t, today: "2023-10-17")
                == "申请人尚未补正：只能按逾期不补正办结或由申请人撤回")
        #expect(problem(.conclude(on: d("2023-10-17"), outcome: .unableUnclearAfterCorrection, replyType: .unclearAfterCorrection), received)
                == "只有收到补正后的申请，才能按“补正后申请内容仍不明确”办结")
    }

    @Test func feeRules() {
        var t = RequestTimeline(receivedOn: d("2023-03-01"))
        #expect(problem(.conclude(on: d("2023-03-20"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2023-03-20")
                == "只有发出收费通知且申请人未缴费的申请，才能按逾期未缴费办结")
        t.feeNotices = [.init(sentOn: d("2023-03-08"), applicantReceivedOn: d("2023-03-09"), amount: 700)]
        #expect(problem(.sendFeeNotice(on: d("2023-03-10"), amount: 100), t, today: "2023-03-10") == "已有未缴清的收费通知")
        #expect(problem(.conclude(on: d("2023-04-07"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2023-04-07")
                == "缴费期限 2023-04-07 届满之后才能按逾期未缴费办结（办结日期为 2023-04-07）")
        #expect(problem(.conclude(on: d("2023-04-10"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2023-04-10") == nil)
    }

    @Test func nothingHappensAfterTheConclusion() {
        var t = received
        t.concludedOn = d("2023-10-16")
        #expect(problem(.requestCorrection(sentOn: d("2023-10-17"), deadline: d("2023-10-30")), t)
                == "本申请已于 2023-10-16 办结，不能再办理此事项")
    }
}

@Suite("Applicants: identity documents and masking")
struct ApplicantTests {
    @Test func residentIDNumbers() throws {
        #expect(try ResidentIDNumber("11010519491231002X").value == "11010519491231002X")  // the GB 11643 example
        #expect(try ResidentIDNumber("11010519491231002x").value == "11010519491231002X")
        // typed with a Chinese input method: full-width digits and Ｘ/ｘ are the same number
        #expect(try ResidentIDNumber("１１０１０５１９４９１２３１００２Ｘ").value == "11010519491231002X")
        #expect(try ResidentIDNumber("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X")
        // a check digit in another script is not a digit of the number
        #expect(throws: ResidentIDNumber.Problem.notDigits) { try ResidentIDNumber("11010519491231002٣") }
        #expect(throws: ResidentIDNumber.Problem.checkCharacterMismatch(expected: "X", actual: "1")) { try ResidentIDNumber("110105194912310021") }
        #expect(throws: ResidentIDNumber.Problem.invalidBirthDate) { try ResidentIDNumber("110105194902300021") }
        #expect(throws: ResidentIDNumber.Problem.wrongLength(15)) { try ResidentIDNumber("110105491231002") }
    }

    @Test func masking() {
        #expect(Masking.idNumber("11010519491231002X") == "1101**********002X")
        #expect(Masking.phone("138 1234 5678") == "138********")
        #expect(Masking.name("张三丰") == "张**")
    }
}

@Suite("Year statistics: counts to table 三 and 四")
struct YearStatisticsTests {
    @Test func totalsAreSumsAndTheCrossChecksHold() {
        var counts = RequestYearCounts()
        counts.newReceived = [.naturalPerson: 10, .commercialEnterprise: 2]
        counts.carriedOverIn = [.naturalPerson: 1]
        counts.results = [.disclosed: [.naturalPerson: 6, .commercialEnterprise: 1], .otherNoCorrection: [.naturalPerson: 2],
                          .otherMisc: [.commercialEnterprise: 1]]
        counts.carriedOverOut = [.naturalPerson: 3]
        let report = AnnualReport(formatVersion: .v2021, cells: counts.t3Cells())
        #expect(report.t3("result_total", "total") == 10)
        #expect(report.t3("new_received", "total") == 12)
        var reviews = ChallengeYearCounts()
        reviews.counts = [.reconsideration: [.upheld: 1, .pending: 1]]
        var withReviews = report
        withReviews.cells.merge(reviews.t4Cells()) { a, _ in a }
        #expect(withReviews.t4("admin_review", "total") == 2)
        let checks = CrossChecks.run(withReviews)
        #expect(checks.findings.filter { $0.rule != "R6" }.isEmpty)
        // 2019: the three 其他处理 rows fold into one
        let cells2019 = counts.t3Cells(.v2019)
        #expect(cells2019[.t3("other_handling", "total")] == 3)
    }
}
