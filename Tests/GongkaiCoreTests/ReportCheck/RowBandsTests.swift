import Foundation
import Testing
@testable import GongkaiCore

/// Table 三 as `pdftotext -layout` prints a PDF table with labels wrapped in narrow cells: each
/// row a band of lines with its values on one of them, a group's header cut into pieces beside
/// its rows' labels (`RowBands`; reviews 16 and 17: rows took their neighbours' figures).
@Suite("Report check: table 三 printed in bands of wrapped labels (PDF layout text)")
struct RowBandsTests {
    enum Align: CaseIterable { case top, middle, bottom }

    /// The group printed beside a row in the template's two label columns.
    static func group(of row: T3Row) -> String? {
        let groups = [("withheld_", "（三）不予公开"), ("unable_", "（四）无法提供"), ("not_processed_", "（五）不予处理")]
        if let g = groups.first(where: { row.id.hasPrefix($0.0) }) { return g.1 }
        if ["other_no_correction", "other_fee_unpaid", "other_misc"].contains(row.id) { return "（六）其他处理" }
        if ["result_disclosed", "result_partially_disclosed"].contains(row.id) { return "三、本年度办理结果" }
        return nil
    }

    static func pieces(_ text: String, _ width: Int) -> [String] {
        let scalars = Array(text)
        return stride(from: 0, to: scalars.count, by: width).map { String(scalars[$0..<min($0 + width, scalars.count)]) }
    }

    /// The report as a PDF table's layout text: every label wrapped `wrap` characters a line, its
    /// values on the first, middle or last line, each group's name cut into pieces of three
    /// beside its rows (centred on them), one row's values cut over two lines when `cut` says.
    static func layout(_ report: AnnualReport, wrap: Int, align: Align, cut: String?, blank: String? = nil) -> String {
        let schema = report.schema
        var table: [(group: String, label: String, values: String)] = []
        var groupLines: [(name: String, first: Int, count: Int)] = []
        for row in schema.t3Rows {
            let labelLines = pieces(row.label, wrap)
            let values = schema.t3Columns.map { report.cells[.t3(row.id, $0.id)]!.plain }
            let at = align == .top ? 0 : align == .bottom ? labelLines.count - 1 : (labelLines.count - 1) / 2
            let first = table.count
            for (k, piece) in labelLines.enumerated() {
                var printed = k == at && row.id != blank ? values.joined(separator: "   ") : ""
                if row.id == cut, k == at {
                    // The first value a little higher than the others (pdftotext puts it on the line above).
                    printed = values[0]
                    table.append(("", piece, printed))
                    table.append(("", "", values.dropFirst().joined(separator: "   ")))
                    continue
                }
                table.append(("", piece, printed))
            }
            if let name = group(of: row) {
                if let last = groupLines.last, last.name == name {
                    groupLines[groupLines.count - 1].count = table.count - last.first
                } else {
                    groupLines.append((name, first, table.count - first))
                }
            }
        }
        for g in groupLines {
            let parts = pieces(g.name, 3)
            let top = g.first + max(0, (g.count - parts.count) / 2)
            for (k, part) in parts.enumerated() where top + k < table.count { table[top + k].group = part }
        }
        var lines = [
            ReportRenderer.title(report), "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）    申请人情况",
            "                 自然人   法人或其他组织   总计",
        ]
        for line in table {
            let group = line.group.padding(toLength: 7, withPad: "　", startingAt: 0)
            let label = line.label.padding(toLength: wrap + 1, withPad: "　", startingAt: 0)
            lines.append("  \(group)  \(label)   \(line.values)")
        }
        lines.append("四、政府信息公开行政复议、行政诉讼情况")
        return lines.joined(separator: "\n")
    }

