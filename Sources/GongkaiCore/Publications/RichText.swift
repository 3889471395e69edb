import CLibXML2
import Foundation

/// The body of a publication: a small safe subset of HTML, sanitised on input by an allow-list.
///
/// Whatever the editor sends is parsed by libxml2's forgiving HTML parser and rebuilt from the
/// tree through the escaped-by-construction `Node` builder: only the elements and attributes
/// listed here survive, everything else is dropped (script, style, iframe, object, form … with
/// their content) or unwrapped (span, font, unknown tags keep their text). No attribute outside
/// the list survives, so no event handler (`onclick`) and no `style`. Links must be `http:`,
/// `https:`, `mailto:` or a path on this site; `th` keeps a valid `scope`, and table parts outside
/// a table lose their tags (not their text); images must be one of the publication's own
/// attachments (`resolveImage`). Plain text (no `<`) becomes one paragraph per line.
/// The stored HTML is therefore safe to emit as it is, and `text` feeds the search index.
public enum RichText {
    public struct Sanitised: Sendable, Equatable {
        /// The body as safe HTML.
        public let html: String
        /// The body as plain text, one block per line (search index, snippets, feeds).
        public let text: String
        /// The input nests elements deeper than `nestingLimit`: libxml2 stops reading at 256
        /// levels and drops the rest without a word, so such a body is refused as a whole
        /// (`html` and `text` are then empty) rather than kept in part.
        public var nestingTooDeep = false
    }

    /// The deepest element nesting a body may have (the author's elements, under html and
    /// body): below libxml2's own limit of 256, so that whatever it would cut off is refused
    /// first. Real bodies nest a few levels (a table in a list item is 6).
    public static let nestingLimit = 200

    /// An image the body may show: its address on the site and a default alternative text.
    public struct Image: Sendable, Equatable {
        public let src: String
        public let alt: String
        public init(src: String, alt: String) {
            self.src = src
            self.alt = alt
        }
    }

