import Foundation

/// What a field of a JSON request body must be, as the OpenAPI document declares it: the API
/// refuses a value of another JSON type with the structured 422 naming the field (cold review
/// 11m, L4: `"title": 123`, `"key_domains": "education"`, `"requires_interpretation": "yes"`
/// were taken as text). An integer may also come as a string of digits: clients send ids that
/// way, and the console's forms do too (`FormFields`), so the API has always read them.
enum JSONFieldType: Sendable {
    case text
    case integer
    case boolean
    /// An array of values of one type (not a single value: a list is never guessed from it).
    indirect case list(JSONFieldType)

    /// The message for a value of another type, nil when `value` fits. `null` fits anything
    /// (the field is then not sent).
    func problem(_ value: JSONValue) -> String? {
        if case .null = value { return nil }
        return fits(value) ? nil : "应为" + label
    }

    private func fits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.text, .string), (.boolean, .bool), (.integer, .integer): return true
        case (.integer, .string(let s)): return !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber }
        case (.list(let item), .array(let values)): return values.allSatisfy { item.fits($0) }
        default: return false
        }
    }

    var label: String {
        switch self {
        case .text: return "字符串"
        case .integer: return "整数"
        case .boolean: return "布尔值 true 或 false"
        case .list(let item): return item.label + "的数组"
        }
    }
}
