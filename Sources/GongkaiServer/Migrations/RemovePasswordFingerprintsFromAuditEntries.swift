import Fluent
import Foundation
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

    private static func scrub(_ sql: any SQLDatabase) async throws {
        let rows = try await sql.raw(
            """
            SELECT id, before_json, after_json FROM audit_entries
            WHERE entity_type = 'staff_user' AND (before_json LIKE '%"password"%' OR after_json LIKE '%"password"%')
            """
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            let before = try scrubbed(try row.decode(column: "before_json", as: String?.self))
            let after = try scrubbed(try row.decode(column: "after_json", as: String?.self))
            try await sql.raw("UPDATE audit_entries SET before_json = \(bind: before), after_json = \(bind: after) WHERE id = \(bind: id)").run()
        }
    }

    /// The JSON object without its `password` field, written as `AuditLog` writes objects.
    static func scrubbed(_ json: String?) throws -> String? {
        guard let json, var fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { return json }
        fields["password"] = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }
}
