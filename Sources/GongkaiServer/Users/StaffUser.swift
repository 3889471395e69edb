import Fluent
import Foundation
import GongkaiCore

/// A member of an agency's disclosure office who signs in to the staff console.
final class StaffUser: Model, @unchecked Sendable {
    static let schema = "staff_users"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_active") var isActive: Bool
    /// Set for passwords someone else chose (an administrator, the CLI): changed at first sign-in.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "failed_login_count") var failedLoginCount: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?

    // relationships
    @Parent(key: "agency_id") var agency: Agency
    @Children(for: \.$user) var roleAssignments: [RoleAssignment]

    init() {}

    init(username: String, displayName: String, passwordHash: String, agencyID: Int, mustChangePassword: Bool) {
        self.version = 1
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isActive = true
        self.mustChangePassword = mustChangePassword
        self.failedLoginCount = 0
        self.$agency.id = agencyID
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

extension StaffUser: Auditable {
    static let auditEntityType = AuditEntityType.staffUser
    /// Nothing derived from the password hash is copied into the audit log (issue #8: a
    /// fingerprint of it was, and narrows an offline guess): a password change or reset is told
    /// by the entry's action and summary alone.
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "username": username, "display_name": displayName, "agency_id": String($agency.id),
            "is_active": String(isActive), "must_change_password": String(mustChangePassword),
            "version": String(version),
        ]
        s["locked_until"] = lockedUntil.map { ISO8601DateFormatter().string(from: $0) }
        return s
    }
}
