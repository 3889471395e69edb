import Fluent
import GongkaiCore
import Vapor

/// Reads the session cookie, applies idle and absolute expiry, and puts the staff member on the
/// request. Sessions live in the database so any server instance can serve any request.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "gongkai_session"
    /// Writing `last_seen_at` on every request would make every page a write; a minute is precise
    /// enough for an idle limit counted in tens of minutes.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            request.staff = try await Self.principal(forToken: token, on: request)
        }
        return try await next.respond(to: request)
    }

    static func principal(forToken token: String, on request: Request) async throws -> StaffPrincipal? {
        let settings = request.application.settings
        guard let session = try await StaffSession.query(on: request.db)
            .filter(\.$tokenHash == token.sha256Hex).with(\.$user).first() else { return nil }
        let now = Date()
        let idleLimit = session.lastSeenAt.addingTimeInterval(TimeInterval(settings.sessionIdleMinutes * 60))
        guard now < idleLimit, now < session.expiresAt, session.user.isActive else {
            try await session.delete(on: request.db)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > touchInterval {
            session.lastSeenAt = now
            try await session.update(on: request.db)
        }
        return try await StaffPrincipal.load(session.user, policy: request.application.settings.secondFactorPolicy, on: request.db)
    }
}


extension Request {
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
