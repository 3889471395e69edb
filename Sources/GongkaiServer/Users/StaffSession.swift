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
