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
        return try await StaffPrincipal.load(session.user, on: request.db)
    }
}

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
            request.staff = try await StaffPrincipal.load(token.user, on: request.db)
        }
        return try await next.respond(to: request)
    }
}

/// Lets only signed-in staff through; sends browsers to the sign-in page and API clients a 401.
struct RequireStaff: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let staff = request.staff else {
            if request.isAPI { throw AppError.unauthenticated }
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: SiteURL.login(next: target).path)
        }
        // A password someone else chose must be replaced before anything else is done.
        if staff.mustChangePassword, !request.isAPI, request.url.path != SiteURL.password.path {
            return request.redirect(to: SiteURL.password.path)
        }
        return try await next.respond(to: request)
    }
}

/// Refuses a route to anyone without the permission anywhere (agency-level checks follow in
/// the handler). The permission is also recorded on the route for the role-matrix test.
struct RequirePermission: AsyncMiddleware {
    let permission: Permission?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let permission { _ = try request.requireStaff(permission) }
        return try await next.respond(to: request)
    }
}

extension Request {
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
