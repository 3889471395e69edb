import Foundation
import GongkaiCore
import Vapor

/// A report as the staff API gives it: the stored text (live figures as references), where it
/// stands, the report as it would be published (`document`: cells and findings), the warnings
/// not yet acknowledged, the figures the text may quote, the history and the published versions.
struct AgencyReportDTO: Content {
    struct Event: Content {
        var occurredAt: Date
        var actor: String
        var step: ReportStep
        var comment: String
    }

    struct Version: Content {
        var version: Int
        var publishedOn: String
        var correctionNote: String
    }

    var id: Int
    var version: Int
    var agencyId: Int
    var agencyCode: String
    var year: Int
    var status: ReportStatus
    var includeSubtree: Bool
    var dueOn: String
    var overview: String
    var problems: String
    var otherMatters: String
    var acknowledgements: [String: String]
    var unacknowledgedWarnings: [String]
    var liveFigures: [String: String]
    var document: ReportDocument
    var events: [Event]
    var publishedVersions: [Version]

    init(_ detail: ReportDetail) throws {
        try self.init(detail.composed, record: detail.record, events: detail.events, versions: detail.versions)
    }

    init(_ composed: ComposedReport, record: AgencyReport, events: [ReportEvent], versions: [PublishedReport]) throws {
        id = try record.requireID()
        version = record.version
        agencyId = record.$agency.id
        agencyCode = composed.agency.code
        year = record.year
        status = record.status
        includeSubtree = record.includeSubtree
        dueOn = composed.dueOn.iso
        overview = record.overview
        problems = record.problems
        otherMatters = record.otherMatters
        acknowledgements = record.acknowledgements
        unacknowledgedWarnings = composed.unacknowledged.map(ReportReadiness.key)
        liveFigures = Dictionary(uniqueKeysWithValues: composed.liveValues.map { ($0.key.rawValue, $0.value) })
        let latest = record.status == .published ? versions.first : nil
        document = composed.document(version: latest?.versionNo, publishedOn: latest?.publishedOn,
                                     correctionNote: latest.flatMap { $0.correctionNote.isEmpty ? nil : $0.correctionNote })
        self.events = events.map { Event(occurredAt: $0.occurredAt, actor: $0.actorName, step: $0.step, comment: $0.comment) }
        publishedVersions = versions.map { Version(version: $0.versionNo, publishedOn: $0.publishedOn.iso, correctionNote: $0.correctionNote) }
    }
}
