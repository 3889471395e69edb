import CLibXML2
import Foundation

/// Text of an HTML page with its tables as tab-separated lines, through libxml2's forgiving HTML
/// parser (real pages are broken HTML). Rowspans leave empty cells where they reach, so that
/// the columns of a row stay in place; layout tables (tables holding tables) are read as text.
enum HTMLExtractor {
    static func text(fromHTML html: String) -> String {
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
        if let root = xmlDocGetRootElement(document) { walk(root, &writer) }
        writer.endLine()
        return writer.lines.joined(separator: "\n")
    }

    private struct Writer {
        var lines: [String] = []
        var current = ""
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

    private static let skipped: Set<String> = ["script", "style", "head", "noscript", "template", "iframe", "object", "svg", "select", "button"]
    private static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                                              "header", "footer", "blockquote", "pre", "tr", "dt", "dd", "form", "center", "hr", "caption", "title"]

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func walk(_ node: xmlNodePtr, _ writer: inout Writer) {
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
                if skipped.contains(tag) { continue }
                if tag == "br" { writer.endLine(); continue }
                if tag == "table" {
                    writer.endLine()
                    if containsTable(current) { walk(current, &writer) } else { table(current, &writer) }
                    writer.endLine()
                    continue
                }
                let isBlock = blocks.contains(tag) || tag == "td" || tag == "th"
                if isBlock { writer.endLine() }
                walk(current, &writer)
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

    /// A data table as lines of tab-separated cells, spans placed on a grid.
    private static func table(_ node: xmlNodePtr, _ writer: inout Writer) {
        var rows: [[Cell]] = []
        collectRows(node, &rows)
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
                if cell.rowspan > 1 {
                    for rr in (r + 1)..<(r + min(cell.rowspan, 200)) {
                        for cc in column..<(column + cell.colspan) { occupied[rr, default: []].insert(cc) }
                    }
                }
                column += cell.colspan
            }
            skipOccupied()
            writer.appendRow(fields.map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    private static func collectRows(_ node: xmlNodePtr, _ rows: inout [[Cell]]) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(current) {
            case "tr":
                var cells: [Cell] = []
                var cellNode = current.pointee.children
                while let c = cellNode {
                    if c.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(name(c)) {
                        cells.append(Cell(text: cellText(c), colspan: span(c, "colspan"), rowspan: span(c, "rowspan")))
                    }
                    cellNode = c.pointee.next
                }
                rows.append(cells)
            case "thead", "tbody", "tfoot":
                collectRows(current, &rows)
            default:
                continue
            }
        }
    }

    private static func span(_ node: xmlNodePtr, _ attribute: String) -> Int {
        guard let value = xmlGetProp(node, attribute) else { return 1 }
        defer { gk_xml_free(value) }
        let digits = String(cString: value).filter(\.isNumber)
        return max(1, min(Int(digits.prefix(4)) ?? 1, 100))
    }

    private static func cellText(_ node: xmlNodePtr) -> String {
        var writer = Writer()
        walk(node, &writer)
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
