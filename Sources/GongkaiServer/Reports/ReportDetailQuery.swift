import Fluent
import GongkaiCore

/// One report as both doors show it: the console's page and the API's DTO.
struct ReportDetail {
    var record: AgencyReport
    var agency: Agency
    /// The report as it stands now (tables from the records, live figures, readiness).
    var composed: ComposedReport
    /// Oldest first.
    var events: [ReportEvent]
    /// The published versions, newest first.
    var versions: [PublishedReport]
}

/// A report's detail, read once for the console and the API (the record comes from
/// `ReportService.load`, which checks who may see it).
enum ReportDetailQuery {
    static func load(_ record: AgencyReport, deadlines: ReportDeadlineRules, on db: any Database) async throws -> ReportDetail {
        guard let agency = try await Agency.find(record.$agency.id, on: db) else { throw AppError.notFound("机构") }
        let composed = try await ReportComposer.compose(agency: agency, year: record.year, record: record, deadlines: deadlines, on: db)
        let id = try record.requireID()
        let events = try await ReportEvent.query(on: db).filter(\.$report.$id == id).sort(\.$occurredAt).all()
        let versions = try await PublishedReportQuery.versions(agencyID: record.$agency.id, year: record.year, on: db)
        return ReportDetail(record: record, agency: agency, composed: composed, events: events, versions: versions)
    }
}
