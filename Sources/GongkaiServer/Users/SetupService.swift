import Fluent
import Foundation
import GongkaiCore

/// First run: an empty database gets a one-time link to create the top agency and its first
/// administrator. There is never a default password.
enum SetupService {
    static let linkLifetime: TimeInterval = 24 * 3600

    static func isSetUp(on db: any Database) async throws -> Bool {
        try await StaffUser.query(on: db).count() > 0
    }

    /// A fresh link when nobody can sign in yet (older unused links stop working), else nil.
    static func issueLinkIfNeeded(on db: any Database) async throws -> String? {
        guard try await !isSetUp(on: db) else { return nil }
        let token = Secrets.token(prefix: "setup_")
        let now = Date()
        try await db.writeTransaction { tx in
            try await SetupToken.query(on: tx).filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
            try await SetupToken(tokenHash: token.sha256Hex, createdAt: now, expiresAt: now.addingTimeInterval(linkLifetime)).create(on: tx)
        }
        return token
    }

    static func validToken(_ token: String, on db: any Database) async throws -> SetupToken? {
        guard let setup = try await SetupToken.query(on: db).filter(\.$tokenHash == token.sha256Hex).first(),
              setup.usedAt == nil, setup.expiresAt > Date(), try await !isSetUp(on: db) else { return nil }
        return setup
    }

    /// Creates the agency and the administrator, and spends the link, all or nothing.
    static func complete(_ form: SetupForm, token: SetupToken, hasher: PasswordHasher, actor: AuditActor, on db: any Database) async throws -> StaffUser {
        let fields = AgencyFields(code: form.agencyCode.lowercased(), name: form.agencyName, shortName: form.agencyName,
                                  kind: AgencyKind(rawValue: form.agencyKind) ?? .government,
                                  creditCode: form.creditCode.isEmpty ? nil : form.creditCode.uppercased())
        var errors = fields.problems()
        let input = UserInput(username: form.username.lowercased(), displayName: form.displayName, agencyID: 0, roles: [.systemAdministrator])
        errors.merge(input.problems()) { a, _ in a }
        if let problem = PasswordPolicy.problem(with: form.password, username: input.username) { errors["password"] = problem }
        if form.password != form.passwordConfirmation { errors["password_confirmation"] = "两次输入的密码不一致" }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let hash = try await hasher.hash(form.password)
        return try await db.writeTransaction { tx in
            let agency = Agency(fields: fields, parentID: nil)
            try await agency.create(on: tx)
            try await AuditLog.record(.create, agency, summary: "初始化：新建本级机关 \(agency.name)", before: nil, by: actor, on: tx)
            let user = StaffUser(username: input.username, displayName: input.displayName, passwordHash: hash,
                                 agencyID: try agency.requireID(), mustChangePassword: false)
            try await user.create(on: tx)
            try await RoleAssignment(userID: try user.requireID(), agencyID: try agency.requireID(), role: .systemAdministrator).create(on: tx)
            try await AuditLog.record(.create, user, summary: "初始化：新建系统管理员 \(user.username)", before: nil, by: actor, on: tx)
            token.usedAt = Date()
            try await token.save(on: tx)
            return user
        }
    }
}
