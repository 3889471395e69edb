import Fluent
import Foundation

/// A staff member's signed-in browsers: listed on their own page, ended there — every other
/// browser (a forgotten sign-in on a shared office computer) or all of them.
enum StaffSessionService {
    struct Listed: Sendable {
        var id: Int
        var createdAt: Date
        var lastSeenAt: Date
        var expiresAt: Date
        var ipAddress: String
        var userAgent: String
        var isCurrent: Bool
    }

    enum Scope: String, Sendable, CaseIterable {
        /// Every browser but the one asking.
        case others
        /// Every browser, this one too.
        case all

        var chineseLabel: String { self == .others ? "退出其他所有设备" : "退出所有设备（包括本设备）" }
    }

    /// Live sessions of the user — neither past their end nor idle longer than `idleMinutes` (the
    /// sign-in check would end them at the next request) — the newest first; `currentToken`
    /// marks the asking browser's.
    static func list(userID: Int, currentToken: String?, idleMinutes: Int, now: Date = Date(), on db: any Database) async throws -> [Listed] {
        let current = currentToken?.sha256Hex
        return try await StaffSession.query(on: db).filter(\.$user.$id == userID).filter(\.$expiresAt > now)
            .filter(\.$lastSeenAt > now.addingTimeInterval(-TimeInterval(idleMinutes * 60)))
            .sort(\.$lastSeenAt, .descending).sort(\.$id, .descending).all()
            .map { s in
                Listed(id: try s.requireID(), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt,
                       ipAddress: s.ipAddress, userAgent: s.userAgent, isCurrent: s.tokenHash == current)
            }
    }

    /// Ends the user's sessions in `scope`; returns how many ended. Audited.
    @discardableResult
    static func end(_ scope: Scope, userID: Int, currentToken: String?, actor: AuditActor, on db: any Database) async throws -> Int {
        try await db.writeTransaction { tx in
            let query = StaffSession.query(on: tx).filter(\.$user.$id == userID)
            if scope == .others, let current = currentToken?.sha256Hex { query.filter(\.$tokenHash != current) }
            let ended = try await query.count()
            try await query.delete()
            guard let user = try await StaffUser.find(userID, on: tx) else { return ended }
            try await AuditLog.record(.revoke, user, summary: "用户 \(user.username) \(scope.chineseLabel)：结束 \(ended) 个登录",
                                      before: nil, by: actor, on: tx)
            return ended
        }
    }
}
