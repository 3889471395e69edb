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
}
