import Fluent

/// TOTP keys, recovery codes and sign-ins waiting for their second factor (#14).
struct CreateSecondFactors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SecondFactor.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("last_used_step", .int64)
            .unique(on: "user_id")
            .create()
        try await database.schema(RecoveryCodeHash.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
        try await database.sqlIndex(on: RecoveryCodeHash.schema, "user_id")
        try await database.schema(PendingSignIn.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("token_hash", .string, .required)
            .field("user_id", .int, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("next", .string)
            .unique(on: "token_hash")
            .create()
        try await database.sqlIndex(on: PendingSignIn.schema, "user_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingSignIn.schema).delete()
        try await database.schema(RecoveryCodeHash.schema).delete()
        try await database.schema(SecondFactor.schema).delete()
    }
}
