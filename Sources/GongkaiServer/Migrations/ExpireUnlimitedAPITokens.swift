import Fluent
import Foundation

/// API tokens made before tokens expired by default had no expiry: they now expire 90 days after
/// this migration ran, like a new token (APITokenService.defaultValidDays), so none lives forever.
struct ExpireUnlimitedAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let expiry = Date().addingTimeInterval(TimeInterval(APITokenService.defaultValidDays * 86_400))
        try await APIToken.query(on: database).filter(\.$expiresAt == nil).set(\.$expiresAt, to: expiry).update()
    }

    func revert(on database: any Database) async throws {}
}
