import Foundation
import ZIPFoundation

/// A Word document as data: paragraphs in a few official-document styles, and simple tables.
/// Enough for letters, notices and report exports that open in Word and WPS.
public struct WordDocument: Sendable {
    public enum Style: String, Sendable {
        /// 公文标题: centred, large, bold.
        case title
        /// Document number under the title (示政信〔2023〕12号): centred.
        case number
        /// A heading inside the text (一、总体情况).
        case heading
        /// Body text with a two-character first-line indent (公文正文).
        case body
        /// Body text without indent (the addressee line: 张三：).
        case plain
        /// Right-aligned (the issuing agency and date).
        case right
    }

    public enum Block: Sendable {
        case paragraph(String, Style)
        /// Rows of cells; the first `headerRows` rows are bold; a short row's last cell spans the rest.
        case table(rows: [[String]], headerRows: Int)
        /// A table with cells merged across and down (the annual report's templates).
        case grid(WordTable)
    }

    public var title: String
    public var blocks: [Block] = []

    public init(title: String) {
        self.title = title
    }

    public mutating func add(_ text: String, _ style: Style = .body) { blocks.append(.paragraph(text, style)) }
}

/// A table whose cells may span columns and rows. Rows list the cells that start in them, as
/// HTML does: a cell spanning rows is given once, in its first row.
public struct WordTable: Sendable {
    public struct Cell: Sendable {
        public enum Alignment: String, Sendable { case left, center }
        public var text: String
        public var colSpan: Int
        public var rowSpan: Int
        public var bold: Bool
        public var alignment: Alignment
        public init(_ text: String, colSpan: Int = 1, rowSpan: Int = 1, bold: Bool = false, alignment: Alignment = .center) {
            self.text = text
            self.colSpan = colSpan
            self.rowSpan = rowSpan
            self.bold = bold
            self.alignment = alignment
        }
    }

    public var rows: [[Cell]]
    /// Width of each grid column in twentieths of a point; the table fills the text width.
    public var columnWidths: [Int]

    public init(rows: [[Cell]], columnWidths: [Int]) {
        self.rows = rows
        self.columnWidths = columnWidths
    }
}

public enum DocxWriter {
    /// The .docx bytes of a document.
    public static func data(_ document: WordDocument) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try add("[Content_Types].xml", contentTypes)
        try add("_rels/.rels", rootRelationships)
        try add("word/_rels/document.xml.rels", documentRelationships)
        try add("word/styles.xml", styles)
        try add("docProps/core.xml", core(title: document.title))
        try add("word/document.xml", body(document))
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func run(_ text: String, bold: Bool = false) -> String {
        let props = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
            (i > 0 ? "<w:r><w:br/></w:r>" : "") + "<w:r>\(props)<w:t xml:space=\"preserve\">\(escape(String(line)))</w:t></w:r>"
        }.joined()
    }

    private static func body(_ document: WordDocument) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            """
        for block in document.blocks {
            switch block {
            case .paragraph(let text, let style):
                xml += "<w:p><w:pPr><w:pStyle w:val=\"\(style.rawValue)\"/></w:pPr>\(run(text))</w:p>"
            case .table(let rows, let headerRows):
                let columns = rows.map(\.count).max() ?? 1
                xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"grid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
                    + "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
                        "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                    }.joined() + "</w:tblBorders></w:tblPr><w:tblGrid>"
                    + String(repeating: "<w:gridCol/>", count: columns) + "</w:tblGrid>"
                for (r, row) in rows.enumerated() {
                    xml += "<w:tr>"
                    for (c, cell) in row.enumerated() {
                        let span = c == row.count - 1 && row.count < columns ? "<w:gridSpan w:val=\"\(columns - row.count + 1)\"/>" : ""
                        xml += "<w:tc><w:tcPr>\(span)</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"cell\"/></w:pPr>\(run(cell, bold: r < headerRows))</w:p></w:tc>"
                    }
                    xml += "</w:tr>"
                }
                xml += "</w:tbl><w:p/>"
            case .grid(let table):
                xml += grid(table)
            }
        }
        xml += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
        return xml
    }

    /// A merged table: a cell spanning columns is one `w:tc` with `w:gridSpan`; a cell spanning
    /// rows starts with `w:vMerge w:val="restart"` and is continued by empty `w:vMerge` cells in
    /// the rows below, at the same grid column.
    static func grid(_ table: WordTable) -> String {
        let columns = table.columnWidths.count
        var xml = "<w:tbl><w:tblPr><w:tblStyle w:val=\"grid\"/><w:tblW w:w=\"\(table.columnWidths.reduce(0, +))\" w:type=\"dxa\"/>"
            + "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
                "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            }.joined() + "</w:tblBorders></w:tblPr><w:tblGrid>"
            + table.columnWidths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        // Grid columns still covered by a cell from a row above: column → (remaining rows, span).
        var covered: [Int: (rows: Int, span: Int)] = [:]
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            var column = 0
            var cells = row[...]
            while column < columns {
                if let cover = covered[column] {
                    let width = table.columnWidths[column..<min(columns, column + cover.span)].reduce(0, +)
                    xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                        + (cover.span > 1 ? "<w:gridSpan w:val=\"\(cover.span)\"/>" : "") + "<w:vMerge/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"cell\"/></w:pPr></w:p></w:tc>"
                    covered[column] = cover.rows > 1 ? (cover.rows - 1, cover.span) : nil
                    column += cover.span
                    continue
                }
                guard let cell = cells.popFirst() else { break }
                let span = max(1, min(cell.colSpan, columns - column))
                let width = table.columnWidths[column..<(column + span)].reduce(0, +)
                var props = "<w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>" + (span > 1 ? "<w:gridSpan w:val=\"\(span)\"/>" : "")
                if cell.rowSpan > 1 {
                    props += "<w:vMerge w:val=\"restart\"/>"
                    covered[column] = (cell.rowSpan - 1, span)
                }
                props += "<w:vAlign w:val=\"center\"/>"
                let align = cell.alignment == .left ? "<w:jc w:val=\"left\"/>" : ""
                xml += "<w:tc><w:tcPr>\(props)</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"cell\"/>\(align)</w:pPr>\(run(cell.text, bold: cell.bold))</w:p></w:tc>"
                column += span
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl><w:p/>"
    }

    private static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """

    private static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
        """

    private static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    private static func core(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape(title))</dc:title><dc:creator>公开 Gongkai</dc:creator></cp:coreProperties>
        """
    }

    /// Official-document typography (GB/T 9704): 仿宋 三号 body, 小标宋/黑体 title, 28 pt lines.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="body"><w:name w:val="Body"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="plain"><w:name w:val="Plain"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240" w:line="720" w:lineRule="exact"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="number"><w:name w:val="Document number"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="heading"><w:name w:val="Heading"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:keepNext/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="right"><w:name w:val="Right"/><w:pPr><w:jc w:val="right"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="cell"><w:name w:val="Table cell"/><w:pPr><w:jc w:val="center"/><w:spacing w:line="320" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
        <w:style w:type="table" w:styleId="grid"><w:name w:val="Grid"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
        </w:styles>
        """
}
