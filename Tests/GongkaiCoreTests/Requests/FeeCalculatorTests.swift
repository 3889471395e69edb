import Testing
@testable import GongkaiCore

@Suite("Information processing fee (国办函〔2020〕109号)")
struct FeeCalculatorTests {
    @Test("per page, every tier", arguments: [
        (0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2_700), (201, 2_740),
        (2_219, 83_460),  // the reported real case: 70×10 + 100×20 + 2,019×40
    ])
    func perPage(_ pages: Int, _ amount: Int) {
        #expect(FeeCalculator.perPage(pages).amount == amount)
    }

    @Test func perPageBreakdownOfTheRealCase() {
        let quote = FeeCalculator.perPage(2_219)
        #expect(quote.breakdown.map(\.amount) == [0, 700, 2_000, 80_760])
        #expect(quote.breakdown.map(\.rate) == [0, 10, 20, 40])
        #expect(quote.breakdown.last?.from == 201)
        #expect(quote.breakdown.last?.to == 2_219)
    }

    @Test("the rate of the n-th piece in a month", arguments: [
        (1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400),
    ])
    func pieceRate(_ n: Int, _ rate: Int) {
        #expect(FeeCalculator.pieceRate(n) == rate)
    }

    @Test("per piece, counted within the applicant's month", arguments: [
        (1, 10, 100),   // the 11th piece
        (1, 29, 100),   // the 30th
        (1, 30, 200),   // the 31st
        (1, 40, 300),   // the 41st
        (5, 27, 700),   // pieces 28–32: 3×100 + 2×200
        (10, 0, 0),     // the first ten are free
        (25, 0, 1_500), // 11–25 at 100
    ])
    func perPiece(_ pieces: Int, _ earlier: Int, _ amount: Int) {
        #expect(FeeCalculator.perPiece(pieces, earlierThisMonth: earlier).amount == amount)
    }

    @Test func perPieceBreakdownNamesThePieces() {
        let quote = FeeCalculator.perPiece(5, earlierThisMonth: 27)
        #expect(quote.breakdown.map { "\($0.from)-\($0.to)@\($0.rate)" } == ["28-30@100", "31-32@200"])
        #expect(quote.chineseSummary == "按件计收：本月第 28–30 件 3×100=300 元；本月第 31–32 件 2×200=400 元；合计 700 元")
    }
}
