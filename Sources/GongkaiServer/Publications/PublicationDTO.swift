import Foundation
import GongkaiCore
import Vapor

/// One publication as the staff API shows it (the console page's facts).
struct PublicationDTO: Content {
    struct Step: Content {
        var step: ReviewStepKind
        var label: String
        var passedBy: String?
        var passedAt: Date?
        var waiting: Bool
    }

    /// A file of the item: `pending` added with the revision (not public yet), `removal_pending`
    /// public until the revision passes, then deleted.
    struct Attachment: Content {
        var id: Int
        var filename: String
        var contentType: String
        var size: Int
        var pending: Bool
        var removalPending: Bool
    }

    /// Taken off the portal: when and why (the public page shows both).
    struct Withdrawal: Content {
        var reason: String
        var date: CivilDate
    }

    /// A version as it was public: the first publication is 1, each passed revision one more.
    struct Version: Content {
        var number: Int
        var publishedOn: CivilDate
        var changeNote: String
    }

    var id: Int
    var version: Int
    var agencyId: Int
    var agency: String
    var title: String
    var status: PublicationState
    var revisionState: RevisionState
    var indexNumber: String?
    var documentNumber: String
    var writtenOn: CivilDate?
    var formedOn: CivilDate
    var publishedOn: CivilDate?
    var dueOn: CivilDate?
    var standing: String?
    var category: PublicationCategory
    var genre: PublicationGenre
    var subject: PublicationSubject
    var art20Item: Art20Item?
    var keyDomains: [KeyDomain]
    var disclosure: DisclosureAttribute
    var nonDisclosureReason: NonDisclosureReason?
    var normativeKind: NormativeKind?
    var validity: NormativeDocumentStatus?
    var effectiveOn: CivilDate?
    var validUntil: CivilDate?
    var repealedOn: CivilDate?
    var amendedOn: CivilDate?
    var interpretsId: Int?
    var interpretationStanding: InterpretationTimeliness.Standing?
    var bodyHtml: String
    var reviewRound: Int
    var reviewChain: [Step]
    var waitingStep: ReviewStepKind?
    var versionNumber: Int
    var url: String?
    var attachments: [Attachment]
    /// When the item goes public by itself once the chain has passed it (nil: at the last step).
    var scheduledAt: Date?
    var withdrawal: Withdrawal?
    var versions: [Version]

    init(_ d: PublicationDetail, today: CivilDate, baseURL: String) throws {
        let p = d.publication
        id = try p.requireID()
        version = p.version
        agencyId = p.$agency.id
        agency = d.agency.name
        title = p.title
        status = p.status
        revisionState = p.revisionState
        indexNumber = p.indexNumber
        documentNumber = p.documentNumber
        writtenOn = p.writtenOn
        formedOn = p.formedOn
        publishedOn = p.publishedOn
        dueOn = d.due
        standing = d.standing?.rawValue
        category = p.category
        genre = p.genre
        subject = p.subject
        art20Item = p.art20Item
        keyDomains = KeyDomain.allCases.filter { p.domains.contains($0) }
        disclosure = p.disclosure
        nonDisclosureReason = p.nonDisclosureReason
        normativeKind = p.normativeKind
        validity = p.validity(on: today)
        effectiveOn = p.effectiveOn
        validUntil = p.validUntil
        repealedOn = p.repealedOn
        amendedOn = p.amendedOn
        interpretsId = p.$interprets.id
        interpretationStanding = d.interpretationStanding
        bodyHtml = p.bodyHTML
        reviewRound = p.reviewRound
        reviewChain = p.chain.steps.map { kind in
            let pass = d.passes.first { $0.step == kind }
            return Step(step: kind, label: kind.chineseLabel, passedBy: pass?.reviewerName, passedAt: pass?.decidedAt, waiting: kind == d.waiting)
        }
        waitingStep = d.waiting
        versionNumber = p.versionNumber
        attachments = try d.attachments.map {
            Attachment(id: try $0.requireIDValue(), filename: $0.filename, contentType: $0.contentType, size: $0.size, pending: $0.pending,
                       removalPending: $0.removalPending)
        }
        scheduledAt = p.scheduledAt
        withdrawal = p.status == .withdrawn ? p.withdrawnOn.map { Withdrawal(reason: p.withdrawnReason ?? "", date: $0) } : nil
        versions = d.versions.sorted { $0.number < $1.number }.map {
            Version(number: $0.number, publishedOn: $0.publishedOn, changeNote: $0.changeNote)
        }
        url = p.status == .published || p.status == .withdrawn ? baseURL + SiteURL.portalPublication(.value(id)).path : nil
    }
}
