import Foundation
import Vapor

extension Request {
    private struct RequestIDKey: StorageKey { typealias Value = String }

    /// The id that ties this request's answer, logs and audit entries together. A client's
    /// `X-Request-Id` is kept only when it is a UUID (36 characters): anything else, which a
    /// stranger could fill with text for the logs or the audit log, is replaced by a new one.
    var requestID: String {
        if let id = storage[RequestIDKey.self] { return id }
        let sent = id
        let chosen = sent.utf8.count <= 64 && UUID(uuidString: sent) != nil ? sent.lowercased() : UUID().uuidString.lowercased()
        storage[RequestIDKey.self] = chosen
        logger[metadataKey: "request-id"] = .string(chosen)
        return chosen
    }
}
