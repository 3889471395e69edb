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
        switch try await SignInService.signIn(username: username, password: form.raw("password"), next: next, on: req) {
        case .refused(let message):
            let model = LoginPage.Model(username: username, next: next, error: message, csrfToken: req.csrfToken)
            return .html(LoginPage.View(model: model).render(), status: .unauthorized)
        case .throttled(let seconds, let message):
            let model = LoginPage.Model(username: username, next: next, error: message, csrfToken: req.csrfToken)
            let response = Response.html(LoginPage.View(model: model).render(), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        case .secondFactorNeeded(let pending):
            let response = req.redirect(to: SiteURL.loginSecondFactor.path, redirectType: .normal)
            let settings = req.application.settings
            response.cookies[PendingSignIn.cookieName] = HTTPCookies.Value(
                string: pending, maxAge: Int(PendingSignIn.lifetime), path: "/login", isSecure: settings.secureCookies,
                isHTTPOnly: true, sameSite: .strict)
            return response
        case .signedIn(let token, let user):
            return signedIn(token: token, user: user, next: next, on: req)
        }
    }

    /// Where a completed sign-in goes, with the session cookie and a fresh CSRF token.
    private static func signedIn(token: String, user: StaffUser, next: String?, on req: Request) -> Response {
        let response = req.redirect(to: user.mustChangePassword ? SiteURL.password.path : (next ?? SiteURL.console.path),
                                    redirectType: .normal)
        let settings = req.application.settings
        response.cookies[SessionAuthenticator.cookieName] = SignInService.sessionCookie(token, settings: settings)
        // A new CSRF token at sign-in: one planted before sign-in is worthless afterwards.
        response.cookies[CSRFMiddleware.cookieName] = CSRFMiddleware.cookie(Secrets.token(), secure: settings.secureCookies)
        response.cookies[PendingSignIn.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), path: "/login")
        return response
    }

    static func showSecondFactor(req: Request) async throws -> Response {
        guard req.cookies[PendingSignIn.cookieName]?.string.isEmpty == false else {
            return req.redirect(to: SiteURL.login(next: nil), flash: "请先输入用户名和密码")
        }
        return .html(SecondFactorSignInPage.View(model: .init(csrfToken: req.csrfToken)).render())
    }

    static func submitSecondFactor(req: Request) async throws -> Response {
        let form = try req.formFields()
        guard let pending = req.cookies[PendingSignIn.cookieName]?.string, !pending.isEmpty else {
            return req.redirect(to: SiteURL.login(next: nil), flash: "登录已超时，请重新输入用户名和密码")
        }
        switch try await SignInService.completeSecondFactor(pendingToken: pending, code: form["code"], on: req) {
        case .expired:
            return req.redirect(to: SiteURL.login(next: nil), flash: "登录已超时，请重新输入用户名和密码")
        case .refused(let message):
            let page = SecondFactorSignInPage.View(model: .init(error: message, csrfToken: req.csrfToken)).render()
            return .html(page, status: .unauthorized)
        case .throttled(let seconds, let message):
            let response = Response.html(SecondFactorSignInPage.View(model: .init(error: message, csrfToken: req.csrfToken)).render(),
                                         status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        case .signedIn(let token, let user, let next):
            return signedIn(token: token, user: user, next: next, on: req)
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
    /// and let a link plant its own cookies. The address RequireStaff sends to the sign-in page is
    /// percent-encoded (`/console/requests?q=%E9%81%93%E8%B7%AF`): it is checked decoded — no
    /// control or format characters, no `..` or `.` segment, no `//` or backslash, no escape
    /// left in the path after one decoding (`%252e%252e`) — and kept as encoded; characters a
    /// person typed (`道路`) are encoded.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.utf8.count <= 2048, let decoded = next.removingPercentEncoding else { return nil }
        let path = decoded.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path == "/console" || path.hasPrefix("/console/"), !decoded.contains("//"), !decoded.contains("\\"), !path.contains("%"),
            !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." }),
            decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0.properties.generalCategory != .format }),
            let encoded = next.addingPercentEncoding(withAllowedCharacters: Self.keptInNext),
            encoded.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        return encoded
    }

    /// A path and query as written, escapes included.
    private static let keptInNext = CharacterSet.urlPathAndQueryAllowed.union(CharacterSet(charactersIn: "%"))
}
