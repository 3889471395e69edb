import Foundation
import Testing
@testable import GongkaiCore

/// The last open findings of review 10j (issue #10), each on a fixture of our own: base-2022 with
/// one change, or a table reading written out by hand.
@Suite("Report check, review 10j's open findings: refuted assumptions, glued short rows, 044, 不足上年")
struct ReviewTenJOpenFindingsTests {
    typealias Stray = FifthReviewTests.Stray
    typealias I = ColdReviewTenITests

    // MARK: H3 — a reading that rests on an assumption must not state a refuted number

    static let columns = ReportSchema.v2021.t3Columns.map(\.id)

    /// Table 三 of base-2022 as a reading, every cell as printed (R1 and R2 hold in every column).
    static func baseReading() -> TableReading {
        var reading = TableReading()
        for (cell, value) in ReportFixtures.baseCells where cell.table == "t3" { reading.cells[cell] = value }
        return reading
    }

    @Test func aRowReadUnderAColumnAssumptionThatBreaksROneIsLeftEmpty() {
        // 一、本年新收 printed 12 3 0 1 2 0 18; suppose a short row was read by assuming R1 as
        // 12 3 0 1 1 1 18 (法律服务机构 1, 其他 1): R1 then breaks in both columns (1 + 0 ≠ 1 + 1,
        // 1 + 0 ≠ 0 + 0 … ) — the evidence refutes the assumed reading, not the report. (A reading
        // its own R4 forced is evidence and stays: review 10l M1, `ColdReviewTenLTests`.)
        var reading = Self.baseReading()
        reading.cells[.t3("new_received", "legal_service_org")] = 1
        reading.cells[.t3("new_received", "other_org")] = 1
        let assumed = Self.columns.dropLast().map { CellID.t3("new_received", $0) }
        reading.assumptions = [Assumption(rule: .r1, scope: Self.columns, cells: assumed, message: "R1")]
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        // Every cell the assumption read is left empty, with the reason; the row's printed total stays.
        for cell in assumed {
            #expect(reading.cells[cell] == nil, "\(cell)")
            #expect(reading.missing[cell]?.contains("矛盾") == true, "\(String(describing: reading.missing[cell]))")
        }
        #expect(reading.cells[.t3("new_received", "total")] == 18)
        #expect(reading.assumptions.isEmpty)
        // No R1/R2 error is left to report.
        let outcome = CrossChecks.run(AnnualReport(formatVersion: .v2021, cells: reading.cells), assumptions: reading.assumptions)
        #expect(!outcome.findings.contains { $0.severity == .error }, "\(outcome.findings.map(\.message))")
    }

    @Test func aBrokenRelationReadWithoutAssumptionStaysAnError() {
        // The same numbers printed with separators (no assumption): a true R1 error.
        var reading = Self.baseReading()
        reading.cells[.t3("new_received", "legal_service_org")] = 1
        reading.cells[.t3("new_received", "other_org")] = 1
        // An assumption about another row, whose cells R1 does not refute, is kept as it is.
        let other = Self.columns.dropLast().map { CellID.t3("withheld_third_party_rights", $0) }
        reading.assumptions = [Assumption(rule: .r4, scope: ["withheld_third_party_rights"], cells: other, message: "R4")]
        let before = reading.cells
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        #expect(reading.cells == before)
        #expect(reading.assumptions.count == 1 && reading.assumptions[0].cells == other)
        let outcome = CrossChecks.run(AnnualReport(formatVersion: .v2021, cells: reading.cells), assumptions: reading.assumptions)
        #expect(outcome.findings.contains { $0.rule == "R1" && $0.severity == .error })
    }

