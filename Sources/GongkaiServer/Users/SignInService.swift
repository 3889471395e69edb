import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Password sign-in and the database-backed session it opens.
///
/// Repeated failures slow an account down but never lock it: a stranger must not be able to keep
/// its owner out. One address that fails too often for an account waits (429) before its next
/// try for that account; failures from everywhere together only make each further try of the
/// account wait a moment (`accountSlowdown`) before the password is checked, so the owner's right
/// password is always accepted. The slots are taken before the password is checked and given
/// back on success, so guesses sent at once are counted like guesses sent one by one. Every
/// refusal reads the same and costs the same bcrypt work whether the account exists or not.
enum SignInService {
    enum Outcome {
        case signedIn(token: String, user: StaffUser)
        /// The password was right; the second factor is awaited under this pending sign-in (#14).
        case secondFactorNeeded(pendingToken: String)
        case refused(message: String)
        /// Too many attempts: wait this many seconds.
        case throttled(retryAfter: Int, message: String)
    }

    static let wrongCredentials = "用户名或密码错误"

    /// Longer names are refused before they reach a counter: user names have 3–32 characters
    /// (PasswordPolicy), and a stranger's megabyte-long name must not be kept in memory.
    static let maxUsernameLength = 64

    /// How long each try of an account waits once failures from everywhere pass the account's
    /// threshold: slows a distributed guesser, costs the owner a second.
    static let accountSlowdown: Duration = .seconds(1)

    /// The counters of failed sign-ins: from one address, and from anywhere. Both are counted in
    /// the group `failureGroup(username)`, so an administrator's unlock clears them together.
    static func failureKeys(address: String, username: String) -> (both: String, account: String) {
        ("signin:fail:\(username):\(address)", "signin:fail:\(username):*")
    }

    static func failureGroup(_ username: String) -> String { "signin:fail:\(username)" }

    /// Clears an account's slowdown on this server instance (an administrator's 解除登录限制).
    static func clearFailures(of username: String, on app: Application) {
        app.rateLimiter.reset(group: failureGroup(username))
    }

