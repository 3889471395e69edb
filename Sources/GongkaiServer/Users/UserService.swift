import Fluent
import Foundation
import GongkaiCore


/// Creating users, changing their roles and passwords, and the sign-in lockout, with audit.
///
/// `staff` is the administrator acting in the console or the API; both doors get the same
/// answers in the same order: the user exists (404) → in an agency the administrator manages
/// (403) → the agency chosen within reach (422) → fields, roles and separation of duties (422) →
/// version (409).
enum UserService {
    /// The user an administrator manages: one who exists, in an agency within their reach.
    static func managed(_ id: Int, by staff: StaffPrincipal, on db: any Database) async throws -> StaffUser {
        guard let user = try await StaffUser.find(id, on: db) else { throw AppError.notFound("用户") }
        guard staff.can(.manageUsers, inAgency: user.$agency.id) else { throw AppError.forbidden("该用户不属于您管理的机构") }
        return user
    }

    private static var agencyOutOfReach: AppError { AppError.validation(["agency_id": "请选择您有权管理的机构"]) }

    /// Creates a user. Without a password a temporary one is generated, returned once, and must be
    /// changed at first sign-in: there is never a default password.
    /// `staff` is the administrator acting in the console or the API; nil for the operator on the
    /// command line, who alone may create auditors (SeparationOfDuties). An account another user
    /// makes must always choose its own password at its first sign-in, even when the
    /// administrator gave one: a password an administrator chose is not the account holder's, and
    /// would let him act as a case officer he created. Only the operator's accounts (the command
    /// line, the first administrator) may start with the password given.
    static func create(
        _ input: UserInput, password: String?, hasher: PasswordHasher, staff: StaffPrincipal? = nil, by actor: AuditActor, on db: any Database
    ) async throws -> (user: StaffUser, temporaryPassword: String?) {
        if let staff, !staff.can(.manageUsers, inAgency: input.agencyID) { throw agencyOutOfReach }
        var errors = input.problems()
        if let staff, let problem = SeparationOfDuties.problem(changingRolesOf: nil, from: [], to: input.roles, by: staff.userID) {
            errors["roles"] = problem
        } else if let problem = SeparationOfDuties.problem(holding: input.roles) {
            errors["roles"] = problem
        }
        if let password, let problem = PasswordPolicy.problem(with: password, username: input.username) { errors["password"] = problem }
        if errors["username"] == nil, try await StaffUser.query(on: db).filter(\.$username == input.username).first() != nil {
            errors["username"] = "用户名“\(input.username)”已被使用"
        }
        if try await Agency.find(input.agencyID, on: db) == nil { errors["agency_id"] = "所属机构不存在" }
        if !errors.isEmpty { throw AppError.validation(errors) }

        let temporary = password == nil ? Secrets.temporaryPassword() : nil
        let hash = try await hasher.hash(password ?? temporary!)
        let user = try await db.writeTransaction { tx in
            let user = StaffUser(username: input.username, displayName: input.displayName, passwordHash: hash,
                                 agencyID: input.agencyID, mustChangePassword: password == nil || staff != nil)
            try await user.create(on: tx)
            try await setRoles(input.roles, of: user, in: input.agencyID, on: tx)
            try await AuditLog.record(.create, user, summary: "新建用户 \(user.username)，角色：\(describe(input.roles))",
                                      before: nil, by: actor, on: tx)
            return user
        }
        return (user, temporary)
    }

    static func update(_ id: Int, _ input: UserInput, expectedVersion: Int, staff: StaffPrincipal, by actor: AuditActor,
                       on db: any Database) async throws -> StaffUser {
        _ = try await managed(id, by: staff, on: db)
        guard staff.can(.manageUsers, inAgency: input.agencyID) else { throw agencyOutOfReach }
        if id == staff.userID, !input.isActive || !input.roles.contains(.systemAdministrator) {
            throw AppError.validation(["roles": "不能停用自己或取消自己的系统管理员角色，请由另一位管理员操作"])
        }
        return try await db.writeTransaction { tx in
            guard let user = try await StaffUser.find(id, on: tx) else { throw AppError.notFound("用户") }
            var errors = input.problems()
            let previous = try await roles(of: id, on: tx)
            if let problem = SeparationOfDuties.problem(changingRolesOf: id, from: previous, to: input.roles, by: staff.userID) {
                errors["roles"] = problem
            }
            errors["username"] = nil  // the sign-in name is not editable
            if try await Agency.find(input.agencyID, on: tx) == nil { errors["agency_id"] = "所属机构不存在" }
            if !errors.isEmpty { throw AppError.validation(errors) }
            let claimed = try await OptimisticLock.claim(
                table: StaffUser.schema, id: id, expectedVersion: expectedVersion,
                what: "用户“\(user.username)”", on: tx)
            var before = user.auditSnapshot
            before["roles"] = describe(try await roles(of: id, on: tx))
            // A move is the old agency's event as much as the new one's: one entry, read by the
            // auditors of both (`former_agency_id`), rather than two copies of one change.
            let formerAgency = user.$agency.id
            user.displayName = input.displayName
            user.$agency.id = input.agencyID
            user.isActive = input.isActive
            user.version = claimed
            try await user.save(on: tx)
            try await setRoles(input.roles, of: user, in: input.agencyID, on: tx)
            if !input.isActive { try await endAccess(of: id, on: tx) }
            var after = user.auditSnapshot
            after["roles"] = describe(input.roles)
            try await AuditLog.record(.update, entityType: StaffUser.auditEntityType, entityID: String(id),
                                      summary: "修改用户 \(user.username)", before: before, after: after,
                                      formerAgencyID: formerAgency, by: actor, on: tx)
            return user
        }
    }

