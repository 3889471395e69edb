import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10i of issue #10: the findings it left open, as tests on base-2022 with one
/// change each (the review's inputs were shaped the same way; the numbers here are our own).
@Suite("Report check, review 10i: one value printed for a row of several cells, year lines, N2 labels")
struct ColdReviewTenITests {
    typealias Stray = FifthReviewTests.Stray

    static func check(_ strays: [Stray], in name: String = "base-2022.txt", sourceLocation: SourceLocation = #_sourceLocation)
        -> ReportCheckResult
    {
        var text = ReportFixtures.text(name)
        for stray in strays {
            #expect(text.contains(stray.from), "fixture changed: \(stray.from)", sourceLocation: sourceLocation)
            text = text.replacingOccurrences(of: stray.from, with: stray.to)
        }
        return ReportChecker.check(text: text, source: strays.first?.name ?? name)
    }

    static func check(_ stray: Stray, sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        check([stray], sourceLocation: sourceLocation)
    }

    static func t2(_ result: ReportCheckResult, _ row: String) -> [Decimal?] {
        let values = ReportFixtures.values(result)
        return ["issued_this_year", "repealed_this_year", "in_force"].map { values[.t2("art20_1", row, $0)] }
    }

    static func t3(_ result: ReportCheckResult, _ row: String) -> [Decimal?] {
        let values = ReportFixtures.values(result)
        return ReportSchema.v2021.t3Columns.map { values[.t3(row, $0.id)] }
    }

    static func reason(_ result: ReportCheckResult, _ cell: CellID) -> String {
        result.missingCells.first { $0.cell == cell }?.reason ?? ""
    }

    static func n2(_ result: ReportCheckResult) -> [Finding] { result.findings.filter { $0.rule == "N2" } }

    // MARK: H2 — one value printed for a table 二 row of three cells

    /// Table 二 rows printed with one value (or digits the separators of which survived the
    /// copy): 256 may be 2 5 6, or 256 with the other cells blank (or lost), or 25 6 with one
    /// cell blank. No cell is forced: every one stays empty, with the reason.
    static let unforcedTableTwoRows: [(stray: Stray, row: String)] = [
        (Stray(name: "text, a space after the label", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 256"), "normative_docs"),
        (Stray(name: "text, a tab after the label", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t256"), "normative_docs"),
        (Stray(name: "rules 100", from: "规章\t0\t0\t0", to: "规章 100"), "rules"),
        (Stray(name: "1000: 10 0 0 is the only cut into three", from: "规章\t0\t0\t0", to: "规章 1000"), "rules"),
    ]

    @Test("a table 二 row printed as one value is not cut into digits", arguments: unforcedTableTwoRows)
    func oneValueOfTableTwoIsNotCut(_ item: (stray: Stray, row: String)) {
        let result = Self.check(item.stray)
        #expect(Self.t2(result, item.row) == [nil, nil, nil], "\(Self.t2(result, item.row))")
        #expect(
            Self.reason(result, .t2("art20_1", item.row, "issued_this_year")).contains("其余各格空白"),
            "\(Self.reason(result, .t2("art20_1", item.row, "issued_this_year")))")
    }

    @Test func anHTMLRowWithOneValueCellIsNotCut() throws {
        // `<td>行政规范性文件</td><td>256</td>` (review 10i H2, and the fuzzer's `<td>246</td>`).
        var html = ReportFixtures.text("base-2022.html")
        let row = #/<tr><td><p>行政规范性文件</p></td>.*?</tr>/#
        html = html.replacing(row, with: "<tr><td><p>行政规范性文件</p></td><td>246</td></tr>")
        #expect(html.contains("<td>246</td>"))
        let result = try ReportChecker.check(ReportFile(name: "t2-246.html", data: Data(html.utf8)))
        #expect(Self.t2(result, "normative_docs") == [nil, nil, nil], "\(Self.t2(result, "normative_docs"))")
    }

    /// Cuts that stay forced: no reading with fewer values exists (`000`, `007`: no number has a
    /// leading zero), or the row shows it lost nothing: its digits glued to its label. (`044`
    /// under a row printing every value separately is no longer such a row: 0 44 with a value
    /// lost is admissible, review 10m H1; see ColdReviewTenMTests.)
    static let forcedTableTwoRows: [(stray: Stray, row: String, read: [Decimal])] = [
        (Stray(name: "000", from: "规章\t0\t0\t0", to: "规章 000"), "rules", [0, 0, 0]),
        (Stray(name: "007", from: "规章\t0\t0\t0", to: "规章 007"), "rules", [0, 0, 7]),
        (
            Stray(name: "glued to its label, the other row printed whole", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件256"),
            "normative_docs", [2, 5, 6]
        ),
        // Glued to its label, the other row glued too: the copy dropped the separators, and a
        // run of three digits for three columns is forced (the issue's definition).
        (
            Stray(
                name: "glued to the label, the other row glued too", from: "规章\t0\t0\t0\n行政规范性文件\t3\t1\t25",
                to: "规章 000\n行政规范性文件256"), "normative_docs", [2, 5, 6]
        ),
    ]

    @Test("forced table 二 cuts are still read", arguments: forcedTableTwoRows)
    func forcedCutsOfTableTwo(_ item: (stray: Stray, row: String, read: [Decimal])) {
        let result = Self.check(item.stray)
        #expect(Self.t2(result, item.row) == item.read.map { Optional($0) }, "\(Self.t2(result, item.row))")
    }

    @Test func theIssuesGluedRowStaysUndecided() {
        // `行政规范性文件582447` (the issue's own case) has many cuts: it stays empty.
        let result = Self.check(Stray(name: "582447", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件582447"))
        #expect(Self.t2(result, "normative_docs") == [nil, nil, nil])
    }

    @Test func aTableThreeRowOfOneRunIsCutOnlyByItsTotal() {
        // Table 三 checked for the same fault: `（二）部分公开… 2100003` after a separator. One value
        // with six blank cells would be a count in the millions, and any other reading with fewer
        // values must still cut the run; seven digits for seven columns is the issue's forced cut,
        // and it keeps R4: 2 1 0 0 0 0 3 is read, glued to the label or not.
        let label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        for printed in ["\(label) 2100003", "\(label)2100003"] {
            let result = Self.check(Stray(name: "t3 one run", from: "\(label)\t2\t1\t0\t0\t0\t0\t3", to: printed))
            #expect(Self.t3(result, "result_partially_disclosed") == [2, 1, 0, 0, 0, 0, 3], "\(printed)")
            #expect(!result.findings.contains { $0.severity == .error })
        }
    }

    // MARK: H3, L3 — the year line under the title against the statistical period

    static let yearLines: [(stray: Stray, year: Int)] = [
        (
            Stray(
                name: "bare Arabic year line", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n2023年\n"), 2022
        ),
        (
            Stray(
                name: "bare Chinese year line", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n二〇二三年\n"), 2022
        ),
        // L3: a year line with 年度 is the title's; the period and the overview both say 2022.
        (
            Stray(
                name: "year line with 年度", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n（二〇二一年度）\n"), 2022
        ),
    ]

    @Test("a year line that the period contradicts: the period's year, and a warning", arguments: yearLines)
    func yearLineAgainstThePeriod(_ item: (stray: Stray, year: Int)) {
        let result = Self.check(item.stray)
        #expect(result.year == item.year)
        let v2 = result.findings.filter { $0.rule == "V2" }
        #expect(v2.count == 1 && v2.allSatisfy { $0.severity == .warning }, "\(result.findings.map(\.rule))")
    }

    @Test func aStalePeriodSentenceDoesNotOverrideTheTitle() {
        // The title and the overview say 2022, the period sentence 2021 (copied from last year):
        // 2022, with the warning.
        let result = Self.check(Stray(name: "stale period", from: "统计期限自2022年1月1日起至2022年12月31日止", to: "统计期限自2021年1月1日起至2021年12月31日止"))
        #expect(result.year == 2022)
        #expect(result.findings.contains { $0.rule == "V2" && $0.message.contains("2021") })
    }

    @Test func noWarningWhenTheyAgree() throws {
        let result = try ReportFixtures.check("base-2022.txt")
        #expect(!result.findings.contains { $0.rule == "V2" })
        let cover = Self.check(
            Stray(
                name: "cover year agrees", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n2022年\n"))
        #expect(cover.year == 2022)
        #expect(!cover.findings.contains { $0.rule == "V2" })
    }

    // MARK: M1, L4 — N2

    static let management = "（三）政府信息管理。严格落实公开前保密审查制度。"

    @Test func shortfallAfterANounIsALabel() {
        // 材料不足 21 件 counts the applications whose materials fell short: exactly 21, so
        // 30 + 21 > 50 is a mismatch.
        let label = Self.check(Stray(name: "材料不足", from: Self.management, to: Self.management + "全年受理申请 50 件，其中材料齐全 30 件、材料不足 21 件。"))
        #expect(Self.n2(label).contains { $0.severity == .error }, "\(Self.n2(label).map(\.message))")
        // 不足 as "fewer than" still lowers the bound: 30 + (at most 21) may be 50.
        let under = Self.check(Stray(name: "不足", from: Self.management, to: Self.management + "全年受理申请 50 件，其中当场答复 30 件、其他不足 21 件。"))
        #expect(!Self.n2(under).contains { $0.severity == .error }, "\(Self.n2(under).map(\.message))")
    }

    @Test func aComparisonWithLastYearIsNoPart() {
        // L4: `超过上年 5 件` compares with last year, as `比上年增加 5 件` does: no N2 finding.
        for comparison in ["超过上年 5 件", "比上年增加 5 件", "少于去年 5 件"] {
            let result = Self.check(
                Stray(
                    name: comparison, from: Self.management,
                    to: Self.management + "全年受理申请 50 件，其中予以公开 30 件、不予公开 20 件，\(comparison)。"))
            #expect(Self.n2(result).isEmpty, "\(comparison): \(Self.n2(result).map(\.message))")
        }
    }

    // MARK: L1, L2

    @Test func aRemarkStartingWithAFigureIsNoValue() {
        // `3（1件为修订）`: the remark's own figure is no value of the row (review 10i L1);
        // `3（1）` is still two values.
        let remark = Self.check(Stray(name: "remark", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t3（1件为修订）\t1\t25"))
        #expect(Self.t2(remark, "normative_docs") == [3, 1, 25])
    }

    static let tableFourOrders: [Stray] = [
        Stray(
            name: "swapped", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "行政复议 1 0 0 1 2\n复议后起诉 0 0 0 0 0\n未经复议直接起诉 0 1 0 0 1"),
        Stray(
            name: "litigation first", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "未经复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 0 0\n行政复议 1 0 0 1 2"),
        Stray(
            name: "both words in a label", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "行政复议 1 0 0 1 2\n复议后起诉（不含未经复议直接起诉） 0 0 0 0 0\n未经复议直接起诉 0 1 0 0 1"),
    ]

    @Test("table 四 on three labelled lines in any order is read by label", arguments: tableFourOrders)
    func tableFourByLabel(_ stray: Stray) {
        let result = Self.check(stray)
        let values = ReportFixtures.values(result)
        for (cell, printed) in ReportFixtures.baseCells where cell.table == "t4" {
            #expect(values[cell] == printed, "\(cell): \(String(describing: values[cell])) vs \(printed)")
        }
    }
}
