import Fluent
import SQLKit

/// Removes the `password` field (`sha256:` and 12 hex digits of the password hash) that user
/// entries carried in their before/after fields (issue #8): a value derived from the hash has no
/// place in a log that auditors read. The entries' action and summary still say that a password
/// was changed or reset. The log is append-only (ProtectAuditEntries): its triggers are lifted
/// for this update alone, in the migration's transaction.
struct RemovePasswordFingerprintsFromAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await AuditEntriesAppendOnly.lifted(try tx.requireSQL(), Self.scrub)
        }
    }

    /// Nothing to undo: the fingerprints are not to come back.
    func revert(on database: any Database) async throws {}

    /// One set-based UPDATE (issue #8, review 8d: row by row, 100,000 sign-in entries took 16 s on
    /// SQLite and 140 s on PostgreSQL with the log's triggers lifted). Only the `password` member
    /// goes; every other byte of the object stays as it was written. SQLite: `json_remove` on
    /// valid JSON (it keeps the other members' text and order; the writers wrote minified
    /// objects). PostgreSQL: the member and one adjacent comma cut out of the text by a regular
    /// expression (a cast to jsonb would reorder and re-space the keys, and fail the whole update
    /// on one malformed row). `"password":"` can only be a key there: inside a JSON string every
    /// quote is escaped.
    private static func scrub(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            let member = #""password"\s*:\s*"(?:[^"\\]|\\.)*""#
            let pattern = #"\s*,\s*"# + member + "|" + member + #"(?:\s*,\s*)?"#
            try await sql.raw(
                """
                UPDATE audit_entries
                SET before_json = regexp_replace(before_json, \(bind: pattern), '', 'g'),
                    after_json = regexp_replace(after_json, \(bind: pattern), '', 'g')
                WHERE entity_type = 'staff_user' AND (before_json LIKE '%"password"%' OR after_json LIKE '%"password"%')
                """
            ).run()
        } else {
            try await sql.raw(
                """
                UPDATE audit_entries
                SET before_json = CASE WHEN json_valid(before_json) AND json_type(before_json, '$.password') IS NOT NULL
                                       THEN json_remove(before_json, '$.password') ELSE before_json END,
                    after_json = CASE WHEN json_valid(after_json) AND json_type(after_json, '$.password') IS NOT NULL
                                      THEN json_remove(after_json, '$.password') ELSE after_json END
                WHERE entity_type = 'staff_user' AND (before_json LIKE '%"password"%' OR after_json LIKE '%"password"%')
                """
            ).run()
        }
    }
}
