import Fluent
import Foundation

/// The one-time link printed by `serve` on an empty database, to create the first administrator.
final class SetupToken: Model, @unchecked Sendable {
    static let schema = "setup_tokens"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
