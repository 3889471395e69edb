import Fluent
import Foundation
import GongkaiCore

/// The console's work lists of publications: what waits for me, drafts, items in review, those
/// near or past their Art. 26 deadline, and the published record. The unpublished items of the
/// user's agencies are read once and sorted in memory (they are few); the published record is
/// paged in SQL.
struct PublicationListQuery: Sendable {
    enum Tab: String, Sendable, CaseIterable {
        case awaitingMe = "awaiting_me", drafts, inReview = "in_review", dueSoon = "due_soon", overdue, noDeadline = "no_deadline",
            scheduled, published,
            interpretationMissing = "interpretation_missing", withdrawn, all

        var chineseLabel: String {
            switch self {
            case .awaitingMe: return "待我审核"
            case .drafts: return "草稿"
            case .inReview: return "审核中"
            case .dueSoon: return "即将到期"
            case .overdue: return "已超期"
            case .noDeadline: return "无法计算期限"
            case .scheduled: return "待定时发布"
            case .published: return "已发布"
            case .interpretationMissing: return "缺少解读"
            case .withdrawn: return "已撤回、归档"
            case .all: return "全部"
            }
        }
    }

    static let pageSize = 50

    var agencyIDs: [Int]
    var staff: StaffPrincipal
    var tab: Tab = .awaitingMe
    var search = ""
    var page = 1
    var interpretationDays = InterpretationTimeliness.defaultWorkingDays

    struct Row: Sendable {
        let publication: Publication
        let agencyName: String
        /// The step waiting for a decision (items in review).
        let waiting: ReviewStepKind?
        /// Art. 26 due date and standing (items not yet public).
        let due: CivilDate?
        let standing: ProactiveDeadline.Standing?
        /// The year of holidays the due date needs and the calendar lacks (the due date is then nil).
        var missingYear: Int? = nil
    }

    struct Result: Sendable {
        let rows: [Row]
        let total: Int
        let counts: [Tab: Int]
    }

    static let openStatuses: [PublicationState] = [.draft, .inReview, .scheduled]

