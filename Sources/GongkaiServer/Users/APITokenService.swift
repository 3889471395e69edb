import Fluent
import Foundation

/// Bearer tokens for the JSON API: shown once at creation, stored as a hash, revocable, and
/// always expiring (90 days unless another period up to a year is chosen).
enum APITokenService {
    static let defaultValidDays = 90
    static let maxValidDays = 366

    static func create(name: String, userID: Int, validDays requested: Int?, by actor: AuditActor, on db: any Database) async throws -> (APIToken, String) {
        var errors: [String: String] = [:]
        let validDays = requested ?? defaultValidDays
        if name.isEmpty || name.count > 60 { errors["name"] = "请填写令牌用途（60 字以内），例如“统计报表对接”" }
        if !(1...maxValidDays).contains(validDays) { errors["valid_days"] = "有效天数应为 1–\(maxValidDays)" }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let secret = Secrets.token(prefix: "gk_")
        let now = Date()
        let token = APIToken(tokenHash: secret.sha256Hex, name: name, userID: userID, createdAt: now,
                             expiresAt: now.addingTimeInterval(TimeInterval(validDays * 86_400)))
        try await db.transaction { tx in
            try await token.create(on: tx)
            try await AuditLog.record(.create, token, summary: "创建接口令牌“\(name)”", before: nil, by: actor, on: tx)
        }
        return (token, secret)
    }

    static func revoke(_ id: Int, ownedBy userID: Int, by actor: AuditActor, on db: any Database) async throws {
        try await db.transaction { tx in
            guard let token = try await APIToken.find(id, on: tx), token.$user.id == userID else { throw AppError.notFound("接口令牌") }
            guard token.revokedAt == nil else { return }
            let before = token.auditSnapshot
            token.revokedAt = Date()
            try await token.save(on: tx)
            try await AuditLog.record(.revoke, token, summary: "撤销接口令牌“\(token.name)”", before: before, by: actor, on: tx)
        }
    }
}
