import Fluent
import GongkaiCore
import SQLKit

/// The work lists of the console and the API.
struct MessageListQuery: Sendable {
    enum Filter: String, Sendable, CaseIterable {
        case open, awaitingTriage = "awaiting_triage", dueSoon = "due_soon", overdue, noDueDate = "no_due_date", pendingPublication =
            "pending_publication",
            closed, transferredOut = "transferred_out", all

        var chineseLabel: String {
            switch self {
            case .open: return "办理中"
            case .awaitingTriage: return "待受理"
            case .dueSoon: return "即将到期"
            case .overdue: return "已逾期"
            case .noDueDate: return "期限待定（缺少节假日安排）"
            case .pendingPublication: return "待审批公开"
            case .closed: return "已办结"
            case .transferredOut: return "已转办"
            case .all: return "全部"
            }
        }

        static let counted: [Filter] = [.open, .awaitingTriage, .dueSoon, .overdue, .noDueDate, .pendingPublication]
    }

    static let pageSize = 50

    var agencyIDs: [Int]
    var filter: Filter = .open
    var search: String?
    var page = 1

    struct Result {
        let messages: [PublicMessage]
        let total: Int
        let counts: [Filter: Int]
    }

    func run(context: MessageContext, on db: any Database) async throws -> Result {
        let soon = MessageClock.dueSoonThrough(today: context.today, dueSoonDays: context.dueSoonDays, calendar: context.calendar)
        let query = filtered(on: db, today: context.today, soon: soon)
        let total = try await query.count()
        if ([.open, .dueSoon, .overdue, .awaitingTriage, .noDueDate] as [Filter]).contains(filter) {
            query.sort(\.$dueOn).sort(\.$id)
        } else {
            query.sort(\.$id, .descending)
        }
        let rows = try await query.range(PageNumber.range(page: page, size: Self.pageSize)).all()
        return Result(messages: rows, total: total, counts: try await counts(today: context.today, soon: soon, on: db))
    }

    /// Every message of the list, a page at a time, in the list's order (the CSV export).
    func forEachPage(context: MessageContext, on db: any Database, pageSize: Int = 1_000, _ body: ([PublicMessage]) async throws -> Void) async throws {
        let soon = MessageClock.dueSoonThrough(today: context.today, dueSoonDays: context.dueSoonDays, calendar: context.calendar)
        var offset = 0
        while true {
            let rows = try await filtered(on: db, today: context.today, soon: soon).sort(\.$id).range(offset..<(offset + pageSize)).all()
            if rows.isEmpty { break }
            try await body(rows)
            offset += rows.count
        }
    }

    /// The tabs' counts in one pass over the agencies' open and pending messages.
    func counts(today: CivilDate, soon: CivilDate, on db: any Database) async throws -> [Filter: Int] {
        guard !agencyIDs.isEmpty else { return Dictionary(uniqueKeysWithValues: Filter.counted.map { ($0, 0) }) }
        let open = MessageStatus.open.map(\.rawValue)
        let row = try await db.requireSQL().raw("""
            SELECT COALESCE(SUM(CASE WHEN status IN (\(binds: open)) THEN 1 ELSE 0 END), 0) AS open,
                   COALESCE(SUM(CASE WHEN status = \(bind: MessageStatus.received.rawValue) THEN 1 ELSE 0 END), 0) AS awaiting_triage,
                   COALESCE(SUM(CASE WHEN status IN (\(binds: open)) AND due_on >= \(bind: today.iso) AND due_on <= \(bind: soon.iso) THEN 1 ELSE 0 END), 0) AS due_soon,
                   COALESCE(SUM(CASE WHEN status IN (\(binds: open)) AND due_on < \(bind: today.iso) THEN 1 ELSE 0 END), 0) AS overdue,
                   COALESCE(SUM(CASE WHEN status IN (\(binds: open)) AND due_on IS NULL THEN 1 ELSE 0 END), 0) AS no_due_date,
                   COALESCE(SUM(CASE WHEN publication = \(bind: PublicationStatus.pending.rawValue) THEN 1 ELSE 0 END), 0) AS pending_publication
            FROM public_messages
            WHERE agency_id IN (\(binds: agencyIDs)) AND (status IN (\(binds: open)) OR publication = \(bind: PublicationStatus.pending.rawValue))
            """).first()
        var counts: [Filter: Int] = [:]
        for filter in Filter.counted { counts[filter] = try row?.decode(column: filter.rawValue, as: Int.self) ?? 0 }
        return counts
    }

    private func filtered(on db: any Database, today: CivilDate, soon: CivilDate) -> QueryBuilder<PublicMessage> {
        let query = PublicMessage.query(on: db)
        if filter == .transferredOut {
            query.filter(\.$transferredFrom.$id ~~ agencyIDs).filter(\.$agency.$id !~ agencyIDs)
        } else {
            query.filter(\.$agency.$id ~~ agencyIDs)
        }
        let open = MessageStatus.open
        switch filter {
        case .open: query.filter(\.$status ~~ open)
        case .awaitingTriage: query.filter(\.$status == .received)
        case .dueSoon: query.filter(\.$status ~~ open).filter(\.$dueOn >= today).filter(\.$dueOn <= soon)
        case .overdue: query.filter(\.$status ~~ open).filter(\.$dueOn < today)
        // No due date: the limit reaches into a year whose holiday notice is not loaded
        // (the date is not guessed); listed so they do not drop out of due-soon and overdue unseen.
        case .noDueDate: query.filter(\.$status ~~ open).filter(\.$dueOn == nil)
        case .pendingPublication: query.filter(\.$publication == .pending)
        case .closed: query.filter(\.$status ~~ [.completed, .notAccepted])
        case .transferredOut, .all: break
        }
        if let search, !search.isEmpty {
            let term = "%" + search.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.group(.or) { or in
                or.filter(\.$trackingNumber, .custom("LIKE"), term)
                or.filter(\.$sourceID, .custom("LIKE"), term)
                or.filter(\.$subject, .custom("LIKE"), term)
                or.filter(\.$content, .custom("LIKE"), term)
            }
        }
        return query
    }
}