    static func signIn(username rawName: String, password: String, next: String? = nil, on request: Request) async throws -> Outcome {
        let app = request.application
        let limiter = app.rateLimiter, limits = app.rateLimits
        let hasher = app.passwordHasher
        let db = request.db
        let now = Date()
        let address = request.clientAddress
        // Per address, and per network (a few addresses of one /24 or /48 count together). No
        // budget is shared by the whole site: a flood from a few networks would spend it for
        // everyone. Password checks beyond what the processor can do wait in a bounded queue
        // (WorkQueue) and are refused only while it is full.
        if let wait = limiter.hit("signin:addr:\(address)", limits.signInPerAddress) {
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "登录尝试过于频繁").message)
        }
        let network = request.clientNetwork
        if network != address, let wait = limiter.hit("signin:net:\(network)", limits.signInPerNetwork) {
            limiter.refund("signin:addr:\(address)")
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "登录尝试过于频繁").message)
        }
        guard rawName.count <= maxUsernameLength else { return .refused(message: wrongCredentials) }
        let username = rawName.trimmingCharacters(in: .whitespaces).lowercased()
        // Reserve this try in the failure counts before the (slow) check, so concurrent guesses
        // cannot all pass a check made before any of them was counted; success gives it back.
        let keys = failureKeys(address: address, username: username), group = failureGroup(username)
        if let wait = limiter.hit(keys.both, limits.signInFailuresPerAddressAndAccount, group: group) {
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "该账号登录失败次数过多").message)
        }
        if limiter.hit(keys.account, limits.signInFailuresPerAccount, group: group) != nil {
            try await Task.sleep(for: accountSlowdown)
        }
        func succeeded() {
            limiter.reset(keys.both)
            limiter.refund(keys.account)
        }
        guard let user = try await StaffUser.query(on: db).filter(\.$username == username).first() else {
            // Spend the same time as a real check so user names cannot be discovered by timing.
            _ = try await hasher.hash(password)
            return .refused(message: wrongCredentials)
        }
        let actor = AuditActor(
            userID: user.id, name: "\(user.username)（\(user.displayName)）", requestID: request.requestID, ipAddress: request.clientIP)
        guard try await hasher.verify(password, against: user.passwordHash), user.isActive else {
            let before = user.auditSnapshot
            user.failedLoginCount += 1
            try await db.writeTransaction { tx in
                try await user.save(on: tx)
                try await AuditLog.record(.signInFailed, user, summary: "登录失败（连续第 \(user.failedLoginCount) 次）", before: before, by: actor, on: tx)
            }
            return .refused(message: wrongCredentials)
        }
        succeeded()
        // With a second factor the password opens no session yet: only a pending sign-in,
        // completed by `completeSecondFactor` (#14).
        if try await SecondFactor.confirmed(of: user.requireID(), on: db) != nil {
            let pending = Secrets.token()
            try await PendingSignIn.query(on: db).filter(\.$expiresAt < now).delete()
            try await PendingSignIn(tokenHash: pending.sha256Hex, userID: user.requireID(),
                                    expiresAt: now.addingTimeInterval(PendingSignIn.lifetime), next: next).create(on: db)
            return .secondFactorNeeded(pendingToken: pending)
        }
        return .signedIn(token: try await openSession(for: user, summary: "登录", on: request), user: user)
    }

    /// The session of a user whose sign-in is complete: a new token, the failure count cleared.
    static func openSession(for user: StaffUser, summary: String, on request: Request) async throws -> String {
        let now = Date()
        let token = Secrets.token()
        let settings = request.application.settings
        let actor = AuditActor(
            userID: user.id, name: "\(user.username)（\(user.displayName)）", requestID: request.requestID, ipAddress: request.clientIP)
        try await request.db.writeTransaction { tx in
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
            try await AuditLog.record(.signIn, user, summary: summary, before: before, by: actor, on: tx)
        }
        return token
    }

    /// What became of a second-factor step.
    enum SecondStep {
        case signedIn(token: String, user: StaffUser, next: String?)
        /// The code was wrong (the page is shown again).
        case refused(message: String)
        case throttled(retryAfter: Int, message: String)
        /// No such pending sign-in, or it is too old: start again with the password.
        case expired
    }

    static let wrongCode = "验证码不正确或已使用过"

    /// The second step of a sign-in: a current TOTP code or an unused recovery code. Failures
    /// count against the account like wrong passwords (the same 15-minute window and group, so
    /// an administrator's unlock clears them); the slot is taken before the check.
    static func completeSecondFactor(pendingToken: String, code: String, on request: Request) async throws -> SecondStep {
        let db = request.db, now = Date()
        guard let pending = try await PendingSignIn.query(on: db).filter(\.$tokenHash == pendingToken.sha256Hex).with(\.$user).first()
        else { return .expired }
        guard pending.expiresAt > now, pending.user.isActive else {
            try await pending.delete(on: db)
            return .expired
        }
        let user = pending.user
        let limiter = request.application.rateLimiter, limits = request.application.rateLimits
        let key = "signin:fail:\(user.username):totp", group = failureGroup(user.username)
        if let wait = limiter.hit(key, limits.signInFailuresPerAddressAndAccount, group: group) {
            return .throttled(retryAfter: wait, message: AppError.tooManyRequests(retryAfter: wait, "验证码错误次数过多").message)
        }
        let actor = AuditActor(
            userID: user.id, name: "\(user.username)（\(user.displayName)）", requestID: request.requestID, ipAddress: request.clientIP)
        guard try await SecondFactorService.verify(try user.requireID(), typed: code, by: actor, on: db, now: now) else {
            try await AuditLog.record(.signInFailed, user, summary: "两步验证失败（验证码错误）", before: nil, by: actor, on: db)
            return .refused(message: wrongCode)
        }
        limiter.reset(key)
        try await pending.delete(on: db)
        let token = try await openSession(for: user, summary: "登录（两步验证）", on: request)
        return .signedIn(token: token, user: user, next: pending.next)
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
