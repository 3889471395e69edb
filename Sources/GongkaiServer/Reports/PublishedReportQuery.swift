import Fluent
import GongkaiCore
import SQLKit

/// Published reports as the public finds them: the latest version of each, a report's history.
enum PublishedReportQuery {
    struct Found {
        var agency: Agency
        /// Newest first.
        var versions: [PublishedReport]
        var chosen: PublishedReport
    }

    /// The agency's published report on the year, in the version asked for or the latest; 404
    /// when there is none. The portal's page and downloads and the public API read it alike.
    static func find(agencyCode code: String, year: Int, version: Int?, on db: any Database) async throws -> Found {
        guard let agency = try await Agency.query(on: db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        let versions = try await versions(agencyID: try agency.requireID(), year: year, on: db)
        guard let latest = versions.first else {
            throw AppError(status: .notFound, code: "not_found", message: "\(agency.name)尚未发布 \(year) 年度的政府信息公开工作年度报告")
        }
        guard let version else { return Found(agency: agency, versions: versions, chosen: latest) }
        guard let chosen = versions.first(where: { $0.versionNo == version }) else {
            throw AppError(status: .notFound, code: "not_found", message: "该报告没有第 \(version) 版（已发布 \(versions.count) 个版本）")
        }
        return Found(agency: agency, versions: versions, chosen: chosen)
    }

    static func latest(agencyID: Int, year: Int, on db: any Database) async throws -> PublishedReport? {
        try await PublishedReport.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$versionNo, .descending).first()
    }

    /// Every version of one report, newest first.
    static func versions(agencyID: Int, year: Int, on db: any Database) async throws -> [PublishedReport] {
        try await PublishedReport.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year)
            .sort(\.$versionNo, .descending).all()
    }

    struct Listing {
        var agencyCode: String
        var agencyName: String
        var agencyKind: AgencyKind
        var year: Int
        var versionNo: Int
        var publishedOn: CivilDate
    }

    /// The latest version of every report published for the year (every year when nil), by year,
    /// then as a portal lists agencies (the government, its departments, the townships), then by
    /// code (byte order of Chinese names means nothing to a reader) — without reading the snapshots.
    static func list(year: Int?, on db: any Database) async throws -> [Listing] {
        let sql = try db.requireSQL()
        let yearFilter: SQLQueryString = year.map { "AND p.year = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT a.code, a.name, a.kind, p.year, p.version_no, p.published_on
            FROM published_reports p JOIN agencies a ON a.id = p.agency_id
            WHERE p.version_no = (SELECT MAX(q.version_no) FROM published_reports q WHERE q.agency_id = p.agency_id AND q.year = p.year)
            \(yearFilter)
            ORDER BY p.year DESC,
                CASE a.kind WHEN 'government' THEN 0 WHEN 'department' THEN 1 WHEN 'township' THEN 2 ELSE 3 END, a.code
            """).all()
        return try rows.map { row in
            Listing(agencyCode: try row.decode(column: "code", as: String.self), agencyName: try row.decode(column: "name", as: String.self),
                    agencyKind: AgencyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                    year: try row.decode(column: "year", as: Int.self), versionNo: try row.decode(column: "version_no", as: Int.self),
                    publishedOn: CivilDate(iso: try row.decode(column: "published_on", as: String.self)) ?? CivilDate(year: 2019, month: 1, day: 1)!)
        }
    }
}
