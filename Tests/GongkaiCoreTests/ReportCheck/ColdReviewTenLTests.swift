import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10l of issue #10, its table-reading defects: a short HTML row of a label and one
/// glued cell read as a text row (H2), and a reading forced by its row's own total retracted as if
/// it were an assumption, which hid true R1 errors (M1). Fixtures: base-2022 with numbers of our own.
@Suite("Report check, review 10l: a label and one glued HTML cell, R4-forced readings are evidence")
struct ColdReviewTenLTests {
    typealias Stray = FifthReviewTests.Stray
    typealias I = ColdReviewTenITests

    // MARK: H2 — `<td>一、本年新收…</td><td>1230129</td>`: a short row, its last cells lost

    /// Table 三 of base-2022 with two rows changed, still consistent (R1, R2, R4 hold):
    /// 一、本年新收 12 3 0 1 2 9 27 and 四、结转下年度 1 0 0 0 1 9 11. The 新收 row is printed as a
    /// label and one cell holding its first six cells glued, its total lost: `1230129`. Read as a
    /// text row, seven digits for seven columns are forced — 1 2 3 0 1 2 9, seven wrong cells and
    /// seven false R1 errors; with its last cells possibly lost (as `| 一、本年新收… | 1230129 |`)
    /// nothing forces that cut.
    static let newReceived: [Decimal] = [12, 3, 0, 1, 2, 9, 27]
    static let carriedOut: [Decimal] = [1, 0, 0, 0, 1, 9, 11]
    static let textCut: [Decimal] = [1, 2, 3, 0, 1, 2, 9]

    static func htmlCells(_ values: [Decimal]) -> String {
        values.map { "<td>&nbsp;<span>\($0)</span>&nbsp;" }.joined()
    }

    static func gluedRowHTML() -> String {
        var html = ReportFixtures.text("base-2022.html")
        let rows: [(String, String)] = [
            (
                "<tr><td colspan=\"3\"><p>一、本年新收政府信息公开申请数量</p></td>" + htmlCells([12, 3, 0, 1, 2, 0, 18]) + "</tr>",
                "<tr><td>一、本年新收政府信息公开申请数量</td><td>1230129</td></tr>"
            ),
            (
                "<p>四、结转下年度继续办理</p></td>" + htmlCells([1, 0, 0, 0, 1, 0, 2]) + "</tr>",
                "<p>四、结转下年度继续办理</p></td>" + htmlCells(carriedOut) + "</tr>"
            ),
        ]
        for (from, to) in rows {
            #expect(html.contains(from), "fixture changed: \(from)")
            html = html.replacingOccurrences(of: from, with: to)
        }
        return html
    }

    @Test func aLabelAndOneCellOfDigitsIsARowInCells() {
        // Closed like a row of three cells or more: its cells are cells (`| 总计 | 12301310 |`).
        #expect(ReportTokenizer.tableRow(["（七）总计", "12301310"]) == "（七）总计\t12301310│")
        #expect(ReportTokenizer.tableRow(["行政规范性文件", "044"]) == "行政规范性文件\t044│")
        // Not a run of digits: as before (a text row).
        #expect(ReportTokenizer.tableRow(["行政事业性收费", "591.73"]) == "行政事业性收费\t591.73")
        #expect(ReportTokenizer.tableRow(["规章", "5"]) == "规章\t5")
        // One cell alone: a row of table 四 glued (`<td>23128000331212125</td>`), but not what may
        // be a page number (four digits at most).
        #expect(ReportTokenizer.tableRow(["23128000331212125"]) == "23128000331212125│")
        #expect(ReportTokenizer.tableRow(["12"]) == "12")
        #expect(ReportTokenizer.tableRow(["2023"]) == "2023")
        let tokens = ReportTokenizer.tokens(ReportTokenizer.tableRow(["（七）总计", "12301310"]))
        #expect(tokens.contains { $0.text == "12301310" && $0.wholeCell })
    }

