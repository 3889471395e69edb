import Foundation
import Testing
@testable import GongkaiCore

/// The third cold review of issue #10 (of the fixes for a lone number after a short row and for
/// `)` after a row's last value) and the low findings left open by the second: each on a small
/// fixture of our own made from base-2022.txt or pipes-2023.txt.
@Suite("Report check: third review of issue #10")
struct ThirdReviewTests {
    static let received = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18\n二、上年结转"
    static let disclosedRow = ReadingDefectTests.disclosedRow

    // MARK: a digit with `)` or `、` before something that is no row label

    struct Stray: Sendable, CustomTestStringConvertible {
        let name: String
        let from: String
        let to: String
        var testDescription: String { name }
    }

    @Test("a mark after a row's last value is no row marker when no label follows", arguments: [
        // `18)` glued to the next row's own marker: not 1 and a marker `8)`
        Stray(name: "18) glued to 二、上年结转", from: received, to: "一、本年新收政府信息公开申请数量 12 3 0 1 2 0 18)二、上年结转"),
        Stray(name: "18、 at the end of the line", from: received, to: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18、\n二、上年结转"),
        Stray(name: "8、 before （二）部分公开", from: "（一）予以公开\t6\t1\t0\t0\t1\t0\t8\n", to: "（一）予以公开\t6\t1\t0\t0\t1\t0\t8、\n"),
        Stray(name: "17) glued to 四、结转下年度", from: "（七）总计\t12\t3\t0\t1\t1\t0\t17\n四、结转下年度",
              to: "（七）总计 12 3 0 1 1 0 17)四、结转下年度"),
        Stray(name: "17、 at the end of the line", from: "（七）总计\t12\t3\t0\t1\t1\t0\t17\n四、结转下年度",
              to: "（七）总计 12 3 0 1 1 0 17、\n四、结转下年度"),
    ])
    func strayMark(_ stray: Stray) {
        let text = ReportFixtures.text("base-2022.txt")
        #expect(text.contains(stray.from), "fixture changed")
        let result = ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells, "\(ReportFixtures.baseCells.filter { read[$0.key] == nil }.map(\.key.rawValue).sorted())")
    }

    @Test func markersFollowedByLabelsStayMarkers() {
        let tokens = ReportTokenizer.tokens("0 01、属于国家秘密\n1. 予以公开\n3（三）不予公开1、属于国家秘密")
        #expect(tokens.filter { $0.kind == .ordinal }.map(\.text) == ["1.", "1.", "1."])
        #expect(tokens.filter(\.isValue).map(\.text) == ["0", "0", "3"])
        let stray = ReportTokenizer.tokens("0 18、\n（二）部分公开 2 10)(三)")
        #expect(stray.filter { $0.kind == .ordinal }.isEmpty)
        #expect(stray.filter(\.isValue).map(\.text) == ["0", "18", "2", "10"])
    }

    // MARK: a complete glued row, then a page number

    @Test("a complete glued row followed by a page number keeps what its digits prove", arguments: ["12", "5", "3"])
    func gluedRowThenPageNumber(_ page: String) {
        let result = ReadingDefectTests.check { $0.replacingOccurrences(of: Self.disclosedRow, with: "（一）予以公开 6100108\n\(page)") }
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        for (column, value) in zip(ReportSchema.v2021.t3Columns.map(\.id), [6, 1, 0, 0, 1, 0, 8] as [Decimal]) {
            #expect(read[.t3("result_disclosed", column)] == value, "\(column) with page \(page)")
        }
        #expect(result.repairs.contains { $0.row.contains("予以公开") && $0.message.contains("按页码处理") }, "\(result.repairs.map(\.message))")
    }

    // MARK: rows printed in cells with fewer cells than columns

    @Test func aShortPipeRowIsNotCompletedFromItsTotal() throws {
        // given a Markdown row of 予以公开 with its last cell not printed
        let text = ReportFixtures.text("pipes-2023.txt")
        let row = "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 ||"
        #expect(text.contains(row), "fixture changed")
        let result = ReportChecker.check(text: text.replacingOccurrences(of: row, with: "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 |"), source: "pipes")
        let values = ReportFixtures.values(result)
        // then the printed cells are read where they stand, the total is not invented
        #expect(ReportSchema.v2021.t3Columns.dropLast().map { values[.t3("result_disclosed", $0.id)] } == [4, 1, 0, 0, 0, 0])
        #expect(values[.t3("result_disclosed", "total")] == nil)
        #expect(result.missingCells.contains { $0.cell == .t3("result_disclosed", "total") })
        // and the rule that placed them is named as an assumption, not counted as passed for the row
        #expect(result.assumptions.contains { $0.rule == "R4" && $0.scope == ["result_disclosed"] }, "\(result.assumptions.map(\.message))")
    }

