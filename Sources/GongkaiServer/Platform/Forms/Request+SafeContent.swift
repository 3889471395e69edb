import Foundation
import Vapor

extension Request {
    /// Decodes a JSON or multipart body and refuses it whole, like a URL-encoded form
    /// (`FormFields.requireSafeText`), when any text in it — nested values and file names
    /// included — holds characters no form needs (SafeText). File contents are not text and are
    /// judged by FileType.
    func safeContent<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try content.decode(T.self)
        var errors: [String: String] = [:]
        Self.collectTextProblems(in: value, path: "", into: &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return value
    }

    private static func collectTextProblems(in value: Any, path: String, into errors: inout [String: String]) {
        switch value {
        case let text as String:
            if let problem = SafeText.problem(text) { errors[path.isEmpty ? "_body" : path] = problem }
        case is ByteBuffer, is Data, is Date, is any Numeric, is Bool:
            return
        default:
            for (index, child) in Mirror(reflecting: value).children.enumerated() {
                let name = child.label.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 } ?? String(index)
                let field = path.isEmpty ? name : (child.label == nil || child.label == "some" ? path : "\(path).\(name)")
                collectTextProblems(in: child.value, path: field, into: &errors)
            }
        }
    }
}
