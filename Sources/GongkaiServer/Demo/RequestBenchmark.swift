import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The request benchmark of issue #3, run by `gongkai-bench requests`: one agency with a large
/// number of generated requests over several years; the year statistics against plain
/// GROUP BYs over the same table, and the overdue list. Measured in one run, on the database
/// the settings name (a fresh SQLite file by default).
public enum RequestBenchmark {
    public struct Measurement: Sendable {
        public let label: String
        public let milliseconds: Double
    }

    public static func run(
        settings: Settings, count: Int, year: Int = 2024, log: @escaping @Sendable (String) -> Void
    ) async throws -> [Measurement] {
        try await Operations.withApplication(settings) { app in
            let db = app.db
            let actor = AuditActor.commandLine("bench")
            let agency = try await AgencyService.create(
                AgencyFields(code: "bench-\(UInt32.random(in: 0...UInt32.max))", name: "基准测试县人民政府", shortName: "基准县", kind: .government, creditCode: nil),
                parentID: nil, by: actor, on: db)
            let agencyID = try agency.requireID()
            let calendar = try await app.calendarStore.calendar(on: db)
            let today = CivilDate(year: year + 1, month: 1, day: 15)!

            var rows: [SyntheticRequests.Row] = []
            let generation = ContinuousClock().measure {
                rows = SyntheticRequests.generate(count: count, agencyIDs: [agencyID], years: 2019...year, today: today,
                                                  calendar: calendar, seed: 1)
            }
            log("generated \(count) requests (2019–\(year)) in \(format(generation))")
            let insertion = try await measure { try await SyntheticRequests.insert(rows, on: db, batchSize: 500) }
            log("inserted them in \(format(insertion))")
            let sql = try db.requireSQL()
            // The steady state autovacuum reaches after a bulk load: statistics and the visibility map
            // (PostgreSQL answers from the covering indexes only once pages are marked all-visible).
            try await sql.raw(db.isPostgres ? "VACUUM ANALYZE disclosure_requests" : "ANALYZE").run()
            let inYear = rows.filter { $0.receivedOn.year == year }.count
            let open = rows.filter { $0.concludedOn == nil }.count
            log("\(inYear) received in \(year); \(open) open on \(today.iso)")
            rows = []

            var results: [Measurement] = []
            func record(_ label: String, _ body: () async throws -> Void) async throws -> Double {
                try await body()  // warm-up
                var times: [Double] = []
                for _ in 0..<7 { times.append(seconds(try await measure(body)) * 1000) }
                let median = times.sorted()[times.count / 2]
                results.append(Measurement(label: label, milliseconds: median))
                log(String(format: "%@: %.2f ms (median of 7)", label, median))
                return median
            }
            let first = "\(year)-01-01", last = "\(year)-12-31"
            let tables = try await record("tables 三 and 四 for \(year) (RequestStatistics.report)") {
                let report = try await RequestStatistics.report(agencyIDs: [agencyID], year: year, on: db)
                precondition(CrossChecks.run(report).findings.isEmpty, "the statistics must add up")
            }
            let bareTable = try await record("bare GROUP BY outcome, applicant_kind over the whole table") {
                _ = try await sql.raw("""
                    SELECT outcome, applicant_kind, COUNT(*) AS n FROM disclosure_requests
                    WHERE agency_id = \(bind: agencyID) GROUP BY outcome, applicant_kind
                    """).all()
            }
            let bareYear = try await record("bare GROUP BY outcome, applicant_kind over \(year)'s replies") {
                _ = try await sql.raw("""
                    SELECT outcome, applicant_kind, COUNT(*) AS n FROM disclosure_requests
                    WHERE agency_id = \(bind: agencyID) AND concluded_on >= \(bind: first) AND concluded_on <= \(bind: last)
                    GROUP BY outcome, applicant_kind
                    """).all()
            }
            log(String(format: "ratio to the whole-table GROUP BY: %.2f× (target ≤ 2×); to the year's GROUP BY: %.2f×",
                       tables / bareTable, tables / bareYear))
            let context = RequestContext(calendar: calendar, rules: ClockRules(), today: today)
            _ = try await record("overdue list (count, first page of 50, the tabs' counts)") {
                _ = try await RequestListQuery(agencyIDs: [agencyID], filter: .overdue).run(context: context, on: db)
            }
            return results
        }
    }

    private static func measure(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    static func format(_ d: Duration) -> String { String(format: "%.1f s", seconds(d)) }
}
