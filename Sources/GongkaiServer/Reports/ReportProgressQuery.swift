import Fluent
import GongkaiCore
import SQLKit

/// Every agency of an outline with its report's status on a year, in two queries.
enum ReportProgressQuery {
    static func list(_ outline: [(agency: Agency, depth: Int)], year: Int, deadlines: ReportDeadlineRules,
                     on db: any Database) async throws -> [ReportProgress] {
        let ids = outline.compactMap(\.agency.id)
        guard !ids.isEmpty else { return [] }
        let records = try await AgencyReport.query(on: db).filter(\.$agency.$id ~~ ids).filter(\.$year == year).all()
        let byAgency = Dictionary(records.map { ($0.$agency.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The first publication's date decides lateness; corrections come later by nature.
        let firsts = try await db.requireSQL().raw("""
            SELECT agency_id, published_on FROM published_reports
            WHERE year = \(bind: year) AND version_no = 1 AND agency_id IN (\(binds: ids))
            """).all()
        var firstPublished: [Int: CivilDate] = [:]
        for row in firsts {
            firstPublished[try row.decode(column: "agency_id", as: Int.self)] = CivilDate(iso: try row.decode(column: "published_on", as: String.self))
        }
        return outline.compactMap { item in
            guard let id = item.agency.id else { return nil }
            let record = byAgency[id]
            return ReportProgress(
                agencyID: id, agencyName: item.agency.name, agencyKind: item.agency.kind, depth: item.depth, reportID: record?.id,
                status: record?.status ?? .notStarted,
                dueOn: deadlines.dueOn(reportYear: year, kind: item.agency.kind, level: item.agency.governmentLevel),
                publishedOn: firstPublished[id], publishedVersion: record?.publishedVersion, returnComment: record?.returnComment ?? "")
        }
    }

    /// The report year staff are working on: last year's until the end of March (when the last
    /// reports are due), this year's from April.
    static func currentYear(today: CivilDate) -> Int { today.month <= 3 ? today.year - 1 : today.year }

    /// The report year asked for, or the one being worked on.
    static func year(_ requested: Int?, today: CivilDate) throws -> Int {
        let year = requested ?? currentYear(today: today)
        try RequestStatistics.checkYear(year)
        guard year <= today.year else { throw AppError.validation(["year": "年份应在 \(RequestStatistics.firstYear)–\(today.year) 之间"]) }
        return year
    }
}
