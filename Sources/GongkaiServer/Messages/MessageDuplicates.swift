import Fluent
import GongkaiCore
import SQLKit

/// One hotline item imported by two agencies — the hotline numbers its items once for all
/// agencies, so after a transfer (on the platform or in the hotline) each agency's export holds
/// the same source id — is two rows ("copies"), since an import's identity is (importing agency,
/// source id). It is one item from the public: counted once.
///
/// Only the 12345 hotline: it numbers its items once for all agencies. Every other channel kind
/// (a head's mailbox, letters, phone, visits, WeChat, 政务服务网) is numbered by each agency in its
/// own register, so the same number in two agencies' imports is two items from two people;
/// such rows are never marked (and lose a mark left by an earlier rule when settled).
///
/// Which copy counts depends on the period: a period's figures must not change after it ends
/// because another agency handles the item again. So the figures (`MessageFigures`) choose the
/// copy **as of the period's last day**, in the same query, among the copies received by then,
/// each with its standing at that day (`standing`: a step dated later not yet taken): an answered
/// one (已办结 by that day) if there is one, whatever the dates — a copy closed as 不予受理
/// (typically 重复, the staff tidying up their leftover copy after another agency answered) must
/// not displace the real answer and the citizen's rating; else an open one — a duplicate
/// dismissal while another agency still handles the item answered nobody; else a dismissed one.
/// Among copies of equal standing, the one with the latest handling date up to that day —
/// closed, else transferred, else received (a close is never before a transfer nor a transfer
/// before the receipt), then the later row. The item belongs to the period of its **first**
/// receipt, the earliest `received_on` of its copies (the day the hotline took it), whichever
/// copy counts.
///
/// A copy turned into a disclosure request is not a step in time but a reclassification: it is
/// left out of every period's figures, whatever the conversion's date — as a message without
/// copies is (the request keeps the message's receipt date and is counted in table 三 of that
/// year: counting it here too would count the item twice). So only the copies not converted
/// today are ranked and give the first receipt; an item all of whose copies were converted is in
/// no period's figures. Each item then falls in exactly one period of any partition of time, and
/// a closed period changes only when a conversion is made later (the item leaves for table 三, or
/// moves to another agency's copy) or, for an item with a converted copy, when a later 不予受理 · 重复
/// dismissal or a later new copy changes whether the item is a request (review 12e M2's rule, by
/// today's status).
///
/// What is stored: every copy of a shared item carries `superseded_by_id` = the copy counted
/// today (the counted copy points to itself), a row without copies NULL. The mark routes the
/// rows: the figures read the rows without copies straight from the partial covering index
/// (`superseded_by_id IS NULL`, as before) and rank only the few marked rows, grouped by source
/// id, with window functions. Set when an import or a step changes the rows of a source id.
///
/// Settling reads the twins other transactions wrote, so on PostgreSQL two transactions that
/// settle the same number at once must not both run before either commits (each would see no
/// twin): every transaction that may settle takes `lockForSettling` first (issue #12 M2).
enum MessageDuplicates {
    /// The key of the PostgreSQL advisory lock "settling copies of hotline items". Arbitrary,
    /// fixed forever — two versions of the platform side by side during an upgrade must agree —
    /// and apart from `JobLock.Key`'s ("gk" 4, the next after them).
    static let settlingLockKey: Int64 = 0x676B_0004

    /// Takes the settling lock for the rest of the transaction `db` is in: call it as the
    /// transaction's first statement that can lock anything (a plain read before it is harmless:
    /// it locks nothing), before any row is written, in every transaction that may settle — an
    /// import's, a step's on a message with a source id, a conversion's, `settleAll`'s.
    ///
    /// Why: under READ COMMITTED each statement sees what was committed when it started. Two
    /// imports of one hotline number in two agencies (or an import and a step on it) each upsert
    /// their row, then settle while the other has not committed: neither sees a twin, both rows
    /// stay unmarked, and the item is counted twice until a later settle of that number. With the
    /// lock, the second transaction's statements run after the first committed, so its settle
    /// sees the first one's rows.
    ///
    /// No deadlock by construction: taken before any row write, every such transaction takes
    /// its locks in one order — this lock, then rows. (Taken just before `settle` instead, A
    /// holding the lock would wait for a row B upserted while B waits for the lock.)
    ///
    /// One lock for all numbers, not one per source id: an import batch holds hundreds of
    /// numbers and a file thousands — a lock each would exceed `max_locks_per_transaction`, and
    /// two imports taking them in different orders would deadlock. Imports are rare, bulk and
    /// long already; a step waits for one only when its message has a source id (its copies may
    /// be in the import), never a message entered on the platform.
    ///
    /// Transaction-scoped, as `JobLock`: released by COMMIT, ROLLBACK or the connection's death,
    /// never left on a pooled connection. Blocking (`pg_advisory_xact_lock`), not `try`: the
    /// second import must run after the first, not be skipped. On SQLite nothing is taken: one
    /// writer at a time already (`Database.writeTransaction`).
    static func lockForSettling(on db: any Database) async throws {
        guard db.isPostgres else { return }
        // Outside a transaction the lock would end with the statement: a caller's mistake.
        assert(db.inTransaction, "lockForSettling outside a transaction")
        try await db.requireSQL().raw("SELECT pg_advisory_xact_lock(\(bind: settlingLockKey))").run()
    }