    @Test("generated layout prints of table 三: every cell read as printed", arguments: ReportFormatVersion.allCases)
    func generatedBandsReadAsPrinted(version: ReportFormatVersion) {
        var rng = SplitMix64(seed: 2026)
        var read = 0, cells = 0
        var wrong: [String] = []
        for seed in UInt64(1)...60 {
            let report = seed % 2 == 0 ? GluedTablesPropertyTests.busy(version, seed: seed) : ReportGenerator.consistent(version, seed: seed)
            let wrap = Int.random(in: 4...9, using: &rng)
            let align = Align.allCases.randomElement(using: &rng)!
            let cut = seed % 3 == 0 ? report.schema.t3Rows.randomElement(using: &rng)!.id : nil
            let text = Self.layout(report, wrap: wrap, align: align, cut: cut)
            let result = ReportChecker.check(text: text)
            for (cell, printed) in report.cells where cell.table == "t3" {
                cells += 1
                guard let value = result.cells[cell.rawValue] ?? nil else { continue }
                if value == printed {
                    read += 1
                } else {
                    wrong.append("seed \(seed) wrap \(wrap) \(align) \(cell): \(printed.plain) read \(value.plain)")
                }
            }
        }
        #expect(wrong == [])
        // Every label holds its key and every row its values: nothing is left unread.
        #expect(read == cells)
    }

    /// One row printed blank (its label, no values): the bands are not certain, the table is read
    /// as before, and no cell comes back with another row's number (review 19).
    @Test("generated layout prints with a row printed blank: no cell read with another number", arguments: ReportFormatVersion.allCases)
    func generatedBandsWithABlankRow(version: ReportFormatVersion) {
        var rng = SplitMix64(seed: 2027)
        var wrong: [String] = []
        for seed in UInt64(1)...60 {
            let report = seed % 2 == 0 ? GluedTablesPropertyTests.busy(version, seed: seed) : ReportGenerator.consistent(version, seed: seed)
            let wrap = Int.random(in: 4...9, using: &rng)
            let align = Align.allCases.randomElement(using: &rng)!
            let blank = report.schema.t3Rows.randomElement(using: &rng)!.id
            let text = Self.layout(report, wrap: wrap, align: align, cut: nil, blank: blank)
            let result = ReportChecker.check(text: text)
            for (cell, printed) in report.cells where cell.table == "t3" {
                guard let value = result.cells[cell.rawValue] ?? nil else { continue }
                if cell.rawValue.hasPrefix("t3.\(blank).") || value != printed {
                    wrong.append("seed \(seed) wrap \(wrap) \(align) blank \(blank) \(cell): \(printed.plain) read \(value.plain)")
                }
            }
        }
        #expect(wrong == [])
    }

