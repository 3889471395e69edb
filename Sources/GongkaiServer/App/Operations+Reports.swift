import Fluent
import Foundation
import GongkaiCore
import Vapor

extension Operations {
    /// The agency's annual report on the year as `gongkai report show` renders it: the latest
    /// published version while the report stands published; otherwise the report composed from
    /// the records now (with the office's text when it has started one; tables only, status
    /// `not_started`, when it has not).
    public static func reportDocument(_ settings: Settings, agencyCode: String, year: Int) async throws -> ReportDocument {
        do {
            try RequestStatistics.checkYear(year)
        } catch let error as AppError {
            throw CommandError(error.fields["year"] ?? error.message)
        }
        guard year <= settings.today.year else {
            throw CommandError("\(year) 年尚未开始，没有该年度的报告（今天是 \(settings.today.iso)）")
        }
        return try await withApplication(settings) { app in
            let code = agencyCode.lowercased()
            guard let agency = try await Agency.query(on: app.db).filter(\.$code == code).first() else {
                let known = try await Agency.query(on: app.db).sort(\.$code).all().map(\.code)
                throw CommandError(
                    known.isEmpty
                        ? "机构“\(agencyCode)”不存在：数据库中还没有机构"
                        : "机构“\(agencyCode)”不存在（已有：\(known.prefix(8).joined(separator: "、"))\(known.count > 8 ? "…" : "")）")
            }
            let agencyID = try agency.requireID()
            let record = try await ReportService.find(agencyID: agencyID, year: year, on: app.db)
            if record?.status == .published, let latest = try await PublishedReportQuery.latest(agencyID: agencyID, year: year, on: app.db) {
                return try latest.document
            }
            return try await ReportComposer.compose(
                agency: agency, year: year, record: record, deadlines: settings.reportDeadlines,
                on: app.db
            ).document()
        }
    }
}
