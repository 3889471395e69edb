import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10n of issue #10, H1: a table row copied as one run of digits that also lost a
/// value. The readings with a value lost inside a run were weighed only for rows of two printed
/// values or more, so a row of one run kept a cut that kept its total by chance. They are weighed
/// for a row of one run too when the table's other values are printed apart (the row's copy lost
/// its separators alone); in a table whose rows are all runs (every separator lost, the issue's
/// glued tables) the run is still read as the row's values.
@Suite("Report check, review 10n: a row of one run that lost a value")
struct ColdReviewTenNTests {
    static let r4 = SumConstraint(parts: Array(0..<6), total: 6, rule: .r4, scope: "row")

    /// A table-三 row printed after its label's tab as one run: what it reads when the table's
    /// values are printed apart, and when every row is a run (nil: the cell is not read).
    struct RunCase: Sendable, CustomTestStringConvertible {
        let run: String
        /// The row as printed before the copy.
        let printed: [Int]
        let readApart: [Int?]
        let readAllRuns: [Int?]
        var testDescription: String { run }
    }

    static let runCases: [RunCase] = [
        // s12022: printed 0 0 0 29 0 0 29, the 29 lost. Cut 0 0 0 0 0 2 9 breaks R4; the end
        // readings (0 0 0 0 0 29 ?, ? 0 0 0 0 0 29 …) gave 社会公益组织 0. 0 0 0 ? 0 0 29 (? = 29)
        // is as admissible when the table's values are printed apart: nothing is read.
        RunCase(
            run: "0000029", printed: [0, 0, 0, 29, 0, 0, 29], readApart: [nil, nil, nil, nil, nil, nil, nil],
            readAllRuns: [nil, 0, 0, 0, 0, nil, nil]),
        // s20030: printed 0 0 0 11 0 0 11, the 11 lost. The seven digits are forced into
        // 0 0 0 0 0 1 1, which keeps R4, and were read so (3 wrong cells, 3 false R2 errors).
        // A run of seven digits for seven columns with no value lost is read the same way in a
        // glued table: the cut is kept there.
        RunCase(
            run: "0000011", printed: [0, 0, 0, 11, 0, 0, 11], readApart: [nil, nil, nil, nil, nil, nil, nil],
            readAllRuns: [0, 0, 0, 0, 0, 1, 1]),
        // s12087: printed 0 5 0 0 1 5 11, a 0 lost. The cuts that keep R4 read 商业企业 0 (a
        // false R1 error followed); 0 ? 0 0 1 5 11 (? = 5) is admissible too.
        RunCase(
            run: "0001511", printed: [0, 5, 0, 0, 1, 5, 11], readApart: [nil, nil, nil, nil, nil, nil, nil],
            readAllRuns: [nil, 0, 0, nil, nil, nil, nil]),
        // s20444: printed 1 53 0 11 6 133 204, the 0 lost. The cuts that keep R4 read 商业企业 5;
        // 1 53 ? 11 6 133 204 (? = 0) gives 53, and the other readings with a value lost differ
        // in every column.
        RunCase(
            run: "153116133204", printed: [1, 53, 0, 11, 6, 133, 204], readApart: [nil, nil, nil, nil, nil, nil, nil],
            readAllRuns: [1, 5, nil, nil, nil, nil, 204]),
    ]

