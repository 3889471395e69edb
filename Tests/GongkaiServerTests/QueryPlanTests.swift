import Fluent
import FluentSQL
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// The statistics (tables 三 and 四) and the work lists read the covering indexes of the
/// migrations (CreateDisclosureRequests, IndexStatisticsWithoutReopenedRequests: partial, so a
/// query must imply their condition), as the benchmark (docs/benchmarks.md) relies on: the statements the
/// app really sends (recorded by RecordingDatabase while the app's own functions run) are
/// explained by the database in use, SQLite or PostgreSQL.
///
/// Each database is asked in the state it runs in. SQLite: as the app leaves it — the app never
/// runs ANALYZE on SQLite, so the planner works from the schema alone. PostgreSQL: after VACUUM
/// ANALYZE (what autovacuum does after a bulk load); it prefers a sequential scan for a table
/// this small whatever its indexes, so there the question is "can an index serve it":
/// `SET enable_seqscan = off` makes a sequential scan the last resort, and one in the plan means
/// no index fits.
/// One test at a time: each loads its own 600 requests, and several at once starve the other
/// suites' timing-sensitive tests (ExternalToolTests) on a two-core machine.
@Suite("Query plans: statistics and work lists use their indexes", .serialized)
struct QueryPlanTests {
    static let table = DisclosureRequest.schema
    /// The statistics' partial covering indexes (requests reopened after a decision left out).
    static let receivedIndex = indexName(IndexStatisticsWithoutReopenedRequests.received)
    static let concludedIndex = indexName(IndexStatisticsWithoutReopenedRequests.concluded)
    static let statusIndex = indexName("disclosure_requests_agency_id_status_due_on_idx")
    /// The indexes that find requests by status: (agency, status, due date) and (status, due date).
    static func isStatusIndex(_ name: String) -> Bool { name.hasPrefix("disclosure_requests_") && name.contains("_status_due_on_") }
    static let challengeIndex = "challenge_cases_agency_id_filed_on_idx"
    static let today: CivilDate = "2024-10-15"

    /// An index's name as the database keeps it: PostgreSQL cuts identifiers to 63 bytes
    /// (`…_concluded_on_received_on_outcome_`), SQLite keeps them whole.
    static func indexName(_ name: String) -> String {
        TestDatabase.isPostgres ? String(decoding: name.utf8.prefix(63), as: UTF8.self) : name
    }

    struct Setup: Sendable {
        let county: County
        let context: RequestContext
        var bureau: Int { county.bureau.id! }
        var township: Int { county.township.id! }
    }

