import Fluent
import SQLKit

/// Gives each audit entry of a transferred message the agency that held the message when the
/// entry was written (issue #8). `AddAgencyToAuditEntries` gave every entry up to a message's
/// last transfer to `transferred_from_id`, its last sender: a letter received by a township,
/// transferred to a bureau and on to the county government had the township's intake in the
/// bureau's log, and out of the township's. That migration has shipped and is not edited; this
/// one corrects what it wrote.
///
/// The holder at each entry comes from the message's history: its k-th transfer is the k-th
/// `transferred_out` line of `message_events`, whose `agency_id` is the sender, and is written in
/// the same transaction as the k-th `message_transferred_out` entry. An entry with k transfer
/// entries before it is the (k+1)-th transfer's sender's, or the message's agency now when no
/// transfer followed it. That is also the agency the log writes for a step today (the agency that
/// acted; a transfer is the sender's), so entries written since the column exists are left as
/// they are. The log is append-only (ProtectAuditEntries): its triggers are lifted for this
/// update alone, in the migration's transaction.
struct CorrectTransferredMessageAuditAgencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await AuditEntriesAppendOnly.lifted(try tx.requireSQL(), Self.correct)
        }
    }

    /// Nothing to undo: the entries keep the agency they should always have had.
    func revert(on database: any Database) async throws {}

    static func correct(_ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE audit_entries SET agency_id = COALESCE(
                (SELECT ev.agency_id FROM message_events ev
                 WHERE CAST(ev.message_id AS TEXT) = audit_entries.entity_id AND ev.kind = 'transferred_out'
                   AND (SELECT COUNT(*) FROM message_events e2
                        WHERE e2.message_id = ev.message_id AND e2.kind = 'transferred_out' AND e2.id < ev.id)
                     = (SELECT COUNT(*) FROM audit_entries t
                        WHERE t.entity_type = 'public_message' AND t.entity_id = audit_entries.entity_id
                          AND t.action = 'message_transferred_out' AND t.id < audit_entries.id)),
                (SELECT m.agency_id FROM public_messages m WHERE CAST(m.id AS TEXT) = audit_entries.entity_id))
            WHERE entity_type = 'public_message'
              AND entity_id IN (SELECT CAST(m.id AS TEXT) FROM public_messages m WHERE m.transferred_from_id IS NOT NULL)
            """).run()
    }
}
