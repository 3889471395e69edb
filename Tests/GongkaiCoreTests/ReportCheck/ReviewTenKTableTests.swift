import Foundation
import Testing
@testable import GongkaiCore

/// Review 10k's table-reading findings (issue #10), each on fixtures of our own: H2 (separated
/// numbers cut into several when a row lost two values or more; a footnote mark that made a
/// value disappear), H3 (a signed cell of a short 2019 table 二 row read as one number; an empty
/// column label in the repair), M4 (a `|` row whose only cell holds a digit run, read unlike
/// the same HTML cell).
@Suite("Report check, review 10k's table findings: separated numbers, signed cells, single-cell rows")
struct ReviewTenKTableTests {
    typealias Example = GluedRowTests.Example
    typealias Stray = FifthReviewTests.Stray
    typealias I = ColdReviewTenITests

    // MARK: H2 — numbers printed with a separator between them are never cut

    /// A table-三 row printed 5 4 26 0 3 87 125: with 26 and 3 lost, `5 4 0 87 125` has one cut
    /// into seven numbers that keeps the row's total, 5 4 0 8 7 1 25 — every cell of it wrong
    /// but the first three. The lost values may lie at any separator, so no cell is forced.
    @Test(
        "two values lost from a separated row: nothing is read",
        arguments: [
            Example(printed: "5 4 0 87 125", width: 7, table: "t3", cells: [nil, nil, nil, nil, nil, nil, nil]),
            Example(printed: "5\t4\t0\t87\t125", width: 7, table: "t3", cells: [nil, nil, nil, nil, nil, nil, nil]),
            Example(printed: "5\n4\n0\n87\n125", width: 7, table: "t3", cells: [nil, nil, nil, nil, nil, nil, nil]),
            Example(printed: "5 4 87 125", width: 7, table: "t3", cells: [nil, nil, nil, nil, nil, nil, nil]),
            // Table 四: the same (the values of one group printed, separated, with two lost).
            Example(printed: "12 3 5 20 1 0 0 1 2 0 1 0 0", width: 15, table: "t4", cells: Array(repeating: nil, count: 15)),
            // Read as before: every value printed; one value lost (placed at each separator and
            // completed from the total); a glued run in the row (`0015` is no one number, `6100108`
            // longer than four digits); one run.
            Example(printed: "5 4 26 0 3 87 125", width: 7, table: "t3", cells: [5, 4, 26, 0, 3, 87, 125]),
            Example(printed: "16 0 0 0 0 16", width: 7, table: "t3", cells: [nil, nil, 0, 0, 0, nil, nil]),
            Example(printed: "12 3 0 0 0015", width: 7, table: "t3", cells: [12, 3, 0, 0, 0, 0, 15]),
            Example(printed: "713000074", width: 7, table: "t3", cells: [71, 3, 0, 0, 0, 0, 74]),
            Example(printed: "6100108\n12", width: 7, table: "t3", cells: [6, 1, 0, 0, 1, 0, 8]),
            Example(printed: "100120100100000", width: 15, table: "t4", cells: [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]),
        ])
    func separatedNumbersAreNotCut(_ example: Example) {
        let analysis = GluedRowTests.analyze(example.printed, width: example.width, table: example.table)
        #expect(GluedRowTests.ints(RowSolver.cells(analysis)) == example.cells)
    }

    @Test func theReasonSaysValuesWereLost() {
        let analysis = GluedRowTests.analyze("5 4 0 87 125", width: 7, table: "t3")
        var reading = TableReading()
        let ids = ReportSchema.v2021.t3Grid[0]
        RowWriter(table: "表三", row: "（七）总计", ids: ids, columnLabels: ReportSchema.v2021.t3Columns.map(\.label))
            .write(analysis, into: &reading)
        #expect(reading.cells.isEmpty)
        #expect(reading.repairs.isEmpty, "nothing was read, so nothing was repaired")
        let reason = reading.missing[ids[0]] ?? ""
        #expect(reason.contains("5 4 0 87 125") && reason.contains("丢了数") && reason.contains("不拆开"), "\(reason)")
    }

