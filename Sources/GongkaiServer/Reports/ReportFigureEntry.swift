import Fluent
import Foundation
import GongkaiCore

/// A table-二 figure that comes from outside the platform (licensing, penalty and coercion
/// decisions, fees in 万元, normative documents until the publications register holds them),
/// entered by hand or imported from CSV for an agency and year, with who entered it, when and
/// from what source.
final class ReportFigureEntry: Model, @unchecked Sendable {
    static let schema = "report_figure_entries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "year") var year: Int
    /// The spec's cell id, `t2.art20_6.admin_penalty.decisions_this_year`.
    @Field(key: "cell") var cell: String
    /// The number as entered, exactly (`12`, `380.31`).
    @Field(key: "value") var value: String
    /// Where the figure comes from (e.g. 县司法局行政执法统计).
    @Field(key: "source") var source: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    init(agencyID: Int, year: Int, cell: CellID, value: Decimal, source: String, by actor: AuditActor) {
        self.$agency.id = agencyID
        self.year = year
        self.cell = cell.rawValue
        self.value = value.plain
        self.source = source
        self.enteredBy = actor.name
        self.enteredAt = Date()
    }

    var decimalValue: Decimal? { Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) }
}

extension ReportFigureEntry: Auditable {
    static let auditEntityType = AuditEntityType.reportFigure
    var auditSnapshot: [String: String] {
        ["agency_id": String($agency.id), "year": String(year), "cell": cell, "value": value, "source": source]
    }
}
