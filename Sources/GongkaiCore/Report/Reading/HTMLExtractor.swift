import CLibXML2
import Foundation

/// Text of an HTML page with its tables as tab-separated lines, through libxml2's forgiving HTML
/// parser (real pages are broken HTML). Rowspans leave empty cells where they reach, so that
/// the columns of a row stay in place; layout tables (tables holding tables) are read as text.
///
/// A stranger's page decides the spans, so the grid they make is bounded: a span reaches no
/// further than the table's last row, a row is at most `maxColumns` wide, and the cells the
/// spans cover count against `maxGridCellsPerTable` and `maxGridCellsPerDocument`. A page past
/// them is refused (`ReportReadError`) before its grid is built: `<td rowspan=100 colspan=100>`
/// twenty thousand times once took the server's memory.
enum HTMLExtractor {
    /// A report's widest table has about 30 columns.
    static let maxColumns = 1_000
    /// Grid positions (each cell's colspan × rowspan) of one table, and of all of a page's tables.
    /// A report's tables have a few thousand together.
    static let maxGridCellsPerTable = 50_000
    static let maxGridCellsPerDocument = 100_000

    static let tooComplex = ReportReadError(message: "该网页的表格太复杂（合并单元格或列过多），无法在限定时间内读取；可先另存为文本或 Word 再检查")

    static func text(fromHTML html: String) throws -> String {
        var bytes = Array(html.utf8)
        bytes.append(0)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        var writer = Writer()
        if let root = xmlDocGetRootElement(document) { try walk(root, &writer) }
        writer.endLine()
        return writer.lines.joined(separator: "\n")
    }

    private struct Writer {
        var lines: [String] = []
        var current = ""
        /// Grid positions of the tables read so far (`maxGridCellsPerDocument`).
        var gridCells = 0
        mutating func append(_ text: String) { current += text }
        mutating func endLine() {
            let line = current.trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }

        /// A table row: leading tabs are empty cells and must stay.
        mutating func appendRow(_ fields: [String]) {
            endLine()
            if fields.contains(where: { !$0.isEmpty }) { lines.append(ReportTokenizer.tableRow(fields)) }
        }
    }