    @Test func theTableReadsNoCutThatIgnoresTheLostCells() throws {
        // Before any retraction: the reader itself states no wrong number (it read 1 2 3 0 1 2 9).
        let text = ReportText.normalize(try HTMLExtractor.text(fromHTML: Self.gluedRowHTML()))
        #expect(text.contains("一、本年新收政府信息公开申请数量\t1230129│"))
        let section = try #require(ReportStructure.split(text).sections[.requests])
        let reading = TableReader.readT3(ReportTokenizer.tokens(section), schema: .v2021)
        let columns = ReportSchema.v2021.t3Columns.map(\.id)
        let read = columns.map { reading.cells[.t3("new_received", $0)] }
        for (k, value) in read.enumerated() where value != nil {
            #expect(value == Self.newReceived[k], "新收 column \(columns[k]): \(String(describing: value)) vs \(Self.newReceived[k])")
        }
        // The total, lost in the copy, is read in no reading.
        #expect(read[6] == nil)
        #expect(columns.map { reading.cells[.t3("carried_over_out", $0)] } == Self.carriedOut.map { Optional($0) })
    }

    @Test func theCheckGivesNoWrongNumberAndNoFalseErrorLikeThePipeCopy() throws {
        let html = try ReportChecker.check(ReportFile(name: "new-glued.html", data: Data(Self.gluedRowHTML().utf8)))
        // The same table in pipes, the 新收 row `| 一、本年新收… | 1230129 |`.
        let pipes = I.check([
            Stray(name: "new", from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", to: "| 一、本年新收政府信息公开申请数量 | 1230129 |"),
            Stray(
                name: "out", from: "四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2",
                to: "四、结转下年度继续办理\t" + Self.carriedOut.map { "\($0)" }.joined(separator: "\t")),
        ])
        for result in [html, pipes] {
            let read = I.t3(result, "new_received")
            for (k, value) in read.enumerated() where value != nil {
                #expect(value == Self.newReceived[k], "\(result.source) 新收 column \(k): \(String(describing: value)) vs \(Self.newReceived[k])")
            }
            #expect(read != Self.textCut.map { Optional($0) })
            let errors = result.findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(result.source): \(errors.map(\.message))")
        }
        #expect(I.t3(html, "new_received") == I.t3(pipes, "new_received"))
    }

    /// Table 四 of our own, 1 0 1 0 2 | 1 0 1 0 2 | 0 0 1 12 13, printed as one cell holding its first
    /// fourteen values glued (`<td>101021010200112</td>`, the last lost). Read as a text row, its one
    /// cut that keeps R5 ends … 0 0 1 1 2 — 尚未审结 1 and 总计 2 where 12 and 13 were printed.
    @Test func aTableFourRowOfOneGluedCellReadsNoWrongNumber() throws {
        let truth: [Decimal] = [1, 0, 1, 0, 2, 1, 0, 1, 0, 2, 0, 0, 1, 12, 13]
        var html = ReportFixtures.text("base-2022.html")
        let row = "<tr>" + ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"].map { "<td>\($0)</td>" }.joined() + "</tr>"
        #expect(html.contains(row), "fixture changed")
        html = html.replacingOccurrences(of: row, with: "<tr><td>101021010200112</td></tr>")
        let result = try ReportChecker.check(ReportFile(name: "t4-one-cell.html", data: Data(html.utf8)))
        let values = ReportFixtures.values(result)
        let ids = ReportSchema.v2021.t4Groups.flatMap { g in ReportSchema.v2021.t4Columns.map { CellID.t4(g.id, $0.id) } }
        for (cell, value) in zip(ids, truth) {
            guard let read = values[cell] else { continue }
            #expect(read == value, "\(cell): \(read) vs \(value)")
        }
        #expect(!result.findings.contains { $0.rule == "R5" && $0.severity == .error })
    }

    // MARK: M1 — a reading forced by the row's own total is evidence: a misprint it shows stays

    /// base-2022's 一、本年新收 misprinted 12 3 0 2 2 0 19 (社会公益组织 2, not 1; R4 holds):
    /// R1 breaks in 社会公益组织 (2 + 0 ≠ 1 + 0) and 总计 (19 + 1 ≠ 17 + 2).
    static let misprinted = "一、本年新收政府信息公开申请数量\t12\t3\t0\t2\t2\t0\t19"
    static let plainRow = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18"

    static func r1Errors(_ result: ReportCheckResult) -> [Finding] {
        result.findings.filter { $0.rule == "R1" && $0.severity == .error }
    }

    @Test func aMisprintReadAsTheRowsOnlyReadingStaysAnError() {
        let plain = I.check(Stray(name: "plain", from: Self.plainRow, to: Self.misprinted))
        #expect(Self.r1Errors(plain).count == 2, "\(Self.r1Errors(plain).map(\.message))")
        // Glued to its label: `123022019` has 17 cuts into seven numbers, one of which keeps R4 —
        // the row as printed. That reading is forced, not assumed.
        let glued = I.check(Stray(name: "glued", from: Self.plainRow, to: "一、本年新收政府信息公开申请数量123022019"))
        #expect(I.t3(glued, "new_received") == [12, 3, 0, 2, 2, 0, 19], "\(I.t3(glued, "new_received"))")
        #expect(glued.repairs.contains { $0.message.contains("只有一种读法：12 3 0 2 2 0 19") }, "\(glued.repairs.map(\.message))")
        // The same two R1 errors as printed plainly, in the same columns; nothing emptied as "refuted".
        let columns = { (r: ReportCheckResult) in Set(Self.r1Errors(r).flatMap(\.cells).map(\.rawValue)) }
        #expect(Self.r1Errors(glued).count == 2, "\(glued.findings.map(\.message))")
        #expect(columns(glued) == columns(plain))
        #expect(!glued.missingCells.contains { $0.reason.contains("这种读法被否定") })
    }

    @Test func anRFourReadingThatBreaksROneInOneColumnBesidesTheTotalIsKept() {
        // 一、本年新收 read under R4 only as 12 3 0 2 2 0 19 (社会公益组织 2): R1 breaks in that column
        // and in 总计, as one misprinted cell does. The row's total forced the reading: the error is
        // the report's.
        var reading = ReviewTenJOpenFindingsTests.baseReading()
        reading.cells[.t3("new_received", "public_welfare_org")] = 2
        reading.cells[.t3("new_received", "total")] = 19
        let assumed = ReviewTenJOpenFindingsTests.columns.map { CellID.t3("new_received", $0) }
        reading.assumptions = [Assumption(rule: .r4, scope: ["new_received"], cells: assumed, message: "R4")]
        let before = reading.cells
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        #expect(reading.cells == before)
        let outcome = CrossChecks.run(AnnualReport(formatVersion: .v2021, cells: reading.cells), assumptions: reading.assumptions)
        #expect(outcome.findings.filter { $0.rule == "R1" && $0.severity == .error }.count == 2, "\(outcome.findings.map(\.message))")
    }

    @Test func anRFourReadingThatBreaksROneInTwoColumnsBesidesTheTotalIsRefuted() {
        // 一、本年新收 printed 12 3 0 1 2 0 18 but its total misprinted 36, every value glued:
        // `123012036` has one cut that keeps R4, 1 2 30 1 2 0 36 — invented numbers. R1 breaks in
        // three columns besides 总计, and the cut 12 3 0 1 2 0 36 of the same digits keeps them: the
        // reading is refuted (review 10m H2).
        var reading = ReviewTenJOpenFindingsTests.baseReading()
        for (column, value) in zip(ReviewTenJOpenFindingsTests.columns, [1, 2, 30, 1, 2, 0, 36]) {
            reading.cells[.t3("new_received", column)] = Decimal(value)
        }
        let assumed = ReviewTenJOpenFindingsTests.columns.map { CellID.t3("new_received", $0) }
        reading.assumptions = [Assumption(rule: .r4, scope: ["new_received"], cells: assumed, message: "R4")]
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        for cell in assumed { #expect(reading.cells[cell] == nil, "\(cell)") }
        #expect(reading.missing[assumed[0]]?.contains("本行可能印错或拆错") == true, "\(String(describing: reading.missing[assumed[0]]))")
    }

    @Test func anRFourReadingStandsWhenAnotherRowsMisprintBreaksTheColumns() {
        // 一、本年新收 printed 12 3 0 1 2 0 18 but read from a glued run by R4 (right); 二、上年结转
        // printed with two cells 1 too high and its total kept: R1 breaks in two columns besides
        // 总计 through both rows. No other cut of `123012018` makes those columns hold (it would
        // need 12 − 1 and 3 − 1 in them), so the misprint is the other row's and its errors stay
        // (review 10n M1: the glued row was emptied and the errors dropped).
        var reading = ReviewTenJOpenFindingsTests.baseReading()
        let assumed = ReviewTenJOpenFindingsTests.columns.map { CellID.t3("new_received", $0) }
        reading.assumptions = [Assumption(rule: .r4, scope: ["new_received"], cells: assumed, message: "R4")]
        for column in ["natural_person", "commercial_enterprise", "total"] {
            let cell = CellID.t3("carried_over_in", column)
            reading.cells[cell] = (reading.cells[cell] ?? 0) + (column == "total" ? 2 : 1)
        }
        let before = reading.cells
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        #expect(reading.cells == before)
        let outcome = CrossChecks.run(AnnualReport(formatVersion: .v2021, cells: reading.cells), assumptions: reading.assumptions)
        #expect(outcome.findings.filter { $0.rule == "R1" && $0.severity == .error }.count == 3, "\(outcome.findings.map(\.message))")
    }

    @Test(arguments: [
        // digits, width, required columns → a cut exists
        ("123012018", 7, [3: "1", 4: "2", 5: "0"], true),
        ("123012018", 7, [0: "11"], false),
        ("100", 2, [1: "0"], true),  // 10 0
        ("100", 2, [0: "1"], false),  // 1 00: no number has a leading zero
        ("945423045104330", 7, [0: "94", 1: "54", 2: "23", 3: "0", 4: "45", 5: "104"], true),  // the total misprinted: 330 kept
    ])
    func recutsOfARowsDigits(_ item: (String, Int, [Int: String], Bool)) {
        let required = item.2.mapValues { Array($0.utf8) }
        #expect(T3RowRecut.cuts(Array(item.0.utf8), into: item.1, required: required) == item.3)
    }

    @Test func aGluedRowWhosePrintedTotalIsMisprintedReadsNoInventedNumber() {
        // base-2022's (七)总计 12 3 0 1 1 0 17 printed with its total 10 off (27) and every value glued:
        // the cuts that keep R4 are not the printed numbers; whatever is read must be.
        let printed: [Decimal] = [12, 3, 0, 1, 1, 0, 27]
        let result = I.check(Stray(name: "misprinted", from: "（七）总计\t12\t3\t0\t1\t1\t0\t17", to: "（七）总计\t123011027"))
        let read = I.t3(result, "result_total")
        for (cell, value) in zip(read, printed) where cell != nil { #expect(cell == value, "\(read)") }
        let quoted = result.findings.filter { ["R1", "R2"].contains($0.rule) && $0.severity == .error }
        #expect(quoted.allSatisfy { !$0.message.contains("4230") }, "\(quoted.map(\.message))")
    }

    @Test func onlyTheCellsTheColumnRelationsDecidedAreRetracted() {
        // (七)总计 read 13 3 0 1 1 0 18: 自然人 and 总计 decided by assuming R2, the others forced by
        // the row's R4. R1 and R2 break through 自然人 and 总计: those two go, the R4 cells stay.
        var reading = ReviewTenJOpenFindingsTests.baseReading()
        reading.cells[.t3("result_total", "natural_person")] = 13
        reading.cells[.t3("result_total", "total")] = 18
        let columns = ReviewTenJOpenFindingsTests.columns
        let byColumns: [CellID] = [.t3("result_total", "natural_person"), .t3("result_total", "total")]
        reading.assumptions = [
            Assumption(rule: .r4, scope: ["result_total"], cells: columns.map { .t3("result_total", $0) }, message: "R4"),
            Assumption(rule: .r2, scope: ["natural_person", "total"], cells: byColumns, message: "R2"),
        ]
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        for cell in byColumns { #expect(reading.cells[cell] == nil, "\(cell)") }
        #expect(reading.cells[.t3("result_total", "commercial_enterprise")] == 3)
        #expect(reading.cells[.t3("result_total", "legal_service_org")] == 1)
        #expect(reading.missing[.t3("result_total", "total")]?.contains("按 R2 的假设") == true)
        // The R2 assumption is gone; the R4 one keeps its cells still read.
        #expect(!reading.assumptions.contains { $0.rule == "R2" })
        #expect(reading.assumptions.first { $0.rule == "R4" }?.cells.count == columns.count - 2)
    }
}