    /// The one channel kind whose source ids are shared across agencies.
    static let sharedKind = MessageChannelKind.hotline12345.rawValue
    static let converted = MessageStatus.convertedToRequest.rawValue
    static let completed = MessageStatus.completed.rawValue
    static let notAccepted = MessageStatus.notAccepted.rawValue
    static let duplicate = NotAcceptedReason.duplicate.rawValue

    /// The date that says which of the copies was handled last: as of today, or as of `day`
    /// (handling after it ignored). `c` is `" COLLATE \"C\""` on PostgreSQL, byte order for ISO dates.
    static func lastHandled(_ t: String, asOf day: CivilDate? = nil, collate c: String = "") -> SQLQueryString {
        guard let day else { return "COALESCE(\(unsafeRaw: t).completed_on, \(unsafeRaw: t).transferred_on, \(unsafeRaw: t).received_on)" }
        return """
            (CASE WHEN \(unsafeRaw: t).completed_on\(unsafeRaw: c) <= \(bind: day.iso) THEN \(unsafeRaw: t).completed_on \
            WHEN \(unsafeRaw: t).transferred_on\(unsafeRaw: c) <= \(bind: day.iso) THEN \(unsafeRaw: t).transferred_on ELSE \(unsafeRaw: t).received_on END)
            """
    }

    /// A copy's standing, as of today or as of `day` (a step after it not yet taken): 3 answered
    /// (已办结), 2 open, 1 closed as 不予受理, 0 turned into a disclosure request. An answer outranks
    /// every other standing; an open copy outranks a dismissal — a copy closed as 不予受理 · 重复
    /// while another agency still handles the item answers nobody, and must not make the item
    /// look closed. A conversion is a reclassification, not a step in time: a converted copy ranks
    /// last today (`settle`: never the marked copy while another stands) and the figures leave it
    /// out of every period before ranking (`countedCopies`), whatever its date. Any other step
    /// dated after `day` leaves the copy open at `day`.
    static func standing(_ t: String, asOf day: CivilDate? = nil, collate c: String = "") -> SQLQueryString {
        func by(_ status: String) -> SQLQueryString {
            day.map { "\(unsafeRaw: t).status = '\(unsafeRaw: status)' AND \(unsafeRaw: t).completed_on\(unsafeRaw: c) <= \(bind: $0.iso)" }
                ?? "\(unsafeRaw: t).status = '\(unsafeRaw: status)'"
        }
        return "(CASE WHEN \(unsafeRaw: t).status = '\(unsafeRaw: converted)' THEN 0 WHEN \(by(notAccepted)) THEN 1 WHEN \(by(completed)) THEN 3 ELSE 2 END)"
    }

    /// The order of a source id's copies, the counted one first.
    static func rank(_ t: String, asOf day: CivilDate? = nil, collate c: String = "") -> SQLQueryString {
        "\(standing(t, asOf: day, collate: c)) DESC, \(lastHandled(t, asOf: day, collate: c)) DESC, \(unsafeRaw: t).id DESC"
    }

    /// The copies of `public_messages`' current row (itself included) exist: it is a hotline row
    /// with a twin.
    static let hasTwin: SQLQueryString = """
        public_messages.channel_kind = '\(unsafeRaw: sharedKind)' AND EXISTS (SELECT 1 FROM public_messages t
          WHERE t.source_id = public_messages.source_id AND t.channel_kind = public_messages.channel_kind AND t.id <> public_messages.id)
        """

    /// Settles the rows sharing a source id with the rows `scope` selects (in `s`): a row with a
    /// twin, or marked before, is set again (to the copy counted today, or NULL when alone); a
    /// row alone costs one probe and no write.
    static func settle(scope: SQLQueryString, on db: any Database) async throws {
        let sql = try db.requireSQL()
        try await sql.raw("""
            UPDATE public_messages SET superseded_by_id = (CASE WHEN \(hasTwin) THEN (
                SELECT o.id FROM public_messages o
                WHERE o.source_id = public_messages.source_id AND o.channel_kind = public_messages.channel_kind
                ORDER BY \(rank("o")) LIMIT 1) END)
            WHERE public_messages.source_id IN (SELECT s.source_id FROM public_messages s WHERE \(scope))
              AND (public_messages.superseded_by_id IS NOT NULL OR (\(hasTwin)))
            """).run()
    }

