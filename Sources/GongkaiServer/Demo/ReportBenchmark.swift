import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The annual report benchmarks of issue #13, run by `gongkai-bench reports` on the database the
/// settings name (a fresh SQLite file by default):
/// - the full report model (`ReportComposer.compose`: tables 三 and 四, table 二, the fee
///   statement, the written sections with live figures, the readiness check) of one agency with a
///   large number of requests, against the bare SQL aggregation of the same rows in the same run;
/// - the roll-up of a county of 500 agencies: `RequestStatistics.report` over the subtree plus
///   the table-二 sums (and the county-wide report composed whole).
public enum ReportBenchmark {
    public static func run(
        settings: Settings, requests: Int, agencies: Int = 500, rollUpRequests: Int = 200_000, year: Int = 2024,
        log: @escaping @Sendable (String) -> Void
    ) async throws {
        try await Operations.withApplication(settings) { app in
            let db = app.db
            let sql = try db.requireSQL()
            let actor = AuditActor.commandLine("bench")
            let calendar = try await app.calendarStore.calendar(on: db)
            let today = CivilDate(year: year + 1, month: 1, day: 15)!
            let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let sections: [ReportSection: String] = [
                .overview: "（一）主动公开\n本年度依法主动公开政府信息。\n（二）依申请公开\n本年度新收政府信息公开申请{{requests.new_received}}件，办结{{requests.concluded}}件。",
                .problems: "存在的问题是政策解读形式较为单一。下一步将丰富解读方式。", .other: "本机关本年度未收取信息处理费。",
            ]

            // One agency with `requests` requests over 2019…year.
            let agency = try await AgencyService.create(
                AgencyFields(code: "bench-r-\(tag)", name: "基准测试县人民政府", shortName: "基准县", kind: .government, creditCode: nil),
                parentID: nil, by: actor, on: db)
            let agencyID = try agency.requireID()
            var rows = SyntheticRequests.generate(
                count: requests, agencyIDs: [agencyID], years: 2019...year, today: today,
                calendar: calendar, seed: 1)
            try await SyntheticRequests.insert(rows, on: db, batchSize: 500)
            log("one agency: \(requests) requests (2019–\(year)), \(rows.filter { $0.receivedOn.year == year }.count) received in \(year)")
            rows = []
            let record = AgencyReport(agencyID: agencyID, year: year, sections: sections)
            try await record.create(on: db)
            try await enterTableTwo(agencyIDs: [agencyID], year: year, by: actor, on: db)
            try await steadyState(db)

            let composed = try await median("full report model (ReportComposer.compose)", log) {
                let c = try await ReportComposer.compose(agency: agency, year: year, record: record, deadlines: settings.reportDeadlines, on: db)
                precondition(c.readiness.errors.isEmpty, "the composed report must be ready: \(c.readiness.errors.map(\.message))")
            }
            let tables = try await median("tables 三 and 四 alone (RequestStatistics.report)", log) {
                _ = try await RequestStatistics.report(agencyIDs: [agencyID], year: year, on: db)
            }
            let first = "\(year)-01-01", last = "\(year)-12-31"
            let bareTable = try await median("bare GROUP BY outcome, applicant_kind over the agency's rows", log) {
                _ = try await sql.raw(
                    """
                    SELECT outcome, applicant_kind, COUNT(*) AS n FROM disclosure_requests
                    WHERE agency_id = \(bind: agencyID) GROUP BY outcome, applicant_kind
                    """
                ).all()
            }
            let bareYear = try await median("bare GROUP BY outcome, applicant_kind over \(year)'s replies", log) {
                _ = try await sql.raw(
                    """
                    SELECT outcome, applicant_kind, COUNT(*) AS n FROM disclosure_requests
                    WHERE agency_id = \(bind: agencyID) AND concluded_on >= \(bind: first) AND concluded_on <= \(bind: last)
                    GROUP BY outcome, applicant_kind
                    """
                ).all()
            }
            log(
                String(
                    format: "report model / whole GROUP BY: %.2f×; / the year's GROUP BY: %.2f× (target ≤ 2×); tables alone / whole: %.2f×",
                    composed / bareTable, composed / bareYear, tables / bareTable))

            // A county of `agencies` agencies: the government, 24 departments and townships, the
            // rest units below them; `rollUpRequests` requests spread over them.
            let county = try await AgencyService.create(
                AgencyFields(code: "bench-c-\(tag)", name: "汇总测试县人民政府", shortName: "汇总县", kind: .government, creditCode: nil),
                parentID: nil, by: actor, on: db)
            var ids = [try county.requireID()]
            var middle: [Int] = []
            for i in 0..<min(24, agencies - 1) {
                let a = try await AgencyService.create(
                    AgencyFields(
                        code: "bench-c-\(tag)-\(i)", name: "汇总测试县第\(i + 1)局", shortName: "第\(i + 1)局",
                        kind: i < 16 ? .department : .township, creditCode: nil),
                    parentID: ids[0], by: actor, on: db)
                middle.append(try a.requireID())
            }
            ids += middle
            var n = 0
            while ids.count < agencies {
                let a = try await AgencyService.create(
                    AgencyFields(code: "bench-c-\(tag)-u\(n)", name: "汇总测试县下属单位\(n + 1)", shortName: "单位\(n + 1)", kind: .other, creditCode: nil),
                    parentID: middle[n % middle.count], by: actor, on: db)
                ids.append(try a.requireID())
                n += 1
            }
            // Numbered after the first agency's rows, so no 查询号 repeats in the same database.
            rows = SyntheticRequests.generate(
                count: rollUpRequests, agencyIDs: ids, years: (year - 1)...year, today: today,
                calendar: calendar, seed: 2, firstIndex: requests)
            try await SyntheticRequests.insert(rows, on: db, batchSize: 500)
            rows = []
            try await enterTableTwo(agencyIDs: ids, year: year, by: actor, on: db)
            let countyRecord = AgencyReport(agencyID: ids[0], year: year, sections: sections)
            countyRecord.includeSubtree = true
            try await countyRecord.create(on: db)
            try await steadyState(db)
            log("county: \(ids.count) agencies, \(rollUpRequests) requests (\(year - 1)–\(year)), table 二 entered by each")

            let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
            _ = try await median("roll-up of \(ids.count) agencies (subtree, tables 三 四 and table 二 sums)", log) {
                let subtree = try await AgencyTree.subtreeIDs(of: [ids[0]], on: db)
                precondition(subtree.count == ids.count)
                var report = try await RequestStatistics.report(agencyIDs: subtree, year: year, on: db)
                let register = try await PublicationFigures.reportPart(agencyIDs: subtree, year: year, on: db)
                let two = try await ReportComposer.tableTwo(agencyIDs: subtree, year: year, schema: schema, register: register, on: db)
                precondition(two.silent.isEmpty)
                for (cell, value) in two.figures { report.cells[cell] = value }
                precondition(CrossChecks.run(report).findings.isEmpty, "the aggregate must add up")
            }
            _ = try await median("county-wide report composed whole (ReportComposer.compose, subtree)", log) {
                _ = try await ReportComposer.compose(agency: county, year: year, record: countyRecord, deadlines: settings.reportDeadlines, on: db)
            }
        }
    }

