import Vapor

/// A one-line message shown on the page after a redirect ("已保存"), carried in a short-lived
/// cookie so it survives the POST → redirect → GET round trip without server state.
struct FlashMiddleware: AsyncMiddleware {
    static let cookieName = "gongkai_flash"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.cookies[Self.cookieName]?.string
        request.flash = incoming.flatMap { $0.removingPercentEncoding }
        let response = try await next.respond(to: request)
        let isRedirect = (300..<400).contains(response.status.code)
        if incoming != nil, !isRedirect, response.cookies[Self.cookieName] == nil {
            response.cookies[Self.cookieName] = .expired
        }
        return response
    }
}

extension Request {
    private struct FlashKey: StorageKey { typealias Value = String }

    var flash: String? {
        get { storage[FlashKey.self] }
        set { storage[FlashKey.self] = newValue }
    }

    /// A 303 to `url` that shows `message` on the next page.
    func redirect(to url: SiteURL, flash message: String) -> Response {
        let response = redirect(to: url.path, redirectType: .normal)
        response.cookies[FlashMiddleware.cookieName] = HTTPCookies.Value(
            string: message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", maxAge: 60, path: "/",
            isSecure: application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The context every console page renders with.
    func consoleContext(_ section: ConsoleSection) throws -> ConsoleContext {
        let staff = try requireStaff()
        return ConsoleContext(displayName: staff.displayName, username: staff.username,
                              permissions: Set(staff.reach.keys), csrfToken: csrfToken, flash: flash, section: section)
    }
}

extension Response {
    /// An HTML page.
    static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"],
                 body: .init(string: html))
    }
}
