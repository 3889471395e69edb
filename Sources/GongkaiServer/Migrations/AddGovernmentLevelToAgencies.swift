import Fluent

/// A people's government's level (county, prefecture, province) decides when its annual report
/// is due; existing agencies start as county level, the common case.
struct AddGovernmentLevelToAgencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Agency.schema)
            .field(.definition(name: .key("government_level"), dataType: .string, constraints: [.required, .sql(.default("county"))]))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Agency.schema).deleteField("government_level").update()
    }
}
