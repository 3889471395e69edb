import Foundation

/// A PDF's text comes from outside the core (`pdftotext`), in two orders: the content stream's
/// (`-raw`: each table cell's words together, as the generator drew them) and the page's layout
/// (`-layout`: lines as they stand on the page). Neither is right for every PDF. In layout order a
/// row label that wraps in its narrow cell is cut into lines, and a cell's values stand on the
/// line where the cell centres them — the label's first, middle or last line — so a row could take
/// its neighbour's values (review 16: 16 of 24 PDFs printed by Chromium, and the Word tables
/// LibreOffice printed, had cells read wrong). In content order those tables read whole; a PDF
/// whose generator drew its text out of reading order reads better by its layout.
/// The two texts are read, and the one whose tables give more cells is checked: a text in the
/// wrong order breaks rows apart, and the reader leaves what it cannot place unread rather than
/// guess (a wrong number is worse than a missing one).
public enum PDFTextChoice {
    /// `pdftotext` options for the texts weighed, in the order a tie is decided.
    public static let pdftotextModes: [[String]] = [["-raw"], ["-layout"]]

    /// Of the texts of one PDF (in `pdftotextModes` order), the one whose reading gives the most
    /// table cells; then the fewest errors; then the first. A text that cannot be read at all
    /// loses to one that can; when none can, the first's error is thrown.
    public static func fuller(_ texts: [ReportFile]) throws -> ReportFile {
        var best: (file: ReportFile, cells: Int, errors: Int)?
        var firstError: Error?
        for text in texts {
            let result: ReportCheckResult
            do { result = try ReportChecker.check(text) } catch {
                if firstError == nil { firstError = error }
                continue
            }
            let cells = result.cells.values.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            let errors = result.findings.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) }
            if let b = best, b.cells > cells || (b.cells == cells && b.errors <= errors) { continue }
            best = (text, cells, errors)
        }
        if let best { return best.file }
        throw firstError ?? ReportReadError(message: "PDF 中没有可读的文字")
    }
}
