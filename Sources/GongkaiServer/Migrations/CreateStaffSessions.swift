import Fluent

struct CreateStaffSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffSession.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("token_hash", .string, .required)
            .field("user_id", .int, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ip_address", .string, .required)
            .field("user_agent", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await database.sqlIndex(on: StaffSession.schema, "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffSession.schema).delete()
    }
}
