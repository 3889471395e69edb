import Fluent

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("occurred_at", .datetime, .required)
            .field("actor_user_id", .int)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("request_id", .string, .required)
            .field("ip_address", .string, .required)
            .create()
        try await database.sqlIndex(on: AuditEntry.schema, "entity_type", "entity_id")
        try await database.sqlIndex(on: AuditEntry.schema, "actor_user_id")
        try await database.sqlIndex(on: AuditEntry.schema, "occurred_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
