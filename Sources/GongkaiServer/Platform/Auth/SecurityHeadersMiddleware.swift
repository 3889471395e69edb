import Vapor

/// The headers every answer carries, error pages included (this middleware wraps the error
/// middleware): no sniffing, no framing, a strict Content-Security-Policy, HSTS when the site is
/// served over HTTPS, and no caching of anything personal — staff pages, the API, downloads and
/// sign-in are `no-store`; public portal pages and assets decide their own caching.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if request.application.settings.secureCookies {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        if Self.isPrivate(request) || !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: Self.isPrivate(request) ? "no-store" : "no-cache")
        }
        return response
    }

    /// Pages and answers that may carry personal or staff-only data.
    static func isPrivate(_ request: Request) -> Bool {
        let path = request.url.path
        return request.isAPI && !path.hasPrefix("/api/v1/openapi.json") || path.hasPrefix("/console") || path.hasPrefix("/login")
            || path.hasPrefix("/setup") || path.hasPrefix("/track") || request.staff != nil
    }
}
