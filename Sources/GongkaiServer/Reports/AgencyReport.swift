import Fluent
import Foundation
import GongkaiCore

/// An agency's annual report on a year while it is being written and approved: the text of the
/// sections the office writes (一, 五, 六; tables 三 and 四 come from the records, table 二 from
/// `ReportFigureEntry`), where it stands in the workflow, and the warnings acknowledged. What
/// the public reads is a `PublishedReport`, frozen when the report is published.
final class AgencyReport: Model, @unchecked Sendable {
    static let schema = "agency_reports"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "year") var year: Int
    @Field(key: "status") var status: ReportStatus
    /// Section 一, with live figures written `{{requests.new_received}}`.
    @Field(key: "overview") var overview: String
    /// Section 五.
    @Field(key: "problems") var problems: String
    /// Section 六, pre-filled with the fee statement.
    @Field(key: "other_matters") var otherMatters: String
    /// A county-wide report: tables and figures over the agency and every agency below it.
    @Field(key: "include_subtree") var includeSubtree: Bool
    /// Warning key → the reason it was accepted (JSON object).
    @Field(key: "acknowledgements") var acknowledgementsJSON: String
    /// The supervising office's comment when it last returned the report.
    @Field(key: "return_comment") var returnComment: String
    /// The cells as they stood when the report was submitted (JSON), so that what is approved
    /// and published is what the supervising office saw: records changed since stop the report.
    @Field(key: "submitted_cells") var submittedCells: String
    /// The version last published (nil until the first publication).
    @OptionalField(key: "published_version") var publishedVersion: Int?

    init() {}

    init(agencyID: Int, year: Int, sections: [ReportSection: String]) {
        self.version = 1
        self.$agency.id = agencyID
        self.year = year
        self.status = .draft
        self.overview = sections[.overview] ?? ""
        self.problems = sections[.problems] ?? ""
        self.otherMatters = sections[.other] ?? ""
        self.includeSubtree = false
        self.acknowledgementsJSON = "{}"
        self.returnComment = ""
        self.submittedCells = ""
    }

    /// The sections the office writes, as stored (live figures unresolved).
    var writtenSections: [ReportSection: String] {
        [.overview: overview, .problems: problems, .other: otherMatters]
    }

    var acknowledgements: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(acknowledgementsJSON.utf8))) ?? [:] }
        set {
            // A plain encoder: the snake-case strategy would rewrite the keys (`N2|…`).
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            acknowledgementsJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

extension AgencyReport: Auditable {
    static let auditEntityType = AuditEntityType.agencyReport
    var auditSnapshot: [String: String] {
        var s = ["agency_id": String($agency.id), "year": String(year), "status": status.rawValue, "overview": overview,
                 "problems": problems, "other_matters": otherMatters, "include_subtree": String(includeSubtree),
                 "acknowledgements": acknowledgementsJSON, "return_comment": returnComment, "version": String(version)]
        s["published_version"] = publishedVersion.map(String.init)
        return s
    }
}
