import Vapor

/// Cross-site request forgery protection for every HTML form. A signed-in user's token is
/// derived from their session secret with the server's key (the secret lives in an HttpOnly
/// cookie no other site can read or set usefully), so it is bound to the session and changes
/// with it at sign-in. A script of the platform's own may send it as `X-CSRF-Token`. Before
/// sign-in, a random token in an HttpOnly, SameSite=Strict cookie is repeated in a hidden
/// `_csrf` field (double submit) and must have the shape the server gives it. API calls
/// authenticate with a bearer token, which a foreign site cannot send, and are exempt.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "gongkai_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    /// The token of a session: an HMAC of its secret under the installation's key
    /// (`Application.csrfKey`), so the token reveals nothing of the session and cannot be made
    /// without the server's key.
    static func token(forSession secret: String, key: SymmetricKey) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// What `Secrets.token()` makes: 43 URL-safe base64 characters (256 bits).
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookie = request.cookies[Self.cookieName].map(\.string).flatMap { (t: String) in Self.isWellFormed(t) ? t : nil }
        let session = request.cookies[SessionAuthenticator.cookieName].map(\.string).flatMap { (t: String) in t.isEmpty ? nil : t }
        let key = request.application.csrfKey
        let expected = session.map { Self.token(forSession: $0, key: key) } ?? cookie
        request.csrfToken = expected ?? Secrets.token()
        if request.method != .GET && request.method != .HEAD && !request.isAPI {
            if let sent = request.headers.first(name: Self.headerName) {
                try Self.verify(sent, expected: expected)
            } else if BodyLimit.takesUploads(request.route) {
                // An upload's body is read by UploadGate, after the session, the permission and a
                // slot are checked: the token in it is verified there, before the handler.
                request.pendingCSRFToken = expected ?? ""
            } else {
                // Middleware runs before the route collects the body; a form larger than one
                // network read would otherwise look as if it had no token. Read no more than the
                // route itself accepts (a few KB for sign-in, 64 KB for other forms).
                if request.body.data == nil {
                    _ = try await request.body.collect(max: BodyLimit.of(request.route, in: request.application)).get()
                }
                try Self.verify(Self.bodyToken(of: request), expected: expected)
            }
        }
        let response = try await next.respond(to: request)
        if session == nil, cookie != request.csrfToken {
            response.cookies[Self.cookieName] = Self.cookie(request.csrfToken, secure: request.application.settings.secureCookies)
        }
        return response
    }

    private struct Field: Decodable {
        let _csrf: String?
    }

    private static func verify(_ sent: String?, expected: String?) throws {
        guard let expected, !expected.isEmpty, let sent, Secrets.constantTimeEquals(expected, sent) else { throw AppError.csrf }
    }

    /// The `_csrf` field of a collected form. Decoded as a one-field struct: `content.get(at:)`
    /// fails on multipart bodies with files.
    private static func bodyToken(of request: Request) -> String? {
        (try? request.content.decode(Field.self))?._csrf
    }

    /// The check CSRFMiddleware left to UploadGate for a route taking files.
    static func verifyPendingToken(of request: Request) throws {
        guard let expected = request.pendingCSRFToken else { return }
        try verify(bodyToken(of: request), expected: expected)
        request.pendingCSRFToken = nil
    }

    static func cookie(_ value: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }

    /// The token forms on this page must carry.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    private struct PendingCSRFKey: StorageKey { typealias Value = String }

    /// The token an upload's body must carry, checked by UploadGate once the body is read.
    fileprivate(set) var pendingCSRFToken: String? {
        get { storage[PendingCSRFKey.self] }
        set { storage[PendingCSRFKey.self] = newValue }
    }
}
