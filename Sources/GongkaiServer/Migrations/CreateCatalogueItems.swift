import Fluent

/// Standard disclosure catalogues (公开事项标准目录): items per agency and domain.
struct CreateCatalogueItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CatalogueItem.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("domain", .string, .required)
            .field("sequence", .int, .required)
            .field("item_l1", .string, .required)
            .field("item_l2", .string, .required)
            .field("content_elements", .string, .required)
            .field("legal_basis", .string, .required)
            .field("time_limit", .string, .required)
            .field("subject", .string, .required)
            .field("channels", .string, .required)
            .field("audience", .string, .required)
            .field("mode", .string, .required)
            .field("level", .string, .required)
            .field("since", .string, .required)
            .create()
        try await database.sqlIndex(on: CatalogueItem.schema, "agency_id", "domain", "sequence")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CatalogueItem.schema).delete()
    }
}
