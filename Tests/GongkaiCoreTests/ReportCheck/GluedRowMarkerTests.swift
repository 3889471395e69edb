import Foundation
import Testing
@testable import GongkaiCore

/// The fifth review's glued rows (FifthReviewTests): the row's required total chooses between
/// the readings of a mark that the words made likely.
@Suite("Report check: a row glued before the next row's label")
struct GluedRowMarkerTests {
    @Test("12、 glued: the row's values glued (102000012) before row 2's label without its marker")
    func gluedValuesBeforeALabelWithoutItsMarker() {
        // given base-2022 with 无法提供 row 1 = 10 2 0 0 0 0 12, printed glued with a stray 、 and row
        // 2's label (its 2. lost) on the next line
        let row = "\t1.本机关不掌握相关政府信息 102000012、\n没有现成信息需要另行制作"
        let text = FifthReviewTests.twelve
        #expect(text.contains(FifthReviewTests.twelveRow), "fixture changed")
        let result = ReportChecker.check(text: text.replacingOccurrences(of: FifthReviewTests.twelveRow, with: row), source: "glued")
        // then the marker reading (1020001 and 2.: no split keeps R4) gives way to the whole one, which R4 decides
        let read = ReportFixtures.values(result)
        for (cell, value) in [("natural_person", 10), ("commercial_enterprise", 2), ("total", 12)] as [(String, Decimal)] {
            let got = read[.t3("unable_not_held", cell)]
            #expect(got == nil || got == value, "\(cell): read \(String(describing: got))")
        }
        #expect(FifthReviewTests.errors(result).isEmpty, "\(FifthReviewTests.errors(result))")
    }

    @Test func aRealSumErrorBeforeANumberedLabelIsStillReported() {
        // given row 5 of 不予公开 printed 1 0 0 0 0 0 2 with its marker glued (25.属于三类内部事务信息)
        // then the tokens keep the marker: the whole value 25 is only an alternative for the row's
        // solver, which takes it only where it keeps R4 and the marker reading does not
        let tokens = ReportTokenizer.tokens("（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n1 0 0 0 0 0 25.属于三类内部事务信息")
        #expect(tokens.filter { $0.kind == .ordinal }.map(\.text) == ["1.", "5."])
        #expect(tokens.filter(\.isValue).last?.text == "2")
    }
}
