import Foundation
import Testing
@testable import GongkaiCore

/// A PDF's text in content order (`pdftotext -raw`) and in layout order (`-layout`): the one whose
/// tables read fuller is checked (review 16 H1/H2). Fixtures in Fixtures/pdf-text: both texts of
/// two generated reports — the official table printed by Chromium from HTML (labels wrapped in
/// narrow cells, values centred on the middle line) and a Word table printed by LibreOffice — and
/// the numbers the tables print.
@Suite("Report check: a PDF's text in content and in layout order")
struct PDFTextChoiceTests {
    static let folder = ReportFixtures.folder.deletingLastPathComponent().appendingPathComponent("pdf-text")

    static func text(_ name: String) throws -> ReportFile {
        ReportFile(name: "\(name).pdf", data: try Data(contentsOf: folder.appendingPathComponent("\(name).txt")), kind: .text)
    }

    /// Cells read with a number other than the printed one (a null is no wrong number).
    static func wrongCells(_ result: ReportCheckResult, _ report: String) throws -> [String] {
        let printed = try JSONDecoder().decode([String: Decimal].self, from: Data(contentsOf: folder.appendingPathComponent("\(report)-truth.json")))
        return printed.keys.sorted().filter { key in
            guard case .some(.some(let read)) = result.cells[key] else { return false }
            return read != printed[key]
        }
    }

    static func readCells(_ result: ReportCheckResult) -> Int { result.cells.values.filter { $0 != nil }.count }

    @Test(arguments: ["chromium-wrapped-labels", "libreoffice-word-table"])
    func theContentOrderIsCheckedAndNoCellIsReadWrong(report: String) throws {
        let raw = try Self.text("\(report)-raw"), layout = try Self.text("\(report)-layout")
        // Read by its layout, each wrapped label is gathered with its values (`RowBands`): before,
        // rows took the cells of the rows around them, which was what the choice was first for.
        let byLayout = try ReportChecker.check(layout)
        #expect(try Self.wrongCells(byLayout, report) == [])

        let chosen = try PDFTextChoice.fuller([raw, layout])
        #expect(chosen.data == raw.data)
        let result = try ReportChecker.check(chosen)
        #expect(try Self.wrongCells(result, report) == [])
        #expect(Self.readCells(result) >= Self.readCells(byLayout))
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
    }

    /// Review 17: the same Chromium table with its cells painted in another order (CSS z-index)
    /// has no table left in content order; its layout text is checked, and reads as printed.
    @Test func aTablePaintedOutOfOrderIsReadFromItsLayout() throws {
        let raw = try Self.text("chromium-z-ordered-raw"), layout = try Self.text("chromium-z-ordered-layout")
        #expect(Self.readCells(try ReportChecker.check(raw)) < 10)
        let chosen = try PDFTextChoice.fuller([raw, layout])
        #expect(chosen.data == layout.data)
        let result = try ReportChecker.check(chosen)
        #expect(try Self.wrongCells(result, "chromium-z-ordered") == [])
        #expect(Self.readCells(result) >= 190)
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
    }

    /// The order of the texts decides a tie; a text that reads no table loses to one that does,
    /// wherever it stands; one that cannot be read at all loses too, and when none can be read
    /// the first one's reason is given.
    @Test func aTieGoesToTheFirstTextAndAnUnreadableTextLoses() throws {
        let raw = try Self.text("libreoffice-word-table-raw")
        let copy = ReportFile(name: "copy.pdf", data: raw.data, kind: .text)
        #expect(try PDFTextChoice.fuller([copy, raw]).name == "copy.pdf")
        #expect(try PDFTextChoice.fuller([raw, copy]).name == raw.name)

        let prose = ReportFile(name: "prose.pdf", data: Data("示范县教育局2022年政府信息公开工作年度报告\n一、总体情况\n本年度认真落实条例，共主动公开政府信息356条。".utf8), kind: .text)
        #expect(try PDFTextChoice.fuller([prose, raw]).data == raw.data)

        let empty = ReportFile(name: "scan.pdf", data: Data(), kind: .text)
        #expect(try PDFTextChoice.fuller([empty, raw]).data == raw.data)
        let reason = #expect(throws: ReportReadError.self) {
            try PDFTextChoice.fuller([empty, ReportFile(name: "scan2.pdf", data: Data(), kind: .text)])
        }
        let direct = #expect(throws: ReportReadError.self) { try ReportChecker.check(empty) }
        #expect(reason != nil && reason == direct)
    }
}
