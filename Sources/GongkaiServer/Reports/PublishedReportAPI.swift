import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Published annual reports for anyone, without an account: the list and each report as data
/// (the `ReportDocument` of the version, the same as the portal's JSON download).
enum PublishedReportAPI {
    /// `GET /api/v1/reports?year=2024`: the latest version of every published report (of the year).
    static func index(req: Request) async throws -> PublishedReportListDTO {
        let year = try req.optionalPositiveInt("year", what: "年度")
        if let year { try RequestStatistics.checkYear(year) }
        let listings = try await PublishedReportQuery.list(year: year, on: req.db)
        return PublishedReportListDTO(reports: listings.map(PublishedReportListDTO.Item.init))
    }

    /// `GET /api/v1/reports/{agency_code}/{year}[?version=N]`.
    static func show(req: Request) async throws -> ReportDocument {
        let key = try req.publishedReportKey()
        return try await PublishedReportQuery.find(agencyCode: key.code, year: key.year, version: key.version, on: req.db).chosen.document
    }
}

extension ReportDocument: Content {}