    /// Elements whose text is no part of what the page says: not shown (scripts, forms' widgets),
    /// struck out (`del`, `s`, `strike`: a corrected figure's old value), or a footnote mark
    /// (`sup`, `sub`: review 25 read `47<sup>1</sup>` as 471).
    private static let skipped: Set<String> = [
        "script", "style", "head", "noscript", "template", "iframe", "object", "svg", "select", "button", "del", "s", "strike", "sup", "sub",
    ]
    private static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                                              "header", "footer", "blockquote", "pre", "tr", "dt", "dd", "form", "center", "hr", "caption", "title"]

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func walk(_ node: xmlNodePtr, _ writer: inout Writer) throws {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    writer.append(collapse(String(cString: content)))
                }
            case XML_ELEMENT_NODE:
                let tag = name(current)
                if skipped.contains(tag) || isHidden(current) { continue }
                if tag == "br" { writer.endLine(); continue }
                if tag == "table" {
                    writer.endLine()
                    if containsTable(current) { try walk(current, &writer) } else { try table(current, &writer) }
                    writer.endLine()
                    continue
                }
                let isBlock = blocks.contains(tag) || tag == "td" || tag == "th"
                if isBlock { writer.endLine() }
                try walk(current, &writer)
                if isBlock { writer.endLine() }
            default:
                continue
            }
        }
    }

    private static func containsTable(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, name(current) == "table" || containsTable(current) { return true }
            child = current.pointee.next
        }
        return false
    }

    private struct Cell {
        let text: String
        let colspan: Int
        let rowspan: Int
    }

    /// A data table as lines of tab-separated cells, spans placed on a grid. The grid is counted
    /// before it is built (`maxColumns`, `maxGridCellsPerTable`, `maxGridCellsPerDocument`).
    private static func table(_ node: xmlNodePtr, _ writer: inout Writer) throws {
        var rows: [[Cell]] = []
        var collected = 0
        try collectRows(node, &rows, &collected, limit: min(maxGridCellsPerTable, maxGridCellsPerDocument - writer.gridCells))
        var tableCells = 0
        for (r, row) in rows.enumerated() {
            var width = 0
            for cell in row {
                width += cell.colspan
                guard width <= maxColumns else { throw tooComplex }
                // A rowspan reaches no further than the table's last row.
                tableCells += cell.colspan * min(cell.rowspan, rows.count - r)
            }
            tableCells += 1  // an empty row still costs a line
            guard tableCells <= maxGridCellsPerTable, writer.gridCells + tableCells <= maxGridCellsPerDocument else { throw tooComplex }
        }
        writer.gridCells += tableCells
        var occupied: [Int: Set<Int>] = [:]  // row → columns taken by rowspans from above
        for (r, row) in rows.enumerated() {
            var fields: [String] = []
            var column = 0
            func skipOccupied() {
                while occupied[r]?.contains(column) == true {
                    fields.append("")
                    column += 1
                }
            }
            for cell in row {
                skipOccupied()
                fields.append(cell.text)
                if cell.rowspan > 1, r + 1 < rows.count {
                    for rr in (r + 1)..<min(r + cell.rowspan, rows.count) {
                        for cc in column..<(column + cell.colspan) { occupied[rr, default: []].insert(cc) }
                    }
                }
                column += cell.colspan
            }
            skipOccupied()
            writer.appendRow(fields.map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// The rows of a table; `collected` counts the positions they cover at least (each cell's
    /// colspan, each row), so a table past `limit` is refused before the text of all its cells is read.
    private static func collectRows(_ node: xmlNodePtr, _ rows: inout [[Cell]], _ collected: inout Int, limit: Int) throws {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(current) {
            case "tr" where isHidden(current):
                continue
            case "tr":
                var cells: [Cell] = []
                var cellNode = current.pointee.children
                while let c = cellNode {
                    if c.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(name(c)), !isHidden(c) {
                        let colspan = span(c, "colspan")
                        collected += colspan
                        guard collected <= limit else { throw tooComplex }
                        cells.append(Cell(text: try cellText(c), colspan: colspan, rowspan: span(c, "rowspan")))
                    }
                    cellNode = c.pointee.next
                }
                collected += 1
                guard collected <= limit else { throw tooComplex }
                rows.append(cells)
            case "thead", "tbody", "tfoot":
                try collectRows(current, &rows, &collected, limit: limit)
            default:
                continue
            }
        }
    }

    /// Whether the browser hides the element: the `hidden` attribute, or a declaration
    /// `display: none` or `visibility: hidden` in its style (review 25: a hidden 9 before a cell's
    /// 47, as Word's saved pages carry, was read 947). Of a row, a cell or an inline element only:
    /// a hidden block (a tab's `div`) is as often shown by a script, and was read before (review 26).
    private static func isHidden(_ node: xmlNodePtr) -> Bool {
        let tag = name(node)
        guard tag == "tr" || tag == "td" || tag == "th" || inline.contains(tag) else { return false }
        if xmlHasProp(node, "hidden") != nil { return true }
        guard let value = xmlGetProp(node, "style") else { return false }
        defer { gk_xml_free(value) }
        let written = String(cString: value).lowercased()
        guard written.contains("none") || written.contains("hidden") else { return false }
        // Declarations `property: value` (comments dropped), compared whole: `font-display:none`
        // or `display:none-ish` hide nothing.
        var style = written
        while let open = style.range(of: "/*") {
            let close = style.range(of: "*/", range: open.upperBound..<style.endIndex)?.upperBound ?? style.endIndex
            style.removeSubrange(open.lowerBound..<close)
        }
        for declaration in style.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1).map {
                $0.replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard parts.count == 2 else { continue }
            if (parts[0] == "display" && parts[1] == "none") || (parts[0] == "visibility" && parts[1] == "hidden") { return true }
        }
        return false
    }

    /// The inline elements a hidden run of text is written in (Word's saved pages: `span`).
    private static let inline: Set<String> = ["span", "font", "b", "i", "u", "em", "strong", "a", "small", "big", "label", "ins", "mark", "code"]

    private static func span(_ node: xmlNodePtr, _ attribute: String) -> Int {
        guard let value = xmlGetProp(node, attribute) else { return 1 }
        defer { gk_xml_free(value) }
        let digits = String(cString: value).filter(\.isNumber)
        return max(1, min(Int(digits.prefix(4)) ?? 1, 100))
    }

    private static func cellText(_ node: xmlNodePtr) throws -> String {
        var writer = Writer()
        try walk(node, &writer)
        writer.endLine()
        return writer.lines.joined(separator: " ").replacingOccurrences(of: "\t", with: " ")
    }

    /// HTML whitespace: runs of spaces and line breaks are one space; no-break spaces stay.
    private static func collapse(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return out
    }
}
