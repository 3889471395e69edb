import Foundation
import Testing
@testable import GongkaiCore

/// The fifth review of issue #10 (marks after a row's last value, running page headers, N2
/// beside comparisons, 十余件 / 三十万件 / 数十件), its probes kept as tests of the fixes: each asserts
/// the correct reading. Fixtures are base-2022.txt with one stray each.
@Suite("Report check, fifth review: marks after values, running headers, N2 beside comparisons")
struct FifthReviewTests {
    struct Stray: Sendable, CustomTestStringConvertible {
        let name: String
        let from: String
        let to: String
        var testDescription: String { name }
    }

    static func check(_ stray: Stray, in text: String = ReportFixtures.text("base-2022.txt"),
                      sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        #expect(text.contains(stray.from), "fixture changed", sourceLocation: sourceLocation)
        return ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
    }

    static func errors(_ result: ReportCheckResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    // MARK: HIGH — running page headers that do not contain a "…信息公开…报告" title marker

    /// The running header is dropped only when it contains one of the title markers with 信息公开
    /// in it. Other real headers (the year before 度, the agency and the title split by a tab as in
    /// a Word header, a 政务公开 title, a bare year) keep their year, and after a row whose last
    /// cell is blank the year becomes the cell's value.
    static let headers = [
        "2022年度政府信息公开报告",
        "示范县教育局\t2022年政府信息公开工作年度报告",
        "示范县教育局2022年政务公开工作年度报告",
        "（2022年度）",
    ]

    @Test("a running header's year is never a table 二 value", arguments: headers)
    func headerYearIsNoTableTwoValue(_ header: String) {
        // given 行政强制 printed with a blank cell at the bottom of a page, the header of the next page after it
        let result = Self.check(Stray(name: header, from: "行政强制\t7\n", to: "行政强制\n\(header)\n"))
        // then 行政强制 is blank (or unknown), never 2022
        let read = ReportFixtures.values(result)
        #expect(read[.t2("art20_6", "admin_coercion", "decisions_this_year")] == nil,
                "read \(String(describing: read[.t2("art20_6", "admin_coercion", "decisions_this_year")]))")
    }

