import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10m of issue #10, H1: a glued text row that also lost a value between two printed
/// values. Only a value lost at an end of the row was among its readings, so a cell both end
/// readings agree on was read although the reading with the value lost inside gives another.
@Suite("Report check, review 10m: a glued text row that lost a value inside the row")
struct ColdReviewTenMTests {
    static let r4 = SumConstraint(parts: Array(0..<6), total: 6, rule: .r4, scope: "carried_over_in")

    @Test func aGluedRowThatLostAValueBetweenTwoOthersReadsNoCellThatReadingLeavesOpen() {
        // Printed 21 4 0 0 5 0 30; the copy lost 5 (between the two zeros) and glued 0 and 30
        // into `030`. No cut into seven keeps R4 (2 1 4 0 0 0 30, 21 4 0 0 0 3 0), and both
        // readings with a value lost at an end give 法律服务机构 0 (21 4 0 0 0 30 ?, ? 21 4 0 0 0 30):
        // it was read 0. The reading 21 4 0 0 ? 0 30 (? = 5 by R4) is admissible as well.
        let tokens = ReportTokenizer.tokens("二、上年结转政府信息公开申请数量\t21\t4\t0\t0\t030")
        let analysis = RowSolver.analyze(tokens.filter(\.isValue), width: 7, constraints: [Self.r4])
        let printed: [RowCell] = [21, 4, 0, 0, 5, 0, 30].map { .count($0) }
        #expect(analysis.agreed.count == 7)
        #expect(analysis.agreed[4] == nil, "\(analysis.agreed)")
        for (column, cell) in analysis.agreed.enumerated() {
            if let cell { #expect(cell == printed[column], "column \(column): \(cell)") }
        }
        let inner: [RowCell] = [.count(21), .count(4), .count(0), .count(0), .unknown, .count(0), .count(30)]
        #expect(analysis.readings.contains { $0.cells == inner }, "\(analysis.readings.map(\.cells))")
        #expect(analysis.problem?.contains("两数之间丢了一个数") == true, "\(analysis.problem ?? "")")
    }

    /// Glued table-三 rows short of their columns by two or more, as the reviewer's generator
    /// damages them (values lost with their separators, a pair glued): what each printed row
    /// reads, and the reading with the value lost that the cut alone would hide (nil: no such).
    struct LostCase: Sendable, CustomTestStringConvertible {
        let row: String
        let printed: [Int]
        let read: [Int?]
        let lostReading: [RowCell]?
        var testDescription: String { row }
    }

    static let lostCases: [LostCase] = [
        // Printed 0 0 11 0 0 0 11, copied without 11 and with 0 and 11 glued. The one cut into
        // seven, 0 0 0 0 0 1 1, keeps R4 by chance and was read (18 wrong cells on the generator);
        // the readings with a value lost (0 0 ? 0 0 0 11, ? = 11 by R4; 0 0 0 0 0 11 with the
        // total lost …) keep it as well, and no column agrees.
        LostCase(
            row: "0\t0\t0\t0\t011", printed: [0, 0, 11, 0, 0, 0, 11], read: [nil, nil, nil, nil, nil, nil, nil],
            lostReading: [0, 0, 11, 0, 0, 0, 11].map { .count($0) }),
        // No reading with a value lost exists (`005` is no two numbers, nor a number and a lost
        // value and another): the cut 5 0 0 0 0 0 5 is the only reading and is read.
        LostCase(row: "5\t0\t0\t0\t005", printed: [5, 0, 0, 0, 0, 0, 5], read: [5, 0, 0, 0, 0, 0, 5], lostReading: nil),
        // fcaebfa's second case: printed 3 0 2 0 0 5 10, the 2 lost with both its separators, so
        // 0 and 0 glued into `00`. The cut 3 0 0 0 5 1 0 breaks R4; every reading with the value
        // lost at an end or a separator gives 法律服务机构 0, the one with it lost between the
        // two digits of `00` leaves it open (3 0 ? 0 0 5 10): it is not read 0.
        LostCase(
            row: "3\t00\t0\t5\t10", printed: [3, 0, 2, 0, 0, 5, 10], read: [nil, nil, nil, nil, nil, nil, nil],
            lostReading: [.count(3), .count(0), .unknown, .count(0), .count(0), .count(5), .count(10)]),
    ]

    @Test("a glued row short of two values or more: the readings with a value lost are weighed", arguments: lostCases)
    func lostValueReadings(_ item: LostCase) {
        let tokens = ReportTokenizer.tokens("一、本年新收政府信息公开申请数量\t" + item.row)
        let analysis = RowSolver.analyze(tokens.filter(\.isValue), width: 7, constraints: [Self.r4])
        let read = analysis.agreed.map { cell -> Int? in cell?.int }
        #expect(read == item.read, "\(analysis.agreed)")
        // Never a value the row did not print.
        for (column, cell) in analysis.agreed.enumerated() {
            if let cell { #expect(cell == .count(item.printed[column]), "column \(column): \(cell)") }
        }
        if let lost = item.lostReading {
            #expect(analysis.readings.contains { $0.cells == lost }, "\(analysis.readings.map(\.cells))")
            #expect(analysis.problem?.contains("丢了一个数") == true, "\(analysis.problem ?? "")")
        }
    }

    /// Table 二 rows (no relation between the columns) after a separator: what each reads.
    static let tableTwoRows: [(stray: FifthReviewTests.Stray, row: String, read: [Decimal?])] = [
        // Printed 2 0 37, the 2 lost and 0 37 glued: 0 3 7 and 0 37 with a value lost are both
        // admissible, so nothing is read (it was read 0 3 7 because the other row prints each value).
        (.init(name: "037", from: "规章\t0\t0\t0", to: "规章\t037"), "rules", [nil, nil, nil]),
        // Printed with separators and all its columns: read as printed.
        (.init(name: "0 3 7", from: "规章\t0\t0\t0", to: "规章\t0\t3\t7"), "rules", [0, 3, 7]),
        (.init(name: "58 2 447", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t58\t2\t447"), "normative_docs", [58, 2, 447]),
        // Glued to its label: the copy dropped the row's separators, the cut stands (the issue's definition).
        (.init(name: "037 glued to the label", from: "规章\t0\t0\t0", to: "规章037"), "rules", [0, 3, 7]),
    ]

    @Test("table 二: a run after a separator may be fewer values with one lost", arguments: tableTwoRows)
    func tableTwo(_ item: (stray: FifthReviewTests.Stray, row: String, read: [Decimal?])) {
        let result = ColdReviewTenITests.check(item.stray)
        #expect(ColdReviewTenITests.t2(result, item.row) == item.read, "\(ColdReviewTenITests.t2(result, item.row))")
        if item.read.contains(nil) {
            #expect(ColdReviewTenITests.reason(result, .t2("art20_1", item.row, "in_force")).contains("丢失"))
        }
    }

    /// Review 10m L1: a table 二 row of a label and one cell holding one number reads alike in
    /// pipes and HTML — nothing, since the value may be any column's; with a cell for each column
    /// (the others printed blank) it is read as printed.
    @Test func aTableTwoRowOfOneCellReadsAlikeInPipesAndHTML() throws {
        let pipe = ColdReviewTenITests.check(
            FifthReviewTests.Stray(name: "| 4 |", from: "规章\t0\t0\t0\n行政规范性文件\t3\t1\t25", to: "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 4 |"))
        #expect(ColdReviewTenITests.t2(pipe, "normative_docs") == [nil, nil, nil], "\(ColdReviewTenITests.t2(pipe, "normative_docs"))")
        #expect(ColdReviewTenITests.t2(pipe, "rules") == [0, 0, 0])
        #expect(ColdReviewTenITests.reason(pipe, .t2("art20_1", "normative_docs", "issued_this_year")).contains("只有 1 格"))
        var html = ReportFixtures.text("base-2022.html")
        html = html.replacing(#/<tr><td><p>行政规范性文件</p></td>.*?</tr>/#, with: "<tr><td><p>行政规范性文件</p></td><td>4</td></tr>")
        #expect(html.contains("<td>4</td>"))
        let inCells = try ReportChecker.check(ReportFile(name: "t2-4.html", data: Data(html.utf8)))
        #expect(ColdReviewTenITests.t2(inCells, "normative_docs") == [nil, nil, nil])
        let blanks = ColdReviewTenITests.check(
            FifthReviewTests.Stray(name: "| 4 | | |", from: "规章\t0\t0\t0\n行政规范性文件\t3\t1\t25", to: "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 4 |  |  |"))
        #expect(ColdReviewTenITests.t2(blanks, "normative_docs") == [4, nil, nil], "\(ColdReviewTenITests.t2(blanks, "normative_docs"))")
    }
}
