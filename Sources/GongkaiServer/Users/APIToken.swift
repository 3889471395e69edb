import Fluent
import Foundation

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

extension APIToken: Auditable {
    static let auditEntityType = AuditEntityType.apiToken
    var auditSnapshot: [String: String] {
        var s = ["name": name, "user_id": String($user.id)]
        s["expires_at"] = expiresAt.map(Beijing.dateTime)
        s["revoked_at"] = revokedAt.map(Beijing.dateTime)
        return s
    }
}