    @Test func aColumnAssumptionIsRetractedOnlyInTheRefutedRow() {
        // R2 assumed for (七)总计 and for a cell of 一、本年新收; R1 and R2 then break through the
        // 总计 row (13 and 18 where 12 and 17 were printed): only that row's assumed cells go.
        var reading = Self.baseReading()
        reading.cells[.t3("result_total", "natural_person")] = 13
        reading.cells[.t3("result_total", "total")] = 18
        let cells: [CellID] = [.t3("result_total", "natural_person"), .t3("result_total", "total"), .t3("new_received", "commercial_enterprise")]
        reading.assumptions = [Assumption(rule: .r2, scope: ["natural_person", "total"], cells: cells, message: "R2")]
        ReportChecker.retractRefutedReadings(&reading, version: .v2021)
        #expect(reading.cells[.t3("result_total", "natural_person")] == nil)
        #expect(reading.cells[.t3("result_total", "total")] == nil)
        #expect(reading.cells[.t3("new_received", "commercial_enterprise")] == 3)
        #expect(reading.assumptions.first?.cells == [.t3("new_received", "commercial_enterprise")])
    }

    /// A `|` table 三 whose rows lost their last cells and have cells glued (the shape of the
    /// tail-and-glue fuzz; numbers of our own): no cell is read with a number other than the
    /// printed one, and no R1/R2 error is raised on the consistent table.
    static let t3Rows: [(from: String, to: String, truth: [Decimal])] = [
        ("一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", "| 一、本年新收政府信息公开申请数量 | 123 | 0 | 12 |", [12, 3, 0, 1, 2, 0, 18]),
        ("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1", "| 二、上年结转政府信息公开申请数量 | 1 | 00 | 0 | 0 |", [1, 0, 0, 0, 0, 0, 1]),
        ("（七）总计\t12\t3\t0\t1\t1\t0\t17", "| （七）总计 | 12 | 3 | 0 | 11 |", [12, 3, 0, 1, 1, 0, 17]),
        ("四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2", "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 10 | 2 |", [1, 0, 0, 0, 1, 0, 2]),
    ]

    @Test func shortGluedPipeRowsOfTableThreeReadNoWrongNumber() {
        let strays = Self.t3Rows.map { Stray(name: "tail-glue", from: $0.from, to: $0.to) }
        let result = I.check(strays)
        let ids = ["new_received", "carried_over_in", "result_total", "carried_over_out"]
        for (id, row) in zip(ids, Self.t3Rows) {
            let read = I.t3(result, id)
            for (k, value) in read.enumerated() where value != nil {
                #expect(value == row.truth[k], "\(id) column \(k): \(String(describing: value)) vs \(row.truth[k])")
            }
        }
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
    }

    // MARK: H3 — table 四: a glued `00` in a `|` row that lost cells at its end

