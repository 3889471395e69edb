import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10h of issue #10: its findings as tests, on inputs shaped like the review's
/// (base-2022 and pipes-2023 with one change each; the numbers our own).
@Suite("Report check, review 10h: glued cells, approximate qualifiers, radicals, year lines")
struct ColdReviewTenHTests {
    typealias Stray = FifthReviewTests.Stray

    static func check(_ stray: Stray, in name: String, sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        let text = ReportFixtures.text(name)
        #expect(text.contains(stray.from), "fixture changed", sourceLocation: sourceLocation)
        return ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
    }

    static func errors(_ result: ReportCheckResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    static func row(_ result: ReportCheckResult, _ id: String) -> [Decimal?] {
        let values = ReportFixtures.values(result)
        return ReportSchema.v2021.t3Columns.map { values[.t3(id, $0.id)] }
    }

    // MARK: H1 — a cell of a row printed in cells holding glued digits

    @Test func aGluedCellOfATableThreeRowIsNeverOneNumber() {
        // `| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 ||` printed as one cell: cut into seven values it
        // keeps R4, but the cell as printed with six cells lost is admissible too (review 10i H1),
        // so the row alone decides nothing; the table's column sums (R1, R2, as assumptions)
        // choose the cut. Never 4100005 (which made false R2 errors); no sum called broken.
        let result = Self.check(
            Stray(name: "glued cell", from: "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 ||", to: "| 予以公开 | 4100005 ||"),
            in: "pipes-2023.txt")
        #expect(Self.row(result, "result_disclosed") == [4, 1, 0, 0, 0, 0, 5])
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test func aRowInCellsThatLostItsLastCellsIsNeverCutByItsTotal() {
        // Review 10i H1: `| 总计 | 67 | 20 | 36 | 130 | 82 |` (其他 and 总计 lost) has a cut,
        // 6 7 20 36 13 0 82, that keeps R4; read so, every column's sums broke. The cells as
        // printed are as admissible: the two readings agree on no cell, and none is read.
        let tokens = ReportTokenizer.tokens("| （七）总计 | 67 | 20 | 36 | 130 | 82 |")
        let r4 = SumConstraint(parts: Array(0..<6), total: 6, rule: .r4, scope: "result_total")
        let analysis = RowSolver.analyze(tokens.filter(\.isValue), width: 7, constraints: [r4])
        #expect(analysis.agreed.allSatisfy { $0 == nil }, "\(analysis.agreed)")
    }

    @Test func aGluedCellOfTableTwoStaysEmpty() {
        // `2114` in one cell of a row of three: 2 1 14, 2 11 4, 21 1 4 … or 2114 with two cells
        // not printed. No relation decides: every cell stays empty, none is 2114.
        let result = Self.check(
            Stray(name: "t2 glued cell", from: "| 行政规范性文件 | 2 | 1 | 14 ||", to: "| 行政规范性文件 | 2114 ||"),
            in: "pipes-2023.txt")
        let values = ReportFixtures.values(result)
        for column in ["issued_this_year", "repealed_this_year", "in_force"] {
            #expect(values[.t2("art20_1", "normative_docs", column)] == nil, "\(column)")
        }
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test func aPartlyGluedRowInCellsGivesNoWrongCell() {
        // Six cells for seven columns, `10` being 1 and 0: the cut readings are admissible, so no
        // cell is read as 10 followed by the total in the wrong column, and no sum is called broken.
        let result = Self.check(
            Stray(
                name: "partly glued", from: "| 本年新收政府信息公开申请数量 | 12 | 1 | 0 | 1 | 1 | 0 | 15 ||",
                to: "| 本年新收政府信息公开申请数量 | 12 | 1 | 0 | 1 | 10 | 15 ||"), in: "pipes-2023.txt")
        let expected: [Decimal] = [12, 1, 0, 1, 1, 0, 15]
        for (read, printed) in zip(Self.row(result, "new_received"), expected) where read != nil { #expect(read == printed) }
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test func theTotalRowGluedInOneCellGivesNoFalseError() {
        let result = Self.check(
            Stray(name: "total glued", from: "| 总计 | 12 | 1 | 0 | 1 | 1 | 0 | 15 ||", to: "| 总计 | 121011015 ||"),
            in: "pipes-2023.txt")
        #expect(!Self.row(result, "result_total").contains(121_011_015))
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test func aGluedHTMLCellIsNeverOneNumber() throws {
        let html = ReportFixtures.text("base-2022.html")
        let row = (["6", "1", "0", "0", "1", "0"].map { "<td>&nbsp;<span>\($0)</span>&nbsp;" } + ["<td>&nbsp;<span>8</span>&nbsp;</tr>"]).joined()
        #expect(html.contains("（一）予以公开</p></td>" + row))
        let glued = html.replacingOccurrences(of: "（一）予以公开</p></td>" + row, with: "（一）予以公开</p></td><td>6100108</td></tr>")
        let result = try ReportChecker.check(ReportFile(name: "glued.html", data: Data(glued.utf8)))
        #expect(Self.row(result, "result_disclosed") == [6, 1, 0, 0, 1, 0, 8])  // by the column sums
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test func aWellFormedShortRowInCellsIsReadAsBefore() {
        // One value in a block of one column, and single digits: nothing to cut.
        let tokens = ReportTokenizer.tokens("| 行政许可 | 96 ||")
        let analysis = RowSolver.analyze(tokens.filter(\.isValue), width: 1)
        #expect(analysis.agreed == [.count(96)])
    }

    // MARK: H2 — approximate qualifiers with fillers, at least and at most

    struct Qualified: Sendable, CustomTestStringConvertible {
        let text: String
        let approximation: NarrativeChecks.Approximation
        var testDescription: String { text }
    }

    @Test(
        "the qualifier of a figure",
        arguments: [
            Qualified(text: "门户网站约为 600 条", approximation: .about),
            Qualified(text: "热线约达 6000 件", approximation: .about),
            Qualified(text: "热线大约有 6000 件", approximation: .about),
            Qualified(text: "诉求约计 8000 件", approximation: .about),
            Qualified(text: "总数超过了 8000 件", approximation: .atLeast),
            Qualified(text: "受理超 8000 件", approximation: .atLeast),
            Qualified(text: "受理突破 8000 件", approximation: .atLeast),
            Qualified(text: "热线不足 6000 件", approximation: .under),
            Qualified(text: "热线不到 6000 件", approximation: .under),
            Qualified(text: "热线少于 6000 件", approximation: .under),
            Qualified(text: "热线低于 6000 件", approximation: .under),
            Qualified(text: "热线 6000 件以内", approximation: .under),
            Qualified(text: "热线 6000 件以下", approximation: .under),
            Qualified(text: "热线 6000 件", approximation: .exact),
            Qualified(text: "热线为 6000 件", approximation: .exact),
            Qualified(text: "热线高达 6000 件", approximation: .exact),
            Qualified(text: "热线 1600 余件", approximation: .atLeast),
            Qualified(text: "热线约 6000 件", approximation: .about),
            // a qualifier's character ending a word is that word (review 10i M1)
            Qualified(text: "线上预约 55 件", approximation: .exact),
            Qualified(text: "节约为 55 件", approximation: .exact),
            Qualified(text: "违约有 55 件", approximation: .exact),
            Qualified(text: "签约达 55 件", approximation: .exact),
            Qualified(text: "最近有 28 件", approximation: .exact),
            Qualified(text: "邻近有 30 件", approximation: .exact),
            Qualified(text: "将近 30 件", approximation: .atMost),
            Qualified(text: "大约 30 件", approximation: .about),
        ])
    func qualifier(_ c: Qualified) {
        let found = NarrativeChecks.quantities(in: Array(c.text.unicodeScalars))
        #expect(found.count == 1)
        #expect(found.first?.approximation == c.approximation)
    }

    @Test(
        "approximate figures are never an error unless their most favourable reading fails",
        arguments: [
            NarrativeSumTests.Case(name: "约为 part", text: "全年发布信息 1000 条，其中门户网站约为 600 条、部门网站 420 条。", verdict: .consistent),
            NarrativeSumTests.Case(name: "约达 part", text: "全年受理诉求 8000 件，其中热线约达 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "约计 total", text: "全年受理诉求约计 8000 件，其中热线 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "超 total", text: "全年受理诉求超 8000 件，其中热线 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "突破 total", text: "全年受理诉求突破 8000 件，其中热线 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "超过了 total", text: "全年受理诉求总数超过了 8000 件，其中热线 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "不足 part", text: "全年受理诉求 8000 件，其中热线不足 6000 件、网站 2100 件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "少于 part", text: "全年受理诉求 8000 件，其中热线少于 6000 件、网站 2100 件。", verdict: .consistent),
            // Even the most favourable reading fails: still an error.
            NarrativeSumTests.Case(
                name: "超过 part over the total", text: "全年受理诉求 8000 件，其中热线超过 6000 件、网站 2100 件。",
                verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "预约 is a channel, not about", text: "全年受理申请 50 件，其中现场 2 件、线上预约 52 件。",
                verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "不足 total under its parts", text: "全年受理诉求不足 8000 件，其中热线 6000 件、网站 2100 件。",
                verdict: .finding(.error)),
        ])
    func approximateSums(_ c: NarrativeSumTests.Case) {
        let (verdict, findings) = NarrativeSumTests.verdict(c.text)
        if c.verdict == .consistent {
            #expect(verdict != .finding(.error) && verdict != .finding(.warning), "\(findings.map(\.message))")
        } else {
            #expect(verdict == c.verdict, "\(findings.map(\.message))")
        }
    }

    // MARK: M1 — the year on the line below the title, in Chinese numerals

    @Test func aChineseYearLineUnderTheTitleIsTheReportsYear() {
        let result = Self.check(
            Stray(
                name: "year line", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n（二〇二二年度）\n"), in: "base-2022.txt")
        #expect(result.year == 2022)
        #expect(result.issuer == "示范县教育局")
        #expect(IssuerReader.isYearLine("（二〇二二年度）"))
        #expect(!IssuerReader.isYearLine("（二〇二二年度报告）"))
        // a bare year is a cover's date as often as the report's year (review 10i H3)
        #expect(!IssuerReader.isYearLine("二〇二三年"))
        #expect(!IssuerReader.isYearLine("2023年"))
        #expect(IssuerReader.isYearLine("（2023年）"))
        #expect(IssuerReader.isYearLine("2022 年度"))
    }

    @Test func aBareYearLineUnderTheTitleIsNotTheReportsYear() {
        // The cover's year of publication under a title without a year; the period and the body
        // say 2022 (review 10i H3): never 2023.
        let result = Self.check(
            Stray(
                name: "cover year", from: "示范县教育局2022年政府信息公开工作年度报告\n",
                to: "示范县教育局政府信息公开工作年度报告\n二〇二三年\n"), in: "base-2022.txt")
        #expect(result.year != 2023)
    }

    // MARK: M2 — Kangxi radicals and the radicals supplement

    @Test func radicalsAreTheirIdeographs() {
        #expect(ReportText.normalize("⼀、总体情况 ⼆、⾏政 ⽇⽉ ⻓⻔⻅") == "一、总体情况 二、行政 日月 长门见")
        // A component-only form stays as printed.
        #expect(ReportText.normalize("⻈") == "⻈")
    }

    @Test func headingsAndLabelsPrintedWithRadicalsAreFound() {
        let text = ReportFixtures.text("base-2022.txt")
            .replacingOccurrences(of: "一、", with: "⼀、").replacingOccurrences(of: "二、", with: "⼆、")
            .replacingOccurrences(of: "行政许可", with: "⾏政许可")
        let result = ReportChecker.check(text: text, source: "kangxi")
        #expect(result.sectionsFound == ReportSection.allCases)
        #expect(ReportFixtures.values(result)[.t2("art20_5", "admin_licensing", "decisions_this_year")] == 1234)
    }

    // MARK: M4 — a remark in brackets after a value

    @Test func aRemarkInBracketsAfterAValueIsNoValue() {
        let result = Self.check(Stray(name: "remark", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t3（含修订1件）\t1\t25"), in: "base-2022.txt")
        let values = ReportFixtures.values(result)
        #expect(values[.t2("art20_1", "normative_docs", "issued_this_year")] == 3)
        #expect(values[.t2("art20_1", "normative_docs", "repealed_this_year")] == 1)
        #expect(values[.t2("art20_1", "normative_docs", "in_force")] == 25)
        // The next row's marker glued to a value is no remark.
        #expect(ReportTokenizer.tokens("予以公开 16(二)部分公开").contains { $0.kind == .ordinal || $0.text.hasSubstring("二") })
    }

    // MARK: M3 — table 四 as three labelled lines

    @Test func tableFourAsThreeLabelledLinesIsRead() {
        let result = Self.check(
            Stray(
                name: "three lines", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0\n",
                to: "行政复议 1 0 0 1 2\n未经复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 0 0\n"), in: "base-2022.txt")
        let values = ReportFixtures.values(result)
        let ids = ReportSchema.v2021.t4Groups.flatMap { g in ReportSchema.v2021.t4Columns.map { CellID.t4(g.id, $0.id) } }
        #expect(ids.map { values[$0] } == [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0])
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        // A line short of a value is not read this way.
        let short = ReportTokenizer.tokens("行政复议 1 0 0 2\n未经复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 0 0")
        #expect(TableReader.threeLabelledLines(short, from: 0) == nil)
    }

    // MARK: L1 — other line ends

    @Test("U+2028, U+2029 and U+0085 end lines in the section split", arguments: ["\u{2028}", "\u{2029}", "\u{0085}"])
    func otherLineEnds(_ end: String) {
        let text = ReportFixtures.text("base-2022.txt").replacingOccurrences(of: "\n", with: end)
        let result = ReportChecker.check(text: text, source: "line ends")
        #expect(result.sectionsFound == ReportSection.allCases)
        #expect(ReportFixtures.values(result)[.t2("art20_5", "admin_licensing", "decisions_this_year")] == 1234)
    }
}
