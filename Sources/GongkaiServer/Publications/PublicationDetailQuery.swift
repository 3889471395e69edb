import Fluent
import Foundation
import GongkaiCore

/// Everything the console page and the API show about one publication.
struct PublicationDetail {
    let publication: Publication
    let agency: Agency
    let authorName: String
    let profile: PublishingProfile
    let reviews: [PublicationReview]
    let events: [PublicationEvent]
    let versions: [PublicationVersion]
    let attachments: [PublicationAttachment]
    let topics: [TopicColumn]
    let catalogueItem: CatalogueItem?
    /// The policy this item interprets, and the interpretations of this item.
    let interprets: Publication?
    let interpretations: [Publication]
    /// The step waiting for a decision, and the passes of the current round.
    let waiting: ReviewStepKind?
    let passes: [PublicationReview]
    /// Who wrote the text under review (they may not review it: `PublicationWriters`).
    let writers: Set<Int>
    /// Art. 26 due date while the item is not public.
    let due: CivilDate?
    let standing: ProactiveDeadline.Standing?
    /// A published policy marked as needing an interpretation: whether it has one, in time.
    var interpretationStanding: InterpretationTimeliness.Standing?
    /// The year of holidays the due date needs and the calendar lacks (`due` is then nil).
    var missingYear: Int? = nil
}

enum PublicationDetailQuery {
    static func load(_ id: Int, calendar: WorkingDayCalendar, today: CivilDate,
                     interpretationDays: Int = InterpretationTimeliness.defaultWorkingDays, on db: any Database) async throws -> PublicationDetail {
        guard let p = try await Publication.find(id, on: db) else { throw AppError.notFound("信息") }
        guard let agency = try await Agency.find(p.$agency.id, on: db) else { throw AppError.notFound("机构") }
        let author = try await StaffUser.find(p.$author.id, on: db)
        let reviews = try await PublicationReview.query(on: db).filter(\.$publication.$id == id).sort(\.$round).sort(\.$stepIndex).all()
        let events = try await PublicationEvent.query(on: db).filter(\.$publication.$id == id).sort(\.$id).all()
        let versions = try await PublicationVersion.query(on: db).filter(\.$publication.$id == id).sort(\.$number).all()
        let attachments = try await PublicationAttachment.query(on: db).filter(\.$publication.$id == id)
            .field(\.$id).field(\.$filename).field(\.$size).field(\.$contentType).field(\.$pending).field(\.$removalPending).field(\.$publication.$id)
            .field(\.$uploadedAt).field(\.$uploadedBy).sort(\.$id).all()
        let topicIDs = try await PublicationTopic.query(on: db).filter(\.$publication.$id == id).all().map { $0.$topicColumn.id }
        let topics = topicIDs.isEmpty ? [] : try await TopicColumn.query(on: db).filter(\.$id ~~ topicIDs).sort(\.$name).all()
        var item: CatalogueItem?
        if let itemID = p.$catalogueItem.id { item = try await CatalogueItem.find(itemID, on: db) }
        var interprets: Publication?
        // Another agency's item is shown only once it is public (its drafts are not ours to read).
        func visible(_ other: Publication) -> Bool { other.status == .published || other.$agency.id == p.$agency.id }
        if let policyID = p.$interprets.id { interprets = try await Publication.find(policyID, on: db).flatMap { visible($0) ? $0 : nil } }
        // Only the policy link in SQL (see PortalPublicationController.show), ordered here.
        let interpretations = try await Publication.query(on: db).filter(\.$interprets.$id == id).all().filter(visible).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let passes = reviews.filter { $0.round == p.reviewRound && $0.passed }
        let inReview = p.status == .inReview || p.revisionState == .inReview
        let waiting = inReview ? p.chain.awaiting(after: passes.map { ReviewChain.Pass(step: $0.step, reviewerID: $0.reviewerID) }) : nil
        var due: CivilDate?, standing: ProactiveDeadline.Standing?, missingYear: Int?
        if let formed = p.pendingFormedOn {
            (due, standing) = ProactiveDeadline.assess(formedOn: formed, today: today, calendar: calendar)
            if due == nil { missingYear = ProactiveDeadline.missingYear(formedOn: formed, calendar: calendar) }
        }
        var interpretationStanding: InterpretationTimeliness.Standing?
        if p.requiresInterpretation, p.status == .published, let policyOn = p.publishedOn {
            let first = interpretations.filter { $0.status == .published || $0.status == .withdrawn }.compactMap(\.publishedOn).min()
            interpretationStanding = try? InterpretationTimeliness.standing(policyPublishedOn: policyOn, interpretationPublishedOn: first, today: today,
                                                                            workingDays: interpretationDays, calendar: calendar)
        }
        return PublicationDetail(
            publication: p, agency: agency, authorName: author?.displayName ?? "", profile: try await PublishingProfile.effective(for: agency, on: db),
            reviews: reviews, events: events, versions: versions, attachments: attachments, topics: topics, catalogueItem: item,
            interprets: interprets, interpretations: interpretations, waiting: waiting, passes: passes,
            writers: waiting == nil ? [] : try await PublicationWriters.of(p, on: db), due: due, standing: standing,
            interpretationStanding: interpretationStanding, missingYear: missingYear)
    }
}
