import Fluent
import GongkaiCore
import Vapor

/// The signed-in user's own second factor (#14).
enum SecondFactorController {
    /// Shows the state; while not enrolled, keeps (or makes) the key being enrolled, so the key
    /// shown is the one the confirmation checks.
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return .html(SecondFactorPage.View(model: try await model(for: staff, on: req)).render())
    }

    static func submit(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            switch form["action"] {
            case "confirm":
                let codes = try await SecondFactorService.confirm(staff.userID, code: form["code"], by: req.auditActor, on: req.db)
                let model = SecondFactorPage.Model(context: try req.consoleContext(.secondFactor), state: .recoveryCodes(codes), required: false)
                return .html(SecondFactorPage.View(model: model).render())
            case "disable":
                try await SecondFactorService.disable(staff.userID, proof: form.raw("proof"), hasher: req.application.passwordHasher,
                                                      by: req.auditActor, on: req.db)
                return req.redirect(to: .secondFactor, flash: "两步验证已停用")
            default:
                throw AppError.badRequest("未知的操作")
            }
        } catch let error as AppError where !error.fields.isEmpty {
            var model = try await model(for: staff, on: req)
            model.errors = error.fields
            return .html(SecondFactorPage.View(model: model).render(), status: .unprocessableEntity)
        }
    }

    private static func model(for staff: StaffPrincipal, on req: Request) async throws -> SecondFactorPage.Model {
        let context = try req.consoleContext(.secondFactor)
        if let factor = try await SecondFactorService.pendingEnrolment(of: staff.userID, on: req.db) {
            let secret = Base32.decode(factor.secret) ?? []
            return SecondFactorPage.Model(
                context: context, state: .enrolling(secret: factor.secret, uri: TOTPRule.uri(secret: secret, account: staff.username, issuer: "公开")),
                required: staff.secondFactorMissing)
        }
        let left = try await SecondFactorService.recoveryCodesLeft(staff.userID, on: req.db)
        return SecondFactorPage.Model(context: context, state: .enabled(recoveryCodesLeft: left),
                                      required: req.application.settings.secondFactorPolicy.requires(staff.roles))
    }
}
