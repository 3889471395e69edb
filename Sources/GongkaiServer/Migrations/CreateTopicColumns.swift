import Fluent

/// Topic columns (专题专栏) of the portal.
struct CreateTopicColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TopicColumn.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("opened_on", .string, .required)
            .field("closed_on", .string)
            .unique(on: "agency_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TopicColumn.schema).delete()
    }
}
