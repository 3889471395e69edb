import Fluent
import Foundation

/// A sign-in whose password was right and whose second factor is still awaited. Only the
/// SHA-256 of its cookie is stored; it opens no session and lives a few minutes.
final class PendingSignIn: Model, @unchecked Sendable {
    static let schema = "pending_sign_ins"
    static let cookieName = "gongkai_pending_signin"
    /// Long enough to fetch the phone, short enough that a forgotten tab is worthless.
    static let lifetime: TimeInterval = 5 * 60

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "expires_at") var expiresAt: Date
    /// Where to go once signed in (already checked by `SessionController.safeNext`).
    @OptionalField(key: "next") var next: String?

    init() {}

    init(tokenHash: String, userID: Int, expiresAt: Date, next: String?) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.expiresAt = expiresAt
        self.next = next
    }
}
