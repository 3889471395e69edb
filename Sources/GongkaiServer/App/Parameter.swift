import Vapor

/// A URL parameter: `.key` when registering the route, `.value` when building a link.
enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

extension Parameter {
    func component(_ name: String) -> PathComponent {
        switch self {
        case .key: return .parameter(name)
        case .value(let v): return .constant("\(v)")
        }
    }
}
