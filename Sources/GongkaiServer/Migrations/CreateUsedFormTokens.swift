import Fluent

/// Form tokens already used (their SHA-256), kept until they expire: a token is single-use
/// across all instances (`UsedFormTokens`).
struct CreateUsedFormTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UsedFormTokens.schema)
            .field("token_hash", .string, .identifier(auto: false))
            .field("expires_at", .datetime, .required)
            .create()
        try await database.sqlIndex(on: UsedFormTokens.schema, "expires_at")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UsedFormTokens.schema).delete()
    }
}
