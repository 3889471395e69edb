import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 16 of issue #10 (and review 13's M1): a Word cell with hidden text before its value,
/// and a table-二 row printed one value a line in a table whose other rows stand on their labels'
/// lines. Fixtures in Fixtures/reading, generated (not copied from real reports).
@Suite("Report check, review 16: hidden Word runs, a row printed one value a line")
struct ColdReviewSixteenTests {
    static let folder = ReportFixtures.folder.deletingLastPathComponent().appendingPathComponent("reading")

    /// Every table-三 cell of a Word report has a hidden run (`<w:vanish/>`, a 9) before its value:
    /// Word does not print it, and neither does the checker read it (it read 912 for 12, with
    /// false R1 errors).
    @Test func hiddenTextInAWordCellIsNotRead() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("hidden-runs.docx"))
        let printed = try JSONDecoder().decode(
            [String: Decimal].self, from: Data(contentsOf: Self.folder.appendingPathComponent("hidden-runs-truth.json")))
        let result = try ReportChecker.check(ReportFile(name: "hidden-runs.docx", data: data))
        let read = result.cells.compactMapValues { $0 }
        #expect(read.count == printed.count)
        #expect(printed.keys.sorted().filter { read[$0] != printed[$0] } == [])
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
        #expect(!(try DocxExtractor.text(fromDocx: data)).contains("912"))
    }

    /// 2019 table 二, tab-separated, its rows on their labels' lines — but 行政处罚 printed one
    /// value a line (`157` / `-12` / `1465`). The lone numbers are the row's cells, not page
    /// numbers: a page number is one number, and −12 cannot be one (it was read without them:
    /// "只读到 1 个值（-12）").
    @Test func aRowPrintedOneValueALineIsReadInATableOfRowsOnTheirLabelsLines() throws {
        let text = try Data(contentsOf: Self.folder.appendingPathComponent("one-value-a-line-2019.txt"))
        let result = try ReportChecker.check(ReportFile(name: "one-value-a-line-2019.txt", data: text))
        #expect(result.formatVersion == .v2019)
        let penalty = "t2.art20_6.admin_penalty."
        #expect(result.cells[penalty + "items_last_year"] == 157)
        #expect(result.cells[penalty + "change_this_year"] == -12)
        #expect(result.cells[penalty + "decisions"] == 1465)
        // The rows beside it are read as before.
        #expect(result.cells["t2.art20_5.admin_licensing.change_this_year"] == -19)
        #expect(result.cells["t2.art20_6.admin_coercion.decisions"] == 9861)
        #expect(!result.findings.contains { $0.message.contains("行政处罚") })
    }

    /// Two lone numbers after a row printed on its label's line stay weighed as a wrapped value
    /// or a page number: only a row whose label's line holds no value is read one value a line.
    @Test func aLoneNumberAfterARowOnItsLabelsLineIsStillWeighedAsAPageNumber() throws {
        let original = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("one-value-a-line-2019.txt")), as: UTF8.self)
        let text = original.replacingOccurrences(of: "行政处罚\n157\n-12\n1465\n", with: "行政处罚\t157\t-12\n1465\n")
        #expect(text != original)
        let result = try ReportChecker.check(ReportFile(name: "wrapped.txt", data: Data(text.utf8)))
        let penalty = "t2.art20_6.admin_penalty."
        #expect(result.cells[penalty + "decisions"] == .some(nil))
        #expect(result.findings.contains { $0.message.contains("行政处罚") && $0.message.contains("页码") })
    }

    // MARK: N1, N2, signs and units

    static let base = String(decoding: try! Data(contentsOf: ReportFixtures.folder.appendingPathComponent("base-2022.txt")), as: UTF8.self)
    static let baseOverview = "（二）依申请公开。全年收到政府信息公开申请 18 件，均在法定期限内答复。"

    static func check(_ text: String) -> ReportCheckResult {
        try! ReportChecker.check(ReportFile(name: "report.txt", data: Data(text.utf8)))
    }

    static func n1(_ overview: String) -> [String] {
        #expect(base.contains(baseOverview))
        return check(base.replacingOccurrences(of: baseOverview, with: overview)).findings.filter { $0.rule == "N1" }.map(\.message)
    }

    /// A sentence of results after the count ("从办理结果看，…") is about the applications though it
    /// does not say 申请 again: its combined groups are compared (review 16, bad08).
    @Test func resultsInTheSentenceAfterTheCountAreCompared() throws {
        let table = Self.check(Self.base).cells
        let shown = (table["t3.result_disclosed.total"]!! + table["t3.result_partially_disclosed.total"]!!).plain
        let unable =
            (table["t3.unable_not_held.total"]!! + table["t3.unable_needs_creation.total"]!! + table["t3.unable_unclear_after_correction.total"]!!)
            .plain
        let right = Self.n1("（二）依申请公开。全年共收到政府信息公开申请18件。从办理结果看，予以公开及部分公开\(shown)件，无法提供\(unable)件。")
        #expect(right == [])
        let wrong = Self.n1("（二）依申请公开。全年共收到政府信息公开申请18件。从办理结果看，予以公开及部分公开\(shown)1件，无法提供\(unable)1件。")
        #expect(wrong.count == 2)
        #expect(wrong.contains { $0.contains("予以公开及部分公开\(shown)1件") })
        #expect(wrong.contains { $0.contains("无法提供\(unable)1件") })
    }

    /// "新收" is the new applications alone: 18 new and 1 carried over do not make "新收 19 件"
    /// right, though "收到 19 件" may count the carried-over one (review 16, bad01/bad10).
    @Test func newlyReceivedIsComparedWithTheNewApplicationsAlone() throws {
        let table = Self.check(Self.base).cells
        let new = table["t3.new_received.total"]!!, carried = table["t3.carried_over_in.total"]!!
        #expect(carried > 0)
        let both = (new + carried).plain
        #expect(Self.n1("全年新收政府信息公开申请\(new.plain)件。") == [])
        #expect(Self.n1("全年新收政府信息公开申请\(both)件。").count == 1)
        #expect(Self.n1("全年收到政府信息公开申请\(both)件。") == [])
        // The words say the count holds the carried-over ones (review 17).
        #expect(Self.n1("全年新收及上年结转政府信息公开申请共\(both)件。") == [])
        for inclusion in ["（含上年结转\(carried.plain)件）", "（包含2021年结转\(carried.plain)件）", "（其中上年结转\(carried.plain)件）", "，含上年未办结\(carried.plain)件"] {
            #expect(Self.n1("全年新收政府信息公开申请\(both)件\(inclusion)。") == [], "\(inclusion)")
        }
    }

    /// N2: the first parts add up exactly and a figure said to be given in addition follows after a
    /// comma (另收到…): consistent. Without such words a break does not end the list — the issue's
    /// example with a comma for its semicolon, parts of one kind after the comma, case results —
    /// and a run that adds up stays a warning (reviews 16–18); a list that exceeds its total, or
    /// parts inside the brackets, an error or a warning as before.
    @Test(
        "N2: a run of parts that adds up before a clause break",
        arguments: [
            ("共受理申请50件，其中予以公开30件，不予公开5件，无法提供12件，不予处理1件，其他处理2件，另收到信访件3件。", NarrativeSumTests.Verdict.consistent),
            ("共受理申请50件，其中网上申请30件、信函申请20件，此外办理热线工单12件。", .consistent),
            // A verb right before the number is a part's label (reviews 22–24); a verb with an object
            // after it starts another statement (SignWordsTests).
            ("发布信息1000条，其中门户网站600条、部门网站400条，政务新媒体发布900条。", .finding(.warning)),
            ("共受理申请50件，其中予以公开30件，不予公开5件，无法提供12件，不予处理1件，其他处理2件，另收到信访件3件。", .consistent),
            ("共受理申请50件，其中予以公开30件，不予公开20件，无法提供12件。", .finding(.warning)),
            // Parts all joined by ，: the next one goes on with them; results of cases are one kind (review 17).
            ("共受理申请50件，其中：网上申请30件，信函申请20件，当面申请4件。", .finding(.warning)),
            ("发生行政复议案件5件，其中维持3件、纠正2件，尚未审结1件。", .finding(.warning)),
            ("发生行政复议案件5件，其中维持3件、纠正2件，正在审理1件。", .finding(.warning)),
            ("共受理申请 50 件，其中予以公开 30 件，不予公开 5 件，无法提供 12 件，不予处理 1 件，其他处理 5 件。", .finding(.error)),
            ("合计 1200 条（其中政策文件 82 条，工作动态 80 条，通知公告 586 条，其他 453 条）。", .finding(.error)),
            ("共受理问题 1250 件（热线受理 1000 件，已办结 990 件；信箱受理 150 件、网站受理 100 件、公众号受理 30 件）。", .finding(.warning)),
        ])
    func n2ClauseBreak(text: String, verdict: NarrativeSumTests.Verdict) {
        #expect(NarrativeSumTests.verdict(text).0 == verdict, "\(NarrativeSumTests.verdict(text).1.map(\.message))")
    }

    /// An arrow before a change is its sign (`↓19` is −19, `↑12` is +12; review 16: `↓2` read +2).
    @Test func anArrowIsTheSignOfAChange() throws {
        let original = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("one-value-a-line-2019.txt")), as: UTF8.self)
        let text = original.replacingOccurrences(of: "行政许可\t271\t-19", with: "行政许可\t271\t↓19")
            .replacingOccurrences(of: "行政强制\t13\t增12", with: "行政强制\t13\t↑12")
        #expect(text != original)
        let cells = Self.check(text).cells
        #expect(cells["t2.art20_5.admin_licensing.change_this_year"] == -19)
        #expect(cells["t2.art20_6.admin_coercion.change_this_year"] == 12)
        // U+2212 and U+FE63 are minus signs too; a sign word apart before the number or glued
        // after it is its sign (review 17: all read +19).
        // Review 18 and 19: a sign word apart after the number in its cell, one in brackets glued
        // to it, or a triangle or slanted arrow glued to it, too.
        for change in [
            "\u{2212}19", "\u{FE63}19", "减 19", "减少 19", "↓ 19", "19减", "19↓", "19 减", "19 ↓", "19（减）", "19(减)", "（减）19",
            "▼19", "19▼", "↘19", "⬇19", "▽19",
        ] {
            let signed = original.replacingOccurrences(of: "行政许可\t271\t-19", with: "行政许可\t271\t\(change)")
            #expect(signed != original)
            #expect(Self.check(signed).cells["t2.art20_5.admin_licensing.change_this_year"] == -19, "\(change)")
        }
        for change in ["增 19", "19 增", "19（增）", "▲19", "↗19", "△19"] {
            let plus = original.replacingOccurrences(of: "行政许可\t271\t-19", with: "行政许可\t271\t\(change)")
            #expect(Self.check(plus).cells["t2.art20_5.admin_licensing.change_this_year"] == 19, "\(change)")
        }
        // Away from a number a triangle is a bullet, and brackets with 增 or 减 are words; apart
        // from its number a mark may sign either neighbour, and stays (review 20: `1 ▼ 340`).
        #expect(ReportText.normalize("▲ 做好政务公开（增）工作") == "▲ 做好政务公开(增)工作")
        #expect(ReportText.normalize("行政许可 12 1 ▼ 340 （减） 5") == "行政许可 12 1 ▼ 340 (减) 5")
    }

    /// A signed lone value proves the layout only in a row of three columns or more, in the
    /// column that may be negative: a short row's (a footer `-2`) or one in another column is
    /// weighed as before (review 18).
    @Test func aSignedLoneValueReadsARowOnlyInItsSignedColumn() throws {
        let original = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("one-value-a-line-2019.txt")), as: UTF8.self)
        let misplaced = original.replacingOccurrences(of: "行政处罚\n157\n-12\n1465\n", with: "行政处罚\n157\n1465\n-12\n")
        #expect(misplaced != original)
        let cells = Self.check(misplaced).cells
        #expect(cells["t2.art20_6.admin_penalty.decisions"] == .some(nil))
        let short = original.replacingOccurrences(of: "行政事业性收费\t14\t2", with: "行政事业性收费\n14\n-2")
        #expect(short != original)
        // 14 may be a page number: not read (−2 can only be the change, whichever way: read).
        #expect(Self.check(short).cells["t2.art20_8.admin_fees.items_last_year"] == .some(nil))
    }

    /// Lone plain numbers after a row whose label's line holds none prove no layout: they may be a
    /// footer's page numbers under a blank row (review 17: `3` / `9`, page 3 of 9, were read as
    /// the row). Only a value no page number is (−12, 12.5) shows the row is printed one a line.
    @Test func lonePlainNumbersUnderARowAreNotReadAsItsCells() throws {
        let original = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("one-value-a-line-2019.txt")), as: UTF8.self)
        let text = original.replacingOccurrences(of: "行政处罚\n157\n-12\n1465\n", with: "行政处罚\n157\n12\n1465\n")
        #expect(text != original)
        let cells = Self.check(text).cells
        for column in ["items_last_year", "change_this_year", "decisions"] {
            #expect(cells["t2.art20_6.admin_penalty." + column] == .some(nil), "\(column)")
        }
    }

    /// Table 四 printed with the unit in its cells (`1件`): the unit is part of the cell, and the
    /// row is read whole (review 16: "一行 15 列只读到 1 个值").
    @Test func table4WithTheUnitInItsCellsIsReadWhole() throws {
        let row = "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0\n"
        #expect(Self.base.contains(row))
        let withUnits = Self.base.replacingOccurrences(of: row, with: "1件\t0\t0\t1件\t2件\t0\t1 件\t0\t0\t1件\t0\t0\t0\t0\t0\n")
        let plain = Self.check(Self.base), units = Self.check(withUnits)
        let t4 = plain.cells.keys.filter { $0.hasPrefix("t4.") }
        #expect(t4.count == 15)
        #expect(t4.filter { units.cells[$0] != plain.cells[$0] } == [])
        #expect(units.findings.map(\.message) == plain.findings.map(\.message))
    }
}
