import Fluent

struct CreateRoleAssignments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RoleAssignment.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("role", .string, .required)
            .unique(on: "user_id", "agency_id", "role")
            .create()
        try await database.sqlIndex(on: RoleAssignment.schema, "agency_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoleAssignment.schema).delete()
    }
}
