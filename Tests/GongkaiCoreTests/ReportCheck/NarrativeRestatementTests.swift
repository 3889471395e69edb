import Foundation
import Testing
@testable import GongkaiCore

/// N1 for the groups of table 三 restated in the overview: "予以公开及部分公开 X 件" is
/// compared with 予以公开 + 部分公开, "无法提供 X 件" with the sum of its rows, and so on.
@Suite("Report check: restated table numbers (N1)")
struct NarrativeRestatementTests {
    /// base-2022.txt with another second paragraph of its overview. Its table 三 (total column):
    /// received 18, carried over 1; 予以公开 8, 部分公开 3, 不予公开 1, 无法提供 3, 不予处理 1,
    /// 其他处理 1; carried over to next year 2.
    static func check(saying sentence: String) -> ReportCheckResult {
        let base = ReportFixtures.text("base-2022.txt")
        return ReportChecker.check(text: base.replacingOccurrences(of: "（二）依申请公开。全年收到政府信息公开申请 18 件，均在法定期限内答复。",
                                                                   with: "（二）依申请公开。" + sentence))
    }

    @Test func groupsAreComparedWithTheSumOfTheirRows() {
        let result = Self.check(saying: "全年收到政府信息公开申请 18 件，上年结转 1 件。办结的申请中，予以公开及部分公开 11 件，不予公开 1 件，"
            + "无法提供 3 件，不予处理 1 件，其他处理 1 件，结转下年度继续办理 2 件。")
        #expect(!result.findings.contains { $0.rule == "N1" }, "\(result.findings.map(\.message))")
        #expect(result.passed.first { $0.rule == "N1" }?.checked == 8)
    }

    struct Mismatch: Sendable, CustomTestStringConvertible {
        let sentence: String
        let cells: [CellID]
        let expected: String
        var testDescription: String { sentence }
    }

    @Test("a group restated wrongly is named with the table's sum", arguments: [
        Mismatch(sentence: "本年度收到的申请中，予以公开及部分公开 10 件。", cells: [.t3("result_disclosed", "total"), .t3("result_partially_disclosed", "total")],
                 expected: "11"),
        Mismatch(sentence: "本年度收到的申请中，无法提供 4 件。",
                 cells: ["unable_not_held", "unable_needs_creation", "unable_unclear_after_correction"].map { .t3($0, "total") }, expected: "3"),
        Mismatch(sentence: "本年度收到的申请中，部分公开 2 件。", cells: [.t3("result_partially_disclosed", "total")], expected: "3"),
        Mismatch(sentence: "本年度申请结转下年度继续办理 3 件。", cells: [.t3("carried_over_out", "total")], expected: "2"),
    ])
    func mismatch(_ m: Mismatch) {
        let n1 = Self.check(saying: m.sentence).findings.filter { $0.rule == "N1" }
        #expect(n1.count == 1)
        #expect(n1.first?.cells == m.cells)
        #expect(n1.first?.expected == m.expected)
    }

    @Test func wordsOutsideApplicationsAreNotRestatements() {
        // 予以公开 of proactive disclosure, counted in 条; and a number of another clause
        let result = Self.check(saying: "主动予以公开政府信息 300 条。全年无因政府信息公开引起的行政复议案件，行政诉讼案件 1 件。")
        #expect(!result.findings.contains { $0.rule == "N1" }, "\(result.findings.map(\.message))")
    }

    @Test func aCellTheReaderCouldNotReadIsNotCalledUnfilled() {
        // Table 三's received row copied as a run too short for its columns: the number is
        // compared with nothing, and the text says why.
        let base = ReportFixtures.text("base-2022.txt")
            .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", with: "一、本年新收政府信息公开申请数量\t123")
        let n1 = ReportChecker.check(text: base).findings.first { $0.rule == "N1" }
        #expect(n1?.message.contains("未能读出") == true)
        #expect(n1?.message.contains("未填写") == false)
    }
}

