/// Element constructors: `H.div(.class("card")) { H.h2 { "标题" } }`.
/// A namespace rather than free functions so that views can name locals `table` or `form`.
public enum H {
    /// An element; a void element (`input`, `br`, `img` …) is written without an end tag and
    /// cannot hold children, whichever constructor made it.
    public static func element(_ tag: String, _ attributes: [Attribute?], _ children: [Node]) -> Node {
        precondition(!voidElements.contains(tag) || children.isEmpty, "<\(tag)> is a void element and holds no content")
        return voidElements.contains(tag)
            ? Node(storage: .void(tag, attributes.compactMap { $0 }))
            : Node(storage: .element(tag, attributes.compactMap { $0 }, children))
    }

    /// The HTML void elements (WHATWG HTML §13.1.2).
    public static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                                   "source", "track", "wbr"]

    public static func document(lang: String = "zh-CN", @NodeBuilder _ content: () -> [Node]) -> Node {
        .group([.raw("<!DOCTYPE html>\n"), element("html", [.lang(lang)], content())])
    }

    public static func fragment(@NodeBuilder _ content: () -> [Node]) -> Node { .group(content()) }

    public static func html(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("html", attributes, content())
    }
    public static func head(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("head", attributes, content())
    }
    public static func body(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("body", attributes, content())
    }
    public static func title(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("title", attributes, content())
    }
    public static func style(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("style", attributes, content())
    }
    public static func header(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("header", attributes, content())
    }
    public static func footer(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("footer", attributes, content())
    }
    public static func main(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("main", attributes, content())
    }
    public static func nav(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("nav", attributes, content())
    }
    public static func section(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("section", attributes, content())
    }
    public static func article(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("article", attributes, content())
    }
    public static func aside(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("aside", attributes, content())
    }
    public static func div(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("div", attributes, content())
    }
    public static func span(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("span", attributes, content())
    }
    public static func p(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("p", attributes, content())
    }
    public static func h1(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("h1", attributes, content())
    }
    public static func h2(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("h2", attributes, content())
    }
    public static func h3(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("h3", attributes, content())
    }
    public static func h4(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("h4", attributes, content())
    }
    public static func ul(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("ul", attributes, content())
    }
    public static func ol(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("ol", attributes, content())
    }
    public static func li(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("li", attributes, content())
    }
    public static func dl(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("dl", attributes, content())
    }
    public static func dt(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("dt", attributes, content())
    }
    public static func dd(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("dd", attributes, content())
    }
    public static func table(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("table", attributes, content())
    }
    public static func thead(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("thead", attributes, content())
    }
    public static func tbody(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("tbody", attributes, content())
    }
    public static func tfoot(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("tfoot", attributes, content())
    }
    public static func tr(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("tr", attributes, content())
    }
    public static func th(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("th", attributes, content())
    }
    public static func td(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("td", attributes, content())
    }
    public static func caption(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("caption", attributes, content())
    }
    public static func form(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("form", attributes, content())
    }
    public static func label(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("label", attributes, content())
    }
    public static func select(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("select", attributes, content())
    }
    public static func option(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("option", attributes, content())
    }
    public static func textarea(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("textarea", attributes, content())
    }
    public static func button(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("button", attributes, content())
    }
    public static func fieldset(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("fieldset", attributes, content())
    }
    public static func legend(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("legend", attributes, content())
    }
    public static func a(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("a", attributes, content())
    }
    public static func strong(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("strong", attributes, content())
    }
    public static func em(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("em", attributes, content())
    }
    public static func small(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("small", attributes, content())
    }
    public static func code(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("code", attributes, content())
    }
    public static func pre(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("pre", attributes, content())
    }
    public static func details(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("details", attributes, content())
    }
    public static func summary(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("summary", attributes, content())
    }
    public static func time(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("time", attributes, content())
    }
    public static func mark(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("mark", attributes, content())
    }
    public static func figure(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("figure", attributes, content())
    }
    public static func figcaption(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("figcaption", attributes, content())
    }
    public static func blockquote(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("blockquote", attributes, content())
    }
    public static func sup(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("sup", attributes, content())
    }
    public static func abbr(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("abbr", attributes, content())
    }
    public static func output(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("output", attributes, content())
    }
    public static func script(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("script", attributes, content())
    }
    public static func noscript(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("noscript", attributes, content())
    }
    public static func colgroup(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("colgroup", attributes, content())
    }
    public static func optgroup(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("optgroup", attributes, content())
    }
    public static func del(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("del", attributes, content())
    }
    public static func ins(_ attributes: Attribute?..., @NodeBuilder content: () -> [Node] = { [] }) -> Node {
        element("ins", attributes, content())
    }
    public static func meta(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("meta", attributes.compactMap { $0 }))
    }
    public static func link(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("link", attributes.compactMap { $0 }))
    }
    public static func input(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("input", attributes.compactMap { $0 }))
    }
    public static func br(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("br", attributes.compactMap { $0 }))
    }
    public static func hr(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("hr", attributes.compactMap { $0 }))
    }
    public static func img(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("img", attributes.compactMap { $0 }))
    }
    public static func col(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("col", attributes.compactMap { $0 }))
    }
    public static func wbr(_ attributes: Attribute?...) -> Node {
        Node(storage: .void("wbr", attributes.compactMap { $0 }))
    }
}
