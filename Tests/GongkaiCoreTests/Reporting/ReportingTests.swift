import Foundation
@testable import GongkaiCore
import Testing

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Annual reports: deadlines, workflow, live figures, readiness")
struct ReportingTests {
    @Test("due dates follow the agency's kind and level", arguments: [
        (AgencyKind.department, GovernmentLevel.county, "2026-01-31"),
        (.township, .county, "2026-01-31"),
        (.other, .county, "2026-01-31"),
        (.government, .county, "2026-02-20"),
        (.government, .prefecture, "2026-03-10"),
        (.government, .province, "2026-03-31"),
    ])
    func dueDates(kind: AgencyKind, level: GovernmentLevel, due: String) {
        #expect(ReportDeadlineRules().dueOn(reportYear: 2025, kind: kind, level: level) == d(due))
    }

    @Test func aProvinceMayMoveTheDatesOfItsCalendar() {
        var rules = ReportDeadlineRules()
        rules.departmentsAndTownships = .init(1, 20)
        #expect(rules.dueOn(reportYear: 2025, kind: .department, level: .county) == d("2026-01-20"))
    }

    @Test func theWorkflowSaysWhyAStepIsRefused() {
        func problem(_ step: ReportStep, _ status: ReportStatus, parent: Bool = true, errors: Int = 0, warnings: Int = 0) -> String? {
            ReportWorkflow.problem(with: step, status: status, hasSupervisingAgency: parent, blockingFindings: errors, unacknowledgedWarnings: warnings)
        }
        #expect(problem(.submit, .draft) == nil)
        #expect(problem(.submit, .returned) == nil)
        #expect(problem(.submit, .draft, errors: 2) == "报告还有 2 处错误（勾稽关系、叙述数字或缺失的数据），改正后才能报送或发布")
        #expect(problem(.submit, .draft, warnings: 1) == "报告还有 1 项提示未确认：请逐项写明理由后再报送或发布")
        #expect(problem(.submit, .submitted) == "只有起草中或已退回的报告才能报送（当前：已报送）")
        #expect(problem(.approve, .submitted) == nil)
        #expect(problem(.approve, .draft) == "只有已报送的报告才能审核通过（当前：起草中）")
        #expect(problem(.publish, .submitted) == "报告须经上级审核通过后才能发布（当前：已报送）")
        #expect(problem(.publish, .approved) == nil)
        // the county, with no supervising agency in the platform, publishes its own draft
        #expect(problem(.publish, .draft, parent: false) == nil)
        #expect(problem(.submit, .draft, parent: false) == "本机关没有上级审核机关，审核无误后可直接发布")
        #expect(problem(.correct, .published) == nil)
        #expect(problem(.correct, .approved) == "只有已发布的报告才能更正")
        // an approved report not yet published can be sent back (the records changed)
        #expect(problem(.returnToAgency, .approved) == nil)
        #expect(problem(.returnToAgency, .published) == "只有已报送或已审核未发布的报告才能退回（当前：已发布）")
    }

    @Test func liveFiguresRenderAsTheirNumbersAndUnknownOnesAreReported() {
        let values: [LiveFigure: String] = [.requestsNewReceived: "16", .lawsuits: "0"]
        let (text, unresolved) = LiveText.render("收到申请{{requests.new_received}}件，诉讼{{ challenges.litigation }}件，来信{{messages.received}}件，{{nonsense}}", values: values)
        #expect(text == "收到申请16件，诉讼0件，来信【messages.received】件，【nonsense】")
        #expect(unresolved == ["messages.received", "nonsense"])
        #expect(LiveText.references(in: "a{{x}}b{{y}}c{{z") == ["x", "y"])
    }

    @Test func figuresFromTheTablesAreTheTablesSums() {
        let report = ReportGenerator.consistent(.v2021, seed: 5)
        let figures = LiveFigure.fromTables(report)
        let withheld = report.schema.t3Rows.filter { $0.id.hasPrefix("withheld_") }.compactMap { report.t3($0.id, "total") }.reduce(0, +)
        #expect(figures[.requestsWithheld] == withheld.plain)
        #expect(figures[.requestsNewReceived] == report.t3("new_received", "total")!.plain)
        #expect(figures[.lawsuits] == (report.t4("litigation_direct", "total")! + report.t4("litigation_after_review", "total")!).plain)
        // 2019 format: its single row （六）其他处理
        let old = ReportGenerator.consistent(.v2019, seed: 5)
        #expect(LiveFigure.fromTables(old)[.requestsOther] == old.t3("other_handling", "total")!.plain)
    }

