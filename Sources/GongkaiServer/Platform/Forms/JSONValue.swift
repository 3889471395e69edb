import Foundation

/// A JSON value as the type check sees it: JSONDecoder tells `true` from `1` and `1` from `1.5`,
/// which JSONSerialization's NSNumber does not on every platform.
enum JSONValue: Decodable, Sendable {
    case string(String), integer, number, bool(Bool), array([JSONValue]), object, null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if (try? c.decode(Int64.self)) != nil {
            self = .integer
        } else if (try? c.decode(Double.self)) != nil {
            self = .number
        } else if let list = try? c.decode([JSONValue].self) {
            self = .array(list)
        } else {
            self = .object
        }
    }
}
