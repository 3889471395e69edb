import Crypto
import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// Enrolment, checking, removal and reset of a user's TOTP second factor (#14). The console and
/// the sign-in step call these; the rules (codes, window, replay) are `TOTP` in GongkaiCore.
enum SecondFactorService {
    /// HMAC-SHA1 from swift-crypto, for `TOTP`.
    static let hmac: TOTPRule.HMAC = { key, message in
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func totp(_ factor: SecondFactor) -> TOTPRule? {
        Base32.decode(factor.secret).map { TOTPRule(secret: $0, hmac: hmac) }
    }

    /// Whether a user's roles require a second factor that is not yet confirmed: such a user may
    /// only enrol (console) and is refused by the API.
    static func isMissing(for user: StaffUser, roles: Set<Role>, policy: SecondFactorPolicy, on db: any Database) async throws -> Bool {
        guard policy.requires(roles) else { return false }
        return try await SecondFactor.confirmed(of: try user.requireID(), on: db) == nil
    }

    /// The key being enrolled: the unconfirmed one already made (a reload shows the same key the
    /// user may already have typed), or a new one. Nil when a confirmed factor exists.
    static func pendingEnrolment(of userID: Int, on db: any Database) async throws -> SecondFactor? {
        if let factor = try await SecondFactor.query(on: db).filter(\.$user.$id == userID).first() {
            return factor.confirmedAt == nil ? factor : nil
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<TOTPRule.secretLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let factor = SecondFactor(userID: userID, secret: Base32.encode(secret, padded: false), now: Date())
        try await factor.create(on: db)
        return factor
    }

    /// Confirms the enrolment with a current code; returns the recovery codes, to be shown once.
    static func confirm(_ userID: Int, code: String, by actor: AuditActor, on db: any Database, now: Date = Date()) async throws -> [String] {
        guard let factor = try await SecondFactor.query(on: db).filter(\.$user.$id == userID).first(), factor.confirmedAt == nil,
            let totp = totp(factor) else {
            throw AppError.conflict("没有待确认的两步验证密钥，请刷新页面重新开始")
        }
        guard let step = totp.matchingCounter(for: code, at: now, lastUsed: nil) else {
            throw AppError.validation(["code": "验证码不正确：请输入身份验证器应用当前显示的 6 位数字（并检查手机时间是否准确）"])
        }
        var generator = SystemRandomNumberGenerator()
        let codes = (0..<RecoveryCode.count).map { _ in RecoveryCode.make(using: &generator) }
        try await db.writeTransaction { tx in
            guard let user = try await StaffUser.find(userID, on: tx) else { throw AppError.notFound("用户") }
            factor.confirmedAt = now
            factor.lastUsedStep = step
            try await factor.save(on: tx)
            try await RecoveryCodeHash.query(on: tx).filter(\.$user.$id == userID).delete()
            for code in codes {
                try await RecoveryCodeHash(userID: userID, codeHash: RecoveryCode.normalized(code)!.sha256Hex).create(on: tx)
            }
            try await AuditLog.record(.enrolSecondFactor, user, summary: "启用两步验证（身份验证器应用）", before: nil, by: actor, on: tx)
        }
        return codes
    }

    /// Checks a code or a recovery code at sign-in (or before disabling). A TOTP code moves the
    /// user's last used step forward, so it cannot be used again; a recovery code is spent.
    /// The update is conditional, so two requests racing with the same code cannot both pass.
    static func verify(_ userID: Int, typed: String, by actor: AuditActor, on db: any Database, now: Date = Date()) async throws -> Bool {
        guard let factor = try await SecondFactor.confirmed(of: userID, on: db), let totp = totp(factor) else { return false }
        if let step = totp.matchingCounter(for: typed, at: now, lastUsed: factor.lastUsedStep) {
            // Only the request whose update finds the step it read gets a row back (RETURNING,
            // on SQLite ≥ 3.35 and PostgreSQL alike).
            let sql = try db.requireSQL()
            var update = sql.update(SecondFactor.schema).set("last_used_step", to: step).where("id", .equal, try factor.requireID())
            if let previous = factor.lastUsedStep {
                update = update.where("last_used_step", .equal, previous)
            } else {
                update = update.where("last_used_step", .is, SQLLiteral.null)
            }
            return try await !update.returning("id").all().isEmpty
        }
        guard let normalized = RecoveryCode.normalized(typed),
            let code = try await RecoveryCodeHash.query(on: db).filter(\.$user.$id == userID)
                .filter(\.$codeHash == normalized.sha256Hex).filter(\.$usedAt == nil).first() else { return false }
        return try await db.writeTransaction { tx -> Bool in
            let rows = try await tx.requireSQL().update(RecoveryCodeHash.schema).set("used_at", to: now)
                .where("id", .equal, try code.requireID()).where("used_at", .is, SQLLiteral.null).returning("id").all()
            guard !rows.isEmpty else { return false }
            let left = try await RecoveryCodeHash.query(on: tx).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
            if let user = try await StaffUser.find(userID, on: tx) {
                try await AuditLog.record(.useRecoveryCode, user, summary: "使用恢复码完成两步验证（剩余 \(left) 个）", before: nil, by: actor, on: tx)
            }
            return true
        }
    }

    static func recoveryCodesLeft(_ userID: Int, on db: any Database) async throws -> Int {
        try await RecoveryCodeHash.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
    }

    /// Removes a user's own second factor; needs a current code, a recovery code or the password.
    static func disable(_ userID: Int, proof: String, hasher: PasswordHasher, by actor: AuditActor, on db: any Database) async throws {
        guard let user = try await StaffUser.find(userID, on: db) else { throw AppError.notFound("用户") }
        let byCode = try await verify(userID, typed: proof, by: actor, on: db)
        let byPassword = byCode ? false : try await hasher.verify(proof, against: user.passwordHash)
        guard byCode || byPassword else {
            throw AppError.validation(["proof": "验证码或密码不正确"])
        }
        try await db.writeTransaction { tx in
            try await remove(userID, on: tx)
            try await AuditLog.record(.disableSecondFactor, user, summary: "停用两步验证（以\(byCode ? "验证码" : "密码")确认）",
                                      before: nil, by: actor, on: tx)
        }
    }

    /// An administrator's reset for a user who lost the phone and the recovery codes: the factor
    /// goes, and with it every session and API token (whoever holds the phone is out too). The
    /// same separation of duties as a password reset: nobody resets an account that could
    /// take over his own duties' checks (`SeparationOfDuties.problem(takingOverUserWith:)`).
    /// Without `staff`, the operator's reset on the command line (any account, auditors included).
    static func reset(_ id: Int, staff: StaffPrincipal?, by actor: AuditActor, on db: any Database) async throws {
        if let staff {
            _ = try await UserService.managed(id, by: staff, on: db)
            if id == staff.userID { throw AppError.forbidden("请在“两步验证”页管理自己的两步验证") }
            if let problem = SeparationOfDuties.problem(takingOverUserWith: try await UserService.roles(of: id, on: db), target: id, by: staff.userID) {
                throw AppError.forbidden(problem)
            }
        }
        try await db.writeTransaction { tx in
            guard let user = try await StaffUser.find(id, on: tx) else { throw AppError.notFound("用户") }
            try await remove(id, on: tx)
            try await UserService.endAccess(of: id, on: tx)
            try await AuditLog.record(.resetSecondFactor, user, summary: "重置用户 \(user.username) 的两步验证", before: nil, by: actor, on: tx)
        }
    }

    private static func remove(_ userID: Int, on db: any Database) async throws {
        try await SecondFactor.query(on: db).filter(\.$user.$id == userID).delete()
        try await RecoveryCodeHash.query(on: db).filter(\.$user.$id == userID).delete()
        try await PendingSignIn.query(on: db).filter(\.$user.$id == userID).delete()
    }
}
