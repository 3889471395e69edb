import Fluent
import Foundation
import GongkaiCore

/// The one door for publications: the console and the API call these functions, which check
/// in this order — the item exists (404), the user holds the door's permission in its agency
/// (403), the step is known (422) and taken through its own door (403), the state and the review
/// chain allow it (422), its fields are valid (422), the version is the one the user saw (409) —
/// then change the records, the history, the search index and the portal's change counter in
/// one transaction with the audit entry.
enum PublicationService {
    /// What a service call needs from the installation.
    struct Context: Sendable {
        var calendar: WorkingDayCalendar
        var today: CivilDate
        var now: Date
        var cache: PortalCache?
        /// Working days after a policy within which its interpretation is on time (GONGKAI_INTERPRETATION_DAYS).
        var interpretationDays = InterpretationTimeliness.defaultWorkingDays
    }

    // MARK: drafting

    /// A new draft in the named agency, by a user who may publish there.
    static func create(fields: FormFields, staff: StaffPrincipal, actor: AuditActor, context: Context,
                       on db: any Database) async throws -> Publication {
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请选择发布机构"]) }
        guard let agency = try await Agency.find(agencyID, on: db) else { throw AppError.validation(["agency_id": "发布机构不存在"]) }
        guard staff.can(.publish, inAgency: agencyID) else { throw AppError.forbidden("您不能以\(agency.name)的名义起草信息") }
        let content = try PublicationInput.parse(
            fields, today: context.today, now: context.now)
        try await checkReferences(content, agencyID: agencyID, selfID: nil, on: db)
        let profile = try await PublishingProfile.effective(for: agency, on: db)
        return try await db.writeTransaction { tx in
            let p = Publication()
            p.version = 1
            p.$agency.id = agencyID
            p.$author.id = staff.userID
            p.apply(content)
            p.status = .draft
            p.reviewSteps = profile.chain.codes
            p.reviewRound = 0
            p.revisionState = .none
            p.versionNumber = 0
            p.repealedBy = ""
            p.amendedBy = ""
            try await p.create(on: tx)
            let id = try p.requireID()
            try await setTopics(content.topicIDs, of: id, on: tx)
            try await record(.drafted, p, "起草《\(p.title)》", before: nil, actor: actor, on: tx)
            return p
        }
    }

