import Fluent
import GongkaiCore
import Vapor

enum PasswordController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let model = PasswordPage.Model(context: try req.consoleContext(.password), mustChange: staff.mustChangePassword)
        return .html(PasswordPage.View(model: model).render())
    }

    static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.formFields()
        let token = Secrets.token(), now = Date(), settings = req.application.settings
        let session = StaffSession(
            tokenHash: token.sha256Hex, userID: staff.userID, now: now,
            expiresAt: now.addingTimeInterval(TimeInterval(settings.sessionMaxHours * 3600)),
            ipAddress: req.clientIP, userAgent: req.headers.first(name: .userAgent) ?? "")
        do {
            try await UserService.changeOwnPassword(
                staff.userID, current: form.raw("current_password"), new: form.raw("new_password"),
                confirmation: form.raw("password_confirmation"), newSession: session, hasher: req.application.passwordHasher,
                by: req.auditActor, on: req.db)
        } catch let error as AppError where !error.fields.isEmpty {
            let model = PasswordPage.Model(context: try req.consoleContext(.password), mustChange: staff.mustChangePassword, errors: error.fields)
            return .html(PasswordPage.View(model: model).render(), status: .unprocessableEntity)
        }
        // A new session (and so a new form token) for this browser: the old one ended with the change.
        let response = req.redirect(to: .console, flash: "密码已修改")
        response.cookies[SessionAuthenticator.cookieName] = SignInService.sessionCookie(token, settings: settings)
        return response
    }
}
