import Fluent
import SQLKit

/// Secrets of the installation, made once and shared by every server instance on the database:
/// `csrf` keys the form tokens derived from sessions (CSRFMiddleware).
struct CreateServerSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ServerSecret.schema)
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        try await ServerSecret(name: ServerSecret.csrf, value: Secrets.token()).create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServerSecret.schema).delete()
    }
}
