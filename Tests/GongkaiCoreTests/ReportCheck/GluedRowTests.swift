import Foundation
import Testing
@testable import GongkaiCore

/// Rows printed with their digits run together, read by the rule of issue #10: a cell gets a
/// value only when every admissible reading gives it that value (admissible: the digits cut
/// into exactly the columns' count of numbers, none with a leading zero other than 0 itself,
/// and the relations the format requires of the row).
@Suite("Report check: glued rows, worked examples")
struct GluedRowTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let printed: String
        let width: Int
        let table: String
        /// Expected cells; nil = left empty.
        let cells: [Int?]
        var testDescription: String { "\(table) “\(printed)” → \(cells.map { $0.map(String.init) ?? "·" }.joined(separator: " "))" }
    }

    static func analyze(_ printed: String, width: Int, table: String) -> RowSolver.Analysis {
        let values = ReportTokenizer.tokens(printed).filter(\.isValue)
        switch table {
        case "t3":
            return RowSolver.analyze(values, width: width, constraints: [SumConstraint(parts: Array(0..<6), total: 6, rule: .r4, scope: "row")])
        case "t4":
            let groups = (0..<3).map { g in SumConstraint(parts: Array((g * 5)..<(g * 5 + 4)), total: g * 5 + 4, rule: .r5, scope: "g\(g)") }
            return RowSolver.analyze(values, width: width, constraints: groups)
        case "t2-2019":
            // 上一年项目数量 / 本年增减 / 处理决定数量: only the change may be negative
            return RowSolver.analyze(values, width: width, negativeAllowed: [false, true, false])
        default:
            return RowSolver.analyze(values, width: width)
        }
    }

    static func ints(_ cells: [RowCell?]) -> [Int?] { cells.map { $0?.int } }

    @Test("cells every admissible reading agrees on, and only those", arguments: [
        // Table 二 has no relation between its columns: only what the digits force.
        Example(printed: "582447", width: 3, table: "t2", cells: [nil, nil, nil]),
        Example(printed: "693665", width: 3, table: "t2", cells: [nil, nil, nil]),
        Example(printed: "000", width: 3, table: "t2", cells: [0, 0, 0]),
        Example(printed: "007", width: 3, table: "t2", cells: [0, 0, 7]),
        Example(printed: "1000", width: 3, table: "t2", cells: [10, 0, 0]),
        Example(printed: "58 2 447", width: 3, table: "t2", cells: [58, 2, 447]),
        // one blank lost or two numbers glued: nothing is certain
        Example(printed: "3 25", width: 3, table: "t2", cells: [nil, nil, nil]),
        // 2019 format: 行政许可2870154, and a signed change glued to its neighbours
        Example(printed: "2870154", width: 3, table: "t2-2019", cells: [nil, nil, nil]),
        Example(printed: "12增1340", width: 3, table: "t2-2019", cells: [12, nil, nil]),
        Example(printed: "1-25340", width: 3, table: "t2-2019", cells: [1, nil, nil]),
        Example(printed: "12 -5 340", width: 3, table: "t2-2019", cells: [12, -5, 340]),
        // Table 三: the row total (R4) is required of every reading.
        Example(printed: "713000074", width: 7, table: "t3", cells: [71, 3, 0, 0, 0, 0, 74]),
        Example(printed: "110000011", width: 7, table: "t3", cells: [nil, nil, 0, 0, 0, 0, 11]),
        Example(printed: "0000000", width: 7, table: "t3", cells: [0, 0, 0, 0, 0, 0, 0]),
        Example(printed: "12 3 0 0 0015", width: 7, table: "t3", cells: [12, 3, 0, 0, 0, 0, 15]),
        // one value lost: where is not known, and no relation of the row fixes it
        Example(printed: "16 0 0 0 0 16", width: 7, table: "t3", cells: [nil, nil, 0, 0, 0, nil, nil]),
        Example(printed: "0 0 0 0 0 0", width: 7, table: "t3", cells: [0, 0, 0, 0, 0, 0, 0]),
        // Table 四: each group's total (R5).
        Example(printed: "100120100100000", width: 15, table: "t4", cells: [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]),
    ])
    func agreement(_ example: Example) {
        let analysis = Self.analyze(example.printed, width: example.width, table: example.table)
        #expect(Self.ints(RowSolver.cells(analysis)) == example.cells)
    }

    @Test func theReasonCountsThePossibleReadings() {
        // 582447 into three numbers: any two of the five gaps, C(5,2) = 10
        let analysis = Self.analyze("582447", width: 3, table: "t2")
        #expect(analysis.readingCount == 10)
        var reading = TableReading()
        RowWriter(table: "表二", row: "行政规范性文件", ids: ["a", "b", "c"], columnLabels: ["本年制发件数", "本年废止件数", "现行有效件数"])
            .write(analysis, into: &reading)
        #expect(reading.missing["a"] == "数字连在一起（582447），有 10 种可能的读法，无法确定")
        #expect(reading.cells.isEmpty)
        #expect(reading.repairs.isEmpty, "nothing was read, so nothing was repaired")
    }

    @Test func aGluedRowThatBreaksItsOwnTotalMayHaveLostAValueAtAnEnd() {
        // Seven digits for seven columns force 1 1 0 0 0 0 3, which breaks the total; a value lost
        // at the start or the end of the copy (11 0 0 0 0 3 and the total lost, …) explains the
        // digits as well (review 10f): only the cells every such reading agrees on are read.
        let analysis = Self.analyze("1100003", width: 7, table: "t3")
        #expect(Self.ints(RowSolver.cells(analysis)) == [nil, nil, nil, 0, 0, nil, nil])
        #expect(analysis.problem?.contains("没有一种符合本行总计等于各项之和") == true)
        #expect(analysis.problem?.contains("丢了一个数") == true)
    }

    @Test func tooFewDigitsAndTooManyValuesAreUnreadable() {
        #expect(Self.analyze("123", width: 7, table: "t3").method == .unreadable)
        let many = Self.analyze("5 6", width: 1, table: "t2")
        #expect(many.method == .unreadable)
        #expect(many.problem?.contains("多于 1 列") == true)
    }

    @Test("a runaway row is cut off and reported, never guessed", .timeLimit(.minutes(10)))
    func runawayRowsAreCapped() {
        // 84 digits for seven columns, with many ways to make every total: past the cap the row
        // keeps only what the digits alone prove (here nothing).
        let digits = String(repeating: "1234567", count: 12)
        let clock = ContinuousClock()
        var analysis: RowSolver.Analysis!
        let elapsed = clock.measure { analysis = Self.analyze(digits, width: 7, table: "t3") }
        #expect(elapsed < .seconds(5))
        #expect(RowSolver.cells(analysis).allSatisfy { $0 == nil })
    }

    @Test func theRepairNamesTheRowAndTheRulesItRestsOn() {
        let analysis = Self.analyze("713000074", width: 7, table: "t3")
        var reading = TableReading()
        let ids = ReportSchema.v2021.t3Grid[0]
        RowWriter(table: "表三", row: "一、本年新收政府信息公开申请数量", ids: ids,
                  columnLabels: ReportSchema.v2021.t3Columns.map(\.label)).write(analysis, into: &reading)
        let repair = reading.repairs.first
        #expect(repair?.kind == .digitsSplit)
        #expect(repair?.message.hasPrefix("表三“一、本年新收政府信息公开申请数量”一行的数字连在一起（713000074）") == true)
        #expect(repair?.message.contains("R4") == true)
        #expect(repair?.message.contains("“”") == false)
        // the cells R4 decided are an assumption of the reading, not evidence for it
        #expect(reading.assumptions.map(\.rule) == ["R4"])
        // Only two cells are certain from the digits alone (every cut leaves 0 in the 4th and
        // 5th column: 7|1|30|0|0|0|74, 71|3|0|0|0|0|74, 713|0|0|0|0|7|4 …); R4 decided the rest.
        let byDigits: Set<CellID> = [.t3("new_received", "public_welfare_org"), .t3("new_received", "legal_service_org")]
        #expect(reading.assumptions.first?.cells == ids.filter { !byDigits.contains($0) })
        #expect(reading.assumptions.first?.scope == ["row"])
    }
}