    @Test func messageFiguresQuoteTheTallyAndARateOverNothingHasNoValue() {
        // the seed's hotline: 7,518 received, 7,508 completed; 7,400 rated, 7,390 satisfied or basically
        var tally = MessageTally()
        tally.received = 7_518
        tally.completed = 7_508
        tally.rated = 7_400
        tally.satisfied = 7_000
        tally.basicallySatisfied = 390
        let values = LiveFigure.fromMessages(tally)
        #expect(values[.messagesReceived] == "7518")
        #expect(values[.messagesCompleted] == "7508")
        #expect(values[.messagesCompletionRate] == "99.87%")
        #expect(values[.messagesSatisfactionRate] == "99.86%")
        // an office with no messages: counts are 0, rates are missing, so a text quoting them is held back
        let none = LiveFigure.fromMessages(MessageTally())
        #expect(none[.messagesReceived] == "0")
        #expect(none[.messagesCompletionRate] == nil)
        #expect(LiveText.render("办结率{{messages.completion_rate}}", values: none).unresolved == ["messages.completion_rate"])
    }

    /// Section 六 against the fee records: what says no fee was collected, what is another
    /// subject (涉企收费), and what speaks of exemptions or of no uncollected fee.
    @Test("section 六's fee sentences", arguments: [
        ("本县主动公开涉企收费目录清单，涉及行政事业性收费 12 项、年收费金额 35 万元。本年度未收取政府信息公开信息处理费。", [Int](), nil),
        ("本年度收取信息处理费 2 件，共计 60 元，无未收取情况。", [30, 30], Finding.Severity?.some(.warning)),
        ("本年度未收费。", [100], .error),
        ("本年度无其他需要报告的事项。", [100], .error),
        ("本年度无其他需要报告的事项。", [], nil),
        ("本年度未收取政府信息公开信息处理费。", [100], .error),
        ("本年度收取信息处理费共计 80 元。", [100], .error),
    ] as [(String, [Int], Finding.Severity?)])
    func sectionSixAgainstTheFeeRecords(_ six: String, _ paid: [Int], _ severity: Finding.Severity?) {
        let findings = FeeStatement.findings(sectionSix: six, paidAmounts: paid)
        let worst: Finding.Severity? = findings.contains { $0.severity == .error } ? .error : findings.first?.severity
        #expect(worst == severity, "\(findings.map(\.message))")
    }

    @Test func rewritingTheFeeStatementReplacesTheSentenceThatDeniedIt() {
        let statement = FeeStatement.text(paidAmounts: [100])
        #expect(FeeStatement.replace(in: "本年度未收费。\n其他事项：无。", with: statement) == statement + "\n其他事项：无。")
        #expect(FeeStatement.findings(sectionSix: FeeStatement.replace(in: "本年度未收费。", with: statement), paidAmounts: [100]).isEmpty)
    }

    @Test func theFeeStatementFollowsTheFeeRecords() {
        #expect(FeeStatement.text(paidAmounts: []) == "本年度未收取政府信息公开信息处理费。")
        #expect(FeeStatement.text(paidAmounts: [700, 0, 300]) == "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 2 件，共计 1000 元，已全额缴入国库。")
    }

    /// A consistent report with the first draft's text, its figures filled from its own tables.
    static func drafted(seed: UInt64 = 9, format: ReportFormatVersion = .v2021) -> (AnnualReport, [String]) {
        var report = ReportGenerator.consistent(format, seed: seed)
        let sections = ReportDraft.sections(agencyName: "示范县教育局", year: report.year!, sources: .init(publications: false, messages: false),
                                            feeStatement: FeeStatement.text(paidAmounts: []))
        var unresolved: [String] = []
        for (section, text) in sections {
            let rendered = LiveText.render(text, values: LiveFigure.fromTables(report))
            report.sections[section] = rendered.text
            unresolved += rendered.unresolved
        }
        return (report, unresolved)
    }