/// Review 10d probes (issue #10, check7b): combined groups, approximate counts, a column of the
/// table, and counts of another scope raise no N1 warning.
extension NarrativeRestatementTests {
    @Test("N1: combined groups, near-counts, a column of the table and other agencies' counts raise no warning", arguments: [
        "全年收到政府信息公开申请 18 件，其中不予公开及无法提供 4 件。",
        "全年收到政府信息公开申请 18 件，不予处理和其他处理 2 件。",
        "全年收到政府信息公开申请近 20 件。",
        "全年收到自然人政府信息公开申请 12 件，法人或其他组织申请 6 件。",
        "全县共收到政府信息公开申请 300 件，本局收到 18 件。",
        "全市各级行政机关共收到政府信息公开申请 300 件。本局收到政府信息公开申请 18 件。",
        "全年收到政府信息公开申请约 20 件。",
        "全年收到政府信息公开申请 18 件，其中无法提供、不予处理 4 件。",
        "全年收到政府信息公开申请 18 件，其中不予公开、无法提供及不予处理 5 件。",
    ])
    func n1FalseWarnings(_ sentence: String) {
        let result = Self.check(saying: sentence)
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test("N1: every applicant kind named together is the total, still compared")
    func allApplicantKindsAreTheTotal() {
        let result = Self.check(saying: "全年收到公民、法人或其他组织政府信息公开申请 20 件。")
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.count == 1 && n1.first?.expected == "18", "\(n1.map(\.message))")
    }

    @Test("N1: a combined group that does not add up is still found")
    func combinedGroupMismatch() {
        let result = Self.check(saying: "全年收到政府信息公开申请 18 件，其中不予公开及无法提供 9 件。")
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.count == 1 && n1.first?.expected == "4", "\(n1.map(\.message))")
    }
}

/// Review 10e probes (issue #10, check8b): 不予以公开 is not 予以公开, the agency's own count
/// beside another scope is compared, a combined group that does not add up.
extension NarrativeRestatementTests {
    static func n1(_ sentence: String) -> [Finding] {
        check(saying: sentence).findings.filter { $0.rule == "N1" }
    }

    @Test("N1: consistent restatements raise nothing", arguments: [
        // table: 予以公开 8, 部分公开 3, 不予公开 1, 无法提供 3, 不予处理 1, 其他处理 1
        "全年收到政府信息公开申请 18 件。其中予以公开 8 件，部分公开 3 件，不予公开、无法提供、不予处理和其他处理共 6 件。",
        "全年收到政府信息公开申请 18 件，其中不予以公开 1 件。",
        "全年收到政府信息公开申请 18 件，其中不予以公开及不予处理 2 件。",
        "全年收到政府信息公开申请 18 件，其中予以公开 11 件（含部分公开 3 件）。",
        "全年收到政府信息公开申请 18 件，其中因保护第三方合法权益不予公开 1 件，因本机关不掌握相关政府信息及没有现成信息需要另行制作无法提供 3 件。",
        "全年收到政府信息公开申请 18 件，其中因申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请等其他处理 1 件。",
        "全年收到政府信息公开申请 18 件，予以公开和部分公开的 11 件均按时答复。",
        "本局作为全县教育系统政务公开牵头单位，全年收到政府信息公开申请 18 件。",
    ])
    func n1Consistent(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test("N1: the agency's own count next to another scope is still compared", arguments: [
        "本局作为全县教育系统政务公开牵头单位，全年收到政府信息公开申请 20 件。",
        "本局按照全县统一部署全年收到政府信息公开申请 20 件。",
        "本局督促各部门依法答复，本局全年收到政府信息公开申请 20 件。",
    ])
    func n1OwnCountNextToAnotherScope(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.count == 1 && n1.first?.expected == "18", "\(n1.map(\.message))")
    }

    @Test("N1: a combined group of three that does not add up is found", arguments: [
        "全年收到政府信息公开申请 18 件，其中予以公开 8 件，部分公开 3 件，不予公开、无法提供、不予处理和其他处理共 9 件。",
        "全年收到政府信息公开申请 18 件。其中予以公开 8 件，部分公开 3 件，不予公开、无法提供、不予处理和其他处理共 9 件。",
        "全年收到政府信息公开申请 18 件，其中不予公开及无法提供的申请 9 件。",
    ])
    func n1CombinedMismatch(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.count == 1 && ["6", "4"].contains(n1.first?.expected), "\(n1.map(\.message))")
    }
}

