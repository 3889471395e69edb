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
        let closed = [MessageStatus.completed.rawValue, MessageStatus.notAccepted.rawValue]
        // "Completed" = closed by the period's last day (MessageTally.count says the same in Swift).
        // PostgreSQL sums a bigint column as numeric: that sum is cast back.
        let done = SQLQueryString("status IN (\(binds: closed)) AND completed_on <= \(bind: b)")
        let rows = try await sql.raw("""
            SELECT channel_name, COUNT(*) AS received,
                   SUM(CASE WHEN \(done) THEN 1 ELSE 0 END) AS completed,
                   SUM(CASE WHEN \(done) AND status = \(bind: MessageStatus.notAccepted.rawValue) THEN 1 ELSE 0 END) AS not_accepted,
                   SUM(CASE WHEN \(done) AND on_time = TRUE THEN 1 ELSE 0 END) AS on_time,
                   CAST(SUM(CASE WHEN \(done) AND handling_days IS NOT NULL THEN handling_days ELSE 0 END) AS BIGINT) AS handling_days,
                   SUM(CASE WHEN \(done) AND handling_days IS NOT NULL THEN 1 ELSE 0 END) AS timed,
                   SUM(CASE WHEN \(done) AND satisfaction IS NOT NULL AND rated_on <= \(bind: b) THEN 1 ELSE 0 END) AS rated,
                   SUM(CASE WHEN \(done) AND satisfaction = 'satisfied' AND rated_on <= \(bind: b) THEN 1 ELSE 0 END) AS satisfied,
                   SUM(CASE WHEN \(done) AND satisfaction = 'basically_satisfied' AND rated_on <= \(bind: b) THEN 1 ELSE 0 END) AS basically_satisfied,
                   SUM(CASE WHEN \(done) AND satisfaction = 'dissatisfied' AND rated_on <= \(bind: b) THEN 1 ELSE 0 END) AS dissatisfied
            FROM public_messages
            WHERE agency_id IN (\(binds: agencyIDs)) AND received_on >= \(bind: a) AND received_on <= \(bind: b)
              AND status <> \(bind: MessageStatus.convertedToRequest.rawValue)
            GROUP BY channel_name
            """).all()
        var tallies: [String: MessageTally] = [:]
        for row in rows {
            var t = MessageTally()
            func n(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
            t.received = try n("received")
            t.completed = try n("completed")
            t.notAccepted = try n("not_accepted")
            t.onTime = try n("on_time")
            t.handlingDaysTotal = try n("handling_days")
            t.timed = try n("timed")
            t.rated = try n("rated")
            t.satisfied = try n("satisfied")
            t.basicallySatisfied = try n("basically_satisfied")
            t.dissatisfied = try n("dissatisfied")
            tallies[try row.decode(column: "channel_name", as: String.self)] = t
        }
        // Every channel of the agencies' lists, in their order, zero when nothing came by it.
        let listed = try await MessageChannel.query(on: db).filter(\.$agency.$id ~~ agencyIDs).sort(\.$position).sort(\.$id).all().map(\.name)
        var names: [String] = []
        for name in listed + tallies.keys.sorted() where !names.contains(name) { names.append(name) }
        let channels = names.map { Channel(name: $0, tally: tallies[$0] ?? MessageTally()) }

        let received = try await sql.raw("""
            SELECT substr(received_on, 1, 7) AS ym, COUNT(*) AS n FROM public_messages
            WHERE agency_id IN (\(binds: agencyIDs)) AND received_on >= \(bind: a) AND received_on <= \(bind: b)
              AND status <> \(bind: MessageStatus.convertedToRequest.rawValue)
            GROUP BY substr(received_on, 1, 7)
            """).all()
        let completed = try await sql.raw("""
            SELECT substr(completed_on, 1, 7) AS ym, COUNT(*) AS n FROM public_messages
            WHERE agency_id IN (\(binds: agencyIDs)) AND received_on >= \(bind: a) AND received_on <= \(bind: b) AND \(done)
            GROUP BY substr(completed_on, 1, 7)
            """).all()
        func byMonth(_ rows: [any SQLRow]) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "ym", as: String.self), try $0.decode(column: "n", as: Int.self)) })
        }
        let r = try byMonth(received), c = try byMonth(completed)
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

/// `gongkai messages stats --json`: the keys the annual report's draft reads (#12).
struct MessageStatsJSON: Codable, Sendable {
    var received: Int
    var completed: Int
    var open: Int
    var byChannel: [String: Int]
    var rated: Int
    var satisfied: Int
    var basicallySatisfied: Int
    var dissatisfied: Int
    /// Fractions in [0, 1]; null when there is nothing to divide by.
    var completionRate: Double?
    var satisfactionRate: Double?

    init(_ f: MessageFigures) {
        let t = f.total
        received = t.received
        completed = t.completed
        open = t.open
        byChannel = f.byChannel
        rated = t.rated
        satisfied = t.satisfied
        basicallySatisfied = t.basicallySatisfied
        dissatisfied = t.dissatisfied
        completionRate = t.completionRate
        satisfactionRate = t.satisfactionRate
    }

    enum CodingKeys: String, CodingKey {
        case received, completed, open, byChannel, rated, satisfied, basicallySatisfied, dissatisfied, completionRate, satisfactionRate
    }

    /// Nulls are written, not left out: every key is always there.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(received, forKey: .received)
        try c.encode(completed, forKey: .completed)
        try c.encode(open, forKey: .open)
        try c.encode(byChannel, forKey: .byChannel)
        try c.encode(rated, forKey: .rated)
        try c.encode(satisfied, forKey: .satisfied)
        try c.encode(basicallySatisfied, forKey: .basicallySatisfied)
        try c.encode(dissatisfied, forKey: .dissatisfied)
        try c.encode(completionRate, forKey: .completionRate)
        try c.encode(satisfactionRate, forKey: .satisfactionRate)
    }
}
