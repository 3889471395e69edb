import Fluent
import Vapor

/// 登录设备: the staff member's own signed-in browsers, and signing out of them.
enum SessionIndexController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let sessions = try await StaffSessionService.list(userID: staff.userID, currentToken: currentToken(req),
                                                          idleMinutes: req.application.settings.sessionIdleMinutes, on: req.db)
        let model = SessionIndexPage.Model(context: try req.consoleContext(.sessions), sessions: sessions)
        return .html(SessionIndexPage.View(model: model).render())
    }

    /// `scope=others` keeps this browser signed in; `scope=all` ends it too (back to the sign-in page).
    static func end(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let form = try req.formFields()
        guard let scope = StaffSessionService.Scope(rawValue: form["scope"]) else {
            throw AppError.validation(["scope": "请选择退出范围（others：其他设备；all：所有设备）"])
        }
        let ended = try await StaffSessionService.end(scope, userID: staff.userID, currentToken: currentToken(req), actor: req.auditActor, on: req.db)
        if scope == .all {
            let response = req.redirect(to: SiteURL.login(next: nil), flash: "已退出所有设备（\(ended) 个登录）")
            response.cookies[SessionAuthenticator.cookieName] = .expired
            return response
        }
        return req.redirect(to: .sessions, flash: "已退出其他 \(ended) 个设备上的登录")
    }

    private static func currentToken(_ req: Request) -> String? {
        req.cookies[SessionAuthenticator.cookieName]?.string
    }
}