    /// Given the test county with 600 generated requests over 2019–2024 spread across its three
    /// agencies and 30 challenge cases; `body` gets one connection.
    static func withCounty(_ body: @escaping @Sendable (Setup, any Database) async throws -> Void) async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let ids = [try county.government.requireID(), try county.bureau.requireID(), try county.township.requireID()]
            let rows = SyntheticRequests.generate(count: 600, agencyIDs: ids, years: 2019...2024, today: today, calendar: calendar, seed: 7)
            try await SyntheticRequests.insert(rows, on: app.db)
            for n in 0..<30 {
                let c = ChallengeCase()
                c.version = 1; c.$agency.id = ids[n % 3]; c.kind = ChallengeKind.allCases[n % 3]
                c.filedOn = CivilDate(year: 2019 + n % 6, month: 1 + n % 12, day: 1 + n % 28)!
                c.body = "测试县人民政府"; c.caseNumber = "\(n)"; c.result = .pending; c.summary = ""; c.asCoDefendant = false
                try await c.save(on: app.db)
            }
            if TestDatabase.isPostgres { try await app.db.requireSQL().raw("VACUUM ANALYZE").run() }
            let setup = Setup(county: county, context: RequestContext(calendar: calendar, rules: ClockRules(), today: today))
            try await app.db.withConnection { connection in
                let sql = try connection.requireSQL()
                if TestDatabase.isPostgres { try await sql.raw("SET enable_seqscan = off").run() }
                try await body(setup, connection)
                if TestDatabase.isPostgres { try await sql.raw("RESET enable_seqscan").run() }
            }
        }
    }

    /// Runs `work` on a recording database and explains each statement it sent that reads `table`.
    static func plans(of table: String = table, on connection: any Database, _ work: (any Database) async throws -> Void) async throws -> [QueryPlan]
    {
        let recorder = try RecordingDatabase(connection)
        try await work(recorder)
        let sql = try connection.requireSQL()
        var plans: [QueryPlan] = []
        for statement in recorder.log.statements where QueryPlan.reads(table, statement, on: sql) {
            plans.append(try await QueryPlan.of(statement, on: sql))
        }
        return plans
    }

    @Test func theGuardSeesAFullScanWhenNoIndexFits() async throws {
        try await Self.withCounty { setup, connection in
            // given a statement no index can serve (applicant names are not indexed)
            let plans = try await Self.plans(on: connection) { db in
                _ = try await DisclosureRequest.query(on: db).filter(\.$applicantName == "王小明").count()
            }
            // when it is explained, then the full scan is reported: the checks below can fail
            #expect(plans.count == 1)
            #expect(plans.allSatisfy { !$0.fullScans(of: Self.table).isEmpty }, "\(plans)")
        }
    }

    @Test func tableThreeReadsOnlyTheCoveringIndexes() async throws {
        try await Self.withCounty { setup, connection in
            for agencies in [[setup.bureau], [setup.bureau, setup.township]] {
                // given the year counts of 2024 for one agency and for two
                let plans = try await Self.plans(on: connection) { db in
                    _ = try await RequestStatistics.yearCounts(agencyIDs: agencies, year: 2024, on: db)
                }
                // when their statements (the flows, the results) are explained
                try #require(plans.count == 2, "yearCounts sends two statements: \(plans)")
                let (flows, results) = (plans[0], plans[1])
                // then no statement scans the table or visits its rows: the covering indexes answer
                for plan in plans {
                    #expect(plan.fullScans(of: Self.table) == [], "\(plan)")
                    #expect(plan.tableAccesses(of: Self.table) == [], "\(plan)")
                }
                // and receipts are read on the receipt index, conclusions on the conclusion index
                #expect(flows.coveringIndexes == [Self.receivedIndex, Self.concludedIndex], "\(flows)")
                #expect(results.coveringIndexes == [Self.concludedIndex], "\(results)")
            }
        }
    }

    @Test func tableFourReadsTheChallengeIndex() async throws {
        try await Self.withCounty { setup, connection in
            // given the challenge counts of 2024 for two agencies
            let plans = try await Self.plans(of: ChallengeCase.schema, on: connection) { db in
                _ = try await RequestStatistics.challengeCounts(agencyIDs: [setup.bureau, setup.township], year: 2024, on: db)
            }
            // when explained, then the (agency, filing date) index finds the year's cases
            try #require(plans.count == 1)
            #expect(plans[0].fullScans(of: ChallengeCase.schema) == [], "\(plans[0])")
            #expect(plans[0].indexes.contains(Self.challengeIndex), "\(plans[0])")
        }
    }

    @Test func everyWorkListIsServedByAnIndex() async throws {
        try await Self.withCounty { setup, connection in
            for filter in RequestListQuery.Filter.allCases {
                for search in [nil, "道路"] {
                    // given a work list of the bureau and the township, page 2, with and without a search
                    let query = RequestListQuery(agencyIDs: [setup.bureau, setup.township], filter: filter, search: search, page: 2)
                    // when the statements of the list (its count, its page, the tabs' counts) are explained
                    let plans = try await Self.plans(on: connection) { db in _ = try await query.run(context: setup.context, on: db) }
                    let label = "\(filter.rawValue), search \(search ?? "none")"
                    try #require(plans.count == 3, "\(label): count, page and tab counts: \(plans)")
                    // then none scans the table
                    for plan in plans { #expect(plan.fullScans(of: Self.table) == [], "\(label): \(plan)") }
                    // and the lists of open requests are read on an index of the status (the concluded
                    // and "all" lists hold most of an agency's requests: any index path will do)
                    if RequestListQuery.Filter.counted.contains(filter) {
                        for plan in plans { #expect(plan.indexes.contains(where: Self.isStatusIndex), "\(label): \(plan)") }
                    }
                }
            }
        }
    }

    @Test func theTabCountsAreOneCoveringIndexRead() async throws {
        try await Self.withCounty { setup, connection in
            // given the tabs' counts of the dashboard's workload line
            let query = RequestListQuery(agencyIDs: [setup.bureau, setup.township])
            let plans = try await Self.plans(on: connection) { db in
                _ = try await query.counts(today: Self.today, dueSoonLimit: Self.today.adding(days: 7), on: db)
            }
            // when explained, then one statement answers from the status index alone
            try #require(plans.count == 1)
            #expect(plans[0].fullScans(of: Self.table) == [], "\(plans[0])")
            #expect(plans[0].coveringIndexes == [Self.statusIndex], "\(plans[0])")
        }
    }
}
