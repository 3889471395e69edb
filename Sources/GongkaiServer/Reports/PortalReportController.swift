import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Published annual reports on the public portal: the list by year and agency, the report page
/// (any version), and the downloads. Nobody signs in; only published versions are reachable.
enum PortalReportController {
    static func index(req: Request) async throws -> Response {
        let year = try req.optionalPositiveInt("year", what: "年度")
        if let year { try RequestStatistics.checkYear(year) }
        let code = req.query[String.self, at: "agency"]?.lowercased().trimmingCharacters(in: .whitespaces)
        var agency: Agency?
        if let code, !code.isEmpty {
            guard let found = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
            agency = found
        }
        let all = try await PublishedReportQuery.list(year: nil, on: req.db)
        let model = PortalReportListPage.Model(
            year: year, agency: agency.map { ($0.code, $0.name) }, portalAgency: agency?.portalSummary,
            years: Array(Set(all.map(\.year))).sorted(by: >),
            reports: all.filter { ($0.year == year || year == nil) && ($0.agencyCode == agency?.code || agency == nil) })
        return .html(PortalReportListPage.render(model))
    }

    static func show(req: Request) async throws -> Response {
        let found = try await find(req)
        let document = try found.chosen.document
        let versions = found.versions.map {
            PortalReportPage.Version(number: $0.versionNo, publishedOn: $0.publishedOn, correctionNote: $0.correctionNote)
        }
        let model = PortalReportPage.Model(
            agency: found.agency.portalSummary, document: document, version: found.chosen.versionNo, versions: versions,
            latest: found.versions[0].versionNo)
        return .html(PortalReportPage.render(model))
    }

    static func download(req: Request) async throws -> Response {
        guard let format = ReportExport(rawValue: try req.parameters.require("format")) else { throw AppError.notFound("该格式的文件") }
        let found = try await find(req)
        let document = try found.chosen.document
        let data: Data
        if format == .pdf {
            do {
                data = try await req.application.reportPDFs.data(for: try found.chosen.requireID(), report: document.report,
                                                               client: req.clientAddress)
            } catch let problem as ReportPDF.Problem {
                throw AppError(status: .serviceUnavailable, code: "pdf_unavailable", message: problem.errorDescription ?? "无法生成 PDF")
            }
        } else {
            data = try await format.data(document, pdf: ReportPDF(chromium: nil))
        }
        return .download(data, contentType: format.contentType, filename: format.filename(document))
    }

    /// The agency's published report named by the path (`code` on the portal), in the version
    /// asked for (`?version=`) or the latest.
    private static func find(_ req: Request) async throws -> PublishedReportQuery.Found {
        let key = try req.publishedReportKey()
        return try await PublishedReportQuery.find(agencyCode: key.code, year: key.year, version: key.version, on: req.db)
    }
}
