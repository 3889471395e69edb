import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 13 of issue #10: a glued table-三 row whose blank cell vanished in the copy (H1), and
/// row labels wrapped by `pdftotext -layout` with the values on their first line (H2). Fixtures:
/// base-2022's tables with numbers of our own, kept consistent (R1, R2, R4 hold).
@Suite("Report check, review 13: a glued row's lost blank cell, labels wrapped after their values")
struct ColdReviewThirteenTests {
    /// base-2022 with `row` set to `values`, 办理结果总计 and 本年新收 made to keep R2 and R1.
    static func report(_ rows: [String: [Decimal]]) -> AnnualReport {
        var report = AnnualReport(formatVersion: .v2021, year: 2022, issuer: "示范县教育局", cells: ReportFixtures.baseCells)
        report.sections = [
            .overview: "本年度，本局认真落实政府信息公开条例。", .problems: "存在的问题是更新不够及时，下一步将建立提醒机制。",
            .other: "本机关未收取信息处理费。",
        ]
        let schema = report.schema
        for (row, values) in rows {
            for (c, col) in schema.t3Columns.enumerated() { report[.t3(row, col.id)] = values[c] }
        }
        for col in schema.t3Columns.map(\.id) {
            let total = schema.resultLeaves.map { report[.t3($0.id, col)]! }.reduce(0, +)
            report[.t3("result_total", col)] = total
            report[.t3("new_received", col)] = total + report[.t3("carried_over_out", col)]! - report[.t3("carried_over_in", col)]!
        }
        return report
    }

    static func line(_ text: String, containing label: String) -> String {
        String(text.split(separator: "\n").first { $0.contains(label) }!)
    }

    // MARK: H1 — `（一）予以公开42615121691`, printed 42 6 15 12 _ 16 91