    @Test func aGluedCellInAShortTableFourRowShiftsNothing() {
        // Printed 1 3 3 14 21 | 0 0 1 0 1 | 0 0 0 0 0 as twelve cells: `00` holds two cells, and
        // the last two cells were lost. Taking `00` as one blank cell put every value after it one
        // column early (未经复议·其他结果 read 0 where 1 was printed).
        let printed: [Decimal] = [1, 3, 3, 14, 21, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
        let result = I.check(
            Stray(
                name: "t4 00", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
                to: "| 1 | 3 | 3 | 14 | 21 | 00 | 1 | 0 | 1 | 0 | 0 | 0 |"))
        let values = ReportFixtures.values(result)
        let ids = ReportSchema.v2021.t4Groups.flatMap { g in ReportSchema.v2021.t4Columns.map { CellID.t4(g.id, $0.id) } }
        for (cell, truth) in zip(ids, printed) {
            guard let value = values[cell] else { continue }
            #expect(value == truth, "\(cell): \(value) vs \(truth)")
        }
        // 未经复议·其他结果 was read 0 (the value one column early).
        #expect(values[.t4("litigation_direct", "other_result")] != 0)
        let errors = result.findings.filter { $0.rule == "R5" && $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
    }

    // MARK: L3 — a value with a leading zero in a cell of its own

    @Test func leadingZeroInItsOwnPipeCell() {
        let result = I.check(Stray(name: "044", from: "规章\t0\t0\t0\n行政规范性文件\t3\t1\t25", to: "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 044 |"))
        #expect(I.t2(result, "normative_docs") == [nil, nil, nil], "\(I.t2(result, "normative_docs"))")
        #expect(I.t2(result, "rules") == [0, 0, 0], "\(I.t2(result, "rules"))")
        let reason = I.reason(result, .t2("art20_1", "normative_docs", "in_force"))
        #expect(reason.contains("044"), "\(reason)")
    }

    @Test func leadingZeroInItsOwnHTMLCell() throws {
        // h06: `<td>行政规范性文件</td><td>044</td>` under a 规章 row printing each cell: as `| 044 |`.
        var html = ReportFixtures.text("base-2022.html")
        html = html.replacing(#/<tr><td><p>行政规范性文件</p></td>.*?</tr>/#, with: "<tr><td><p>行政规范性文件</p></td><td>044</td></tr>")
        #expect(html.contains("<td>044</td>"))
        let result = try ReportChecker.check(ReportFile(name: "t2-044.html", data: Data(html.utf8)))
        #expect(I.t2(result, "normative_docs") == [nil, nil, nil], "\(I.t2(result, "normative_docs"))")
        #expect(I.t2(result, "rules") == [0, 0, 0], "\(I.t2(result, "rules"))")
        #expect(I.reason(result, .t2("art20_1", "normative_docs", "in_force")).contains("044"))
        // A cell of its own with a number in it is still a text row's run: 256 stays empty as before.
        var plain = ReportFixtures.text("base-2022.html")
        plain = plain.replacing(#/<tr><td><p>行政规范性文件</p></td>.*?</tr>/#, with: "<tr><td><p>行政规范性文件</p></td><td>256</td></tr>")
        let other = try ReportChecker.check(ReportFile(name: "t2-256.html", data: Data(plain.utf8)))
        #expect(I.t2(other, "normative_docs") == [nil, nil, nil])
    }

    @Test func leadingZeroRunInATextRowIsLeftEmptyAsInCells() {
        // t05 (held until review 10m H1): `行政规范性文件<tab>044` under a row that prints each
        // cell was read 0 4 4. A value may have been lost in the copy of this row: 0 44 with one
        // value lost is admissible too, so the row is read like `| 044 |` and `<td>044</td>`.
        let result = I.check(Stray(name: "t05", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t044"))
        #expect(I.t2(result, "normative_docs") == [nil, nil, nil], "\(I.t2(result, "normative_docs"))")
        #expect(I.reason(result, .t2("art20_1", "normative_docs", "in_force")).contains("044"))
    }

    // MARK: H5 — a dash glued before a table 二 run

    @Test(
        "a dash or slash glued before the run: the first cell is blank in some readings only, so nothing is read",
        arguments: ["—", "/", "-"])
    func dashBeforeTheRun(_ dash: String) {
        for run in ["256", "00", "47"] {
            let result = I.check(Stray(name: dash, from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\(dash)\(run)"))
            #expect(I.t2(result, "normative_docs") == [nil, nil, nil], "\(dash)\(run): \(I.t2(result, "normative_docs"))")
        }
    }

    // MARK: L2 — 不足上年 compares, it is no part

    @Test func shortOfLastYearIsAComparison() {
        for clause in ["不足上年 60 件的水平", "不到去年 60 件", "不及上年 45 件的一半"] {
            let n2 = I.n2(I.check(Stray(name: clause, from: I.management, to: I.management + "全年收到申请 50 件，其中予以公开 30 件，不予公开 20 件，\(clause)。")))
            #expect(n2.isEmpty, "\(clause): \(n2.map(\.message))")
        }
        // A true mismatch before it stays an error.
        let wrong = I.n2(I.check(Stray(name: "mismatch", from: I.management, to: I.management + "全年收到申请 50 件，其中予以公开 30 件，不予公开 25 件，不足上年 60 件的水平。")))
        #expect(wrong.contains { $0.severity == .error }, "\(wrong.map(\.message))")
    }
}
