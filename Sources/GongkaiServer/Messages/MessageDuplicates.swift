import Fluent
import GongkaiCore
import SQLKit

/// One hotline item imported by two agencies — the hotline numbers its items once for all
/// agencies, so after a transfer (on the platform or in the hotline) each agency's export holds
/// the same source id — is two rows, since an import's identity is (importing agency, source
/// id). It is one item from the public: counted once, by the agency that handled it last.
///
/// Only the 12345 hotline: it numbers its items once for all agencies. Every other channel kind
/// (a head's mailbox, letters, phone, visits, WeChat, 政务服务网) is numbered by each agency in its
/// own register, so the same number in two agencies' imports is two items from two people;
/// such rows are never marked (and lose a mark left by an earlier rule when settled).
///
/// Of the hotline rows with the same source id, the one counted is an answered one (已办结) if
/// there is one, whatever the dates: a copy closed as 不予受理 (typically 重复, the staff
/// tidying up their leftover copy after another agency answered) or turned into a request must
/// not displace the real answer and the citizen's rating. Among rows of equal standing, the one
/// with the latest handling date — closed, else transferred, else received
/// (`COALESCE(completed_on, transferred_on, received_on)`; a close is never before a transfer nor
/// a transfer before the receipt), then the later row. The others carry `superseded_by_id` = that row, and the
/// figures (`MessageFigures`, over a partial index of the rows counted) leave them out, so
/// one agency and any subtree count the item at most once and a subtree is the sum of its
/// agencies. The rows stay for the staff who handled them.
///
/// Stored rather than worked out in each figures query: finding a row's twins is an index
/// probe per row, which would multiply the cost of the year's figures; here it is paid when an
/// import or a step changes the rows of a source id.
enum MessageDuplicates {
    /// The one channel kind whose source ids are shared across agencies.
    static let sharedKind = MessageChannelKind.hotline12345.rawValue

    /// The date that says which of the rows was handled last.
    static func lastHandled(_ table: String) -> String {
        "COALESCE(\(table).completed_on, \(table).transferred_on, \(table).received_on)"
    }

    /// 1 for an answered row, 0 otherwise: an answer outranks any other standing.
    static func standing(_ table: String) -> String {
        "(CASE WHEN \(table).status = '\(MessageStatus.completed.rawValue)' THEN 1 ELSE 0 END)"
    }

    /// The row counted instead of `public_messages`' current row, NULL when it is itself counted:
    /// the first by (standing, handling date, id), all descending.
    static var successor: String {
        let mine = lastHandled("public_messages"), theirs = lastHandled("o")
        let myStanding = standing("public_messages"), theirStanding = standing("o")
        return """
            SELECT o.id FROM public_messages o
            WHERE public_messages.channel_kind = '\(sharedKind)'
              AND o.source_id = public_messages.source_id AND o.channel_kind = public_messages.channel_kind AND o.id <> public_messages.id
              AND (\(theirStanding) > \(myStanding) OR (\(theirStanding) = \(myStanding)
                AND (\(theirs) > \(mine) OR (\(theirs) = \(mine) AND o.id > public_messages.id))))
            ORDER BY \(theirStanding) DESC, \(theirs) DESC, o.id DESC LIMIT 1
            """
    }

    /// Settles the rows sharing a source id with the rows `scope` selects (in `s`): a row with a
    /// twin, or marked before, is set again; a row alone costs one probe and no write.
    static func settle(scope: SQLQueryString, on db: any Database) async throws {
        let sql = try db.requireSQL()
        try await sql.raw("""
            UPDATE public_messages SET superseded_by_id = (\(unsafeRaw: successor))
            WHERE public_messages.source_id IN (SELECT s.source_id FROM public_messages s WHERE \(scope))
              AND (public_messages.superseded_by_id IS NOT NULL OR (public_messages.channel_kind = '\(unsafeRaw: sharedKind)' AND EXISTS (SELECT 1 FROM public_messages t
                WHERE t.source_id = public_messages.source_id AND t.channel_kind = public_messages.channel_kind AND t.id <> public_messages.id)))
            """).run()
    }

    /// After an import: its rows and their twins.
    static func settle(importedBy agencyID: Int, on db: any Database) async throws {
        try await settle(scope: "s.import_agency_id = \(bind: agencyID)", on: db)
    }

    /// After a step on a message (a transfer or a close moves its handling date).
    static func settle(messageID: Int, on db: any Database) async throws {
        try await settle(scope: "s.id = \(bind: messageID) AND s.source_id IS NOT NULL", on: db)
    }

    /// Every imported row (the migration that introduced the column).
    static func settleAll(on db: any Database) async throws {
        try await settle(scope: "s.source_id IS NOT NULL", on: db)
    }
}
