import Vapor

/// Cross-site request forgery protection for every HTML form (double-submit cookie): each page
/// gets a random token in an HttpOnly, SameSite=Strict cookie and in a hidden `_csrf` field of
/// its forms; a POST whose field does not match the cookie is refused. API calls authenticate
/// with a bearer token, which a foreign site cannot send, and are exempt.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "gongkai_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? Secrets.token()
        request.csrfToken = token
        if request.method != .GET && request.method != .HEAD && !request.isAPI {
            // Middleware runs before the route collects the body; a form larger than one network
            // read (an uploaded file) would otherwise look as if it had no token.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.settings.uploadMaxBytes).get()
            }
            // Decoded as a one-field struct: `content.get(at:)` fails on multipart bodies with files.
            let sent = (try? request.content.decode(Field.self))?._csrf ?? request.headers.first(name: Self.headerName)
            guard let existing, let sent, Secrets.constantTimeEquals(existing, sent) else { throw AppError.csrf }
        }
        let response = try await next.respond(to: request)
        if existing != request.csrfToken {
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

    /// The token forms on this page must carry. Rotated at sign-in.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }
}
