import Foundation
import GongkaiCore

extension FormFields {
    /// Fields from a flat JSON object (API), numbers and booleans as text.
    init(json data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AppError.badRequest("请求体应为 JSON 对象")
        }
        var values: [String: [String]] = [:]
        for (key, value) in object {
            switch value {
            case let s as String: values[key] = [s]
            case let n as NSNumber: values[key] = [n.stringValue]
            case let list as [Any]: values[key] = list.map { "\($0)" }
            case is NSNull: continue
            default: values[key] = ["\(value)"]
            }
        }
        self.init(values)
        _ = try requireSafeText()
    }

    /// Fields from a flat JSON object whose declared fields must have their JSON types: a value
    /// of another type is refused (422, every such field named) before anything is read from it.
    init(json data: Data, types: [String: JSONFieldType]) throws {
        try self.init(json: data)
        let object = (try? JSONDecoder().decode([String: JSONValue].self, from: data)) ?? [:]
        var errors: [String: String] = [:]
        for (name, value) in object {
            if let type = types[name], let problem = type.problem(value) { errors[name] = name + " " + problem }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }
}
