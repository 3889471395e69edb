import Fluent
import SQLKit

/// An audit entry may name a second agency: the one its record left in the change it records
/// (a user moved to another agency). Auditors of either agency read it (issue #8): the entry is
/// the old agency's as much as the new one's — its auditor must see that one of its officers
/// left with their roles — and one change stays one entry, not two copies an auditor of both
/// would count twice. Existing entries have none; nothing is backfilled.
struct AddFormerAgencyToAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("former_agency_id", .int).update()
        try await database.sqlIndex(on: "audit_entries", "former_agency_id", "id")
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().drop(index: "audit_entries_former_agency_id_id_idx").run()
        try await database.schema("audit_entries").deleteField("former_agency_id").update()
    }
}
