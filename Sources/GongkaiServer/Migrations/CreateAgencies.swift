import Fluent

struct CreateAgencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Agency.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("credit_code", .string)
            .field("address", .string, .required)
            .field("phone", .string, .required)
            .field("office_hours", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone", .string, .required)
            .field("contact_email", .string, .required)
            .field("guide_text", .string, .required)
            .field("parent_id", .int, .references(Agency.schema, .id, onDelete: .restrict))
            .unique(on: "code")
            .unique(on: "credit_code")
            .create()
        try await database.sqlIndex(on: Agency.schema, "parent_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Agency.schema).delete()
    }
}
