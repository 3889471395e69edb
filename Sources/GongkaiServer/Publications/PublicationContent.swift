import Foundation
import GongkaiCore

/// What an author writes and chooses for a publication: the fields of the draft form and the
/// API, validated (`PublicationInput`). A revision of a published item is kept as this, in JSON,
/// until the review chain passes it.
struct PublicationContent: Codable, Sendable, Equatable {
    var title: String
    var documentNumber: String
    var bodyHTML: String
    var bodyText: String
    var writtenOn: CivilDate?
    var formedOn: CivilDate
    var category: PublicationCategory
    var genre: PublicationGenre
    var subject: PublicationSubject
    var art20Item: Art20Item?
    var keyDomains: Set<KeyDomain>
    var disclosure: DisclosureAttribute
    var nonDisclosureReason: NonDisclosureReason?
    var disclosureNote: String
    var scheduledAt: Date?
    var normativeKind: NormativeKind?
    var effectiveOn: CivilDate?
    var validUntil: CivilDate?
    var requiresInterpretation: Bool
    var interpretsID: Int?
    var interpretationForm: InterpretationForm?
    var videoURL: String
    var catalogueItemID: Int?
    var topicIDs: [Int]
    /// What changed (修改说明): required for a revision of a published item.
    var changeNote: String
    /// A revision's starting point: the public row's fields that can change while the revision
    /// waits (nil on drafts, and on revisions kept before this was recorded).
    var base: Base? = nil

    /// `有效期至` can be registered on the public row (`registerValidity`) while a revision waits;
    /// the revision then carries the old value, and must not put it back unless its writer
    /// changed it.
    struct Base: Codable, Sendable, Equatable {
        var validUntil: CivilDate?
    }

    /// Stored as it is named here (not snake_case: `bodyHTML` would not come back from `body_html`).
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension Publication {
    /// The content as it stands on the row.
    func content(topicIDs: [Int]) -> PublicationContent {
        PublicationContent(
            title: title, documentNumber: documentNumber, bodyHTML: bodyHTML, bodyText: bodyText, writtenOn: writtenOn,
            formedOn: formedOn, category: category, genre: genre, subject: subject, art20Item: art20Item, keyDomains: domains,
            disclosure: disclosure, nonDisclosureReason: nonDisclosureReason, disclosureNote: disclosureNote, scheduledAt: scheduledAt,
            normativeKind: normativeKind, effectiveOn: effectiveOn, validUntil: validUntil, requiresInterpretation: requiresInterpretation,
            interpretsID: $interprets.id, interpretationForm: interpretationForm, videoURL: videoURL, catalogueItemID: $catalogueItem.id,
            topicIDs: topicIDs, changeNote: "")
    }

    /// Puts content on the row (topics are kept in their own table).
    func apply(_ c: PublicationContent) {
        title = c.title
        documentNumber = c.documentNumber
        bodyHTML = c.bodyHTML
        bodyText = c.bodyText
        writtenOn = c.writtenOn
        formedOn = c.formedOn
        category = c.category
        genre = c.genre
        subject = c.subject
        art20Item = c.art20Item
        keyDomains = KeyDomain.encode(c.keyDomains)
        disclosure = c.disclosure
        nonDisclosureReason = c.disclosure == .notDisclosed ? c.nonDisclosureReason : nil
        disclosureNote = c.disclosureNote
        scheduledAt = c.scheduledAt
        normativeKind = c.normativeKind
        effectiveOn = c.normativeKind == nil ? nil : (c.effectiveOn ?? c.writtenOn)
        validUntil = c.normativeKind == nil ? nil : c.validUntil
        requiresInterpretation = c.requiresInterpretation
        $interprets.id = c.interpretsID
        interpretationForm = c.interpretsID == nil ? nil : c.interpretationForm
        videoURL = c.interpretsID == nil ? "" : c.videoURL
        $catalogueItem.id = c.catalogueItemID
    }

    /// The day Art. 26's 20 working days count from while something waits to go public (“形成或者
    /// 变更之日起”): a draft's formed date until it first goes public; while a revision of a
    /// published item is under way, the revision's formed (changed) date — a change is due like a
    /// first publication. Nil when nothing waits (published without a revision, withdrawn, filed).
    var pendingFormedOn: CivilDate? {
        if PublicationListQuery.openStatuses.contains(status) { return formedOn }
        if status == .published, revisionState != .none { return revision?.formedOn }
        return nil
    }

    /// The pending revision, when there is one.
    var revision: PublicationContent? {
        guard let json = revisionJSON else { return nil }
        return try? PublicationContent.decoder.decode(PublicationContent.self, from: Data(json.utf8))
    }
}