    /// The example of the type's documentation: 6's key below its values gave it 7's, and 公开
    /// beside 秘密 hid row 1's key. Gathered, each row's words come before its values.
    @Test func keysBelowTheirValuesAndAGroupBesideTheLabels() {
        let text = """
            （三）不予 1.属于国家 17  0  25
            公开       秘密
                      5.属于三类
                      内部事务信 0  1  2
                      息
                      6.属于四类 12  0  40
                      过程性信息
                      7.属于行政 12  0  0
                      执法案卷
            """
        let keys = [["国家秘密"], ["内部事务"], ["过程性信息"], ["执法案卷"]].map { $0.map { Array($0.unicodeScalars) } }
        let tokens = ReportTokenizer.tokens(ReportText.normalize(text))
        let out = RowBands.gathered(tokens, rowKeys: keys, headerKeys: [], groupNames: [Array("三不予公开".unicodeScalars)], width: 3).tokens
        #expect(
            out.map(\.text) == [
                "(三)不予", "公开", "1.", "属于国家", "秘密", "17", "0", "25", "5.", "属于三类", "内部事务信", "息", "0", "1", "2",
                "6.", "属于四类", "过程性信息", "12", "0", "40", "7.", "属于行政", "执法案卷", "12", "0", "0",
            ])
    }

    /// Review 19: a row printed blank beside one whose label's last piece is part of a group's name
    /// (`…禁止公` / `开  0  34 …`), or beside a label not found, left the counts even with a row
    /// lost, and the rows after it took their neighbours' figures. Every row of the format must be
    /// found: these are read as before, no cell with another row's number.
    @Test(arguments: [
        "h1_unfound_label_then_blank_row", "h2_blank_row_after_label_ending_kai", "h3_blank_carried_over_in_2021_bottom_w5",
        "h3_blank_carried_over_in_2019_bottom_w5", "h4_two_row_shift_partially_disclosed",
    ])
    func aRowPrintedBlankShiftsNoFigures(name: String) throws {
        let folder = ReportFixtures.folder.deletingLastPathComponent().appendingPathComponent("row-bands")
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent("\(name).txt")), as: UTF8.self)
        let printed = try JSONDecoder().decode([String: Decimal?].self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        let result = ReportChecker.check(text: text)
        var wrong: [String] = []
        for (cell, value) in printed {
            guard let read = result.cells[cell] ?? nil else { continue }
            if read != value { wrong.append("\(cell): printed \(value.map { "\($0)" } ?? "blank"), read \(read)") }
        }
        #expect(wrong == [])
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
    }

    /// The bands are gathered only when certain. A row whose cells are not all printed (a blank
    /// cell), or a label not found, leaves the tokens as they were; and `3.其他` is a row's
    /// label, never a piece of （六）其他处理.
    @Test func uncertainBandsAreLeftAsPrinted() {
        let keys = [["国家秘密"], ["过程性信息"], ["执法案卷"], ["行政查询"]].map { $0.map { Array($0.unicodeScalars) } }
        let groups = ["不予公开", "其他处理"].map { Array($0.unicodeScalars) }
        func gathered(_ text: String) -> (before: [ReportToken], after: [ReportToken]) {
            let tokens = ReportTokenizer.tokens(ReportText.normalize(text))
            return (tokens, RowBands.gathered(tokens, rowKeys: keys, headerKeys: [], groupNames: groups, width: 3).tokens)
        }
        let certain = gathered("1.属于国家 1 2 3\n秘密\n6.属于四类 4 5 6\n过程性信息\n7.属于行政 7 8 9\n执法案卷\n8.属于行政 1 1 1\n查询事项")
        #expect(
            certain.after.map(\.text) == [
                "1.", "属于国家", "秘密", "1", "2", "3", "6.", "属于四类", "过程性信息", "4", "5", "6", "7.", "属于行政", "执法案卷", "7", "8", "9", "8.", "属于行政", "查询事项",
                "1", "1", "1",
            ])
        // A blank cell in row 6: its line is no whole row.
        let blank = gathered("1.属于国家 1 2 3\n秘密\n6.属于四类 4 6\n过程性信息\n7.属于行政 7 8 9\n执法案卷\n8.属于行政 1 1 1\n查询事项")
        #expect(blank.after == blank.before)
        // Row 6's key not printed: three lines of values for two rows found.
        let unfound = gathered("1.属于国家 1 2 3\n秘密\n6.属于四类 4 5 6\n过程信息\n7.属于行政 7 8 9\n执法案卷\n8.属于行政 1 1 1\n查询事项")
        #expect(unfound.after == unfound.before)
        // Two values cut from a row and no line to complete them.
        let part = gathered("1.属于国家 1 2 3\n秘密\n6.属于四类 4 5\n过程性信息\n7.属于行政 7 8 9\n执法案卷\n8.属于行政 1 1 1\n查询事项")
        #expect(part.after == part.before)
        // A row's cut values are joined with the next line's only when adjacent and completing it.
        let cut = gathered("1.属于国家 1 2 3\n秘密\n6.属于四类 4\n过程性信息 5 6\n7.属于行政 7 8 9\n执法案卷\n8.属于行政 1 1 1\n查询事项")
        #expect(cut.after.map(\.text).prefix(12) == ["1.", "属于国家", "秘密", "1", "2", "3", "6.", "属于四类", "过程性信息", "4", "5", "6"])

        let misc = ReportTokenizer.tokens(ReportText.normalize("（六）其他 1.申请人 1 2 3\n处理 无正当理由逾期不补正\n3.其他 4 5 6\n（七）总计 5 7 9"))
        let miscKeys = [["不补正"], ["3其他"], ["总计"]].map { $0.map { Array($0.unicodeScalars) } }
        let out = RowBands.gathered(misc, rowKeys: miscKeys, headerKeys: [], groupNames: groups, width: 3).tokens
        #expect(out.map(\.text) == ["(六)其他", "处理", "1.", "申请人", "无正当理由逾期不补正", "1", "2", "3", "3.", "其他", "4", "5", "6", "(七)总计", "5", "7", "9"])
    }
}
