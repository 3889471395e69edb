import Fluent
import Vapor

enum TokenController {
    static func index(req: Request) async throws -> Response {
        try await page(req, newSecret: nil, errors: [:])
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let form = try req.formFields()
        let validDays = form["valid_days"].isEmpty ? nil : (form.int("valid_days") ?? -1)
        do {
            let (_, secret) = try await APITokenService.create(name: form["name"], userID: staff.userID, validDays: validDays,
                                                               by: req.auditActor, on: req.db)
            return try await page(req, newSecret: secret, errors: [:])
        } catch let error as AppError where !error.fields.isEmpty {
            return try await page(req, newSecret: nil, errors: error.fields, status: .unprocessableEntity)
        }
    }

    static func revoke(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        try await APITokenService.revoke(try req.parameters.require("id", as: Int.self), ownedBy: staff.userID, by: req.auditActor, on: req.db)
        return req.redirect(to: .tokens, flash: "令牌已撤销")
    }

    private static func page(_ req: Request, newSecret: String?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == staff.userID).sort(\.$id, .descending).all()
        let rows = tokens.map {
            TokenPage.Row(id: $0.id ?? 0, name: $0.name, created: Beijing.dateTime($0.createdAt),
                          expires: $0.expiresAt.map(Beijing.dateTime) ?? "长期", lastUsed: $0.lastUsedAt.map(Beijing.dateTime) ?? "—",
                          revoked: $0.revokedAt != nil)
        }
        let model = TokenPage.Model(context: try req.consoleContext(.tokens), rows: rows, newSecret: newSecret, errors: errors)
        return .html(TokenPage.View(model: model).render(), status: status)
    }
}
