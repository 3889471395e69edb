import Vapor

/// How large a body each route may send, read before anything else reads it.
///
/// Every route reads at most `Settings.bodyMaxBytes` (64 KB: forms and JSON); the anonymous small
/// forms (sign-in, status lookup) less, the few staff forms of long text (`longText`) 1 MB; only
/// the routes that take files read up to `Settings.uploadMaxBytes`, and those only through `UploadGate`, after the session, the
/// permission and a slot among the uploads received at once. The CSRF check reads a form's token
/// within the route's limit (CSRFMiddleware), so no route's body is collected whole before its
/// own limit applies.
enum BodyLimit {
    /// Sign-in, the status lookup and the public status API: a few short fields.
    static let smallForm = 16 * 1024

    /// Staff forms of long text: an agency's guide (20,000 characters), a report's three sections
    /// (20,000 each), a message's reply with its published version. A Chinese character is 9
    /// bytes URL-encoded, so these outgrow the default. The CSRF check reads a form before the
    /// session is known: on these routes a stranger can make the server read 1 MB, not 10.
    static let longText = 1 << 20

    private static let key = AnySendableHashable("gongkai.bodyLimit")
    private static let uploadKey = AnySendableHashable("gongkai.takesUploads")

    /// The most this route reads; the application's default when it names none.
    static func of(_ route: Route?, in app: Application) -> Int {
        (route?.userInfo[key] as? Int) ?? app.routes.defaultMaxBodySize.value
    }

    /// Whether the route takes files (its body is read by `UploadGate`).
    static func takesUploads(_ route: Route?) -> Bool { (route?.userInfo[uploadKey] as? Bool) ?? false }

    static func mark(_ route: Route, limit: Int, uploads: Bool) {
        route.userInfo[key] = limit
        route.userInfo[uploadKey] = uploads
    }
}

extension RoutesBuilder {
    /// A route reading at most `limit` bytes of body, collected before the handler runs.
    @discardableResult
    func limited<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: [PathComponent], limit: Int,
        use closure: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        let route = on(method, path, body: .collect(maxSize: ByteCount(integerLiteral: limit)), use: closure)
        BodyLimit.mark(route, limit: limit, uploads: false)
        return route
    }

    /// An anonymous short form: `BodyLimit.smallForm`.
    @discardableResult
    func small<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: [PathComponent], use closure: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        limited(method, path, limit: BodyLimit.smallForm, use: closure)
    }

    /// A route taking a file of up to `limit` bytes: its body is streamed to `UploadGate`, which
    /// reads it once a slot is free — among the public uploads' slots when the route is open to
    /// anyone (`isPublic`), else among the staff's.
    @discardableResult
    func upload<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: [PathComponent], limit: Int, isPublic: Bool = false,
        use closure: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        let route = grouped(UploadGate(maxBytes: limit, isPublic: isPublic)).on(method, path, body: .stream, use: closure)
        BodyLimit.mark(route, limit: limit, uploads: true)
        return route
    }
}