    @Test func aFirstDraftCannotGoOutUntilTheOfficeHasWrittenItsParts() {
        let (report, unresolved) = Self.drafted()
        #expect(unresolved.isEmpty)
        let readiness = ReportReadiness.of(report, unresolved: unresolved, previous: nil)
        #expect(readiness.errors.map(\.rule).allSatisfy { $0 == "D1" })
        #expect(Set(readiness.errors.compactMap(\.location?.table)) == ["一、总体情况", "五、存在的主要问题及改进情况"])
    }

    @Test func aFirstDraftInThe2019FormatQuotesOnlyFiguresThatFormatHas() {
        let (report, unresolved) = Self.drafted(format: .v2019)
        #expect(report.formatVersion == .v2019)
        #expect(unresolved.isEmpty, "\(unresolved)")
        #expect(report.sections[.overview]!.contains("对外公开规范性文件总数"))
    }

    @Test func aFinishedDraftQuotingItsTablesIsReady() {
        var (report, _) = Self.drafted()
        for section in ReportSection.allCases {
            report.sections[section] = report.sections[section]?.replacingOccurrences(of: #"【请填写[^】]*】"#, with: "本年度按要求开展相关工作。",
                                                                                       options: .regularExpression)
        }
        let readiness = ReportReadiness.of(report, unresolved: [], previous: nil)
        #expect(readiness.errors.isEmpty, "\(readiness.errors.map(\.message))")
        #expect(readiness.warnings.isEmpty, "\(readiness.warnings.map(\.message))")
    }

    @Test func typedNumbersThatContradictTheTablesStopTheReport() {
        var (report, _) = Self.drafted()
        let received = report.t3("new_received", "total")!
        report.sections[.overview] = "（二）依申请公开\n全年共收到政府信息公开申请\((received + 3).plain)件。"
        report.sections[.problems] = "无。"
        let readiness = ReportReadiness.of(report, unresolved: [], previous: nil)
        #expect(readiness.errors.contains { $0.rule == "N1" && $0.message.contains((received + 3).plain) })
    }

    @Test func aLongOverviewAndACarryOverMismatchAreWarningsToAcknowledge() {
        var (report, _) = Self.drafted()
        report.sections[.overview] = String(repeating: "本年度认真贯彻落实条例规定，持续推进政务公开工作。", count: 60)
        report.sections[.problems] = "无。"
        var previous = report
        previous.year = report.year! - 1
        previous[.t3("carried_over_out", "natural_person")] = previous[.t3("carried_over_out", "natural_person")]! + 1
        let readiness = ReportReadiness.of(report, unresolved: [], previous: previous)
        let rules = Set(readiness.warnings.map(\.rule))
        #expect(rules.contains("C5") && rules.contains("A1"))
        // acknowledged by key, the warnings no longer hold the report back
        let keys = Set(readiness.warnings.map(ReportReadiness.key))
        #expect(readiness.unacknowledged(keys).isEmpty)
        #expect(readiness.unacknowledged([]).count == readiness.warnings.count)
    }

    @Test func textRepeatedFromLastYearsReportIsAWarning() {
        var (report, _) = Self.drafted()
        report.sections[.overview] = "本年度，本机关认真贯彻落实《条例》各项规定。主动公开政府信息的数量和质量均有提升。"
        report.sections[.problems] = "政策解读的形式较为单一，解读质量有待提高。下一步将丰富图解和问答等形式。"
        var previous = report
        previous.year = report.year! - 1
        #expect(ReportReadiness.of(report, unresolved: [], previous: previous).warnings.contains { $0.rule == "Y1" })
        // rewritten, it is not
        previous.sections[.problems] = "信息发布不够及时。下一步将建立发布提醒机制。"
        previous.sections[.overview] = "本年度，各项工作稳步推进，公开质量持续提升。"
        #expect(!ReportReadiness.of(report, unresolved: [], previous: previous).warnings.contains { $0.rule == "Y1" })
    }

    @Test func aMissingFigureIsAnError() {
        var report = ReportGenerator.consistent(.v2021, seed: 2)
        report.cells[.t2("art20_5", "admin_licensing", "decisions_this_year")] = nil
        let readiness = ReportReadiness.of(report, unresolved: ["normative.issued"], previous: nil)
        #expect(readiness.errors.contains { $0.rule == "C3" && $0.message.contains("行政许可") })
        #expect(readiness.errors.contains { $0.rule == "D1" && $0.message.contains("本年制发行政规范性文件") })
    }
}
