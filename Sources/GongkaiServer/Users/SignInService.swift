import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Password sign-in and the database-backed session it opens. Repeated failures slow an
/// account down (per address, and per account from anywhere) but never lock it: a stranger must
/// not be able to keep its owner out. Every refusal reads the same and costs about the same
/// whether the account exists or not.
enum SignInService {
    enum Outcome {
        case signedIn(token: String, user: StaffUser)
        case refused(message: String)
        /// Too many attempts: wait this many seconds.
        case throttled(retryAfter: Int, message: String)
    }

    static let wrongCredentials = "用户名或密码错误"

    /// The counters of failed sign-ins: from one address, and from anywhere. Both start with
    /// `failurePrefix(username)`, so an administrator's unlock clears them together.
    static func failureKeys(address: String, username: String) -> (both: String, account: String) {
        (failurePrefix(username) + address, failurePrefix(username) + "*")
    }

    static func failurePrefix(_ username: String) -> String { "signin:fail:\(username):" }

    static func signIn(username rawName: String, password: String, on request: Request) async throws -> Outcome {
        let app = request.application
        let limiter = app.rateLimiter, limits = app.rateLimits
        let hasher = app.passwordHasher
        let db = request.db
        let now = Date()
        let username = rawName.trimmingCharacters(in: .whitespaces).lowercased()
        let address = request.clientAddress
        if let wait = limiter.hit("signin:addr:\(address)", limits.signInPerAddress) {
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "登录尝试过于频繁").message)
        }
        let keys = failureKeys(address: address, username: username)
        if let wait = limiter.wait(keys.both, limits.signInFailuresPerAddressAndAccount) ?? limiter.wait(keys.account, limits.signInFailuresPerAccount) {
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "该账号登录失败次数过多").message)
        }
        func failed() {
            _ = limiter.hit(keys.both, limits.signInFailuresPerAddressAndAccount)
            _ = limiter.hit(keys.account, limits.signInFailuresPerAccount)
        }
        guard let user = try await StaffUser.query(on: db).filter(\.$username == username).first() else {
            // Spend the same time as a real check so user names cannot be discovered by timing.
            _ = try await hasher.hash(password)
            failed()
            return .refused(message: wrongCredentials)
        }
        let actor = AuditActor(userID: user.id, name: "\(user.username)（\(user.displayName)）", requestID: request.id, ipAddress: address)
        guard try await hasher.verify(password, against: user.passwordHash), user.isActive else {
            failed()
            let before = user.auditSnapshot
            user.failedLoginCount += 1
            try await db.transaction { tx in
                try await user.save(on: tx)
                try await AuditLog.record(.signInFailed, user, summary: "登录失败（连续第 \(user.failedLoginCount) 次）", before: before, by: actor, on: tx)
            }
            return .refused(message: wrongCredentials)
        }
        limiter.reset(keys.both)
        limiter.reset(keys.account)
        let token = Secrets.token()
        let settings = app.settings
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

    /// A browser-session cookie (no expiry of its own: it ends with the browser), while the
    /// server ends the session after the idle and absolute limits.
    static func sessionCookie(_ token: String, settings: Settings) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
