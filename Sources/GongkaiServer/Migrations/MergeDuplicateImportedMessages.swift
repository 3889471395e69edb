import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Before `KeyImportedMessagesByImportingAgency` an import's key was (handling agency, source
/// id), so a transfer made the next export insert the item again: that migration left the
/// copies without the new key (`import_agency_id` NULL) "for staff to close". They are one
/// item of one export: each is merged here into the row that kept the key.
///
/// The merged row keeps its id (the key, the links, the audit trail); from the copies it takes
/// - the source's fields (channel, kind, subject, content, receipt) of the row updated last —
///   the latest export;
/// - the handling (agency, transfer, status, reply, completion, clock, publication) of the
///   row staff acted on (transferred, not accepted, converted, or answered on the platform;
///   the keeper first), else of the latest export, as a re-import would;
/// - a rating given on the platform (by the sender or by phone) before an imported one;
/// - the links to disclosure requests it lacks.
/// Every copy's history moves to it; a reply it does not keep is written into its history in
/// full (a reply is never lost); the merge is a history line and an audit entry on it, and an
/// audit entry on each copy removed.
///
/// Raw SQL on the columns as they are now, not the models: a migration must run the same when
/// the models have moved on.
struct MergeDuplicateImportedMessages: AsyncMigration {
    static let sourceFields = ["channel_name", "channel_kind", "kind", "subject", "content", "received_at", "received_on", "import_job_id"]
    static let handlingFields = ["agency_id", "transferred_from_id", "transferred_on", "time_limit_days", "time_limit_basis", "due_on", "status",
                                 "not_accepted_reason", "assigned_unit", "assigned_officer_id", "reply", "completed_at", "completed_on",
                                 "handling_days", "on_time", "publication", "published_content", "published_reply", "published_at", "approved_by"]
    static let ratingFields = ["satisfaction", "rating_source", "rated_on"]
    /// The importer's rule when this was written: the handling is still the source's while the
    /// message was not transferred and is open, or closed by an import (no reply written here).
    static let sourceOwnsHandling = """
        (public_messages.transferred_on IS NULL AND (public_messages.status IN ('received', 'accepted') OR (public_messages.status = 'completed'
          AND NOT EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = public_messages.id AND e.kind = 'replied'))))
        """

