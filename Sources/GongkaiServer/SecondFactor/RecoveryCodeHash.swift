import Fluent
import Foundation

/// One recovery code of a user, as its SHA-256: shown once at enrolment, used at most once.
final class RecoveryCodeHash: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: Int, codeHash: String) {
        self.$user.id = userID
        self.codeHash = codeHash
    }
}
