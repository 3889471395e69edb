import Vapor

/// Cross-site request forgery protection for every HTML form. A signed-in user's token is
/// derived from their session secret (which lives in an HttpOnly cookie no other site can read
/// or set usefully), so it is bound to the session and changes with it at sign-in. Before
/// sign-in, a random token in an HttpOnly, SameSite=Strict cookie is repeated in a hidden
/// `_csrf` field (double submit) and must have the shape the server gives it. API calls
/// authenticate with a bearer token, which a foreign site cannot send, and are exempt.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "gongkai_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    /// The token of a session: its secret hashed with a purpose, so the token reveals nothing of it.
    static func token(forSession secret: String) -> String { "csrf:\(secret)".sha256Hex }

    /// What `Secrets.token()` makes: 43 URL-safe base64 characters (256 bits).
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookie = request.cookies[Self.cookieName].map(\.string).flatMap { (t: String) in Self.isWellFormed(t) ? t : nil }
        let session = request.cookies[SessionAuthenticator.cookieName].map(\.string).flatMap { (t: String) in t.isEmpty ? nil : t }
        let expected = session.map(Self.token(forSession:)) ?? cookie
        request.csrfToken = expected ?? Secrets.token()
        if request.method != .GET && request.method != .HEAD && !request.isAPI {
            // Middleware runs before the route collects the body; a form larger than one network
            // read (an uploaded file) would otherwise look as if it had no token.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.settings.uploadMaxBytes).get()
            }
            // Decoded as a one-field struct: `content.get(at:)` fails on multipart bodies with files.
            let sent = (try? request.content.decode(Field.self))?._csrf ?? request.headers.first(name: Self.headerName)
            guard let expected, let sent, Secrets.constantTimeEquals(expected, sent) else { throw AppError.csrf }
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
}