    /// Issues a new temporary password (the user must change it), signs the user out everywhere
    /// and revokes their API tokens.
    static func resetPassword(_ id: Int, hasher: PasswordHasher, staff: StaffPrincipal? = nil, by actor: AuditActor,
                              on db: any Database) async throws -> String {
        if let staff { _ = try await managed(id, by: staff, on: db) }
        if let staff, let problem = SeparationOfDuties.problem(takingOverUserWith: try await roles(of: id, on: db), target: id, by: staff.userID) {
            throw AppError.forbidden(problem)
        }
        let temporary = Secrets.temporaryPassword()
        let hash = try await hasher.hash(temporary)
        try await db.writeTransaction { tx in
            guard let user = try await StaffUser.find(id, on: tx) else { throw AppError.notFound("用户") }
            let before = user.auditSnapshot
            user.passwordHash = hash
            user.mustChangePassword = true
            user.failedLoginCount = 0
            user.lockedUntil = nil
            user.version += 1
            try await user.save(on: tx)
            try await endAccess(of: id, on: tx)
            try await AuditLog.record(.resetPassword, user, summary: "重置用户 \(user.username) 的密码", before: before, by: actor, on: tx)
        }
        return temporary
    }

    static func unlock(_ id: Int, staff: StaffPrincipal? = nil, by actor: AuditActor, on db: any Database) async throws {
        if let staff { _ = try await managed(id, by: staff, on: db) }
        if let staff, let problem = SeparationOfDuties.problem(takingOverUserWith: try await roles(of: id, on: db), target: id, by: staff.userID) {
            throw AppError.forbidden(problem)
        }
        try await db.writeTransaction { tx in
            guard let user = try await StaffUser.find(id, on: tx) else { throw AppError.notFound("用户") }
            let before = user.auditSnapshot
            user.failedLoginCount = 0
            user.lockedUntil = nil
            user.version += 1
            try await user.save(on: tx)
            try await AuditLog.record(.unlock, user, summary: "解除用户 \(user.username) 的锁定", before: before, by: actor, on: tx)
        }
    }

    /// The user's own password change: the current password proves it is really them. Every
    /// session of theirs ends and their API tokens are revoked (whoever knew the old password is
    /// out); `newSession`, made for the browser the change was made in, replaces its session in
    /// the same transaction, so a session secret seen before the change is worthless after it.
    static func changeOwnPassword(
        _ id: Int, current: String, new: String, confirmation: String, newSession: StaffSession? = nil, hasher: PasswordHasher,
        by actor: AuditActor, on db: any Database
    ) async throws {
        guard let user = try await StaffUser.find(id, on: db) else { throw AppError.notFound("用户") }
        var errors: [String: String] = [:]
        if try await !hasher.verify(current, against: user.passwordHash) { errors["current_password"] = "当前密码不正确" }
        if let problem = PasswordPolicy.problem(with: new, username: user.username) { errors["new_password"] = problem }
        else if new == current { errors["new_password"] = "新密码不能与当前密码相同" }
        if new != confirmation { errors["password_confirmation"] = "两次输入的新密码不一致" }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let hash = try await hasher.hash(new)
        try await db.writeTransaction { tx in
            let before = user.auditSnapshot
            user.passwordHash = hash
            user.mustChangePassword = false
            user.version += 1
            try await user.save(on: tx)
            try await endAccess(of: id, on: tx)
            try await newSession?.create(on: tx)
            try await AuditLog.record(.changePassword, user, summary: "用户 \(user.username) 修改了自己的密码", before: before, by: actor, on: tx)
        }
    }

    /// Ends the user's sessions (but the one given) and revokes their API tokens.
    static func endAccess(of userID: Int, keepingSession token: String? = nil, on db: any Database) async throws {
        let sessions = StaffSession.query(on: db).filter(\.$user.$id == userID)
        if let token { sessions.filter(\.$tokenHash != token.sha256Hex) }
        try await sessions.delete()
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
    }

    static func roles(of userID: Int, on db: any Database) async throws -> Set<Role> {
        Set(try await RoleAssignment.query(on: db).filter(\.$user.$id == userID).all().map(\.role))
    }

    static func describe(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.chineseLabel).joined(separator: "、")
    }

    private static func setRoles(_ roles: Set<Role>, of user: StaffUser, in agencyID: Int, on db: any Database) async throws {
        let userID = try user.requireID()
        try await RoleAssignment.query(on: db).filter(\.$user.$id == userID).delete()
        for role in roles.sorted() {
            try await RoleAssignment(userID: userID, agencyID: agencyID, role: role).create(on: db)
        }
    }
}