    static let blockElements: Set<String> = ["p", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
                                             "th", "td", "caption", "blockquote"]
    static let inlineElements: Set<String> = ["a", "strong", "em", "sub", "sup"]
    /// Elements that stand only inside a table.
    static let tableParts: Set<String> = ["thead", "tbody", "tfoot", "tr", "th", "td", "caption"]
    /// Elements dropped with everything inside them.
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "applet", "form", "input",
                                                  "button", "select", "textarea", "svg", "math", "template", "noscript", "head",
                                                  "title", "meta", "link", "base", "frame", "frameset", "video", "audio", "canvas"]
    /// Renamed on the way: old presentational tags and headings the page's own h1 outranks.
    static let renamed: [String: String] = ["b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"]

    public static func sanitise(_ input: String, resolveImage: @escaping (String) -> Image? = { _ in nil }) -> Sanitised {
        guard input.contains("<") else { return fromPlainText(input) }
        var bytes = Array(("<!DOCTYPE html><html><body>" + withoutUnclosedDroppedTags(input) + "</body></html>").utf8)
        bytes.append(0)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document else { return Sanitised(html: "", text: "") }
        defer { xmlFreeDoc(document) }
        // html and body are the first two levels; the limit counts the author's own.
        if let root = xmlDocGetRootElement(document), depth(of: root) - 2 > nestingLimit {
            return Sanitised(html: "", text: "", nestingTooDeep: true)
        }
        var builder = Builder(resolveImage: resolveImage)
        var nodes: [Node] = []
        if let root = xmlDocGetRootElement(document) {
            nodes = builder.children(of: root, inBlock: false)
        }
        let blocks = builder.wrapLooseInline(nodes)
        return Sanitised(html: Node.group(blocks).render(), text: builder.textLines())
    }

    /// The deepest nesting of elements under `root` (root is 1), walked without recursion.
    static func depth(of root: xmlNodePtr) -> Int {
        var deepest = 0
        var stack: [(node: xmlNodePtr, depth: Int)] = [(root, 1)]
        while let (node, level) = stack.popLast() {
            deepest = max(deepest, level)
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { stack.append((c, level + 1)) }
                child = c.pointee.next
            }
        }
        return deepest
    }

    /// Elements of `droppedWithContent` that have an end tag.
    static let droppedContainers = droppedWithContent.subtracting(["input", "meta", "link", "base", "embed", "frame"])

    /// The input without the start tags of dropped elements that are never closed. An unclosed
    /// `<style>` or `<math>` would make everything after it the element's content, and the
    /// author would lose the rest of the text without knowing why; without the stray tag that
    /// text stays (as text, so the author sees it and can fix it).
    static func withoutUnclosedDroppedTags(_ input: String) -> String {
        // One pass over the characters (a regex retried at every `<form ` without a `>` after it
        // is quadratic: 30,000 of them took 45 s).
        let chars = Array(input.unicodeScalars)
        var open: [String: [Range<Int>]] = [:]
        var i = 0
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            var j = i + 1
            let closing = j < chars.count && chars[j] == "/"
            if closing { j += 1 }
            var name = ""
            while j < chars.count, chars[j].isASCII, chars[j].properties.isAlphabetic, name.count < 10 {
                name.unicodeScalars.append(chars[j])
                j += 1
            }
            name = name.lowercased()
            if !name.isEmpty, !droppedContainers.contains(name) {
                // Another element's tag: skipped whole, quoted values included, so a `<script>`
                // inside an attribute (`href="mailto:a@b.c?body=<script>"`) is no tag and the
                // value is not cut (cold review 11m, L5). A quote never closed: read on as before.
                if let end = tagEnd(chars, from: j) { i = end + 1 } else { i += 1 }
                continue
            }
            guard droppedContainers.contains(name), j < chars.count,
                  chars[j] == "/" || chars[j] == ">" || chars[j].properties.isWhitespace else { i += 1; continue }
            // The tag ends at the next `>`; with none left, no later tag can end either.
            guard let end = chars[j...].firstIndex(of: ">") else { break }
            if !closing {
                open[name, default: []].append(i..<(end + 1))
            } else if open[name]?.isEmpty == false {
                open[name]!.removeLast()
            }
            i = end + 1
        }
        let unclosed = open.values.flatMap { $0 }.sorted { $0.lowerBound > $1.lowerBound }
        guard !unclosed.isEmpty else { return input }
        var result = chars
        for range in unclosed { result.removeSubrange(range) }
        var text = ""
        text.unicodeScalars.append(contentsOf: result)
        return text
    }

    /// The index of the `>` that ends a tag whose name ends before `start`, quoted attribute
    /// values skipped; nil when a quote is never closed, or a `<` outside quotes or the end comes
    /// first (scanning on to a far `>` made 60,000 `<a` without one quadratic).
    static func tagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var k = start
        while k < chars.count {
            switch chars[k] {
            case ">": return k
            case "<": return nil
            case "\"", "'":
                guard let close = chars[(k + 1)...].firstIndex(of: chars[k]) else { return nil }
                k = close + 1
            default: k += 1
            }
        }
        return nil
    }

    /// Plain text: one paragraph per non-empty line.
    public static func fromPlainText(_ text: String) -> Sanitised {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Sanitised(html: Node.group(lines.map { line in H.p { line } }).render(), text: lines.joined(separator: "\n"))
    }

    /// A URL a link may point at, cleaned as a browser would read it, or nil. Browsers drop tabs
    /// and line breaks inside a URL and spaces and control characters around it, so the scheme
    /// is judged after doing the same (`java\tscript:` is `javascript:`).
    public static func safeLink(_ raw: String) -> String? {
        let cleaned = String(raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
            .trimmingCharacters(in: CharacterSet.whitespaces.union(.controlCharacters))
        guard !cleaned.isEmpty, !cleaned.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else { return nil }
        let lower = cleaned.lowercased()
        for scheme in ["http://", "https://", "mailto:"] where lower.hasPrefix(scheme) {
            return lower.count > scheme.count ? percentEncoded(cleaned) : nil
        }
        // A path on this site; not `//host` (another site) nor `/\host` (read as `//` by browsers).
        if cleaned.hasPrefix("/"), !cleaned.hasPrefix("//"), !cleaned.hasPrefix("/\\") { return percentEncoded(cleaned) }
        if cleaned.hasPrefix("#"), cleaned.count > 1 { return percentEncoded(cleaned) }
        return nil
    }

    /// The ASCII characters no URL may hold as they are (`<`, `>`, `"`, a space, …)
    /// percent-encoded, as a browser sends them: `mailto:a@b.c?body=<script>` keeps its text,
    /// harmlessly (`body=%3Cscript%3E`). Everything else — `%`, the URL's delimiters, Chinese —
    /// is left as written.
    static func percentEncoded(_ link: String) -> String {
        var out = ""
        for c in link.unicodeScalars {
            if "<>\"` {}|\\^".unicodeScalars.contains(c) {
                out += String(format: "%%%02X", c.value)
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private struct Builder {
        let resolveImage: (String) -> Image?
        var lines: [String] = []
        var current = ""

        mutating func textLines() -> String {
            endLine()
            return lines.joined(separator: "\n")
        }

        mutating func endLine() {
            let line = current.trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }

        static func name(_ node: xmlNodePtr) -> String {
            node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        }

        static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
            guard let value = xmlGetProp(node, name) else { return nil }
            defer { gk_xml_free(value) }
            return String(cString: value)
        }

        static func hasAncestor(_ node: xmlNodePtr, _ name: String) -> Bool {
            var parent = node.pointee.parent
            while let p = parent, p.pointee.type == XML_ELEMENT_NODE {
                if Self.name(p) == name { return true }
                parent = p.pointee.parent
            }
            return false
        }

        static func collapse(_ text: String) -> String {
            var out = ""
            var space = false
            for c in text {
                if c == " " || c == "\n" || c == "\t" || c == "\r" {
                    space = true
                } else {
                    if space, !out.isEmpty { out.append(" ") }
                    space = false
                    out.append(c)
                }
            }
            if space, !out.isEmpty { out.append(" ") }
            return out
        }

        mutating func children(of node: xmlNodePtr, inBlock: Bool) -> [Node] {
            var result: [Node] = []
            var child = node.pointee.children
            while let current = child {
                defer { child = current.pointee.next }
                result += convert(current, inBlock: inBlock)
            }
            return result
        }

        mutating func convert(_ node: xmlNodePtr, inBlock: Bool) -> [Node] {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { return [] }
                let text = Self.collapse(String(cString: content))
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty || inBlock else { return [] }
                current += text
                return [.text(text)]
            case XML_ELEMENT_NODE:
                break
            default:
                return []  // comments, processing instructions
            }
            var tag = Self.name(node)
            if let other = RichText.renamed[tag] { tag = other }
            if RichText.droppedWithContent.contains(tag) { return [] }
            switch tag {
            case "br":
                endLine()
                return [H.br()]
            case "hr":
                endLine()
                return []
            case "img":
                guard let src = Self.attribute(node, "src"), let image = resolveImage(src.trimmingCharacters(in: .whitespaces)) else { return [] }
                let alt = Self.attribute(node, "alt").map { Self.collapse($0).trimmingCharacters(in: .whitespaces) } ?? ""
                return [H.img(.src(image.src), Attribute("alt", alt.isEmpty ? image.alt : alt))]
            case "a":
                let inner = children(of: node, inBlock: true)
                guard let href = Self.attribute(node, "href").flatMap(RichText.safeLink) else { return inner }
                let external = href.lowercased().hasPrefix("http")
                return [H.element("a", [.href(href), external ? .rel("noopener noreferrer") : nil], inner)]
            case "div", "section", "article", "center", "main", "header", "footer", "aside", "nav", "figure", "figcaption", "dl", "dt", "dd", "pre", "address":
                // A container: a paragraph when it holds only inline content, otherwise unwrapped.
                if containsBlock(node) { return children(of: node, inBlock: false) }
                endLine()
                let inner = children(of: node, inBlock: true)
                endLine()
                return hasText(inner) ? [H.p { inner }] : []
            default:
                break
            }
            if RichText.tableParts.contains(tag), !Self.hasAncestor(node, "table") {
                // A cell or row outside any table is no table: emitted as it is it would be
                // invalid HTML; its text stays, as a paragraph (or unwrapped around its blocks).
                if containsBlock(node) { return children(of: node, inBlock: false) }
                endLine()
                let inner = children(of: node, inBlock: true)
                endLine()
                return hasText(inner) ? [H.p { inner }] : []
            }
            if RichText.blockElements.contains(tag) {
                endLine()
                let inner = children(of: node, inBlock: true)
                endLine()
                var attributes: [Attribute?] = []
                if tag == "td" || tag == "th" {
                    attributes.append(span(node, "colspan").map { Attribute.colspan($0) })
                    attributes.append(span(node, "rowspan").map { Attribute.rowspan($0) })
                }
                // A header cell's scope tells screen readers what it heads (WCAG 1.3.1).
                if tag == "th", let scope = Self.attribute(node, "scope")?.trimmingCharacters(in: .whitespaces).lowercased(),
                    ["row", "col", "rowgroup", "colgroup"].contains(scope)
                {
                    attributes.append(Attribute("scope", scope))
                }
                if tag == "ol", let start = Self.attribute(node, "start").flatMap({ Int($0) }), (1...10_000).contains(start) {
                    attributes.append(Attribute("start", String(start)))
                }
                if ["p", "h2", "h3", "h4", "li", "caption"].contains(tag), !hasText(inner) { return [] }
                return [H.element(tag, attributes, structural(tag, inner))]
            }
            if RichText.inlineElements.contains(tag) {
                let inner = children(of: node, inBlock: true)
                return hasText(inner) ? [H.element(tag, [], inner)] : []
            }
            // Anything else (span, font, u, unknown tags): its content without it.
            return children(of: node, inBlock: inBlock)
        }

        /// Inside lists and tables only their own structure may stand; loose text is wrapped.
        func structural(_ tag: String, _ inner: [Node]) -> [Node] {
            switch tag {
            case "ul", "ol": return inner.filter { $0.elementName == "li" }
            case "table": return inner.filter { ["caption", "thead", "tbody", "tfoot", "tr"].contains($0.elementName ?? "") }
            case "thead", "tbody", "tfoot": return inner.filter { $0.elementName == "tr" }
            case "tr": return inner.filter { $0.elementName == "td" || $0.elementName == "th" }
            default: return inner
            }
        }

        func span(_ node: xmlNodePtr, _ name: String) -> Int? {
            guard let value = Self.attribute(node, name).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (2...100).contains(value) else { return nil }
            return value
        }

        func containsBlock(_ node: xmlNodePtr) -> Bool {
            var child = node.pointee.children
            while let current = child {
                defer { child = current.pointee.next }
                guard current.pointee.type == XML_ELEMENT_NODE else { continue }
                let tag = Self.name(current)
                if RichText.blockElements.contains(tag) || ["div", "section", "article", "h1", "h5", "h6", "center", "figure", "dl", "pre"].contains(tag) {
                    return true
                }
            }
            return false
        }

        func hasText(_ nodes: [Node]) -> Bool {
            nodes.contains { $0.hasContent }
        }

        /// Top-level inline content (text, links, images) between blocks becomes a paragraph.
        func wrapLooseInline(_ nodes: [Node]) -> [Node] {
            var result: [Node] = []
            var loose: [Node] = []
            func flush() {
                if loose.contains(where: { $0.hasContent }) { result.append(H.p { trimmed(loose) }) }
                loose = []
            }
            for node in nodes {
                if let name = node.elementName, RichText.blockElements.contains(name) {
                    flush()
                    result.append(node)
                } else if node.elementName == "br" {
                    flush()
                } else {
                    loose.append(node)
                }
            }
            flush()
            return result
        }

        func trimmed(_ nodes: [Node]) -> [Node] { nodes }
    }
}

extension Node {
    /// The tag of an element node, nil for text and groups.
    var elementName: String? {
        switch storage {
        case .element(let tag, _, _), .void(let tag, _): return tag
        default: return nil
        }
    }

    /// Whether the node shows something: non-blank text or an image, at any depth.
    var hasContent: Bool {
        switch storage {
        case .text(let text): return !text.trimmingCharacters(in: .whitespaces).isEmpty
        case .raw(let html): return !html.isEmpty
        case .group(let nodes), .element(_, _, let nodes): return nodes.contains { $0.hasContent }
        case .void(let tag, _): return tag == "img"
        }
    }
}