    /// Table 二 entered for every agency (as the offices or a CSV import would).
    static func enterTableTwo(agencyIDs: [Int], year: Int, by actor: AuditActor, on db: any Database) async throws {
        let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
        let cells = ReportFigureService.tableTwoCells(schema)
        try await db.writeTransaction { tx in
            for (i, agencyID) in agencyIDs.enumerated() {
                for (j, cell) in cells.enumerated() {
                    let value = schema.isDecimal(cell) ? Decimal(i % 7) / 4 : Decimal((i * 13 + j * 7) % 50)
                    try await ReportFigureEntry(agencyID: agencyID, year: year, cell: cell, value: value, source: "基准测试", by: actor).create(on: tx)
                }
            }
        }
    }

    /// The steady state autovacuum reaches after a bulk load (see RequestBenchmark).
    static func steadyState(_ db: any Database) async throws {
        let sql = try db.requireSQL()
        if db.isPostgres {
            for table in [DisclosureRequest.schema, ReportFigureEntry.schema, Agency.schema] {
                try await sql.raw("VACUUM ANALYZE \(ident: table)").run()
            }
        } else {
            try await sql.raw("ANALYZE").run()
        }
    }

    /// The median of 7 runs after a warm-up, in milliseconds.
    static func median(_ label: String, _ log: @Sendable (String) -> Void, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        var times: [Double] = []
        for _ in 0..<7 {
            let start = ContinuousClock.now
            try await body()
            times.append(RequestBenchmark.seconds(ContinuousClock.now - start) * 1000)
        }
        let median = times.sorted()[times.count / 2]
        log(String(format: "%@: %.2f ms (median of 7)", label, median))
        return median
    }
}
