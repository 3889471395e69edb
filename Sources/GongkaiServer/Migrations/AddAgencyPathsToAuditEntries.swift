import Fluent
import SQLKit

/// Each audit entry keeps where its agency stood in the agency tree when it was written
/// (`agency_path`, `/1/5/17/`, and `former_agency_path` for the agency a record left), and
/// subtree auditors are scoped by it (issue #8): scoping by today's tree moved an agency's whole
/// history to its new parent's auditor when it moved, and out of the old parent's.
///
/// Existing entries are given today's tree: where an agency moved before this migration, its
/// earlier entries follow it still (nothing recorded where it stood). The log is append-only
/// (ProtectAuditEntries): its triggers are lifted for the backfill alone, in the migration's
/// transaction.
struct AddAgencyPathsToAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds one at a time.
        try await database.schema("audit_entries").field("agency_path", .string).update()
        try await database.schema("audit_entries").field("former_agency_path", .string).update()
        try await database.transaction { tx in
            try await AuditEntriesAppendOnly.lifted(try tx.requireSQL(), Self.backfill)
        }
        // Auditors match `%/id/%` (an agency's place anywhere in the path, so that an auditor's own
        // agency moving hides nothing from them): a B-tree index cannot serve that, a trigram one
        // can on PostgreSQL (pg_trgm is there since CreatePublicationSearch). SQLite scans.
        let sql = try database.requireSQL()
        if sql.dialect.name == "postgresql" {
            for column in ["agency_path", "former_agency_path"] {
                try await sql.raw(
                    "CREATE INDEX audit_entries_\(unsafeRaw: column)_trgm ON audit_entries USING gin (\(unsafeRaw: column) gin_trgm_ops)"
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        if sql.dialect.name == "postgresql" {
            for column in ["agency_path", "former_agency_path"] {
                try await sql.raw("DROP INDEX IF EXISTS audit_entries_\(unsafeRaw: column)_trgm").run()
            }
        }
        try await database.schema("audit_entries").deleteField("former_agency_path").update()
        try await database.schema("audit_entries").deleteField("agency_path").update()
    }

    private static func backfill(_ sql: any SQLDatabase) async throws {
        let rows = try await sql.raw("SELECT id, parent_id FROM agencies").all()
        var parents: [Int: Int?] = [:]
        for row in rows { parents[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "parent_id", as: Int?.self) }
        let paths = AgencyTree.paths(parents: parents)
        for column in ["agency", "former_agency"] {
            let used = try await sql.raw(
                "SELECT DISTINCT \(unsafeRaw: column)_id AS agency FROM audit_entries WHERE \(unsafeRaw: column)_id IS NOT NULL"
            ).all()
            for row in used {
                let id = try row.decode(column: "agency", as: Int.self)
                // An agency since deleted keeps at least itself: its own auditor still matches.
                let path = paths[id] ?? AgencyTree.path([id])
                try await sql.raw(
                    """
                    UPDATE audit_entries SET \(unsafeRaw: column)_path = \(bind: path) WHERE \(unsafeRaw: column)_id = \(bind: id)
                    """
                ).run()
            }
        }
    }
}
