/// A piece of HTML built from values, escaped by construction: text and attribute values can
/// never inject markup. Shared by the report renderers here and the web app's views.
public struct Node: Sendable {
    indirect enum Storage: Sendable {
        case element(String, [Attribute], [Node])
        case void(String, [Attribute])
        case text(String)
        case raw(String)
        case group([Node])
    }

    let storage: Storage

    public static func text(_ text: String) -> Node { Node(storage: .text(text)) }
    /// Markup that is already safe (a doctype, a vetted constant). Never for user data.
    public static func raw(_ html: String) -> Node { Node(storage: .raw(html)) }
    public static func group(_ nodes: [Node]) -> Node { Node(storage: .group(nodes)) }
    public static let empty = Node(storage: .group([]))

    public func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        render(into: &out)
        return out
    }

    public func render(into out: inout String) {
        switch storage {
        case .text(let text):
            Node.escape(text, into: &out, quotes: false)
        case .raw(let html):
            out += html
        case .group(let nodes):
            for node in nodes { node.render(into: &out) }
        case .void(let tag, let attributes):
            out += "<" + tag
            Node.render(attributes, into: &out)
            out += ">"
        case .element(let tag, let attributes, let children):
            out += "<" + tag
            Node.render(attributes, into: &out)
            out += ">"
            for child in children { child.render(into: &out) }
            out += "</" + tag + ">"
        }
    }

    private static func render(_ attributes: [Attribute], into out: inout String) {
        for attribute in attributes {
            out += " " + attribute.name
            if let value = attribute.value {
                out += "=\""
                escape(value, into: &out, quotes: true)
                out += "\""
            }
        }
    }

    public static func escape(_ text: String, into out: inout String, quotes: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        escape(text, into: &out, quotes: true)
        return out
    }
}

/// An HTML attribute; a nil value renders as a boolean attribute (`required`).
public struct Attribute: Sendable, Equatable {
    public let name: String
    public let value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    public static func id(_ value: String) -> Attribute { Attribute("id", value) }
    public static func href(_ value: String) -> Attribute { Attribute("href", value) }
    public static func src(_ value: String) -> Attribute { Attribute("src", value) }
    public static func type(_ value: String) -> Attribute { Attribute("type", value) }
    public static func name(_ value: String) -> Attribute { Attribute("name", value) }
    public static func value(_ value: String) -> Attribute { Attribute("value", value) }
    public static func action(_ value: String) -> Attribute { Attribute("action", value) }
    public static func method(_ value: String) -> Attribute { Attribute("method", value) }
    public static func `for`(_ value: String) -> Attribute { Attribute("for", value) }
    public static func title(_ value: String) -> Attribute { Attribute("title", value) }
    public static func placeholder(_ value: String) -> Attribute { Attribute("placeholder", value) }
    public static func rel(_ value: String) -> Attribute { Attribute("rel", value) }
    public static func lang(_ value: String) -> Attribute { Attribute("lang", value) }
    public static func colspan(_ value: Int) -> Attribute { Attribute("colspan", String(value)) }
    public static func rowspan(_ value: Int) -> Attribute { Attribute("rowspan", String(value)) }
    public static func enctype(_ value: String) -> Attribute { Attribute("enctype", value) }
    public static func autocomplete(_ value: String) -> Attribute { Attribute("autocomplete", value) }
    public static func style(_ value: String) -> Attribute { Attribute("style", value) }
    public static func data(_ key: String, _ value: String) -> Attribute { Attribute("data-" + key, value) }
    public static func aria(_ key: String, _ value: String) -> Attribute { Attribute("aria-" + key, value) }
    public static let required = Attribute("required", nil)
    public static let selected = Attribute("selected", nil)
    public static let checked = Attribute("checked", nil)
    public static let disabled = Attribute("disabled", nil)
    public static let readonly = Attribute("readonly", nil)
    public static let multiple = Attribute("multiple", nil)

    /// The attribute when `condition` holds, otherwise nothing.
    public static func when(_ condition: Bool, _ attribute: Attribute) -> Attribute? { condition ? attribute : nil }
}

@resultBuilder
public enum NodeBuilder {
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Node]?) -> [Node] { part ?? [] }
    public static func buildEither(first part: [Node]) -> [Node] { part }
    public static func buildEither(second part: [Node]) -> [Node] { part }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}
