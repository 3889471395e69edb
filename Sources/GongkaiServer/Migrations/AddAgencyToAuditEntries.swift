import Fluent
import SQLKit

/// Each audit entry keeps the agency its record belonged to when it was written, and auditors
/// are scoped by it (issue #8): scoping by the records' current agencies let an entry about a
/// record later moved follow it to the new agency's auditor, and one about a record deleted
/// escape every scoped auditor.
///
/// Existing entries are given what can be known now: their record's current agency; for a
/// message transferred since, the agency that sent it for the entries up to its (last) transfer.
/// Entries whose record is gone stay without an agency, seen only by an auditor who reaches
/// every agency. The log is append-only (ProtectAuditEntries): its triggers are lifted for the
/// backfill alone, in the migration's transaction.
struct AddAgencyToAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("agency_id", .int).update()
        try await database.transaction { tx in
            try await AuditEntriesAppendOnly.lifted(try tx.requireSQL(), Self.backfill)
        }
        try await database.sqlIndex(on: "audit_entries", "agency_id", "id")
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().drop(index: "audit_entries_agency_id_id_idx").run()
        try await database.schema("audit_entries").deleteField("agency_id").update()
    }

    /// The entity types' codes and where their records' agencies are, as of this migration.
    private static let recordAgency: [(codes: [String], table: String, column: String)] = [
        (["agency", "message_channel", "catalogue_item"], "agencies", "id"),
        (["staff_user"], "staff_users", "agency_id"),
        (["disclosure_request"], "disclosure_requests", "agency_id"),
        (["challenge_case", "review_case"], "challenge_cases", "agency_id"),
        (["agency_report"], "agency_reports", "agency_id"),
        (["report_figure"], "report_figure_entries", "agency_id"),
        (["message_import"], "message_import_jobs", "agency_id"),
        (["publication"], "publications", "agency_id"),
        (["publishing_profile"], "publishing_profiles", "agency_id"),
        (["topic_column"], "topic_columns", "agency_id"),
    ]

    private static func backfill(_ sql: any SQLDatabase) async throws {
        for (codes, table, column) in recordAgency {
            try await sql.raw("""
                UPDATE audit_entries SET agency_id = (
                    SELECT r.\(unsafeRaw: column) FROM \(unsafeRaw: table) r WHERE CAST(r.id AS TEXT) = audit_entries.entity_id)
                WHERE entity_type IN (\(binds: codes))
                """).run()
        }
        try await sql.raw("""
            UPDATE audit_entries SET agency_id = (
                SELECT u.agency_id FROM api_tokens t JOIN staff_users u ON u.id = t.user_id
                WHERE CAST(t.id AS TEXT) = audit_entries.entity_id)
            WHERE entity_type = 'api_token'
            """).run()
        try await sql.raw("""
            UPDATE audit_entries SET agency_id = (
                SELECT CASE
                    WHEN m.transferred_from_id IS NOT NULL AND audit_entries.id <= (
                        SELECT MAX(t.id) FROM audit_entries t
                        WHERE t.entity_type = 'public_message' AND t.entity_id = audit_entries.entity_id
                          AND t.action = 'message_transferred_out')
                    THEN m.transferred_from_id ELSE m.agency_id END
                FROM public_messages m WHERE CAST(m.id AS TEXT) = audit_entries.entity_id)
            WHERE entity_type = 'public_message'
            """).run()
    }
}
