import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// The figures of public messages for agencies and a period, aggregated in SQL on one covering
/// index (`CreatePublicMessages.figuresIndex`): per channel the counts `MessageTally` defines
/// (docs/messages.md), the total as their sum, and the months. What the figures page, the API,
/// `gongkai messages stats` and the annual report's section 一 quote.
struct MessageFigures: Sendable, Codable {
    struct Channel: Sendable, Codable {
        var name: String
        var tally: MessageTally
    }

    /// A month's messages: received in it, and of those completed by the period's end (so
    /// the months add up to the totals).
    struct Month: Sendable, Codable {
        /// `2023-07`.
        var month: String
        var received: Int
        var completed: Int
    }

    var agencyIDs: [Int]
    var period: MessagePeriod
    var channels: [Channel]
    var total: MessageTally
    var months: [Month]

    var byChannel: [String: Int] { Dictionary(uniqueKeysWithValues: channels.map { ($0.name, $0.tally.received) }) }

    static func query(agencyIDs: [Int], from: CivilDate, through: CivilDate, on db: any Database) async throws -> MessageFigures {
        guard let period = MessagePeriod(from: from, through: through) else {
            throw AppError.validation(["through": "截止日期不能早于起始日期"])
        }
        guard !agencyIDs.isEmpty else { return MessageFigures(agencyIDs: [], period: period, channels: [], total: MessageTally(), months: []) }
        let sql = try db.requireSQL()
        let (a, b) = (from.iso, through.iso)
        // The per-row date comparisons byte by byte (ISO dates order so): PostgreSQL compares
        // text in the database's collation otherwise, through the C library (strcoll) — a fifth
        // of the query's CPU time on a million rows. SQLite compares bytes already. The range on
        // received_on keeps the column's collation, the index's.
        let bytes = sql.dialect.name == "postgresql" ? #" COLLATE "C""# : ""
        // Each item once: the rows without copies (neither turned into a disclosure request,
        // counted in table 三, nor a copy of a hotline item imported by several agencies) straight
        // from the partial covering index — its own predicate, so no row is filtered — and, added
        // to them, the copy of each shared hotline item counted as of the period's last day, dated
        // by the item's first receipt (MessageDuplicates.countedCopies: only the marked rows; a
        // converted copy left out whatever its conversion's date, as a converted row here is).
        // The index is read in its own order (day received, channel, rating, status, on time: no
        // sort) with two comparisons per row, then those few thousand groups regrouped by month
        // (a few hundred rows come back); the definitions (MessageTally.count) are applied to
        // them in Swift.
        func tally(_ from: SQLQueryString) -> SQLQueryString {
            """
            SELECT received_on, channel_name, satisfaction, status, on_time, COUNT(*) AS n,
                   SUM(CAST(completed_on <= \(bind: b)\(unsafeRaw: bytes) AS INTEGER)) AS done,
                   SUM(CAST(completed_on <= \(bind: b)\(unsafeRaw: bytes) AND rated_on <= \(bind: b)\(unsafeRaw: bytes) AS INTEGER)) AS rated,
                   SUM(CASE WHEN completed_on <= \(bind: b)\(unsafeRaw: bytes) THEN handling_days END) AS days,
                   COUNT(CASE WHEN completed_on <= \(bind: b)\(unsafeRaw: bytes) THEN handling_days END) AS timed
            \(from)
            GROUP BY received_on, channel_name, satisfaction, status, on_time
            """
        }
        let single = tally("""
            FROM public_messages
            WHERE agency_id IN (\(binds: agencyIDs)) AND received_on >= \(bind: a) AND received_on <= \(bind: b)
              AND \(unsafeRaw: CountSharedImportsOnce.countedRows)
            """)
        let copies = tally("FROM (\(MessageDuplicates.countedCopies(agencyIDs: agencyIDs, from: from, through: through, collate: bytes))) AS counted_copies")
        let rows = try await sql.raw("""
            SELECT substr(received_on, 1, 7) AS received_month, channel_name, satisfaction, status, on_time,
                   CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(done) AS BIGINT) AS done, CAST(SUM(rated) AS BIGINT) AS rated,
                   CAST(SUM(days) AS BIGINT) AS days, CAST(SUM(timed) AS BIGINT) AS timed
            FROM (\(single) UNION ALL \(copies)) AS by_day
            GROUP BY 1, 2, 3, 4, 5
            """).all()
        var tallies: [String: MessageTally] = [:]
        // Per month received: received, and of those completed by the period's end.
        var r: [String: Int] = [:], c: [String: Int] = [:]
        for row in rows {
            let channel = try row.decode(column: "channel_name", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            let month = try row.decode(column: "received_month", as: String.self)
            var t = tallies[channel] ?? MessageTally()
            t.received += n
            r[month, default: 0] += n
            // Completed = closed by the period's last day (MessageTally.count says the same).
            let status = MessageStatus(rawValue: try row.decode(column: "status", as: String.self))
            let done = try row.decode(column: "done", as: Int?.self) ?? 0
            if status?.isClosed == true, done > 0 {
                t.completed += done
                c[month, default: 0] += done
                if status == .notAccepted { t.notAccepted += done }
                // on_time is set whenever the standing is known (MessageClock.summary),
                // handling_days only when the working days to the completion can be counted: two
                // denominators (MessageTally).
                if let onTime = try row.decode(column: "on_time", as: Bool?.self) {
                    t.onTimeKnown += done
                    if onTime { t.onTime += done }
                }
                t.timed += try row.decode(column: "timed", as: Int.self)
                t.handlingDaysTotal += try row.decode(column: "days", as: Int?.self) ?? 0
                let rated = try row.decode(column: "rated", as: Int?.self) ?? 0
                if rated > 0, let s = Satisfaction(rawValue: try row.decode(column: "satisfaction", as: String?.self) ?? "") {
                    t.rated += rated
                    switch s {
                    case .satisfied: t.satisfied += rated
                    case .basicallySatisfied: t.basicallySatisfied += rated
                    case .dissatisfied: t.dissatisfied += rated
                    }
                }
            }
            tallies[channel] = t
        }
        // Every channel of the agencies' lists, in their order, zero when nothing came by it.
        let listed = try await MessageChannel.query(on: db).filter(\.$agency.$id ~~ agencyIDs).sort(\.$position).sort(\.$id).all().map(\.name)
        var names: [String] = []
        for name in listed + tallies.keys.sorted() where !names.contains(name) { names.append(name) }
        let channels = names.map { Channel(name: $0, tally: tallies[$0] ?? MessageTally()) }
        var months: [Month] = []
        var y = from.year, m = from.month
        while (y, m) <= (through.year, through.month) {
            let key = String(format: "%04d-%02d", y, m)
            months.append(Month(month: key, received: r[key] ?? 0, completed: c[key] ?? 0))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return MessageFigures(agencyIDs: agencyIDs, period: period, channels: channels,
                              total: MessageTally.total(Dictionary(uniqueKeysWithValues: channels.map { ($0.name, $0.tally) })), months: months)
    }
}
