import Fluent
import Vapor

/// Sign-in and sign-out of staff.
enum SessionController {
    static func show(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: SiteURL.console.path) }
        let next = req.query[String.self, at: "next"]
        let model = LoginPage.Model(next: safeNext(next), csrfToken: req.csrfToken, notice: req.flash)
        return .html(LoginPage.View(model: model).render())
    }

    static func signIn(req: Request) async throws -> Response {
        let form = try req.formFields()
        let username = form["username"]
        let next = safeNext(form["next"])
        switch try await SignInService.signIn(username: username, password: form.raw("password"), on: req) {
        case .refused(let message):
            let model = LoginPage.Model(username: username, next: next, error: message, csrfToken: req.csrfToken)
            return .html(LoginPage.View(model: model).render(), status: .unauthorized)
        case .throttled(let seconds, let message):
            let model = LoginPage.Model(username: username, next: next, error: message, csrfToken: req.csrfToken)
            let response = Response.html(LoginPage.View(model: model).render(), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        case .signedIn(let token, let user):
            let response = req.redirect(to: user.mustChangePassword ? SiteURL.password.path : (next ?? SiteURL.console.path),
                                        redirectType: .normal)
            let settings = req.application.settings
            response.cookies[SessionAuthenticator.cookieName] = SignInService.sessionCookie(token, settings: settings)
            // A new CSRF token at sign-in: one planted before sign-in is worthless afterwards.
            response.cookies[CSRFMiddleware.cookieName] = CSRFMiddleware.cookie(Secrets.token(), secure: settings.secureCookies)
            return response
        }
    }

    static func signOut(req: Request) async throws -> Response {
        try await SignInService.signOut(on: req)
        let response = req.redirect(to: SiteURL.login(next: nil), flash: "您已退出登录")
        response.cookies[SessionAuthenticator.cookieName] = .expired
        return response
    }

    /// Only paths inside the console are followed after sign-in (no open redirect), and only
    /// printable ASCII reaches the Location header: a CR or LF there would end the header block
    /// and let a link plant its own cookies. Non-ASCII text in a query is percent-encoded.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/console"), !next.contains("//"), !next.contains("\\"), !next.contains("%"),
              next.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0.properties.generalCategory != .format }),
              let encoded = next.addingPercentEncoding(withAllowedCharacters: .urlPathAndQueryAllowed),
              encoded.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        return encoded
    }
}
