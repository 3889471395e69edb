import Fluent
import Foundation
import SQLKit

/// A public form's token posts one letter: the first submission claims it in the database (so
/// every instance knows), a replay finds it claimed. Rows are kept until the token would have
/// expired anyway, and each claim clears the expired ones.
enum UsedFormTokens {
    static let schema = "used_form_tokens"

    /// True when `token` had not been used; it is used from now on, until `expiresAt`.
    static func claim(_ token: String, expiresAt: Date, now: Date = Date(), on db: any Database) async throws -> Bool {
        let sql = try db.requireSQL()
        try await sql.delete(from: schema).where("expires_at", .lessThan, SQLBind(now)).run()
        let rows = try await sql.raw("""
            INSERT INTO used_form_tokens (token_hash, expires_at) VALUES (\(bind: token.sha256Hex), \(bind: expiresAt))
            ON CONFLICT (token_hash) DO NOTHING RETURNING token_hash
            """).all()
        return !rows.isEmpty
    }
}
