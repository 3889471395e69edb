import Fluent
import GongkaiCore
import SQLKit

/// Report tables 三 and 四 for a year, aggregated in SQL (statute R1–R5 hold by construction):
/// - new: received in the year;
/// - carried over in: received before the year and not concluded before it;
/// - results: concluded in the year, by outcome (a request withdrawn before its receipt was
///   confirmed was never received, so it is in no row);
/// - carried over out: received by 31 December and not concluded by then.
/// A reply re-made after a corrective reconsideration decision or judgment is not an
/// application: reopened requests are in no row (their case is in table 四); the original's
/// result stays in the year it was made.
enum RequestStatistics {
    /// Reopened requests are not applications; `source` is in the covering indexes
    /// (IndexStatisticsWithoutReopenedRequests), so the condition costs no table access.
    static let countsAsApplication = "source <> 'reopened'"

    /// The earliest year with statistics: the 2019 Regulation's tables (statute §2.1). Reports
    /// for 2018 and before used another scheme.
    static let firstYear = 2019

    /// A year the tables can be made for, or a Chinese reason.
    static func checkYear(_ year: Int) throws {
        guard year >= firstYear, ReportFormatVersion.inForce(forYear: year) != nil else {
            throw AppError.validation(["year": "\(firstYear) 年以前的年度报告使用另一套统计表（2007 年条例），本系统不生成"])
        }
        guard year <= 9999 else { throw AppError.validation(["year": "年份无效"]) }
    }

    static func yearCounts(agencyIDs: [Int], year: Int, on db: any Database) async throws -> RequestYearCounts {
        var counts = RequestYearCounts()
        guard !agencyIDs.isEmpty else { return counts }
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let sql = try db.requireSQL()
        // Each flow is a range on one index (see CreateDisclosureRequests), so the cost follows the
        // year's requests, not the table: open requests are found by a NULL conclusion date.
        let flows = try await sql.raw("""
            SELECT applicant_kind, 'new_received' AS flow, COUNT(*) AS n FROM disclosure_requests
             WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND received_on >= \(bind: first) AND received_on <= \(bind: last)
             GROUP BY applicant_kind
            UNION ALL
            SELECT applicant_kind, 'carried_over_in', COUNT(*) FROM disclosure_requests
             WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND concluded_on >= \(bind: first) AND received_on < \(bind: first)
             GROUP BY applicant_kind
            UNION ALL
            SELECT applicant_kind, 'carried_over_in', COUNT(*) FROM disclosure_requests
             WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND concluded_on IS NULL AND received_on < \(bind: first)
             GROUP BY applicant_kind
            UNION ALL
            SELECT applicant_kind, 'carried_over_out', COUNT(*) FROM disclosure_requests
             WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND concluded_on > \(bind: last) AND received_on <= \(bind: last)
             GROUP BY applicant_kind
            UNION ALL
            SELECT applicant_kind, 'carried_over_out', COUNT(*) FROM disclosure_requests
             WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND concluded_on IS NULL AND received_on <= \(bind: last)
             GROUP BY applicant_kind
            """).all()
        for row in flows {
            guard let kind = ApplicantKind(rawValue: try row.decode(column: "applicant_kind", as: String.self)) else { continue }
            let n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "flow", as: String.self) {
            case "new_received": counts.newReceived[kind, default: 0] += n
            case "carried_over_in": counts.carriedOverIn[kind, default: 0] += n
            default: counts.carriedOverOut[kind, default: 0] += n
            }
        }
        let results = try await sql.raw("""
            SELECT outcome, applicant_kind, COUNT(*) AS n
            FROM disclosure_requests
            WHERE agency_id IN (\(binds: agencyIDs)) AND \(unsafeRaw: Self.countsAsApplication) AND concluded_on >= \(bind: first) AND concluded_on <= \(bind: last)
              AND received_on IS NOT NULL AND received_on <= \(bind: last)
            GROUP BY outcome, applicant_kind
            """).all()
        for row in results {
            guard let outcome = RequestOutcome(rawValue: (try? row.decode(column: "outcome", as: String.self)) ?? ""),
                  let kind = ApplicantKind(rawValue: try row.decode(column: "applicant_kind", as: String.self)) else { continue }
            counts.results[outcome, default: [:]][kind] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Table 四: cases filed in the year, with their result as at 31 December (a case decided later
    /// counts as 尚未审结). A case registered by the reconsideration body as co-defendant is not
    /// counted (statute §2.8: only the original agency counts it), so a subtree holding both
    /// agencies counts the case once.
    static func challengeCounts(agencyIDs: [Int], year: Int, on db: any Database) async throws -> ChallengeYearCounts {
        var counts = ChallengeYearCounts()
        guard !agencyIDs.isEmpty else { return counts }
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let rows = try await db.requireSQL().raw("""
            SELECT kind, CASE WHEN decided_on IS NOT NULL AND decided_on <= \(bind: last) THEN result ELSE 'pending' END AS year_result,
                   COUNT(*) AS n
            FROM challenge_cases
            WHERE agency_id IN (\(binds: agencyIDs)) AND filed_on >= \(bind: first) AND filed_on <= \(bind: last)
              AND NOT as_co_defendant
            GROUP BY kind, year_result
            """).all()
        for row in rows {
            guard let kind = ChallengeKind(rawValue: try row.decode(column: "kind", as: String.self)),
                  let result = ChallengeResult(rawValue: try row.decode(column: "year_result", as: String.self)) else { continue }
            counts.counts[kind, default: [:]][result] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Tables 三 and 四 as a report, in the format in force for the year (2019 format for 2019
    /// and 2020: its single row （六）其他处理 holds the three 2021 sub-rows).
    static func report(agencyIDs: [Int], year: Int, on db: any Database) async throws -> AnnualReport {
        try checkYear(year)
        let format = ReportFormatVersion.inForce(forYear: year)!
        // One after the other: a request holds one pooled connection at a time.
        var cells = try await yearCounts(agencyIDs: agencyIDs, year: year, on: db).t3Cells(format)
        cells.merge(try await challengeCounts(agencyIDs: agencyIDs, year: year, on: db).t4Cells()) { a, _ in a }
        return AnnualReport(formatVersion: format, year: year, cells: cells)
    }
}
