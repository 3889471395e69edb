import Fluent
import Foundation
import GongkaiCore

/// A published version of an agency's annual report, frozen: what the public reads never
/// changes silently. A correction publishes the next version with its note; earlier versions
/// stay readable.
final class PublishedReport: Model, @unchecked Sendable {
    static let schema = "published_reports"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "year") var year: Int
    /// 1 for the first publication, then 2, 3 … for corrections.
    @Field(key: "version_no") var versionNo: Int
    @Field(key: "published_on") var publishedOn: CivilDate
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String
    /// Empty for the first version; what was corrected and why for the others.
    @Field(key: "correction_note") var correctionNote: String
    /// The whole report as published (`ReportDocument` JSON).
    @Field(key: "content") var content: String

    init() {}

    init(agencyID: Int, year: Int, versionNo: Int, publishedOn: CivilDate, by actor: AuditActor, correctionNote: String,
         document: ReportDocument) throws {
        self.$agency.id = agencyID
        self.year = year
        self.versionNo = versionNo
        self.publishedOn = publishedOn
        self.publishedAt = Date()
        self.publishedBy = actor.name
        self.correctionNote = correctionNote
        self.content = String(decoding: try JSONCoding.encoder().encode(document), as: UTF8.self)
    }

    var document: ReportDocument {
        get throws { try JSONCoding.decoder().decode(ReportDocument.self, from: Data(content.utf8)) }
    }
}
