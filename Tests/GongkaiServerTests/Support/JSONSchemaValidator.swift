import Foundation

/// A JSON value as read by JSONDecoder, which tells booleans from numbers on every platform.
enum JSONValue: Codable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n): try container.encode(n)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    init(data: Data) throws { self = try JSONDecoder().decode(JSONValue.self, from: data) }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var string: String? { if case .string(let s) = self { return s } else { return nil } }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Checks a JSON value against a schema of the OpenAPI document, for the subset of JSON Schema
/// the document uses: `type` (a name or a list, `"null"` for nullable), `properties`, `required`,
/// `items`, `enum`, `$ref` to `#/components/...`, `additionalProperties` (true, false or a
/// schema), `oneOf`/`anyOf`, and `format` `date` / `date-time`. A keyword outside the subset is
/// reported, so that the document cannot silently use something this validator ignores.
///
/// One rule is stricter than JSON Schema: with `undocumentedProperties: .reject` (the default),
/// an object schema that lists `properties` and says nothing about `additionalProperties`
/// accepts no other property — a field the API sends must be documented.
struct JSONSchemaValidator {
    enum UndocumentedProperties { case reject, allow }

    /// The whole document, for `$ref`.
    let document: JSONValue
    var undocumentedProperties = UndocumentedProperties.reject

    /// Keywords that only annotate.
    static let annotations: Set<String> = ["description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly"]
    static let keywords: Set<String> = [
        "type", "properties", "required", "items", "enum", "$ref", "additionalProperties", "oneOf", "anyOf", "format",
    ]

    /// Every documented property of an object schema that a value was checked against, by the
    /// schema's path (`#/components/schemas/Agency`): the caller can tell which documented
    /// properties no sample ever produced.
    final class Coverage {
        var documented: [String: Set<String>] = [:]
        var seen: [String: Set<String>] = [:]

        /// `path.property` for each documented property never present in a checked value.
        var neverSeen: [String] {
            documented.flatMap { path, names in names.subtracting(seen[path] ?? []).map { "\(path)/properties/\($0)" } }.sorted()
        }
    }

    /// The problems of `value` against `schema`, each with its JSON path (`$.request.due_on`).
    func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$", schemaPath: String = "#", coverage: Coverage? = nil)
        -> [String]
    {
        if case .bool(let allowed) = schema { return allowed ? [] : ["\(path): no value is allowed here"] }
        guard let schemaObject = schema.object else { return ["\(path): the schema at \(schemaPath) is not an object"] }
        var problems: [String] = []
        for key in schemaObject.keys.sorted() where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            problems.append("\(path): keyword \"\(key)\" (at \(schemaPath)) is outside the subset this validator checks")
        }
        if let ref = schema["$ref"]?.string {
            guard let target = resolve(ref) else { return problems + ["\(path): unresolved $ref \(ref)"] }
            return problems + self.problems(value, against: target, at: path, schemaPath: ref, coverage: coverage)
        }
        if let alternatives = schema["oneOf"]?.array {
            let matching = alternatives.filter { self.problems(value, against: $0, at: path, schemaPath: schemaPath + "/oneOf").isEmpty }.count
            if matching != 1 { problems.append("\(path): matches \(matching) of the oneOf alternatives, not exactly one") }
        }
        if let alternatives = schema["anyOf"]?.array,
            !alternatives.contains(where: { self.problems(value, against: $0, at: path, schemaPath: schemaPath + "/anyOf").isEmpty })
        {
            problems.append("\(path): matches none of the anyOf alternatives")
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            problems.append("\(path): \(value) is not one of \(allowed.map(\.description).joined(separator: ", "))")
        }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
            guard types.contains(where: { Self.value(value, hasType: $0) }) else {
                return problems + ["\(path): expected \(types.joined(separator: " or ")), got \(value)"]
            }
        }
        if let format = schema["format"]?.string, case .string(let text) = value, !Self.matches(text, format: format) {
            problems.append("\(path): \"\(text)\" is not a \(format)")
        }
        if case .object(let object) = value {
            problems += objectProblems(object, schema: schemaObject, path: path, schemaPath: schemaPath, coverage: coverage)
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (index, element) in array.enumerated() {
                problems += self.problems(element, against: items, at: "\(path)[\(index)]", schemaPath: schemaPath + "/items", coverage: coverage)
            }
        }
        return problems
    }

    private func objectProblems(
        _ object: [String: JSONValue], schema: [String: JSONValue], path: String, schemaPath: String,
        coverage: Coverage?
    ) -> [String] {
        var problems: [String] = []
        let properties = schema["properties"]?.object ?? [:]
        for name in (schema["required"]?.array?.compactMap(\.string) ?? []) where object[name] == nil {
            problems.append("\(path): required property \"\(name)\" is missing")
        }
        if !properties.isEmpty {
            coverage?.documented[schemaPath, default: []].formUnion(properties.keys)
            coverage?.seen[schemaPath, default: []].formUnion(object.keys.filter { properties[$0] != nil })
        }
        for (name, member) in object.sorted(by: { $0.key < $1.key }) {
            if let propertySchema = properties[name] {
                problems += self.problems(
                    member, against: propertySchema, at: "\(path).\(name)", schemaPath: "\(schemaPath)/properties/\(name)",
                    coverage: coverage)
            } else if let additional = schema["additionalProperties"] {
                problems += self.problems(
                    member, against: additional, at: "\(path).\(name)", schemaPath: "\(schemaPath)/additionalProperties",
                    coverage: coverage)
            } else if !properties.isEmpty, undocumentedProperties == .reject {
                problems.append(
                    "\(path): property \"\(name)\" is not documented (\(schemaPath) lists \(properties.keys.sorted().joined(separator: ", ")))")
            }
        }
        return problems
    }

    /// `#/components/schemas/Name`.
    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = node?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .number(let n)): return n.rounded() == n
        default: return false
        }
    }

    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "date":
            return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil
        case "date-time":
            let formatter = ISO8601DateFormatter()
            if formatter.date(from: text) != nil { return true }
            formatter.formatOptions.insert(.withFractionalSeconds)
            return formatter.date(from: text) != nil
        default:
            return true  // other formats are annotations
        }
    }
}