    @Test("a running header's year is never a table 三 total", arguments: headers)
    func headerYearIsNoTableThreeTotal(_ header: String) {
        // given (七)总计 printed with its total cell blank, then the next page's header
        let result = Self.check(Stray(name: header, from: "\t（七）总计\t12\t3\t0\t1\t1\t0\t17\n",
                                      to: "\t（七）总计\t12\t3\t0\t1\t1\t0\n\(header)\n"))
        // then the total is not 2022, and no R1/R2/R4 error is raised on a number not printed
        let read = ReportFixtures.values(result)
        #expect(read[.t3("result_total", "total")] != 2022)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    /// The real seed prints its title over two lines ("新源县政府信息公开工作年度报告" / "(2023 年度)")
    /// and its table 三 rows with six of seven values. A running header repeating that title drops
    /// only its first line; the second line's year becomes the short row's seventh value.
    @Test("the seed's two-line title as a running header after a short row", arguments: [
        "新源县政府信息公开工作年度报告\n(2023 年度)\n",
        "- 5 -\n新源县政府信息公开工作年度报告\n(2023 年度)\n",
    ])
    func seedTitleAsRunningHeader(_ header: String) throws {
        let seed = ReportFixtures.text("seed-xinyuan-2023.txt")
        let row = "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t\n"
        #expect(seed.contains(row), "fixture changed")
        let clean = ReportChecker.check(text: seed, source: "seed")
        let result = ReportChecker.check(text: seed.replacingOccurrences(of: row, with: row + header), source: "seed+header")
        // then no cell changes to a number that is not printed (2023), and no new error
        let before = ReportFixtures.values(clean), after = ReportFixtures.values(result)
        let changed = after.filter { before[$0.key] != $0.value }
        #expect(changed.isEmpty, "\(changed.map { "\($0.key.rawValue)=\($0.value)" })")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    // MARK: HIGH — a decimal value with a mark after it

    @Test("a decimal amount with a mark after it keeps its decimal point", arguments: [
        Stray(name: "12.5、", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5、"),
        Stray(name: "12.5、 tab", from: "行政事业性收费\t12.5", to: "行政事业性收费\t12.5、"),
        Stray(name: "12.5.", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5."),
        Stray(name: "12.50、", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.50、"),
    ])
    func decimalWithMark(_ stray: Stray) {
        // given the fee (万元) printed 12.5 with a stray 、 or . after it
        let result = Self.check(stray)
        // then it is 12.5 or unknown — never 125 or 1250 (the point dropped when the mark was joined back)
        let fee = ReportFixtures.values(result)[ReportSchema.feeAmountCell]
        #expect(fee == nil || fee == Decimal(string: "12.5")!, "read \(String(describing: fee))")
    }

    // MARK: HIGH — a mark before the label of the row numbered with it, printed without its marker

    /// base-2022.txt with 1.本机关不掌握相关政府信息 = 10 2 0 0 0 0 12 (new_received and the total
    /// adjusted so that every relation holds): its total ends in 2, and row 2 follows.
    static var twelve: String {
        ReportFixtures.text("base-2022.txt")
            .replacingOccurrences(of: "\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3", with: "\t1.本机关不掌握相关政府信息\t10\t2\t0\t0\t0\t0\t12")
            .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", with: "一、本年新收政府信息公开申请数量\t20\t4\t0\t1\t2\t0\t27")
            .replacingOccurrences(of: "（七）总计\t12\t3\t0\t1\t1\t0\t17", with: "（七）总计\t20\t4\t0\t1\t1\t0\t26")
            .replacingOccurrences(of: "申请 18 件", with: "申请 27 件")
    }

    static let twelveRow = "\t1.本机关不掌握相关政府信息\t10\t2\t0\t0\t0\t0\t12\n\t\t2.没有现成信息需要另行制作"

    @Test func theAdjustedFixtureIsConsistent() {
        let result = ReportChecker.check(text: Self.twelve, source: "twelve")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        #expect(ReportFixtures.values(result)[.t3("unable_not_held", "total")] == 12)
    }

    @Test("12、 before 没有现成信息… (row 2, its 2. lost): R4 must decide, 1 breaks it", arguments: [
        Stray(name: "12、 then the label on the next line", from: twelveRow, to: "\t1.本机关不掌握相关政府信息 10 2 0 0 0 0 12、\n\t\t没有现成信息需要另行制作"),
        Stray(name: "12. then the label on the next line", from: twelveRow, to: "\t1.本机关不掌握相关政府信息 10 2 0 0 0 0 12.\n没有现成信息需要另行制作"),
        Stray(name: "12、 then the label on the same line", from: twelveRow, to: "\t1.本机关不掌握相关政府信息 10 2 0 0 0 0 12、没有现成信息需要另行制作"),
        Stray(name: "glued 102000012、 then the label", from: twelveRow, to: "\t1.本机关不掌握相关政府信息 102000012、\n没有现成信息需要另行制作"),
    ])
    func markBeforeNumberedLabelWithoutItsMarker(_ stray: Stray) {
        // given the row's total 12 followed by 、 and the label of row 2 without its marker: 12 and
        // 1-plus-marker-2 are both possible prints, but 1 breaks the row's own total (10 + 2)
        let result = Self.check(stray, in: Self.twelve)
        let read = ReportFixtures.values(result)
        // then no cell is read with a number not printed, and no R2/R4 error is raised
        for (cell, value) in [("natural_person", 10), ("commercial_enterprise", 2), ("research_institution", 0), ("total", 12)] as [(String, Decimal)] {
            let got = read[.t3("unable_not_held", cell)]
            #expect(got == nil || got == value, "\(cell): read \(String(describing: got)), printed \(value)")
        }
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    // MARK: MEDIUM — the converse: a real marker at a line's end before an unmarked label

    @Test func aMarkerBeforeAnUnmarkedLabelOnTheNextLineIsStillCheckedByTheRowTotal() {
        // given 予以公开 … 8 then the report's own marker 2. glued to it, 部分公开 on the next line
        let result = Self.check(Stray(name: "82.", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t82.\n部分公开"))
        // then 82 (which breaks 6 + 1 + 1 = 8) is not read; 8 or nothing, and no false R2/R4 error
        let total = ReportFixtures.values(result)[.t3("result_disclosed", "total")]
        #expect(total == nil || total == 8, "read \(String(describing: total))")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    // MARK: HIGH — N2: one part that is the whole total, then other figures

    @Test("N2: a first part equal to the total is a consistent prefix", arguments: [
        "共收到政府信息公开申请 50 件，其中自然人申请 50 件，已办结 48 件，结转下年度 2 件。",
        "共受理申请 50 件，其中网上申请 50 件，办结 48 件，结转 2 件。",
        "共收到政府信息公开申请 50 件，同比增长 25%，其中自然人申请 50 件，已办结 48 件，结转下年度 2 件。",
        // the same information republished on several channels: the first channel carries all of it
        "全年主动公开政府信息 356 条，其中政府网站 356 条、政务微博 120 条、政务微信 150 条。",
        "全年主动公开政府信息 356 条，其中通过政府网站公开 356 条，通过政务微博公开 120 条，通过政务微信公开 150 条。",
        "全年主动公开政府信息 356 条，较上年增长 20%，其中政府网站 356 条、政务微博 120 条、政务微信 150 条。",
    ])
    func singlePartPrefix(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    // MARK: HIGH/MEDIUM — N2: a previous year's figure inside the list is no part

    @Test("N2: last year's figure inside the list is not a part", arguments: [
        "共受理申请 50 件，其中予以公开 30 件，去年为 25 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，上年为 35 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，2021 年为 25 件，不予公开 20 件。",
    ])
    func previousYearFigureInList(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    // MARK: MEDIUM — N1 compares a change with the table's count

    @Test("N1: a change stated in 件 is not the count", arguments: [
        "全年收到政府信息公开申请较上年减少 5 件，共 18 件，均在法定期限内答复。",
        "全年收到政府信息公开申请同比减少 5 件，达到 18 件。",
        "全年收到政府信息公开申请比上年少 7 件。",
        // last year's count in its own clause
        "全年收到政府信息公开申请 18 件，上年收到政府信息公开申请 25 件。",
    ])
    func n1ComparesNoChange(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        // then no N1 finding quotes the change (5 or 7) as the number of applications received
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    // MARK: MEDIUM — running headers and page numbers that cost a whole row

    @Test("headers and page numbers between table 三 rows leave the row readable", arguments: [
        Stray(name: "3/12", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n3/12\n二、上年结转"),
        Stray(name: "3 / 12", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n3 / 12\n二、上年结转"),
        Stray(name: "agency\ttitle (a Word header)", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n示范县教育局\t2022年政府信息公开工作年度报告\n二、上年结转"),
        Stray(name: "2022年度政府信息公开报告", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n2022年度政府信息公开报告\n二、上年结转"),
        Stray(name: "title\tpage number", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n示范县教育局2022年政府信息公开工作年度报告\t3\n二、上年结转"),
    ])
    func headersCostNoRow(_ stray: Stray) {
        let result = Self.check(stray)
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read[.t3("new_received", "total")] == 18, "\(result.missingCells.filter { $0.cell == .t3("new_received", "total") }.map(\.reason))")
    }

    // MARK: LOW

    @Test func aZeroIsNeverARowMarker() {
        // given 20、 before a running header of the agency's name: no row is numbered 0, so the
        // reading "2 and a marker 0、" is not admissible and 20 is forced
        let result = Self.check(Stray(name: "20、", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 3 1 20、\n示范县教育局"))
        #expect(ReportFixtures.values(result)[.t2("art20_1", "normative_docs", "in_force")] == 20,
                "\(result.missingCells.map(\.reason))")
    }

    @Test func theMessageQuotesTheMarkAsPrinted() {
        // given 25、 (an ideographic comma) before a running header
        let result = Self.check(Stray(name: "25、", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 3 1 25、\n示范县教育局"))
        let reason = result.missingCells.first { $0.cell == .t2("art20_1", "normative_docs", "in_force") }?.reason ?? ""
        // then the reason quotes “25、”, not “25.”
        #expect(reason.contains("“25、”"), "\(reason)")
    }

    @Test func aCaptionSplitOverTwoLinesIsStillACaption() {
        // given 25、 and then 第二十条 / 第（五）项 over two lines
        let result = Self.check(Stray(name: "split caption", from: "行政规范性文件\t3\t1\t25\n第二十条第（五）项",
                                      to: "行政规范性文件 3 1 25、\n第二十条\n第（五）项"))
        #expect(ReportFixtures.values(result)[.t2("art20_1", "normative_docs", "in_force")] == 25)
    }

    @Test(
        "N2: mismatches in 万 and in 件 are still found",
        arguments: [
            // 三十万件 is now written 30万件 and no longer meets a total in 件 (it was 300000件 before check4);
            // beyond what rounding whole figures in 万 allows (review 10f H11): at least 29.5 万 + 21.5 万 = 51 万
            "共受理诉求 500000 件，其中热线三十万件、网站二十二万件。",
            "共受理诉求 50 万件，其中热线 300000 件、网站 205001 件。",
            // at least 20 万 + 8 万 = 28 万 > 25 万
            "共受理诉求 25 万件，其中热线二十余万件、网站 8 万件。",
            // 申请数 is "the number of applications": 数十二件 is 12, not "some tens" (5846600 made it vague)
            "共受理申请二十件，其中网上申请数十二件、当面申请数九件。",
        ])
    func mismatchesAcrossTenThousands(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .finding(.error), "\(verdict) \(findings.map(\.message))")
    }

    @Test(
        "N2: whole figures in 万 that may be rounded are a note, not an error (review 10f H11)",
        arguments: [
            "共受理诉求 500000 件，其中热线三十万件、网站二十一万件。",
            "共受理诉求 50 万件，其中热线 300000 件、网站 200001 件。",
        ])
    func roundedWholeTenThousands(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .finding(.info), "\(verdict) \(findings.map(\.message))")
    }

    // MARK: what held (controls)

    @Test("held: comparisons and vague amounts", arguments: [
        NarrativeSumTests.Case(name: "cmp with count, parts of the decrease", text: "共受理申请 50 件，较上年减少 10 件，其中予以公开减少 6 件、不予公开减少 4 件。", verdict: .none),
        NarrativeSumTests.Case(name: "in-list 较上年减少", text: "共受理申请 50 件，其中予以公开 30 件，较上年减少 5 件，不予公开 20 件。", verdict: .consistent),
        NarrativeSumTests.Case(name: "in-list 上年同期为 (paren)", text: "共受理申请 50 件，其中予以公开 30 件（上年同期为 35 件）、不予公开 20 件。", verdict: .consistent),
        NarrativeSumTests.Case(name: "环比 mismatch", text: "共受理申请 50 件，环比增长 25%，其中予以公开 31 件、不予公开 20 件。", verdict: .finding(.error)),
        NarrativeSumTests.Case(name: "30.83 万 with 二十四万", text: "总办件数 30.83 万件，其中自然人办件量二十四万件，法人办件量 6.83 万件。", verdict: .consistent),
        NarrativeSumTests.Case(name: "十多条", text: "发布信息 30 条，其中网站十多条、微信 15 条。", verdict: .consistent),
    ])
    func held(_ c: NarrativeSumTests.Case) {
        let (verdict, findings) = NarrativeSumTests.verdict(c.text)
        #expect(verdict == c.verdict, "\(findings.map(\.message))")
    }
}