    /// Saves the draft's fields; on a published item, saves them as a revision (with its change
    /// note) that the public sees only once the chain has passed it.
    static func update(id: Int, fields: FormFields, staff: StaffPrincipal, actor: AuditActor, context: Context,
                       on db: any Database) async throws {
        guard let p = try await Publication.find(id, on: db) else { throw AppError.notFound("信息") }
        guard staff.can(.publish, inAgency: p.$agency.id) else { throw AppError.forbidden("您没有“\(Permission.publish.chineseLabel)”的权限") }
        guard PublicationWorkflow.canEdit(status: p.status, revision: p.revisionState) else {
            throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "“\(p.status.chineseLabel)”的信息不能修改")
        }
        let attachments = try await PublicationAttachment.query(on: db).filter(\.$publication.$id == id).all()
        // A published item's stored time is history (its revision goes out when passed).
        let content = try PublicationInput.parse(
            fields, today: context.today, now: p.status == .published ? nil : context.now,
            images: imageResolver(publicationID: id, attachments))
        if p.status == .published && content.changeNote.isEmpty {
            throw AppError.validation(["change_note": "修改已发布的信息须填写修改说明（将在公开页面显示）"])
        }
        // A revision replaces the public text: it stays 主动公开 (stopping publication is a withdrawal).
        if p.status == .published && content.disclosure != .proactive {
            throw AppError.validation(["disclosure": "已发布信息的修订稿只能是“\(DisclosureAttribute.proactive.chineseLabel)”；如需停止公开，请撤回"])
        }
        try await checkReferences(content, agencyID: p.$agency.id, selfID: id, on: db)
        let version = try fields.version()
        try await db.writeTransaction { tx in
            let claimed = try await OptimisticLock.claim(table: Publication.schema, id: id, expectedVersion: version, what: "信息《\(p.title)》", on: tx)
            let before = p.auditSnapshot
            p.version = claimed
            if p.status == .published {
                var revision = content
                revision.base = p.revision?.base ?? PublicationContent.Base(validUntil: p.validUntil)
                p.revisionJSON = String(decoding: try PublicationContent.encoder.encode(revision), as: UTF8.self)
                p.revisionState = .draft
                try await p.save(on: tx)
                try await record(.revisionDrafted, p, "起草修订稿：\(content.changeNote)", before: before, actor: actor, on: tx)
            } else {
                p.apply(content)
                try await p.save(on: tx)
                try await setTopics(content.topicIDs, of: id, on: tx)
                try await record(.edited, p, "修改草稿《\(p.title)》", before: before, actor: actor, on: tx)
            }
        }
    }

    /// Keeps a file with the publication, judged by its content; a file added to a published
    /// item belongs to its revision and shows once the revision passes.
    static func attach(filename: String, data: Data, to id: Int, staff: StaffPrincipal, actor: AuditActor,
                       on db: any Database) async throws -> PublicationAttachment {
        guard let p = try await Publication.find(id, on: db) else { throw AppError.notFound("信息") }
        guard staff.can(.publish, inAgency: p.$agency.id) else { throw AppError.forbidden("您没有“\(Permission.publish.chineseLabel)”的权限") }
        guard PublicationWorkflow.canEdit(status: p.status, revision: p.revisionState) else {
            throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "“\(p.status.chineseLabel)”的信息不能添加附件")
        }
        guard let type = FileType.checked(data, filename: filename), type != .text else {
            throw AppError.validation(["file": "只能上传 PDF、图片（JPG、PNG）或 Word 文件，且文件内容须与扩展名相符"])
        }
        let a = PublicationAttachment()
        a.$publication.id = id
        a.filename = SafeText.filename(filename)
        a.contentType = type.contentType
        a.size = data.count
        a.data = data
        a.uploadedAt = Date()
        a.uploadedBy = actor.name
        a.pending = p.status == .published
        a.removalPending = false
        try await db.writeTransaction { tx in
            try await a.create(on: tx)
            try await record(.attached, p, "上传附件 \(a.filename)（\(a.size) 字节）" + (a.pending ? "，随修订稿发布" : ""),
                             before: nil, actor: actor, on: tx)
        }
        return a
    }

    /// What became of a file asked to be removed.
    enum Removal: String, Sendable {
        /// Never public (a draft's file, or one added with the revision): deleted at once.
        case deleted
        /// Public: goes when the revision passes, public until then.
        case markedForRevision = "marked_for_revision"
    }

    /// Removes a file, under the rules of uploading one (`.publish` in the agency, an item that
    /// may be edited). A file the public has never seen — a draft's, or one added with the
    /// revision under way — is deleted at once. A public file of a published item belongs to the
    /// published version: removing it is part of the revision, so it is marked, stays public, and
    /// goes when the revision passes (`complete`). An image the text in force after the change
    /// still shows cannot go: the body would point at nothing.
    static func removeAttachment(_ fileID: Int, of id: Int, staff: StaffPrincipal, actor: AuditActor,
                                 on db: any Database) async throws -> Removal {
        let (p, a) = try await editableAttachment(fileID, of: id, staff: staff, doing: "删除附件", on: db)
        if a.removalPending { throw notAllowed("附件 \(a.filename) 已标记随修订稿删除") }
        if names(a, in: p) { throw notAllowed(a.isImage ? "正文引用了该图片，请先从正文中删去" : "正文链接了该附件，请先从正文中删去链接") }
        let removal: Removal = p.status == .published && !a.pending ? .markedForRevision : .deleted
        try await db.writeTransaction { tx in
            try await claim(p, on: tx)
            switch removal {
            case .deleted:
                try await a.delete(on: tx)
                try await record(.attachmentRemoved, p, "删除附件 \(a.filename)（编号 \(fileID)）", before: nil, actor: actor, on: tx)
            case .markedForRevision:
                a.removalPending = true
                try await a.save(on: tx)
                try await record(.attachmentRemovalMarked, p, "附件 \(a.filename)（编号 \(fileID)）随修订稿删除，修订稿发布前仍公开",
                                 before: nil, actor: actor, on: tx)
            }
        }
        return removal
    }

    /// Takes back the mark of `removeAttachment` while the revision is still a draft (保留): the
    /// file stays with the published item.
    static func keepAttachment(_ fileID: Int, of id: Int, staff: StaffPrincipal, actor: AuditActor, on db: any Database) async throws {
        let (p, a) = try await editableAttachment(fileID, of: id, staff: staff, doing: "保留附件", on: db)
        guard a.removalPending else { throw notAllowed("附件 \(a.filename) 没有标记删除") }
        a.removalPending = false
        try await db.writeTransaction { tx in
            try await claim(p, on: tx)
            try await a.save(on: tx)
            try await record(.attachmentKept, p, "保留附件 \(a.filename)（编号 \(fileID)），不再随修订稿删除", before: nil, actor: actor, on: tx)
        }
    }

    /// The checks of a change to a file, in the order of `attach`: the item (404), `.publish` in
    /// its agency (403), the file is the item's (404), the item may be edited now (422).
    private static func editableAttachment(_ fileID: Int, of id: Int, staff: StaffPrincipal, doing: String,
                                           on db: any Database) async throws -> (Publication, PublicationAttachment) {
        guard let p = try await Publication.find(id, on: db) else { throw AppError.notFound("信息") }
        guard staff.can(.publish, inAgency: p.$agency.id) else { throw AppError.forbidden("您没有“\(Permission.publish.chineseLabel)”的权限") }
        guard let a = try await PublicationAttachment.find(fileID, on: db), a.$publication.id == id else { throw AppError.notFound("附件") }
        guard PublicationWorkflow.canEdit(status: p.status, revision: p.revisionState) else {
            throw notAllowed("“\(p.status.chineseLabel)”\(p.revisionState == .inReview ? "（修订稿审核中）" : "")的信息不能\(doing)")
        }
        return (p, a)
    }

    /// Claims the item at the version the checks read: a submission or a decision that lands in
    /// between (they claim it too) makes this a conflict (409), so a file is never marked or
    /// removed behind the reviewers' backs, nor after the revision it was meant for has passed.
    private static func claim(_ p: Publication, on tx: any Database) async throws {
        p.version = try await OptimisticLock.claim(table: Publication.schema, id: try p.requireID(), expectedVersion: p.version,
                                                   what: "信息《\(p.title)》", on: tx)
    }

    /// Whether the text that will be in force once the change passes — the revision's when there
    /// is one, else the body — shows the image or links to the file, by either name
    /// `imageResolver` accepts: removing it would leave a broken image or a dead link.
    private static func names(_ a: PublicationAttachment, in p: Publication) -> Bool {
        guard let fileID = a.id, let id = p.id else { return false }
        let body = p.revision?.bodyHTML ?? p.bodyHTML
        return ["attachment:\(fileID)", SiteURL.portalAttachment(.value(id), .value(fileID)).path]
            .contains { body.contains("\"\($0)\"") || body.contains("'\($0)'") }
    }

    /// What an author may show in the body: this publication's images, by `attachment:ID` or by
    /// address — not a file marked to go with the revision, which the new text cannot show.
    static func imageResolver(publicationID: Int, _ attachments: [PublicationAttachment]) -> (String) -> RichText.Image? {
        var images: [String: RichText.Image] = [:]
        for a in attachments where a.isImage && !a.removalPending {
            guard let fileID = a.id else { continue }
            let image = RichText.Image(src: SiteURL.portalAttachment(.value(publicationID), .value(fileID)).path, alt: a.filename)
            images["attachment:\(fileID)"] = image
            images[image.src] = image
        }
        return { images[$0] }
    }

    // MARK: steps

    /// A step through the door `door`: `.publish` for the author's steps, the waiting review
    /// step's permission for `pass` and `return`.
    static func perform(fields: FormFields, door: Permission, publicationID: Int, staff: StaffPrincipal, actor: AuditActor,
                        context: Context, on db: any Database) async throws {
        guard let p = try await Publication.find(publicationID, on: db) else { throw AppError.notFound("信息") }
        guard staff.can(door, inAgency: p.$agency.id) else { throw AppError.forbidden("您没有“\(door.chineseLabel)”的权限") }
        guard let step = PublicationStep(rawValue: fields["action"]) else {
            throw AppError.validation(["action": "请说明要办理的事项（action：" + PublicationStep.allCases.map(\.rawValue).joined(separator: "、") + "）"])
        }
        let isRevision = p.status == .published && p.revisionState != .none
        // The step's own door: the author's steps through `.publish`, review decisions through
        // the permission of the step that is waiting.
        if !step.isReviewDecision && door != .publish { throw AppError.forbidden("“\(step.chineseLabel)”由信息发布人员办理") }
        if let problem = PublicationWorkflow.problem(step, status: p.status, revision: p.revisionState, isNormative: p.isNormative) {
            throw notAllowed(problem)
        }
        let profile = try await PublishingProfile.effective(for: try await p.$agency.get(on: db), on: db)
        var passes: [ReviewChain.Pass] = []
        var waiting: ReviewStepKind?
        if step.isReviewDecision {
            let chain = p.reviewChain(profileAllowsSamePerson: profile.allowSamePerson)
            passes = try await currentPasses(of: p, on: db)
            guard let next = chain.awaiting(after: passes) else { throw notAllowed("审核已全部完成，没有待审核的步骤") }
            waiting = next
            guard next.requiredPermission == door else {
                throw AppError.forbidden("当前待办的是“\(next.chineseLabel)”，须由具有“\(next.requiredPermission.chineseLabel)”权限的人员办理")
            }
            // The step the reviewer means to decide (the form names it): no skipping, no going back.
            let named = fields["step"].isEmpty ? next : try ReviewStepKind(rawValue: fields["step"])
                .orThrow(AppError.validation(["step": "审核步骤“\(fields["step"])”无法识别"]))
            // Whoever wrote, edited or submitted this round's text is its author too.
            let writers = try await PublicationWriters.of(p, on: db)
            if let problem = chain.problem(deciding: named, after: passes, reviewerID: staff.userID, authorID: p.$author.id,
                                           writerIDs: writers, holdsPermission: staff.can(named.requiredPermission, inAgency: p.$agency.id)) {
                throw notAllowed(problem)
            }
        }
        // Fields of the step.
        let comment = fields["comment"]
        if step == .returnToAuthor && comment.isEmpty { throw AppError.validation(["comment": "退回须写明理由"]) }
        if step == .withdraw && fields["reason"].isEmpty { throw AppError.validation(["reason": "撤回须写明理由（将在公开页面显示）"]) }
        var validity: (repealedOn: CivilDate?, repealedBy: String, amendedOn: CivilDate?, amendedBy: String, validUntil: CivilDate?)?
        if step == .registerValidity { validity = try parseValidity(fields, p: p, today: context.today) }
        let version = try fields.version()
        let (waitingStep, passedSoFar, validityFacts) = (waiting, passes, validity)

        let changedPortal = try await db.writeTransaction { tx -> Bool in
            let claimed = try await OptimisticLock.claim(table: Publication.schema, id: publicationID, expectedVersion: version,
                                                         what: "信息《\(p.title)》", on: tx)
            let before = p.auditSnapshot
            p.version = claimed
            switch step {
            case .submit:
                p.reviewRound += 1
                p.submittedByID = staff.userID
                p.reviewSteps = profile.chain.codes
                p.reviewAllowsSamePerson = profile.allowSamePerson
                if isRevision { p.revisionState = .inReview } else { p.status = .inReview }
                try await p.save(on: tx)
                try await record(.submitted, p, "提交审核（第 \(p.reviewRound) 轮，\(profile.chain.chineseSummary)）" + (isRevision ? "：修订稿" : ""),
                                 before: before, actor: actor, on: tx)
                return false
            case .pass:
                let kind = waitingStep!
                try await decide(p, step: kind, index: passedSoFar.count, passed: true, comment: comment, staff: staff, revision: isRevision, on: tx)
                try await p.save(on: tx)
                try await record(.stepPassed, p, "\(kind.chineseLabel)通过" + (comment.isEmpty ? "" : "：\(comment)"), before: before, actor: actor, on: tx)
                let chain = p.reviewChain(profileAllowsSamePerson: profile.allowSamePerson)
                guard passedSoFar.count + 1 == chain.steps.count else { return false }
                return try await complete(p, profile: profile, revision: isRevision, context: context, actor: actor, on: tx)
            case .returnToAuthor:
                let kind = waitingStep!
                try await decide(p, step: kind, index: passedSoFar.count, passed: false, comment: comment, staff: staff, revision: isRevision, on: tx)
                if isRevision { p.revisionState = .draft } else { p.status = .draft }
                try await p.save(on: tx)
                try await record(.returned, p, "\(kind.chineseLabel)退回：\(comment)", before: before, actor: actor, on: tx)
                return false
            case .withdraw:
                // A revision in review ends here, in the same transaction: returned, as a reviewer
                // would, with the reason that there is nothing left to revise (cold review 11n, L5).
                let revisionInReview = p.revisionState == .inReview
                p.status = .withdrawn
                p.withdrawnOn = context.today
                p.withdrawnReason = fields["reason"]
                p.revisionState = .none
                p.revisionJSON = nil
                try await p.save(on: tx)
                try await PublicationSearchIndex.remove(p, on: tx)
                try await PortalCache.bump(on: tx)  // every instance drops the page, not only this one
                if revisionInReview {
                    try await record(.returned, p, "修订稿退回：\(revisionClosedReason)（第 \(p.reviewRound) 轮审核终止）", before: before, actor: actor, on: tx)
                }
                try await record(.withdrawn, p, "撤回：\(fields["reason"])", before: before, actor: actor, on: tx)
                return true
            case .unschedule:
                p.status = .draft
                try await p.save(on: tx)
                try await record(.unscheduled, p, "取消定时发布，退回草稿", before: before, actor: actor, on: tx)
                return false
            case .registerValidity:
                let v = validityFacts!
                p.repealedOn = v.repealedOn
                p.repealedBy = v.repealedBy
                p.amendedOn = v.amendedOn
                p.amendedBy = v.amendedBy
                p.validUntil = v.validUntil
                try await p.save(on: tx)
                try await PortalCache.bump(on: tx)
                let status = p.validity(on: context.today)?.chineseLabel ?? ""
                try await record(.repealed, p, "登记有效性：" + [
                    v.repealedOn.map { "\($0.iso) 废止" + (v.repealedBy.isEmpty ? "" : "（\(v.repealedBy)）") },
                    v.amendedOn.map { "\($0.iso) 修改" + (v.amendedBy.isEmpty ? "" : "（\(v.amendedBy)）") },
                    v.validUntil.map { "有效期至 \($0.iso)" },
                ].compactMap { $0 }.joined(separator: "；") + "；现为“\(status)”", before: before, actor: actor, on: tx)
                return true
            }
        }
        if changedPortal { context.cache?.didChange() }
    }

    /// Every step passed: a revision replaces the public text; a first round goes public now,
    /// waits for its time, or is filed when it is not for proactive disclosure.
    private static func complete(_ p: Publication, profile: PublishingProfile, revision: Bool, context: Context, actor: AuditActor,
                                 on tx: any Database) async throws -> Bool {
        let before = p.auditSnapshot
        if revision {
            guard var content = p.revision else { throw notAllowed("修订稿无法读取") }
            let id = try p.requireID()
            // 有效期至 registered while the revision waited stays, unless the revision changed it.
            if let base = content.base, content.validUntil == base.validUntil { content.validUntil = p.validUntil }
            p.apply(content)
            p.revisionJSON = nil
            p.revisionState = .none
            p.versionNumber += 1
            try await p.save(on: tx)
            try await setTopics(content.topicIDs, of: id, on: tx)
            // The files the revision removes go with it; the ones it added become public.
            let removed = try await PublicationAttachment.query(on: tx).filter(\.$publication.$id == id).filter(\.$removalPending == true)
                .field(\.$id).field(\.$filename).field(\.$publication.$id).sort(\.$id).all()
            try await PublicationAttachment.query(on: tx).filter(\.$publication.$id == id).filter(\.$removalPending == true).delete()
            try await PublicationAttachment.query(on: tx).filter(\.$publication.$id == id).set(\.$pending, to: false).update()
            try await addVersion(p, note: content.changeNote, at: context.now, on: tx)
            try await PublicationSearchIndex.put(p, on: tx)
            try await PortalCache.bump(on: tx)
            // Art. 26 counts a change like a first publication: from the revision's 变更 date.
            try await record(
                .revised, p,
                "发布第 \(p.versionNumber) 版：\(content.changeNote)"
                    + (removed.isEmpty ? "" : "；删除附件 " + removed.map(\.filename).joined(separator: "、"))
                    + lateness(formedOn: content.formedOn, context: context),
                before: before, actor: actor, on: tx)
            return true
        }
        if p.disclosure != .proactive {
            p.status = .filed
            try await p.save(on: tx)
            try await record(.filed, p, "审核完成，公开属性为“\(p.disclosure.chineseLabel)”，归档不主动公开", before: before, actor: actor, on: tx)
            return false
        }
        if let at = p.scheduledAt, at > context.now {
            p.status = .scheduled
            try await p.save(on: tx)
            try await record(.scheduled, p, "审核完成，定于 \(Beijing.dateTime(at)) 发布", before: before, actor: actor, on: tx)
            return false
        }
        try await goPublic(p, profile: profile, context: context, actor: actor, on: tx)
        return true
    }

    /// Gives the index number and puts the item on the portal.
    private static func goPublic(_ p: Publication, profile: PublishingProfile, context: Context, actor: AuditActor,
                                 on tx: any Database) async throws {
        let before = p.auditSnapshot
        let values = IndexNumberRule.Values(agencyCode: profile.indexCode, category: p.category, subject: p.subject, year: context.today.year)
        p.indexNumber = try await IndexNumberAllocator.next(rule: profile.rule, values: values, on: tx)
        p.status = .published
        p.publishedOn = context.today
        p.publishedAt = context.now
        p.versionNumber = 1
        try await p.save(on: tx)
        try await addVersion(p, note: "首次发布", at: context.now, on: tx)
        try await PublicationSearchIndex.put(p, on: tx)
        try await PortalCache.bump(on: tx)
        let late = lateness(formedOn: p.formedOn, context: context)
        try await record(.published, p, "发布，索引号 \(p.indexNumber ?? "")" + late, before: before, actor: actor, on: tx)
    }

    /// What the history says about Art. 26 when something formed or changed on `formedOn` goes
    /// public today: nothing when on time; late, with the due date; or why it cannot be said.
    private static func lateness(formedOn: CivilDate, context: Context) -> String {
        let deadline = ProactiveDeadline.assess(formedOn: formedOn, today: context.today, calendar: context.calendar)
        if let due = deadline.due { return context.today > due ? "（超过条例第二十六条规定的 20 个工作日期限，应于 \(due.iso) 前公开）" : "" }
        if deadline.standing == .overdue { return "（超过条例第二十六条规定的 20 个工作日期限）" }
        let year = ProactiveDeadline.missingYear(formedOn: formedOn, calendar: context.calendar)
        return "（缺少 \(year.map(String.init) ?? "所需年份") 年的节假日安排，第二十六条期限无法计算）"
    }

    /// Publishes what was scheduled for now or earlier (`PublicationScheduler`). Each item is
    /// claimed with its version, so two instances cannot publish it twice.
    @discardableResult
    static func publishDue(context: Context, on db: any Database) async throws -> Int {
        let due = try await Publication.query(on: db).filter(\.$status == .scheduled).filter(\.$scheduledAt <= context.now).all()
        var published = 0
        for p in due {
            let agency = try await p.$agency.get(on: db)
            let profile = try await PublishingProfile.effective(for: agency, on: db)
            do {
                try await db.writeTransaction { tx in
                    p.version = try await OptimisticLock.claim(table: Publication.schema, id: try p.requireID(), expectedVersion: p.version,
                                                               what: "信息《\(p.title)》", on: tx)
                    try await goPublic(p, profile: profile, context: context, actor: .system, on: tx)
                }
                published += 1
            } catch let error as AppError where error.status == .conflict {
                continue  // another instance took it
            }
        }
        if published > 0 { context.cache?.didChange() }
        return published
    }

    // MARK: helpers

    private static func decide(_ p: Publication, step: ReviewStepKind, index: Int, passed: Bool, comment: String, staff: StaffPrincipal,
                               revision: Bool, on tx: any Database) async throws {
        let r = PublicationReview()
        r.$publication.id = try p.requireID()
        r.round = p.reviewRound
        r.stepIndex = index
        r.step = step
        r.passed = passed
        r.comment = comment
        r.reviewerID = staff.userID
        r.reviewerName = staff.displayName
        r.decidedAt = Date()
        r.revision = revision
        try await r.create(on: tx)
    }

    /// The passes of the current round, in chain order.
    static func currentPasses(of p: Publication, on db: any Database) async throws -> [ReviewChain.Pass] {
        try await PublicationReview.query(on: db).filter(\.$publication.$id == p.requireID()).filter(\.$round == p.reviewRound)
            .filter(\.$passed == true).sort(\.$stepIndex).all()
            .map { ReviewChain.Pass(step: $0.step, reviewerID: $0.reviewerID) }
    }

    private static func addVersion(_ p: Publication, note: String, at: Date, on tx: any Database) async throws {
        let v = PublicationVersion()
        v.$publication.id = try p.requireID()
        v.number = p.versionNumber
        v.publishedAt = at
        v.publishedOn = CivilDate.today(at: at)
        v.title = p.title
        v.bodyHTML = p.bodyHTML
        v.changeNote = note
        try await v.create(on: tx)
    }

    private static func setTopics(_ ids: [Int], of publicationID: Int, on tx: any Database) async throws {
        try await PublicationTopic.query(on: tx).filter(\.$publication.$id == publicationID).delete()
        for topic in ids { try await PublicationTopic(publicationID: publicationID, topicColumnID: topic).create(on: tx) }
    }

    /// The policy interpreted, the catalogue item and the topic columns must exist (the item in
    /// the publication's agency).
    private static func checkReferences(_ c: PublicationContent, agencyID: Int, selfID: Int?, on db: any Database) async throws {
        var errors: [String: String] = [:]
        if let policy = c.interpretsID {
            if policy == selfID { errors["interprets_id"] = "解读不能指向自身" }
            // Only a published policy: an id of another agency's draft must not reveal its title.
            else if try await Publication.find(policy, on: db)?.status != .published { errors["interprets_id"] = "所解读的政策不存在或尚未发布" }
        }
        if let itemID = c.catalogueItemID {
            let item = try await CatalogueItem.find(itemID, on: db)
            if item == nil || item?.$agency.id != agencyID { errors["catalogue_item_id"] = "标准目录事项不存在或不属于本机关" }
        }
        if !c.topicIDs.isEmpty {
            let found = try await TopicColumn.query(on: db).filter(\.$id ~~ c.topicIDs).count()
            if found != c.topicIDs.count { errors["topic_ids"] = "所选专题专栏不存在" }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }

    private static func parseValidity(_ f: FormFields, p: Publication, today: CivilDate) throws
        -> (repealedOn: CivilDate?, repealedBy: String, amendedOn: CivilDate?, amendedBy: String, validUntil: CivilDate?) {
        var errors: [String: String] = [:]
        // A field not sent keeps what the register holds (registering a repeal does not erase a
        // validity date); a field sent empty clears it.
        func date(_ name: String, _ label: String, stored: CivilDate?) -> CivilDate? {
            guard f.has(name) else { return stored }
            guard !f[name].isEmpty else { return nil }
            guard let d = CivilDate(iso: f[name]) else { errors[name] = "\(label)应为 YYYY-MM-DD"; return nil }
            return d
        }
        func text(_ name: String, stored: String) -> String { f.has(name) ? f[name] : stored }
        let repealedOn = date("repealed_on", "废止日期", stored: p.repealedOn)
        let amendedOn = date("amended_on", "修改日期", stored: p.amendedOn)
        let validUntil = date("valid_until", "有效期至", stored: p.validUntil)
        let repealedBy = text("repealed_by", stored: p.repealedBy), amendedBy = text("amended_by", stored: p.amendedBy)
        let start = p.effectiveOn ?? p.writtenOn ?? p.formedOn
        if let r = repealedOn, r < start { errors["repealed_on"] = "废止日期不能早于施行日期 \(start.iso)" }
        if let a = amendedOn, a < start { errors["amended_on"] = "修改日期不能早于施行日期 \(start.iso)" }
        if let v = validUntil, v < start { errors["valid_until"] = "有效期不能早于施行日期 \(start.iso)" }
        if repealedOn != nil && repealedBy.isEmpty { errors["repealed_by"] = "请填写废止依据（决定或文件的名称、文号）" }
        if amendedOn != nil && amendedBy.isEmpty { errors["amended_by"] = "请填写修改文件的名称、文号" }
        if repealedOn == nil && amendedOn == nil && validUntil == nil && p.validUntil == nil && p.repealedOn == nil && p.amendedOn == nil {
            errors["repealed_on"] = "请至少填写废止日期、修改日期或有效期之一"
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return (repealedOn, repealedOn == nil ? "" : repealedBy, amendedOn, amendedOn == nil ? "" : amendedBy, validUntil)
    }

    private static func record(_ kind: PublicationEventKind, _ p: Publication, _ summary: String, before: [String: String]?,
                               actor: AuditActor, on tx: any Database) async throws {
        let id = try p.requireID()
        try await PublicationEvent(publicationID: id, actor: actor, kind: kind, summary: summary).create(on: tx)
        try await AuditLog.record(.publication(kind), p, summary: "《\(p.title)》：\(summary)", before: before, by: actor, on: tx)
    }

    /// Why a revision in review was returned when its item was withdrawn.
    static let revisionClosedReason = "原信息已撤回"

    private static func notAllowed(_ message: String) -> AppError {
        AppError(status: .unprocessableEntity, code: "not_allowed", message: message)
    }
}

extension Optional {
    /// The value, or the error when there is none.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
