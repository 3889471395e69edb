import Fluent
import Foundation
import GongkaiCore

/// A role a user holds in one agency.
final class RoleAssignment: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: StaffUser
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "role") var role: Role

    init() {}

    init(userID: Int, agencyID: Int, role: Role) {
        self.$user.id = userID
        self.$agency.id = agencyID
        self.role = role
    }
}