    /// 予以公开 printed with its 0 of 法律服务机构 left blank, the row glued to its label: the digits
    /// have one cut into seven numbers that keeps R4, 42 6 15 1 21 6 91 — three invented numbers,
    /// and R2 broken in three columns. The cut with the blank cell keeps the columns: that reading
    /// is refuted, the row left empty, and no error is laid on the report.
    @Test func aGluedRowThatLostABlankCellIsNotReadAsSevenNumbers() {
        let printed = Self.report(["result_disclosed": [42, 6, 15, 12, 0, 16, 91]])
        let tabbed = ReportRenderer.text(printed)
        let row = Self.line(tabbed, containing: "（一）予以公开")
        #expect(row.hasSuffix("\t42\t6\t15\t12\t0\t16\t91"))
        let text = tabbed.replacingOccurrences(of: row, with: "（一）予以公开42615121691")
        let result = ReportChecker.check(text: text)
        let values = ReportFixtures.values(result)
        for (cell, value) in printed.cells where cell != .t3("result_disclosed", "legal_service_org") {
            if let read = values[cell] { #expect(read == value, "\(cell)") }
        }
        #expect(values[.t3("result_disclosed", "public_welfare_org")] == nil)
        #expect(result.findings.filter { $0.severity == .error }.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.missingCells.first { $0.cell == .t3("result_disclosed", "other_org") }?.reason.contains("本行可能印错或拆错") == true)
        // the other rows are read as printed
        #expect(values[.t3("result_total", "total")] == printed[.t3("result_total", "total")])
    }

    @Test(arguments: [
        // digits, width, required columns → a cut with one blank cell exists that keeps R4
        ("42615121691", 7, [3: "12", 4: "0", 5: "16"], true),  // 42 6 15 12 _ 16 91
        ("42615121692", 7, [3: "12", 4: "0", 5: "16"], false),  // … _ 16 92: the row's total broken
        ("42615121691", 7, [3: "12", 5: "16"], false),  // the blank only where 0 is asked
        ("42615121691", 7, [3: "12", 4: "7", 5: "16"], false),  // a blank counts as 0
        ("42615121691", 7, [3: "13", 4: "0", 5: "16"], false),
        ("1912002253", 7, [0: "19", 1: "0", 2: "12", 3: "0"], true),  // 19 _ 12 0 0 22 53
        ("55", 3, [1: "0"], true),  // 5 _ 5
        ("1", 3, [1: "0", 2: "0"], false),  // one blank at most
    ])
    func recutsWithABlankCell(_ item: (String, Int, [Int: String], Bool)) {
        let required = item.2.mapValues { Array($0.utf8) }
        #expect(T3RowRecut.cutsWithBlank(Array(item.0.utf8), into: item.1, required: required) == item.3)
        // A cut of seven numbers cannot give these columns their values: only the blank does.
        if item.0 == "42615121691", item.3 { #expect(!T3RowRecut.cuts(Array(item.0.utf8), into: item.1, required: required)) }
    }

    // MARK: H2 — `5.要求行政机关确认   0 0 0 0 0 3 3` / `或重新出具已获取信息`

    /// Two rows wrapped as `pdftotext -layout` prints them, their values on the first line and the
    /// rest of the label under it: each row keeps its own values (5 was given 1's 4 0 6 0 0 0 10).
    @Test func labelsWrappedAfterTheirValuesKeepTheirValues() {
        let printed = Self.report([
            "not_processed_confirm_or_reissue": [0, 0, 0, 0, 0, 3, 3], "other_no_correction": [4, 0, 6, 0, 0, 0, 10],
        ])
        var text = ReportRenderer.text(printed)
        func spaced(_ values: [Decimal]) -> String { values.map { "   \($0)" }.joined() }
        let confirm = Self.line(text, containing: "5.要求行政机关确认或重新出具已获取信息")
        text = text.replacingOccurrences(
            of: confirm, with: "5.要求行政机关确认" + spaced([0, 0, 0, 0, 0, 3, 3]) + "\n          或重新出具已获取信息")
        let noCorrection = Self.line(text, containing: "1.申请人无正当理由逾期不补正")
        text = text.replacingOccurrences(
            of: noCorrection,
            with: "（六）其他处理1.申请人无正当理由逾期不" + spaced([4, 0, 6, 0, 0, 0, 10]) + "\n          补正、行政机关不再处理其政府信息公开申请")
        let result = ReportChecker.check(text: text)
        #expect(ReportFixtures.values(result) == printed.cells, "every cell read, each as printed")
        #expect(result.findings.filter { $0.severity == .error }.isEmpty)
    }

    /// A line of words after a row is moved only when a row's key runs across the join: a note
    /// under the table (`注：…`) and a group header printed without its ordinal stay where they are.
    @Test func wordsAfterARowMoveOnlyToCompleteALabel() {
        func tokens(_ lines: [String]) -> [ReportToken] { ReportTokenizer.tokens(lines.joined(separator: "\n")) }
        let keys = [Array("确认或重新".unicodeScalars), Array("不予处理".unicodeScalars)]
        let wrapped = WrappedLabels.joined(tokens(["5.要求行政机关确认 0 3 3", "或重新出具已获取信息"]), keys: keys)
        #expect(wrapped.map(\.text) == ["5.", "要求行政机关确认", "或重新出具已获取信息", "0", "3", "3"])
        #expect(Set(wrapped.map(\.line)).count == 1)
        for lines in [["4.无正当理由大量反复申请 0 0 0", "不予处理"], ["3.其他 0 0 0", "注：本表数据截至12月31日"]] {
            let original = tokens(lines)
            #expect(WrappedLabels.joined(original, keys: keys) == original, "\(lines)")
        }
    }

    // MARK: M3 — "行政复议 2 件，其中行政复议结果维持 1 件"

    /// base-2022's table 四: 行政复议 结果维持 1, 尚未审结 1, 总计 2; 行政诉讼 1. A count of one
    /// column after the lead word is not the total restated; the total still is.
    @Test(
        arguments: [
            ("共发生政府信息公开行政复议 2 件、行政诉讼 1 件，其中行政复议结果维持 1 件。", nil),
            ("行政复议尚未审结 1 件，行政诉讼被驳回 2 件。", nil),
            ("共发生政府信息公开行政复议 3 件。", "“行政复议 3 件”"),
            ("其中行政复议结果纠正的案件 0 件，行政诉讼被驳回起诉 0 件。", nil),
            ("共发生政府信息公开行政复议（含尚未审结）5 件。", "含尚未审结)5 件”"),
        ] as [(String, String?)])
    func aColumnOfTableFourIsNoTotalRestated(_ item: (String, String?)) {
        let result = NarrativeRestatementTests.check(saying: item.0)
        let n1 = result.findings.filter { $0.rule == "N1" }
        if let stated = item.1 {  // the quote as normalised: full-width brackets are ASCII
            #expect(n1.count == 1 && n1[0].message.contains(stated), "\(n1.map(\.message))")
        } else {
            #expect(n1.isEmpty, "\(n1.map(\.message))")
        }
    }

    // MARK: M2, L4 — title shapes that name their issuer

    @Test(
        arguments: [
            ("示范县城关镇人民政府政府信息公开工作2022年度报告", "示范县城关镇人民政府"),
            ("示范县关于2022年度政府信息公开工作的年度报告", "示范县"),
            ("示范县教育局关于2022年度政府信息公开工作的年度报告", "示范县教育局"),
            // a bracket before the year names a category as often (【乡镇街道】, review 14), and
            // "…信息公开年报" ends breadcrumbs too: neither is read as a title's issuer
            ("【乡镇街道】关于2022年度政府信息公开工作的年度报告", nil),
            ("示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            // a space inside the title: the marker was missed or the name read as 示范县水利局政府
            ("示范县水利局2023年政府 信息公开工作年度报告", "示范县水利局"),
            ("示 范 县 教 育 局 2 0 2 2 年 政 府 信 息 公 开 工 作 年 度 报 告", nil),  // every letter apart: no title line
            ("示范县人民政府办公室关于印发示范县教育局2022年政府信息公开工作年度报告的通知", "示范县教育局"),
            ("【年度报告】2022年政府信息公开工作年度报告", nil),
            ("关于2022年度政府信息公开工作的年度报告", nil),
        ] as [(String, String?)])
    func theIssuerIsReadFromTheTitlesShape(_ item: (String, String?)) {
        #expect(IssuerReader.title(in: [item.0])?.issuer == item.1)
    }
}
