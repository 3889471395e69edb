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

    /// Only paths inside the console are followed after sign-in (no open redirect).
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/console"), !next.contains("//"), !next.contains("\\") else { return nil }
        return next
    }
}
