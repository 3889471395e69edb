import Vapor

enum SetupController {
    static func show(req: Request) async throws -> Response {
        let token = try req.parameters.require("token")
        guard try await SetupService.validToken(token, on: req.db) != nil else { throw invalidLink }
        return .html(SetupPage.View(model: .init(csrfToken: req.csrfToken, action: SiteURL.setup(.value(token)).path)).render())
    }

    static func submit(req: Request) async throws -> Response {
        let token = try req.parameters.require("token")
        guard let setup = try await SetupService.validToken(token, on: req.db) else { throw invalidLink }
        let form = SetupForm(try req.formFields())
        do {
            _ = try await SetupService.complete(form, token: setup, hasher: req.application.passwordHasher, actor: req.auditActor, on: req.db)
        } catch let error as AppError where !error.fields.isEmpty {
            let model = SetupPage.Model(form: form, errors: error.fields, csrfToken: req.csrfToken, action: SiteURL.setup(.value(token)).path)
            return .html(SetupPage.View(model: model).render(), status: .unprocessableEntity)
        }
        return req.redirect(to: .login(next: nil), flash: "平台已初始化，请使用刚创建的管理员账号登录")
    }

    static let invalidLink = AppError(
        status: .notFound, code: "setup_link_invalid",
        message: "初始化链接无效、已使用或已过期。如平台尚未初始化，请运行 gongkai setup-link 获得新链接，或使用 gongkai user create 创建管理员。")
}