    /// Generated consistent reports (counts in the hundreds), one table-三 row per report printed
    /// with two of its values dropped, tab- or space-separated: no cell comes back with another
    /// number, and no R1/R2/R4 error is raised (before, a cut that kept the row's total was read,
    /// with false errors in its columns).
    @Test func rowsThatLostTwoValuesReadNoWrongNumber() {
        var wrong: [String] = []
        var errors: [String] = []
        var dropped = 0
        for seed in UInt64(1)...24 {
            let report = GluedTablesPropertyTests.busy(.v2021, seed: seed)
            var rng = SplitMix64(seed: seed &+ 99)
            let rows = report.schema.t3Rows
            let row = rows[Int.random(in: 0..<rows.count, using: &rng)]
            let separator = seed % 2 == 0 ? "\t" : " "
            let lines = ReportRenderer.text(report).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cells.count >= 8, ReportText.key(cells[cells.count - 8]).hasSubstring(ReportText.key(row.label)) else { return String(line) }
                var values = Array(cells.suffix(7))
                let first = Int.random(in: 0..<7, using: &rng)
                var second = Int.random(in: 0..<6, using: &rng)
                if second >= first { second += 1 }
                values = values.enumerated().filter { $0.offset != first && $0.offset != second }.map(\.element)
                dropped += 1
                return (cells.dropLast(7) + [values.joined(separator: separator)]).joined(separator: "\t")
            }
            let result = ReportChecker.check(text: lines.joined(separator: "\n"))
            for (cell, printed) in report.cells {
                if let read = result.cells[cell.rawValue] ?? nil, read != printed { wrong.append("seed \(seed) \(cell): \(printed) read \(read)") }
            }
            errors += result.findings.filter { $0.severity == .error }.map { "seed \(seed) \($0.rule) \($0.message)" }
        }
        #expect(dropped >= 24, "rows changed: \(dropped)")
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(errors.isEmpty, "\(errors)")
    }

    /// base-2022's table 三 printed one value per line (a copy of a Word table), two values of the
    /// 总计 row with a footnote mark: `3*` and `17*` are the values 3 and 17, and the plain
    /// values between them are no page numbers (before, the marked values anchored the row and
    /// the plain ones were read both ways, which left the row unread).
    @Test func aFootnoteMarkKeepsItsValue() {
        for mark in ["*", "＊"] {
            let text = Self.onePerLine(ReportFixtures.text("base-2022.txt"))
                .replacingOccurrences(of: "（七）总计\n12\n3\n0\n1\n1\n0\n17\n", with: "（七）总计\n12\n3\(mark)\n0\n1\n1\n0\n17\(mark)\n")
            #expect(text.contains("17\(mark)\n"))
            let result = ReportChecker.check(text: text)
            #expect(I.t3(result, "result_total") == [12, 3, 0, 1, 1, 0, 17], "\(mark): \(I.t3(result, "result_total"))")
            #expect(I.t3(result, "carried_over_out") == [1, 0, 0, 0, 1, 0, 2])
        }
        // A page number between marks is still chrome.
        let chrome = Self.onePerLine(ReportFixtures.text("base-2022.txt"))
            .replacingOccurrences(of: "（七）总计\n12\n3\n0\n1\n1\n0\n17\n", with: "（七）总计\n12\n3\n0\n1\n1\n0\n17\n*3*\n")
        #expect(chrome.contains("*3*"))
        let result = ReportChecker.check(text: chrome)
        #expect(I.t3(result, "result_total") == [12, 3, 0, 1, 1, 0, 17])
        #expect(I.t3(result, "carried_over_out") == [1, 0, 0, 0, 1, 0, 2])
    }

    /// Table 三's rows (a label and seven values) with each cell on its own line.
    static func onePerLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 8, cells.suffix(7).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else {
                return String(line)
            }
            return cells.filter { !$0.isEmpty }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    // MARK: H3 — a signed cell of a short 2019 table 二 row may be a glued pair

    static func t2019(_ result: ReportCheckResult, _ block: String, _ row: String) -> [Decimal?] {
        let values = ReportFixtures.values(result)
        return ["items_last_year", "change_this_year", "decisions"].map { values[.t2(block, row, $0)] }
    }

    static func check2019(_ from: String, _ to: String) -> ReportCheckResult {
        let text = ReportFixtures.text("report-2019-format.txt")
        #expect(text.contains(from), "fixture changed: \(from)")
        return ReportChecker.check(text: text.replacingOccurrences(of: from, with: to), source: to)
    }

    /// report-2019-format prints 行政强制 4 | -1 | 3 and 行政许可 12 | 增1 | 340. Printed in two cells
    /// with the change glued to the next value, the signed cell is −1 and 3 as well as −13: no
    /// cell is read, whatever the sign, as for an unsigned one (`| 4 | 13 |`).
    @Test(
        "a signed glued cell: nothing is read",
        arguments: [
            "| 行政强制 | 4 | -13 |", "| 行政强制 | 4 | 减13 |", "| 行政强制 | 4 | 13 |",
        ])
    func signedGluedCell(_ row: String) {
        let result = Self.check2019("行政强制\t4\t-1\t3", row)
        #expect(Self.t2019(result, "art20_6", "admin_coercion") == [nil, nil, nil], "\(Self.t2019(result, "art20_6", "admin_coercion"))")
        #expect(Self.t2019(result, "art20_6", "admin_penalty") == [30, 0, 45])
    }

    @Test(arguments: ["| 行政许可 | 12 | 增1340 |", "| 行政许可 | 12 | +1340 |"])
    func positiveGluedCell(_ row: String) {
        let result = Self.check2019("行政许可\t12\t增1\t340", row)
        #expect(Self.t2019(result, "art20_5", "admin_licensing") == [nil, nil, nil], "\(Self.t2019(result, "art20_5", "admin_licensing"))")
    }

    @Test func signedGluedHTMLCell() throws {
        let html = Self.html(ReportFixtures.text("report-2019-format.txt").replacingOccurrences(of: "行政强制\t4\t-1\t3", with: "行政强制\t4\t-13"))
        #expect(html.contains("<td>-13</td></tr>"))
        let result = try ReportChecker.check(ReportFile(name: "t2-signed.html", data: Data(html.utf8)))
        #expect(Self.t2019(result, "art20_6", "admin_coercion") == [nil, nil, nil], "\(Self.t2019(result, "art20_6", "admin_coercion"))")
        #expect(Self.t2019(result, "art20_6", "admin_penalty") == [30, 0, 45])
    }

    /// A short row whose last cell is simply not there (`| 行政强制 | 4 | -1 |`, one digit each: no
    /// glue) is read as printed; the repair names no empty column (“”).
    @Test func theRepairOfAShortRowNamesNoEmptyColumn() {
        let result = Self.check2019("行政强制\t4\t-1\t3", "| 行政强制 | 4 | -1 |")
        #expect(Self.t2019(result, "art20_6", "admin_coercion") == [4, -1, nil])
        let repair = result.repairs.first { $0.row == "行政强制" }
        #expect(repair != nil)
        #expect(repair?.message.contains("“”") == false, "\(repair?.message ?? "")")
        #expect(repair?.message.contains("缺少的是") == false, "\(repair?.message ?? "")")
        #expect(result.repairs.allSatisfy { !$0.message.contains("“”") && !$0.row.isEmpty }, "\(result.repairs.map(\.message))")
    }

    // MARK: M4 — a `|` cell holding a row's digit run reads as the same HTML cell does

    @Test func aSingleRunCellReadsAlikeInPipesAndHTML() throws {
        // base-2022's 四、结转下年度继续办理 1 0 0 0 1 0 2, glued into one cell.
        let from = "四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2"
        let pipe = I.check(Stray(name: "pipe", from: from, to: "| 四、结转下年度继续办理 | 1000102 |"))
        let html = Self.html(ReportFixtures.text("base-2022.txt").replacingOccurrences(of: from, with: "四、结转下年度继续办理\t1000102"))
        let fromHTML = try ReportChecker.check(ReportFile(name: "t3-run.html", data: Data(html.utf8)))
        // Its last cells may have been lost as well as its separators (review 10l H2): 10 0 0 1 0 2
        // with the total lost is a reading too. Whatever is read, alike in both, is as printed.
        #expect(I.t3(fromHTML, "carried_over_out") == I.t3(pipe, "carried_over_out"))
        for (read, printed) in zip(I.t3(pipe, "carried_over_out"), [1, 0, 0, 0, 1, 0, 2] as [Decimal]) where read != nil { #expect(read == printed) }
        // A run that the total alone does not decide (12 3 0 1 2 0 18 or 1 2 3 0 12 0 18 …) reads
        // the same in both as well.
        let row = "一、本年新收政府信息公开申请数量"
        let pipe2 = I.check(Stray(name: "pipe", from: "\(row)\t12\t3\t0\t1\t2\t0\t18", to: "| \(row) | 123012018 |"))
        let html2 = Self.html(
            ReportFixtures.text("base-2022.txt").replacingOccurrences(of: "\(row)\t12\t3\t0\t1\t2\t0\t18", with: "\(row)\t123012018"))
        let fromHTML2 = try ReportChecker.check(ReportFile(name: "t3-run2.html", data: Data(html2.utf8)))
        #expect(
            I.t3(fromHTML2, "new_received") == I.t3(pipe2, "new_received"), "\(I.t3(fromHTML2, "new_received")) vs \(I.t3(pipe2, "new_received"))")
        for (read, printed) in zip(I.t3(pipe2, "new_received"), [12, 3, 0, 1, 2, 0, 18] as [Decimal]) where read != nil { #expect(read == printed) }
    }

    // MARK: helpers

    /// The text as a web page: each run of tab-separated lines a table, one row a line, one
    /// cell a tab-separated piece; other lines paragraphs.
    static func html(_ text: String) -> String {
        var out = "<html><body>\n"
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\t") {
                if !inTable { out += "<table>\n"; inTable = true }
                out += "<tr><td>" + line.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "</td><td>") + "</td></tr>\n"
            } else {
                if inTable { out += "</table>\n"; inTable = false }
                if !line.isEmpty { out += "<p>\(line)</p>\n" }
            }
        }
        if inTable { out += "</table>\n" }
        return out + "</body></html>\n"
    }
}
