import CLibXML2
import Foundation
import ZIPFoundation

/// Text of a Word (.docx) file with its tables as tab-separated lines: paragraphs and tables of
/// `word/document.xml`, a cell merged down (vMerge) read as empty below its first row, a cell
/// spanning columns (gridSpan) as one field — as HTML reports give it — and layout tables
/// (tables that hold tables, as pages pasted into Word become) read as text.
enum DocxExtractor {
    struct Failure: Error {
        let message: String
    }

    /// The largest `document.xml` we inflate (a zip bomb guard). A year's report is well under
    /// 2 MB of XML; 8 MB keeps the parsed tree near 150 MB, where 49 MB once cost 750 MB and 7 s.
    static let maxDocumentBytes: UInt64 = 8 * 1024 * 1024

    static func text(fromDocx data: Data) throws -> String {
        guard ZipIntegrity.isSound(data) else { throw Failure(message: "不是有效的 Word（.docx）文件：压缩包已损坏或不完整") }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Failure(message: "不是有效的 Word（.docx）文件：无法打开压缩包") }
        guard let entry = archive["word/document.xml"] else { throw Failure(message: "不是有效的 Word（.docx）文件：缺少 word/document.xml") }
        guard entry.uncompressedSize <= maxDocumentBytes else { throw Failure(message: "Word 文件正文过大") }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                xml.append(chunk)
                if UInt64(xml.count) > maxDocumentBytes { throw Failure(message: "Word 文件正文过大") }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "Word 文件已损坏，无法解压正文")
        }
        // libxml2 rather than FoundationXML: its SAX bridge traps on some damaged documents.
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = xml.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, "UTF-8", options)
        }
        guard let document, let body = xmlDocGetRootElement(document) else { throw Failure(message: "Word 文件正文不是有效的 XML") }
        defer { xmlFreeDoc(document) }
        let builder = TreeBuilder()
        builder.visit(body, depth: 0)
        var lines: [String] = []
        render(builder.root.blocks, into: &lines)
        return lines.joined(separator: "\n")
    }

    // MARK: document tree

    final class Container {
        var blocks: [Block] = []
        var continuesMerge = false
    }

    enum Block {
        case paragraph(String)
        case table([[Container]])
    }

    private static func render(_ blocks: [Block], into lines: inout [String]) {
        for block in blocks {
            switch block {
            case .paragraph(let text):
                let line = text.trimmingCharacters(in: .whitespaces)
                if !line.isEmpty { lines.append(line) }
            case .table(let rows):
                if rows.contains(where: { $0.contains { $0.blocks.contains { if case .table = $0 { return true } else { return false } } } }) {
                    for row in rows { for cell in row { render(cell.blocks, into: &lines) } }
                } else {
                    for row in rows {
                        // A cell continuing a vertical merge is empty here, like a rowspan in HTML.
                        lines.append(ReportTokenizer.tableRow(row.map { $0.continuesMerge ? "" : cellText($0) }))
                    }
                }
            }
        }
    }

    private static func cellText(_ cell: Container) -> String {
        var lines: [String] = []
        render(cell.blocks, into: &lines)
        return lines.joined(separator: " ").replacingOccurrences(of: "\t", with: " ")
    }

    /// Builds the tree from `w:body`: paragraphs (`w:p` with `w:t`, `w:tab`, `w:br`) and tables
    /// (`w:tbl` › `w:tr` › `w:tc`), nested as deep as they go (bounded: damaged files nest deeply).
    private final class TreeBuilder {
        let root = Container()
        private var containers: [Container] = []
        private var paragraph: String?

        init() { containers = [root] }

        private static func name(_ node: xmlNodePtr) -> String {
            node.pointee.name.map { String(cString: $0) } ?? ""
        }

        private static func attribute(_ node: xmlNodePtr, _ local: String) -> String? {
            var attr = node.pointee.properties
            while let a = attr {
                if a.pointee.name.map({ String(cString: $0) }) == local, let child = a.pointee.children, let content = child.pointee.content {
                    return String(cString: content)
                }
                attr = a.pointee.next
            }
            return nil
        }

        /// Whether a run's properties (`w:rPr`) hide it: `<w:vanish/>`, unless turned off by its value.
        private static func isHidden(_ run: xmlNodePtr) -> Bool {
            var child = run.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, name(c) == "rPr" else { continue }
                var property = c.pointee.children
                while let p = property {
                    defer { property = p.pointee.next }
                    guard p.pointee.type == XML_ELEMENT_NODE, name(p) == "vanish" else { continue }
                    return !["0", "false", "off"].contains(attribute(p, "val") ?? "true")
                }
            }
            return false
        }

        /// The elements named `local` under `node`, also inside the wrappers Word puts around rows
        /// and cells (content controls `w:sdt` › `w:sdtContent`, `w:customXml`; review 25: such a
        /// row was skipped), not inside moved-away text.
        private static func children(of node: xmlNodePtr, named local: String, depth: Int = 0) -> [xmlNodePtr] {
            var found: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let tag = name(c)
                if tag == local {
                    found.append(c)
                } else if depth < 8, tag == "sdt" || tag == "sdtContent" || tag == "customXml" {
                    found += children(of: c, named: local, depth: depth + 1)
                }
            }
            return found
        }

        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 200 else { return }
            var child = node.pointee.children
            while let current = child {
                defer { child = current.pointee.next }
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    continue  // text only counts inside w:t, handled below
                case XML_ELEMENT_NODE:
                    element(current, depth: depth)
                default:
                    continue
                }
            }
        }

        private func element(_ node: xmlNodePtr, depth: Int) {
            switch Self.name(node) {
            case "p":
                paragraph = ""
                visit(node, depth: depth + 1)
                for line in (paragraph ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
                    containers.last?.blocks.append(.paragraph(String(line)))
                }
                paragraph = nil
            case "t":
                var text = node.pointee.children
                while let t = text {
                    if let content = t.pointee.content { paragraph? += String(cString: content) }
                    text = t.pointee.next
                }
            // A run formatted hidden (`<w:vanish/>`) is not printed: its text is no part of the
            // report (review 16: a hidden 9 before a cell's 12 was read 912).
            case "r": if !Self.isHidden(node) { visit(node, depth: depth + 1) }
            case "tab": paragraph? += "\t"
            case "br", "cr": paragraph? += "\n"
            // Word's own hyphens: a non-breaking one before a digit is printed as a minus (review 21:
            // `‑3` in 本年增/减 was read 3); an optional one prints nothing but at a line's end.
            case "noBreakHyphen": paragraph? += "\u{2011}"
            case "softHyphen": paragraph? += "\u{00AD}"
            // Text moved elsewhere with tracked changes is printed at its new place only (`w:moveTo`);
            // of alternative content, Word shows the choice, and the fallback repeats it (review 25:
            // both were read, 947 for 47).
            case "moveFrom", "Fallback": return
            case "tbl":
                var rows: [[Container]] = []
                for r in Self.children(of: node, named: "tr") {
                    var cells: [Container] = []
                    for c in Self.children(of: r, named: "tc") {
                        let cell = Container()
                        containers.append(cell)
                        visit(c, depth: depth + 2)
                        containers.removeLast()
                        cells.append(cell)
                    }
                    rows.append(cells)
                }
                containers.last?.blocks.append(.table(rows))
            // `<w:vMerge/>` (no value) continues the cell above; `restart` begins a merge.
            case "vMerge": containers.last?.continuesMerge = (Self.attribute(node, "val") ?? "continue") == "continue"
            default:
                visit(node, depth: depth + 1)
            }
        }
    }
}
