import Fluent
import Foundation
import GongkaiCore

/// Something an agency publishes proactively (主动公开), from draft through the review chain to
/// the portal. The row holds the version in force; a revision of a published item waits in
/// `revisionJSON` until the chain passes it, and every public version is kept in
/// `publication_versions`. Statutory dates are `CivilDate`s; the index number (索引号) is given
/// when the item first goes public and never changes or returns to the pool.
final class Publication: Model, @unchecked Sendable {
    static let schema = "publications"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // text
    @Field(key: "title") var title: String
    /// 文号 (发文字号), empty when the item is not a document.
    @Field(key: "document_number") var documentNumber: String
    /// The body as sanitised HTML (`RichText`), safe to emit as it is.
    @Field(key: "body_html") var bodyHTML: String
    /// The body as plain text: the search index and snippets read it.
    @Field(key: "body_text") var bodyText: String

    // dates
    /// 成文日期, for documents.
    @OptionalField(key: "written_on") var writtenOn: CivilDate?
    /// The day the information was formed or changed: Art. 26 counts 20 working days from it.
    @Field(key: "formed_on") var formedOn: CivilDate
    /// 发布日期: the day it first went public.
    @OptionalField(key: "published_on") var publishedOn: CivilDate?
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// When to go public once every review step has passed (nil: at once).
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?

    // classification
    @OptionalField(key: "index_number") var indexNumber: String?
    @Field(key: "category") var category: PublicationCategory
    @Field(key: "genre") var genre: PublicationGenre
    @Field(key: "subject") var subject: PublicationSubject
    @OptionalField(key: "art20_item") var art20Item: Art20Item?
    /// Key domains, comma-separated codes (`KeyDomain.encode`).
    @Field(key: "key_domains") var keyDomains: String
    @Field(key: "disclosure") var disclosure: DisclosureAttribute
    @OptionalField(key: "non_disclosure_reason") var nonDisclosureReason: NonDisclosureReason?
    /// Why 依申请公开 (free text), or more on the reason for 不予公开.
    @Field(key: "disclosure_note") var disclosureNote: String

    // workflow
    @Field(key: "status") var status: PublicationState
    /// The review chain of the current round, as codes (snapshot of the agency's chain at submission).
    @Field(key: "review_steps") var reviewSteps: String
    @Field(key: "review_round") var reviewRound: Int
    /// The agency's "one person may take several steps" when the round was submitted (nil on
    /// rounds submitted before this was kept: the profile as it stands decides).
    @OptionalField(key: "review_allows_same_person") var reviewAllowsSamePerson: Bool?
    @Field(key: "revision_state") var revisionState: RevisionState
    /// The text of a pending revision (`PublicationContent` as JSON), nil when none.
    @OptionalField(key: "revision_json") var revisionJSON: String?
    /// The number of the public version (1 at first publication).
    @Field(key: "version_number") var versionNumber: Int
    @OptionalField(key: "withdrawn_on") var withdrawnOn: CivilDate?
    @OptionalField(key: "withdrawn_reason") var withdrawnReason: String?

    // normative documents (规章 / 行政规范性文件): the register behind report table 二
    @OptionalField(key: "normative_kind") var normativeKind: NormativeKind?
    @OptionalField(key: "effective_on") var effectiveOn: CivilDate?
    @OptionalField(key: "valid_until") var validUntil: CivilDate?
    @OptionalField(key: "repealed_on") var repealedOn: CivilDate?
    @Field(key: "repealed_by") var repealedBy: String
    @OptionalField(key: "amended_on") var amendedOn: CivilDate?
    @Field(key: "amended_by") var amendedBy: String
    /// A policy that should be published with an interpretation (三同步).
    @Field(key: "requires_interpretation") var requiresInterpretation: Bool

    // policy interpretation (政策解读): this item interprets `interprets`
    @OptionalField(key: "interpretation_form") var interpretationForm: InterpretationForm?
    @Field(key: "video_url") var videoURL: String

    // relationships
    @Parent(key: "agency_id") var agency: Agency
    @Parent(key: "author_id") var author: StaffUser
    /// Who submitted the round under review (a revision's or an edited draft's author for the
    /// chain's "not the same person" rule, beside the first author).
    @OptionalField(key: "submitted_by_id") var submittedByID: Int?
    @OptionalParent(key: "interprets_id") var interprets: Publication?
    @OptionalParent(key: "catalogue_item_id") var catalogueItem: CatalogueItem?

    init() {}

    var domains: Set<KeyDomain> { KeyDomain.decode(keyDomains) }

    var isNormative: Bool { normativeKind != nil }

    /// The 有效性 on `date`, for regulations and normative documents.
    func validity(on date: CivilDate) -> NormativeDocumentStatus? {
        guard normativeKind != nil else { return nil }
        let effective = effectiveOn ?? writtenOn ?? publishedOn ?? formedOn
        return NormativeDocumentStatus.on(date, .init(effectiveOn: effective, validUntil: validUntil, repealedOn: repealedOn,
                                                      amendedOn: amendedOn))
    }

    var chain: ReviewChain {
        (try? ReviewChain(codes: reviewSteps)) ?? ReviewChain.standard
    }

    /// The chain of the round under review, with the "one person, several steps" rule as it was
    /// when the round was submitted (the agency's current profile for rounds submitted before
    /// that was kept).
    func reviewChain(profileAllowsSamePerson: Bool) -> ReviewChain {
        (try? ReviewChain(codes: reviewSteps, allowSamePerson: reviewAllowsSamePerson ?? profileAllowsSamePerson)) ?? chain
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}


extension Publication: Auditable {
    static let auditEntityType = AuditEntityType.publication
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "title": title, "document_number": documentNumber, "formed_on": formedOn.iso, "category": category.rawValue,
            "genre": genre.rawValue, "subject": subject.rawValue, "key_domains": keyDomains, "disclosure": disclosure.rawValue,
            "status": status.rawValue, "review_round": String(reviewRound), "revision_state": revisionState.rawValue,
            "version_number": String(versionNumber), "version": String(version), "body_length": String(bodyText.count),
        ]
        s["index_number"] = indexNumber
        s["written_on"] = writtenOn?.iso
        s["published_on"] = publishedOn?.iso
        s["scheduled_at"] = scheduledAt.map { ISO8601DateFormatter().string(from: $0) }
        s["art20_item"] = art20Item?.rawValue
        s["non_disclosure_reason"] = nonDisclosureReason?.rawValue
        s["normative_kind"] = normativeKind?.rawValue
        s["effective_on"] = effectiveOn?.iso
        s["valid_until"] = validUntil?.iso
        s["repealed_on"] = repealedOn?.iso
        s["amended_on"] = amendedOn?.iso
        s["withdrawn_on"] = withdrawnOn?.iso
        s["withdrawn_reason"] = withdrawnReason
        s["interprets_id"] = $interprets.id.map(String.init)
        s["catalogue_item_id"] = $catalogueItem.id.map(String.init)
        return s
    }
}
