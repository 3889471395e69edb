import Fluent

struct CreateStaffUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffUser.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_active", .bool, .required)
            .field("must_change_password", .bool, .required)
            .field("failed_login_count", .int, .required)
            .field("locked_until", .datetime)
            .field("last_login_at", .datetime)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .unique(on: "username")
            .create()
        try await database.sqlIndex(on: StaffUser.schema, "agency_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffUser.schema).delete()
    }
}
