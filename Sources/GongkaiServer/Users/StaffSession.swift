import Fluent
import Foundation

/// A signed-in browser. Kept in the database so that several server instances share sessions;
/// only the SHA-256 of the cookie value is stored.
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "ip_address") var ipAddress: String
    @Field(key: "user_agent") var userAgent: String

    init() {}

    init(tokenHash: String, userID: Int, now: Date, expiresAt: Date, ipAddress: String, userAgent: String) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
        self.ipAddress = ipAddress
        self.userAgent = String(userAgent.prefix(300))
    }
}

/// A bearer token for the JSON API, issued to one staff user. Only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "name") var name: String
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(tokenHash: String, name: String, userID: Int, createdAt: Date, expiresAt: Date?) {
        self.tokenHash = tokenHash
        self.name = name
        self.$user.id = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

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
