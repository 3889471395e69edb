import Fluent
import GongkaiCore
import Vapor

/// `Authorization: Bearer gk_…` for the JSON API.
struct APITokenAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization?.token {
            guard let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == bearer.sha256Hex).with(\.$user).first(),
                token.revokedAt == nil, token.expiresAt.map({ $0 > Date() }) ?? true, token.user.isActive else {
                throw AppError(status: .unauthorized, code: "invalid_token", message: "访问令牌无效、已过期或已被撤销")
            }
            if Date().timeIntervalSince(token.lastUsedAt ?? .distantPast) > SessionAuthenticator.touchInterval {
                token.lastUsedAt = Date()
                try await token.update(on: request.db)
            }
            request.staff = try await StaffPrincipal.load(token.user, policy: request.application.settings.secondFactorPolicy, on: request.db)
        }
        return try await next.respond(to: request)
    }
}
