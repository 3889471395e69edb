import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Text of a Word (.docx) file with its tables as tab-separated lines: paragraphs from
/// `word/document.xml`, merged cells (gridSpan, vMerge) kept in their columns.
enum DocxExtractor {
    struct Failure: Error {
        let message: String
    }

    /// The largest `document.xml` we inflate (a zip bomb guard).
    static let maxDocumentBytes: UInt64 = 50 * 1024 * 1024

    static func text(fromDocx data: Data) throws -> String {
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
        let handler = DocumentHandler()
        let parser = XMLParser(data: xml)
        parser.delegate = handler
        parser.shouldProcessNamespaces = false
        guard parser.parse() || !handler.lines.isEmpty else { throw Failure(message: "Word 文件正文不是有效的 XML") }
        handler.endParagraph()
        return handler.lines.joined(separator: "\n")
    }

    private final class DocumentHandler: NSObject, XMLParserDelegate {
        var lines: [String] = []
        private var paragraph = ""
        private var inText = false
        // Table state: a stack for nested tables (inner tables are read as text of their cell).
        private var tableDepth = 0
        private var row: [String] = []
        private var cell = ""
        private var cellSpan = 1
        private var cellContinuesMerge = false
        private var rowCells: [(text: String, span: Int, continued: Bool)] = []

        func endParagraph() {
            if tableDepth == 1 {
                if !cell.isEmpty, !paragraph.isEmpty { cell += " " }
                cell += paragraph.trimmingCharacters(in: .whitespaces)
            } else if tableDepth > 1 {
                cell += (cell.isEmpty ? "" : " ") + paragraph.trimmingCharacters(in: .whitespaces)
            } else {
                let line = paragraph.trimmingCharacters(in: .whitespaces)
                if !line.isEmpty { lines.append(line) }
            }
            paragraph = ""
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "w:t": inText = true
            case "w:tab": paragraph += tableDepth > 0 ? " " : "\t"
            case "w:br", "w:cr": if tableDepth > 0 { paragraph += " " } else { endParagraph() }
            case "w:tbl":
                endParagraph()
                tableDepth += 1
            case "w:tr" where tableDepth == 1: rowCells = []
            case "w:tc" where tableDepth == 1:
                cell = ""
                cellSpan = 1
                cellContinuesMerge = false
            case "w:gridSpan" where tableDepth == 1: cellSpan = max(1, min(Int(attributes["w:val"] ?? "1") ?? 1, 100))
            case "w:vMerge" where tableDepth == 1:
                // `<w:vMerge/>` (no value) continues the cell above; `restart` begins a merge.
                cellContinuesMerge = (attributes["w:val"] ?? "continue") == "continue"
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": endParagraph()
            case "w:tc" where tableDepth == 1:
                rowCells.append((cell, cellSpan, cellContinuesMerge))
            case "w:tr" where tableDepth == 1:
                // A cell continuing a vertical merge is empty here, like a rowspan in HTML.
                let fields = rowCells.map { $0.continued ? "" : $0.text.replacingOccurrences(of: "\t", with: " ") }
                lines.append(fields.joined(separator: "\t"))
            case "w:tbl":
                tableDepth -= 1
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { paragraph += string }
        }
    }
}