/// Review 10f probes (issue #10, check9b): parts after 其中 of another scope's or year's count,
/// counts over several years, appeals about applications, the results of a subset.
extension NarrativeRestatementTests {
    @Test("N1: the results restated in full agree with table 三")
    func n1FullRestatement() {
        let r = NarrativeSumTests.overview("全年收到政府信息公开申请 18 件，上年结转 1 件。其中予以公开 8 件，部分公开 3 件，不予以公开 1 件，无法提供 3 件，不予处理 1 件，其他处理 1 件，结转下年度继续办理 2 件。")
        #expect(NarrativeSumTests.nonInfo(r, "N1").isEmpty && NarrativeSumTests.errors(r).isEmpty, "\(r.findings.map { "\($0.rule) \($0.message)" })")
    }

    @Test(
        "N1: 其中 after another scope's or another year's count is not compared",
        arguments: [
            "全县各乡镇、各部门共收到政府信息公开申请 300 件。其中予以公开 200 件。",
            "2021年本局收到政府信息公开申请 25 件。其中予以公开 12 件。",
            "全县各乡镇、各部门共收到政府信息公开申请 300 件，其中予以公开 200 件。",
            "2021年本局收到政府信息公开申请 25 件，其中予以公开 12 件。",
            "全县各乡镇、各部门共收到政府信息公开申请 300 件，其中予以公开 200 件、不予公开及无法提供 40 件。",
        ])
    func n1QizhongAfterOtherScope(_ sentence: String) {
        let r = NarrativeSumTests.overview(sentence)
        #expect(NarrativeSumTests.nonInfo(r, "N1").isEmpty, "\(sentence): \(NarrativeSumTests.nonInfo(r, "N1"))")
    }

    @Test(
        "N1: 其中 after this year's own count is still compared",
        arguments: [
            "2022年本局收到政府信息公开申请 18 件，其中予以公开 9 件。",
            "全年收到政府信息公开申请 18 件。其中予以公开 9 件。",
        ])
    func n1QizhongAfterOwnCount(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.count == 1 && n1.first?.expected == "8", "\(n1.map(\.message))")
    }

    @Test(
        "N1: counts over several years are not this year's",
        arguments: [
            "近三年累计收到政府信息公开申请 60 件。",
            "自《条例》修订以来，共收到政府信息公开申请 60 件。",
            "自2019年以来，本局共收到政府信息公开申请 60 件，其中予以公开 40 件。",
        ])
    func n1SeveralYears(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test(
        "N1: a count since the start of the report's year is this year's",
        arguments: [
            "今年以来，共收到政府信息公开申请 20 件。", "2022年以来，共收到政府信息公开申请 20 件。",
        ])
    func n1SinceTheStartOfTheYear(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.count == 1 && n1.first?.expected == "18", "\(n1.map(\.message))")
    }

    @Test(
        "N1: appeals about applications are not applications received",
        arguments: [
            "全年收到政府信息公开申请 18 件，收到政府信息公开申请的行政复议 2 件。",
            "全年收到政府信息公开申请 18 件，受理政府信息公开申请引起的行政诉讼案件 1 件。",
        ])
    func n1AppealsAreNoApplications(_ sentence: String) {
        let n1 = Self.n1(sentence)
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test("N1: the results of a subset (其中涉及…的申请 5 件，予以公开 3 件) are not compared")
    func n1ResultsOfASubset() {
        let n1 = Self.n1("全年收到政府信息公开申请 18 件，其中涉及招生入学的申请 5 件，予以公开 3 件。")
        #expect(n1.isEmpty, "\(n1.map(\.message))")
        // results listed right after 其中 are the whole's, and compared
        let whole = Self.n1("全年收到政府信息公开申请 18 件，其中予以公开 3 件。")
        #expect(whole.count == 1 && whole.first?.expected == "8", "\(whole.map(\.message))")
    }
}
