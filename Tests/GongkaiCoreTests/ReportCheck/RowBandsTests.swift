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
    static func layout(_ report: AnnualReport, wrap: Int, align: Align, cut: String?) -> String {
        let schema = report.schema
        var table: [(group: String, label: String, values: String)] = []
        var groupLines: [(name: String, first: Int, count: Int)] = []
        for row in schema.t3Rows {
            let labelLines = pieces(row.label, wrap)
            let values = schema.t3Columns.map { report.cells[.t3(row.id, $0.id)]!.plain }
            let at = align == .top ? 0 : align == .bottom ? labelLines.count - 1 : (labelLines.count - 1) / 2
            let first = table.count
            for (k, piece) in labelLines.enumerated() {
                var printed = k == at ? values.joined(separator: "   ") : ""
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

    /// Read as it stood, the example of the type's documentation: 6's key below its values gave
    /// it 7's, and 公开 beside 秘密 hid row 1's key.
    @Test func keysBelowTheirValuesAndAGroupBesideTheLabels() {
        let text = """
            示范县2023年政府信息公开工作年度报告
            三、收到和处理政府信息公开申请情况
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）  申请人情况
            （三）不予 1.属于国家 17  0  25  25  5  5  77
            公开       秘密
                      5.属于三类
                      内部事务信 0  1  2  5  0  1  9
                      息
                      6.属于四类 12  0  40  0  0  17  69
                      过程性信息
                      7.属于行政 12  0  0  25  3  40  80
                      执法案卷
            四、政府信息公开行政复议、行政诉讼情况
            """
        let result = ReportChecker.check(text: text)
        func row(_ id: String) -> [Decimal?] { ReportSchema.v2021.t3Columns.map { result.cells["t3.\(id).\($0.id)"] ?? nil } }
        #expect(row("withheld_state_secret") == [17, 0, 25, 25, 5, 5, 77])
        #expect(row("withheld_internal_affairs") == [0, 1, 2, 5, 0, 1, 9])
        #expect(row("withheld_process_info") == [12, 0, 40, 0, 0, 17, 69])
        #expect(row("withheld_enforcement_case_file") == [12, 0, 0, 25, 3, 40, 80])
        #expect(result.errorCount == 0)
    }

    /// The bands are gathered only when certain. A row whose cells are not all printed (a blank
    /// cell), or a label not found, leaves the tokens as they were; and `3.其他` is a row's
    /// label, never a piece of （六）其他处理.
    @Test func uncertainBandsAreLeftAsPrinted() {
        let keys = [["国家秘密"], ["过程性信息"], ["执法案卷"], ["行政查询"]].map { $0.map { Array($0.unicodeScalars) } }
        let groups = ["不予公开", "其他处理"].map { Array($0.unicodeScalars) }
        func gathered(_ text: String) -> (before: [ReportToken], after: [ReportToken]) {
            let tokens = ReportTokenizer.tokens(ReportText.normalize(text))
            return (tokens, RowBands.gathered(tokens, rowKeys: keys, headerKeys: [], groupNames: groups, width: 3))
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
        let out = RowBands.gathered(misc, rowKeys: miscKeys, headerKeys: [], groupNames: groups, width: 3)
        #expect(out.map(\.text) == ["(六)其他", "处理", "1.", "申请人", "无正当理由逾期不补正", "1", "2", "3", "3.", "其他", "4", "5", "6", "(七)总计", "5", "7", "9"])
    }
}