    @Test("a row of one run: lost-value readings weighed only when the table's values are apart", arguments: runCases)
    func oneRun(_ item: RunCase) {
        let tokens = ReportTokenizer.tokens("（一）予以公开\t" + item.run).filter(\.isValue)
        let apart = RowSolver.analyze(tokens, width: 7, constraints: [Self.r4], valuesApart: true)
        #expect(apart.agreed.map { $0?.int } == item.readApart, "\(apart.agreed)")
        // Never a value the row did not print.
        for (column, cell) in apart.agreed.enumerated() {
            if let cell { #expect(cell == .count(item.printed[column]), "column \(column): \(cell)") }
        }
        let allRuns = RowSolver.analyze(tokens, width: 7, constraints: [Self.r4])
        #expect(allRuns.agreed.map { $0?.int } == item.readAllRuns, "\(allRuns.agreed)")
    }

    /// Table 四 as one run of its fifteen values, the first lost (review 10n, s50371): printed
    /// 0 12 0 12 24 | 3 1 0 0 4 | 0 0 1 0 1. The cut 1 20 1 2 24 … keeps R5 and was read.
    @Test func tableFourAsOneRunThatLostAValueReadsNoWrongCell() {
        let r5 = (0..<3).map { g in SumConstraint(parts: Array((g * 5)..<(g * 5 + 4)), total: g * 5 + 4, rule: .r5, scope: "g\(g)") }
        let printed = [0, 12, 0, 12, 24, 3, 1, 0, 0, 4, 0, 0, 1, 0, 1]
        let tokens = ReportTokenizer.tokens("复议后起诉\n12012243100400101").filter(\.isValue)
        let apart = RowSolver.analyze(tokens, width: 15, constraints: r5, valuesApart: true)
        for (column, cell) in apart.agreed.enumerated() {
            if let cell { #expect(cell == .count(printed[column]), "column \(column): \(cell)") }
        }
        #expect(apart.agreed[1] == nil, "\(apart.agreed)")
        // Every row a run: the cut that keeps R5 is the reading (the glued table's assumption).
        let allRuns = RowSolver.analyze(tokens, width: 15, constraints: r5)
        #expect(allRuns.agreed[1] == .count(20), "\(allRuns.agreed)")
    }

    /// Whether a table's values are printed apart: tabs, spaces and one value a line are; a
    /// table whose rows are all glued to their labels is not.
    @Test(arguments: [
        ("一、本年新收\t12\t3\t0\t1\t2\t0\t18\n二、上年结转\t1\t0\t0\t0\t0\t0\t1", true),
        ("一、本年新收 12 3 0 1 2 0 18\n二、上年结转 1 0 0 0 0 0 1", true),
        ("一、本年新收\n12\n3\n0\n1\n2\n0\n18\n二、上年结转\n1\n0\n0\n0\n0\n0\n1", true),
        ("一、本年新收1230120 18\n二、上年结转1000001\n（一）予以公开6100108", false),
        ("一、本年新收123012018\n二、上年结转1000001", false),
    ])
    func valuesPrintedApart(_ text: String, _ apart: Bool) {
        #expect(RowSolver.valuesPrintedApart(ReportTokenizer.tokens(text)) == apart)
    }

    /// In the consistent fixture (values printed apart), one row copied as one run, with or
    /// without a lost value: no cell read wrong, no error.
    @Test(arguments: [
        // None lost: 6 1 0 0 1 0 8 glued.
        FifthReviewTests.Stray(name: "予以公开 glued", from: "（一）予以公开\t6\t1\t0\t0\t1\t0\t8", to: "（一）予以公开\t6100108"),
        // 商业企业 3 lost.
        FifthReviewTests.Stray(name: "总计 3 lost", from: "（七）总计\t12\t3\t0\t1\t1\t0\t17", to: "（七）总计\t12011017"),
        // 保护第三方合法权益: a 0 lost.
        FifthReviewTests.Stray(name: "第三方 0 lost", from: "4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1", to: "4.保护第三方合法权益\t100001"),
        // 结转下年度: the 1 of 法律服务机构 lost.
        FifthReviewTests.Stray(name: "结转 1 lost", from: "四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2", to: "四、结转下年度继续办理\t100002"),
    ])
    func inTheFixture(_ stray: FifthReviewTests.Stray) {
        let base = ReportFixtures.values(ReportChecker.check(text: ReportFixtures.text("base-2022.txt")))
        let result = ColdReviewTenITests.check(stray)
        for (cell, value) in ReportFixtures.values(result) {
            #expect(base[cell] == value, "\(cell): read \(value), printed \(String(describing: base[cell]))")
        }
        #expect(result.findings.filter { $0.severity == .error }.isEmpty, "\(result.findings.map(\.message))")
    }
}
