import Fluent
import SQLKit

/// The append-only triggers of the audit log (`ProtectAuditEntries`), lifted for one backfill.
/// Only a migration may call this, inside its transaction, so that no other statement ever sees
/// the log writable; the statements are exactly the ones the first backfills shipped with.
enum AuditEntriesAppendOnly {
    static func lifted(_ sql: any SQLDatabase, _ body: (any SQLDatabase) async throws -> Void) async throws {
        switch sql.dialect.name {
        case "sqlite":
            try await sql.raw("DROP TRIGGER audit_entries_no_update").run()
            try await body(sql)
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END
                """
            ).run()
        case "postgresql":
            try await sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").run()
            try await body(sql)
            try await sql.raw("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only").run()
        default:
            throw UnsupportedDialect(name: sql.dialect.name)
        }
    }
}
