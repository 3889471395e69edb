import Foundation
import GongkaiCore

extension PublicationShowPage.Model {
    init(detail d: PublicationDetail, context: ConsoleContext, staff: StaffPrincipal, today: CivilDate, uploadLimit: String,
         error: String? = nil, errors: [String: String] = [:]) throws {
        let p = d.publication
        let agencyID = p.$agency.id
        let inReview = d.waiting != nil
        var steps: [PublicationShowPage.Step] = []
        if inReview || !d.passes.isEmpty {
            for kind in p.chain.steps {
                let pass = d.passes.first { $0.step == kind }
                steps.append(.init(kind: kind, reviewer: pass?.reviewerName, decidedAt: pass.map { Beijing.dateTime($0.decidedAt) },
                                   comment: pass?.comment ?? "", isWaiting: kind == d.waiting))
            }
        }
        var canDecide = false
        var problem: String?
        if let waiting = d.waiting {
            if staff.can(waiting.requiredPermission, inAgency: agencyID) {
                let chain = p.reviewChain(profileAllowsSamePerson: d.profile.allowSamePerson)
                problem = chain.problem(deciding: waiting, after: d.passes.map { .init(step: $0.step, reviewerID: $0.reviewerID) },
                                        reviewerID: staff.userID, authorID: p.$author.id, writerIDs: d.writers, holdsPermission: true)
                canDecide = problem == nil
            } else {
                problem = "待“\(waiting.chineseLabel)”（须由具有“\(waiting.requiredPermission.chineseLabel)”权限的人员办理）"
            }
        }
        let shown = p.revisionState != .none ? p.revision : nil
        // What the reviewers decide on: a pending revision's fields, not the public row's.
        let v: Publication = shown.map { content in
            let copy = Publication()
            copy.apply(content)
            return copy
        } ?? p
        var normativeDates: [(String, String)] = []
        if v.normativeKind != nil {
            if let e = v.effectiveOn { normativeDates.append(("施行日期", e.chinese)) }
            normativeDates.append(("有效期至", v.validUntil?.chinese ?? "长期"))
            if let r = p.repealedOn { normativeDates.append(("废止", "\(r.chinese)" + (p.repealedBy.isEmpty ? "" : "（\(p.repealedBy)）"))) }
            if let a = p.amendedOn { normativeDates.append(("修改", "\(a.chinese)" + (p.amendedBy.isEmpty ? "" : "（\(p.amendedBy)）"))) }
        }
        self.init(
            context: context, id: try p.requireID(), version: p.version, title: shown?.title ?? p.title, status: p.status,
            revision: p.revisionState, revisionNote: shown?.changeNote, indexNumber: p.indexNumber, agency: d.agency.name,
            author: d.authorName, documentNumber: v.documentNumber, writtenOn: v.writtenOn, formedOn: v.formedOn, publishedOn: p.publishedOn,
            scheduledAt: p.scheduledAt.map(Beijing.dateTime), category: v.category, genre: v.genre, subject: v.subject, art20: v.art20Item,
            domains: KeyDomain.allCases.filter { v.domains.contains($0) }.map(\.chineseLabel), disclosure: v.disclosure,
            disclosureReason: v.nonDisclosureReason?.chineseLabel ?? (v.disclosureNote.isEmpty ? nil : v.disclosureNote),
            validity: p.validity(on: today), normativeKind: v.normativeKind, normativeDates: normativeDates,
            bodyHTML: shown?.bodyHTML ?? p.bodyHTML, due: d.due, standing: d.standing, chainSummary: p.chain.chineseSummary,
            round: p.reviewRound, steps: steps, waiting: d.waiting,
            earlierRounds: d.reviews.map { ($0.round, $0.step.chineseLabel, $0.reviewerName, $0.passed, $0.comment, Beijing.dateTime($0.decidedAt)) },
            attachments: try d.attachments.map { (try $0.requireIDValue(), $0.filename, $0.size, $0.pending, $0.removalPending) },
            topics: d.topics.map(\.name), catalogueItem: d.catalogueItem.map { "\($0.domain)：\($0.name)" },
            interprets: d.interprets.flatMap { i in i.id.map { ($0, i.title) } },
            interpretations: d.interpretations.compactMap { i in i.id.map { ($0, i.title, i.status) } },
            versions: d.versions.map { ($0.number, $0.publishedOn.iso, $0.changeNote) },
            events: d.events.map { (Beijing.dateTime($0.occurredAt), $0.actorName, $0.summary) },
            withdrawn: p.withdrawnOn.map { ($0, p.withdrawnReason ?? "") },
            canPublish: staff.can(.publish, inAgency: agencyID), canDecide: canDecide, decideProblem: problem,
            uploadLimit: uploadLimit, error: error, errors: errors)
        deadlineApplies = p.pendingFormedOn != nil
        deadlineIsRevision = p.status == .published && p.revisionState != .none
        missingYear = d.missingYear
        if let at = p.scheduledAt, let due = d.due, p.status != .published, CivilDate.today(at: at) > due { scheduledAfterDue = true }
        validityValues = ["repealed_on": p.repealedOn?.iso ?? "", "repealed_by": p.repealedBy, "amended_on": p.amendedOn?.iso ?? "",
                          "amended_by": p.amendedBy, "valid_until": p.validUntil?.iso ?? ""]
        interpretationStanding = d.interpretationStanding
    }
}

extension PublicationAttachment {
    func requireIDValue() throws -> Int {
        guard let id else { throw AppError.notFound("附件") }
        return id
    }
}
