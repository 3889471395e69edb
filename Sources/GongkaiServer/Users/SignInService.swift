import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Password sign-in with lockout after repeated failures, and the database-backed session it opens.
enum SignInService {
    enum Outcome {
        case signedIn(token: String, user: StaffUser)
        case refused(message: String)
    }

    static let wrongCredentials = "用户名或密码错误"

    static func signIn(username: String, password: String, on request: Request) async throws -> Outcome {
        let settings = request.application.settings
        let hasher = request.application.passwordHasher
        let db = request.db
        let now = Date()
        guard let user = try await StaffUser.query(on: db).filter(\.$username == username.lowercased()).first() else {
            // Spend the same time as a real check so user names cannot be discovered by timing.
            _ = try await hasher.hash(password)
            return .refused(message: wrongCredentials)
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            return .refused(message: "账号因多次密码错误已被临时锁定，请于 \(Beijing.time(lockedUntil)) 后再试，或联系系统管理员解锁")
        }
        let actor = AuditActor(userID: user.id, name: "\(user.username)（\(user.displayName)）", requestID: request.id,
                               ipAddress: request.remoteAddress?.ipAddress ?? "")
        guard try await hasher.verify(password, against: user.passwordHash), user.isActive else {
            let before = user.auditSnapshot
            user.failedLoginCount += 1
            var summary = "登录失败（第 \(user.failedLoginCount) 次）"
            if user.failedLoginCount >= settings.loginMaxFailures {
                user.lockedUntil = now.addingTimeInterval(TimeInterval(settings.loginLockMinutes * 60))
                user.failedLoginCount = 0
                summary = "连续 \(settings.loginMaxFailures) 次登录失败，账号锁定 \(settings.loginLockMinutes) 分钟"
            }
            let finalSummary = summary
            try await db.transaction { tx in
                try await user.save(on: tx)
                try await AuditLog.record(.signInFailed, user, summary: finalSummary, before: before, by: actor, on: tx)
            }
            if user.lockedUntil.map({ $0 > now }) == true {
                return .refused(message: "密码错误次数过多，账号已被临时锁定 \(settings.loginLockMinutes) 分钟")
            }
            return .refused(message: wrongCredentials)
        }
        let token = Secrets.token()
        try await db.transaction { tx in
            let before = user.auditSnapshot
            user.failedLoginCount = 0
            user.lockedUntil = nil
            user.lastLoginAt = now
            try await user.save(on: tx)
            let session = StaffSession(
                tokenHash: token.sha256Hex, userID: try user.requireID(), now: now,
                expiresAt: now.addingTimeInterval(TimeInterval(settings.sessionMaxHours * 3600)),
                ipAddress: actor.ipAddress, userAgent: request.headers.first(name: .userAgent) ?? "")
            try await session.create(on: tx)
            try await AuditLog.record(.signIn, user, summary: "登录", before: before, by: actor, on: tx)
        }
        return .signedIn(token: token, user: user)
    }

    static func signOut(on request: Request) async throws {
        guard let token = request.cookies[SessionAuthenticator.cookieName]?.string else { return }
        try await StaffSession.query(on: request.db).filter(\.$tokenHash == token.sha256Hex).delete()
    }

    static func sessionCookie(_ token: String, settings: Settings) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: settings.sessionMaxHours * 3600, path: "/",
                          isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
