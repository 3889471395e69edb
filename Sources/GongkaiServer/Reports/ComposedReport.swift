import Foundation
import GongkaiCore

/// An agency's report on a year as it stands now: the tables from the records and the entered
/// table-二 figures, the written sections with their live figures resolved, and whether it may
/// go forward. A published version is not this: it is the frozen `PublishedReport`.
struct ComposedReport {
    var agency: Agency
    var year: Int
    /// Nil while nobody has started the report.
    var record: AgencyReport?
    var scope: ReportDocument.Scope
    var agencyIDs: [Int]
    /// The report as it would be published (issuer, sections resolved, every cell computed).
    var report: AnnualReport
    var liveValues: [LiveFigure: String]
    var unresolved: [String]
    var readiness: ReportReadiness
    /// Where each table-二 figure comes from.
    var figureSources: [CellID: FigureSource]
    /// Section 六's fee statement as the fee records give it today.
    var feeStatement: String
    var dueOn: CivilDate

    struct FigureSource {
        var value: Decimal
        /// "县司法局行政执法统计" — or, for a subtree report, how many agencies entered it.
        var source: String
        var enteredBy: String
        var enteredAt: Date
    }

    var status: ReportStatus { record?.status ?? .notStarted }

    /// Warnings not yet accepted with a reason.
    var unacknowledged: [Finding] { readiness.unacknowledged(Set((record?.acknowledgements ?? [:]).keys)) }

    func document(status: ReportStatus? = nil, version: Int? = nil, publishedOn: CivilDate? = nil, correctionNote: String? = nil)
        -> ReportDocument
    {
        ReportDocument(report: report, agency: agency.name, agencyCode: agency.code, status: status ?? self.status, scope: scope,
                       version: version, publishedOn: publishedOn, correctionNote: correctionNote,
                       findings: readiness.errors + readiness.warnings)
    }
}