    @Test func aShortPipeRowMissingAValueInsideReadsOnlyWhatEveryReadingGives() {
        // given a Markdown row of 予以公开 with a value lost inside (4 1 0 0 0 0 5 printed as 4 1 0 0 0 5)
        let text = ReportFixtures.text("pipes-2023.txt")
        let row = "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 ||"
        let result = ReportChecker.check(text: text.replacingOccurrences(of: row, with: "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 5 |"), source: "pipes")
        let values = ReportFixtures.values(result)
        // then no cell is read with a number the row does not have in that column, and whatever
        // the column relations decided is named as an assumption
        let truth: [Decimal] = [4, 1, 0, 0, 0, 0, 5]
        for (column, value) in zip(ReportSchema.v2021.t3Columns.map(\.id), truth) {
            if let read = values[.t3("result_disclosed", column)] { #expect(read == value, "\(column)") }
        }
        let decided = Set(result.assumptions.flatMap(\.cells))
        for column in ReportSchema.v2021.t3Columns.map(\.id) where values[.t3("result_disclosed", column)] != nil {
            #expect(decided.contains(.t3("result_disclosed", column)), "\(column) read without naming the rule it rests on")
        }
    }

    @Test func aShortHTMLRowIsNotCompletedFromItsTotal() throws {
        // given the HTML 予以公开 row with its last cell not printed at all
        let html = ReportFixtures.text("base-2022.html")
        let cell = "<td>&nbsp;<span>0</span>&nbsp;<td>&nbsp;<span>8</span>&nbsp;</tr>"
        #expect(html.components(separatedBy: cell).count == 2, "fixture changed")
        let result = try ReportChecker.check(ReportFile(name: "short.html", data: Data(html.replacingOccurrences(of: cell, with: "<td>&nbsp;<span>0</span>&nbsp;</tr>").utf8)))
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read[.t3("result_disclosed", "total")] == nil)
        #expect(read[.t3("result_disclosed", "natural_person")] == 6)
        #expect(result.assumptions.contains { $0.rule == "R4" }, "\(result.assumptions.map(\.message))")
    }

    @Test func aCellPrintedWithALeadingZeroIsNotCut() {
        // given a Markdown row whose cell reads `06`: one cell, not the glued cells 0 and 6
        let text = ReportFixtures.text("pipes-2023.txt")
        let row = "| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 ||"
        let result = ReportChecker.check(text: text.replacingOccurrences(of: row, with: "| 予以公开 | 04 | 1 | 0 | 0 | 0 | 0 | 5 ||"), source: "pipes")
        let values = ReportFixtures.values(result)
        #expect(values[.t3("result_disclosed", "natural_person")] == nil)
        #expect(values[.t3("result_disclosed", "total")] == 5)
        #expect(result.missingCells.contains { $0.cell == .t3("result_disclosed", "natural_person") && $0.reason.contains("04") })
    }

    /// A review of this round: rows of three cells or more now end with `│`, and a signature
    /// printed in such a row (a spacer, the agency, the date) lost the issuer.
    @Test func aSignatureInARowOfThreeCellsStillNamesTheIssuer() {
        var text = ReportFixtures.text("base-2022.txt")
        text = text.replacingOccurrences(of: "示范县教育局2022年政府信息公开工作年度报告", with: "2022年政府信息公开工作年度报告")
        let plain = ReportChecker.check(text: text + "\n示范县教育局\t2023年1月20日\n", source: "plain")
        #expect(plain.issuer == "示范县教育局", "control: \(plain.issuer ?? "nil")")
        let row = ReportTokenizer.tableRow(["", "示范县教育局", "2023年1月20日"])
        let result = ReportChecker.check(text: text + "\n" + row + "\n", source: "row")
        #expect(result.issuer == "示范县教育局", "\(row) → \(result.issuer ?? "nil")")
    }
}