    func run(calendar: WorkingDayCalendar, today: CivilDate, on db: any Database) async throws -> Result {
        guard !agencyIDs.isEmpty else { return Result(rows: [], total: 0, counts: [:]) }
        let agencies = try await Agency.query(on: db).filter(\.$id ~~ agencyIDs).all()
        let names = Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a.name) } })
        var profiles: [Int: PublishingProfile] = [:]
        for agency in agencies { profiles[try agency.requireID()] = try await PublishingProfile.effective(for: agency, on: db) }

        // Items not yet public, and published items with a revision under way.
        let open = try await Publication.query(on: db).filter(\.$agency.$id ~~ agencyIDs)
            .group(.or) { $0.filter(\.$status ~~ Self.openStatuses).filter(\.$revisionState != .none) }
            .sort(\.$formedOn).sort(\.$id).all()
        let reviewing = open.filter { $0.status == .inReview || $0.revisionState == .inReview }
        let ids = try reviewing.map { try $0.requireID() }
        let passes = ids.isEmpty ? [] : try await PublicationReview.query(on: db).filter(\.$publication.$id ~~ ids)
            .filter(\.$passed == true).sort(\.$stepIndex).all()
        let writers = try await PublicationWriters.of(reviewing, on: db)
        var rows: [Row] = []
        for p in open {
            let id = try p.requireID()
            var waiting: ReviewStepKind?
            if p.status == .inReview || p.revisionState == .inReview {
                let done = passes.filter { $0.$publication.id == id && $0.round == p.reviewRound }
                waiting = p.chain.awaiting(after: done.map { ReviewChain.Pass(step: $0.step, reviewerID: $0.reviewerID) })
            }
            var due: CivilDate?, standing: ProactiveDeadline.Standing?, missingYear: Int?
            if let formed = p.pendingFormedOn {
                (due, standing) = ProactiveDeadline.assess(formedOn: formed, today: today, calendar: calendar)
                if due == nil { missingYear = ProactiveDeadline.missingYear(formedOn: formed, calendar: calendar) }
            }
            rows.append(
                Row(
                    publication: p, agencyName: names[p.$agency.id] ?? "", waiting: waiting, due: due, standing: standing,
                    missingYear: missingYear))
        }
        func awaitsMe(_ row: Row) -> Bool {
            guard let step = row.waiting, staff.can(step.requiredPermission, inAgency: row.publication.$agency.id) else { return false }
            let p = row.publication
            let chain = p.reviewChain(profileAllowsSamePerson: profiles[p.$agency.id]?.allowSamePerson ?? false)
            let done = passes.filter { $0.$publication.id == p.id && $0.round == p.reviewRound }
                .map { ReviewChain.Pass(step: $0.step, reviewerID: $0.reviewerID) }
            return chain.problem(deciding: step, after: done, reviewerID: staff.userID, authorID: p.$author.id,
                                 writerIDs: p.id.flatMap { writers[$0] } ?? [], holdsPermission: true) == nil
        }
        let filters: [Tab: (Row) -> Bool] = [
            .awaitingMe: awaitsMe,
            .drafts: { $0.publication.status == .draft || $0.publication.revisionState == .draft },
            .inReview: { $0.waiting != nil },
            .dueSoon: { $0.standing == .dueSoon },
            .overdue: { $0.standing == .overdue },
            // Not dropped while the calendar lacks the year the deadline falls in.
            .noDeadline: { $0.due == nil && $0.standing == nil && $0.publication.pendingFormedOn != nil },
            .scheduled: { $0.publication.status == .scheduled },
        ]
        var counts: [Tab: Int] = [:]
        for (tab, filter) in filters { counts[tab] = rows.filter(filter).count }
        let matching = { (p: Publication) in search.isEmpty || p.title.contains(search) || (p.indexNumber ?? "").contains(search) }
        let missing = try await policiesMissingInterpretation(calendar: calendar, today: today, on: db)
        counts[.interpretationMissing] = missing.count
        if tab == .interpretationMissing {
            let selected = missing.filter { matching($0.policy) }
            let range = PageNumber.range(page: page, size: Self.pageSize).clamped(to: 0..<selected.count)
            return Result(rows: selected[range].map { Row(publication: $0.policy, agencyName: names[$0.policy.$agency.id] ?? "", waiting: nil,
                                                          due: $0.due, standing: nil) },
                          total: selected.count, counts: counts)
        }
        if let filter = filters[tab] {
            var selected = rows.filter { filter($0) && matching($0.publication) }
            if tab == .dueSoon || tab == .overdue { selected.sort { ($0.due ?? today) < ($1.due ?? today) } }
            let range = PageNumber.range(page: page, size: Self.pageSize).clamped(to: 0..<selected.count)
            return Result(rows: Array(selected[range]), total: selected.count, counts: counts)
        }
        let query = Publication.query(on: db).filter(\.$agency.$id ~~ agencyIDs)
        switch tab {
        case .published: query.filter(\.$status == .published)
        case .withdrawn: query.filter(\.$status ~~ [.withdrawn, .filed])
        default: break
        }
        if !search.isEmpty {
            let term = SearchText.likePattern(search)
            query.group(.or) { $0.filter(\.$title, .custom("LIKE"), term).filter(\.$indexNumber, .custom("LIKE"), term) }
        }
        let total = try await query.count()
        let page = try await query.sort(\.$publishedOn, .descending).sort(\.$id, .descending)
            .range(PageNumber.range(page: page, size: Self.pageSize)).all()
        for p in page where !rows.contains(where: { $0.publication.id == p.id }) {
            rows.append(Row(publication: p, agencyName: names[p.$agency.id] ?? "", waiting: nil, due: nil, standing: nil))
        }
        let byID = Dictionary(rows.map { ($0.publication.id ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
        return Result(rows: page.compactMap { byID[$0.id ?? 0] }, total: total, counts: counts)
    }

    /// Published policies marked as needing an interpretation (同步起草、同步审签、同步发布) with
    /// none published by their due date, oldest first; `due` is the interpretation's due date.
    func policiesMissingInterpretation(calendar: WorkingDayCalendar, today: CivilDate,
                                       on db: any Database) async throws -> [(policy: Publication, due: CivilDate)] {
        let policies = try await Publication.query(on: db).filter(\.$agency.$id ~~ agencyIDs).filter(\.$status == .published)
            .filter(\.$requiresInterpretation == true).sort(\.$publishedOn).sort(\.$id).all()
        guard !policies.isEmpty else { return [] }
        let interpreted = Set(try await Publication.query(on: db).filter(\.$interprets.$id ~~ policies.compactMap(\.id))
            .filter(\.$status == .published).all().compactMap { $0.$interprets.id })  // a withdrawn one no longer interprets
        return policies.compactMap { policy in
            guard let id = policy.id, !interpreted.contains(id), let on = policy.publishedOn,
                  let due = try? InterpretationTimeliness.due(policyPublishedOn: on, workingDays: interpretationDays, calendar: calendar),
                  today > due else { return nil }
            return (policy, due)
        }
    }
}