    /// After an import: the numbers it wrote and their twins (not every row the agency ever
    /// imported).
    static func settle(sourceIDs: [String], importedBy agencyID: Int, on db: any Database) async throws {
        guard !sourceIDs.isEmpty else { return }
        try await settle(scope: "s.import_agency_id = \(bind: agencyID) AND s.source_id IN (\(binds: sourceIDs.map { $0 as any Encodable & Sendable }))", on: db)
    }

    /// After a step on a message (a transfer or a close moves its handling date).
    static func settle(messageID: Int, on db: any Database) async throws {
        try await settle(scope: "s.id = \(bind: messageID) AND s.source_id IS NOT NULL", on: db)
    }

    /// Every imported row (the migrations that introduced and changed the mark), in a
    /// transaction of its own (or the caller's) holding the settling lock: another server
    /// already running on the database may be importing meanwhile.
    static func settleAll(on db: any Database) async throws {
        try await db.transaction { tx in
            try await lockForSettling(on: tx)
            try await settle(scope: "s.source_id IS NOT NULL", on: tx)
        }
    }

    /// The copies counted as of `through` whose item was first received in [`from`, `through`] and
    /// whose counted copy is in `agencyIDs`, one row each, with the columns the figures read and
    /// `received_on` = the item's first receipt. Only the marked rows are read (index
    /// `CountCopiesAsOfPeriodEnd.copiesIndex`), and of them only the items with a copy in the agencies.
    ///
    /// A copy turned into a disclosure request is left out whatever the conversion's date (a
    /// reclassification, not a step in time: the request is counted in table 三 of its receipt's
    /// year), so the first receipt, the counted copy and whether the item is counted at all depend
    /// on the copies not converted today only — the same rule as a row without copies, and each
    /// item falls in exactly one period of any partition of time (or in none: every copy converted).
    ///
    /// An item with a converted copy whose every other copy was closed as 不予受理 · 重复 (the
    /// agencies tidying up their leftover copies of what another agency turned into a request)
    /// is a request too: left out of every period (issue #12, review 12e M2). The copies' status
    /// today decides it, whatever the dates, as for the conversion itself: the dismissal says
    /// "the same as the other copy", and that one is a request. Taken as of each period's end
    /// instead, a copy dismissed after a quarter's end would be counted, open, in that quarter
    /// and in no period of its year: the quarters would not add up to the year.
    ///
    /// `source_id` is returned for the tests that check that per item; the figures ignore it.
    static func countedCopies(agencyIDs: [Int], from: CivilDate, through: CivilDate, collate c: String) -> SQLQueryString {
        """
        SELECT source_id, first_received AS received_on, channel_name, satisfaction, status, on_time, completed_on, rated_on, handling_days
        FROM (
            SELECT c.agency_id, c.source_id, c.channel_kind, c.channel_name, c.satisfaction, c.status, c.on_time, c.completed_on, c.rated_on, c.handling_days,
                   MIN(c.received_on) OVER (PARTITION BY c.channel_kind, c.source_id) AS first_received,
                   ROW_NUMBER() OVER (PARTITION BY c.channel_kind, c.source_id ORDER BY \(rank("c", asOf: through, collate: c))) AS place
            FROM public_messages c
            WHERE c.superseded_by_id IS NOT NULL AND c.status <> '\(unsafeRaw: converted)' AND c.received_on\(unsafeRaw: c) <= \(bind: through.iso)
              AND c.source_id IN (SELECT m.source_id FROM public_messages m WHERE m.superseded_by_id IS NOT NULL AND m.agency_id IN (\(binds: agencyIDs)))
        ) AS copies
        WHERE place = 1 AND agency_id IN (\(binds: agencyIDs))
          AND first_received\(unsafeRaw: c) >= \(bind: from.iso)
          AND (NOT EXISTS (SELECT 1 FROM public_messages v WHERE v.superseded_by_id IS NOT NULL AND v.source_id = copies.source_id
                             AND v.channel_kind = copies.channel_kind AND v.status = '\(unsafeRaw: converted)')
               OR EXISTS (SELECT 1 FROM public_messages v WHERE v.superseded_by_id IS NOT NULL AND v.source_id = copies.source_id
                            AND v.channel_kind = copies.channel_kind AND v.status <> '\(unsafeRaw: converted)'
                            AND (v.status <> '\(unsafeRaw: notAccepted)' OR v.not_accepted_reason IS NULL
                                 OR v.not_accepted_reason <> '\(unsafeRaw: duplicate)')))
        """
    }
}
