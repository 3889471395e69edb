import Fluent
import Foundation

/// A user's TOTP key (#14). Unconfirmed while enrolment waits for the first correct code; the
/// key must be kept readable (the server computes the same codes as the phone), so it is
/// stored as base32 text, like the apps store it.
final class SecondFactor: Model, @unchecked Sendable {
    static let schema = "second_factors"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "secret") var secret: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The TOTP step of the last accepted code: that step and earlier ones are refused.
    @OptionalField(key: "last_used_step") var lastUsedStep: Int64?

    init() {}

    init(userID: Int, secret: String, now: Date) {
        self.$user.id = userID
        self.secret = secret
        self.createdAt = now
    }
}

extension SecondFactor {
    static func confirmed(of userID: Int, on db: any Database) async throws -> SecondFactor? {
        try await query(on: db).filter(\.$user.$id == userID).filter(\.$confirmedAt != nil).first()
    }
}
