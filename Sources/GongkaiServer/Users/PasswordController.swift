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
        do {
            try await UserService.changeOwnPassword(
                staff.userID, current: form.raw("current_password"), new: form.raw("new_password"),
                confirmation: form.raw("password_confirmation"), keepingSession: req.cookies[SessionAuthenticator.cookieName]?.string,
                hasher: req.application.passwordHasher,
                by: req.auditActor, on: req.db)
        } catch let error as AppError where !error.fields.isEmpty {
            let model = PasswordPage.Model(context: try req.consoleContext(.password), mustChange: staff.mustChangePassword, errors: error.fields)
            return .html(PasswordPage.View(model: model).render(), status: .unprocessableEntity)
        }
        return req.redirect(to: .console, flash: "密码已修改")
    }
}