    struct Row {
        var id: Int
        var agencyID: Int
        var sourceID: String
        var status: String
        var reply: String
        var satisfaction: String?
        var ratingSource: String?
        var sourceOwned: Bool
    }

    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            // A copy's key would have been its job's agency, else the agency it was transferred
            // from, else its own (the rule of KeyImportedMessagesByImportingAgency).
            let pairs = try await sql.raw("""
                SELECT k.id AS keeper, d.id AS copy FROM public_messages d
                JOIN public_messages k ON k.source_id = d.source_id AND k.import_agency_id = COALESCE(
                  (SELECT j.agency_id FROM message_import_jobs j WHERE j.id = d.import_job_id), d.transferred_from_id, d.agency_id)
                WHERE d.source_id IS NOT NULL AND d.import_agency_id IS NULL
                ORDER BY k.id, d.id
                """).all()
            var groups: [(keeper: Int, copies: [Int])] = []
            for pair in pairs {
                let keeper = try pair.decode(column: "keeper", as: Int.self), copy = try pair.decode(column: "copy", as: Int.self)
                if groups.last?.keeper == keeper { groups[groups.count - 1].copies.append(copy) } else { groups.append((keeper, [copy])) }
            }
            for group in groups { try await merge(keeper: group.keeper, copies: group.copies, on: tx) }
        }
    }

    private func merge(keeper: Int, copies: [Int], on db: any Database) async throws {
        let sql = try db.requireSQL()
        // The rows, the one updated last (the latest export) first.
        let rows = try await sql.raw("""
            SELECT id, agency_id, source_id, status, reply, satisfaction, rating_source,
                   CASE WHEN \(unsafeRaw: Self.sourceOwnsHandling) THEN 1 ELSE 0 END AS source_owned
            FROM public_messages WHERE id IN (\(binds: [keeper] + copies))
            ORDER BY COALESCE(updated_at, created_at) DESC, id DESC
            """).all().map { r in
                Row(id: try r.decode(column: "id", as: Int.self), agencyID: try r.decode(column: "agency_id", as: Int.self),
                    sourceID: try r.decode(column: "source_id", as: String.self), status: try r.decode(column: "status", as: String.self),
                    reply: try r.decode(column: "reply", as: String.self), satisfaction: try r.decode(column: "satisfaction", as: String?.self),
                    ratingSource: try r.decode(column: "rating_source", as: String?.self), sourceOwned: try r.decode(column: "source_owned", as: Int.self) != 0)
            }
        guard let latest = rows.first, let kept = rows.first(where: { $0.id == keeper }) else { return }
        let handler = !kept.sourceOwned ? kept : rows.first { !$0.sourceOwned } ?? latest
        let byHandlerFirst = [handler] + rows.filter { $0.id != handler.id }
        let rater = byHandlerFirst.first { $0.ratingSource == "sender" || $0.ratingSource == "phone" } ?? byHandlerFirst.first { $0.satisfaction != nil }

        func copy(_ fields: [String], from row: Row?) async throws {
            guard let row, row.id != keeper else { return }
            let sets = fields.map { "\($0) = (SELECT o.\($0) FROM public_messages o WHERE o.id = \(row.id))" }.joined(separator: ", ")
            try await sql.raw("UPDATE public_messages SET \(unsafeRaw: sets) WHERE id = \(bind: keeper)").run()
        }
        try await copy(Self.sourceFields, from: latest)
        try await copy(Self.handlingFields, from: handler)
        try await copy(Self.ratingFields, from: rater)
        for link in ["from_request_id", "to_request_id"] {
            try await sql.raw("""
                UPDATE public_messages SET \(ident: link) = (SELECT MIN(o.\(ident: link)) FROM public_messages o WHERE o.id IN (\(binds: copies)))
                WHERE id = \(bind: keeper) AND \(ident: link) IS NULL
                """).run()
        }
        try await sql.raw("UPDATE public_messages SET version = version + 1 WHERE id = \(bind: keeper)").run()
        // Their history is its history.
        try await sql.raw("UPDATE message_events SET message_id = \(bind: keeper) WHERE message_id IN (\(binds: copies))").run()

        var summary = "合并重复导入的工单 \(kept.sourceID)：记录 " + copies.map { "#\($0)" }.joined(separator: "、") + " 并入本记录"
        for row in rows where row.id != handler.id && !row.reply.isEmpty && row.reply != handler.reply {
            summary += "；记录 #\(row.id) 的答复：\(row.reply)"
        }
        let now = Date(), today = CivilDate.today(at: now)
        try await sql.raw("""
            INSERT INTO message_events (message_id, agency_id, occurred_on, recorded_at, actor_name, kind, summary)
            VALUES (\(bind: keeper), \(bind: handler.agencyID), \(bind: today.iso), \(bind: now), \(bind: AuditActor.system.name),
                    \(bind: MessageEventKind.merged.rawValue), \(bind: summary))
            """).run()
        for row in rows {
            var before = ["id": String(row.id), "source_id": row.sourceID, "agency_id": String(row.agencyID), "status": row.status]
            if !row.reply.isEmpty { before["reply"] = row.reply }
            try await AuditLog.record(.message(.merged), entityType: .publicMessage, entityID: String(row.id),
                                      summary: row.id == keeper ? summary : "工单 \(row.sourceID) 的重复导入记录 #\(row.id) 并入记录 #\(keeper)",
                                      before: before, after: row.id == keeper ? nil : ["merged_into": String(keeper)],
                                      agencyID: row.id == keeper ? handler.agencyID : row.agencyID, by: .system, on: db)
        }
        try await sql.raw("DELETE FROM public_messages WHERE id IN (\(binds: copies))").run()
    }

    /// The copies are gone: nothing to put back.
    func revert(on database: any Database) async throws {}
}
