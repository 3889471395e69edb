import Fluent
import Foundation
import GongkaiCore


enum RequestService {
    struct Loaded {
        let request: DisclosureRequest
        let consultations: [RequestConsultation]
        let fees: [RequestFeeNotice]
    }

    static func load(_ id: Int, on db: any Database) async throws -> Loaded {
        guard let request = try await DisclosureRequest.find(id, on: db) else { throw AppError.notFound("申请") }
        let consultations = try await RequestConsultation.query(on: db).filter(\.$request.$id == id).sort(\.$id).all()
        let fees = try await RequestFeeNotice.query(on: db).filter(\.$request.$id == id).sort(\.$id).all()
        return Loaded(request: request, consultations: consultations, fees: fees)
    }

    /// The one door for a staff step, console and API alike, checked in this order: the request
    /// exists (404); the user holds the door's permission in its agency (403); the step is named
    /// and known (422) and is taken through its own door — officers' steps through `/actions`,
    /// the head's through `/approvals` (403); its fields are valid (422); the version is the one
    /// the user saw (409).
    static func perform(
        fields: FormFields, door: Permission, requestID: Int, staff: StaffPrincipal, actor: AuditActor,
        context: RequestContext, on db: any Database
    ) async throws {
        guard let request = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        guard staff.can(door, inAgency: request.$agency.id) else { throw AppError.forbidden("您没有“\(door.chineseLabel)”的权限") }
        let step = try StaffActionParser.step(fields)
        guard step.requiredPermission == door else {
            throw AppError.forbidden(step.requiredPermission == .approveExtensionsAndFees
                ? "“\(step.chineseLabel)”须由政府信息公开工作机构负责人办理（审批）"
                : "“\(step.chineseLabel)”由承办人办理，不属于负责人审批事项")
        }
        let version = try fields.version()
        let action = try StaffActionParser.parse(step, fields, today: context.today, rules: context.rules)
        try await perform(action, on: requestID, expectedVersion: version, context: context, actor: actor,
                          actorName: staff.displayName, on: db)
    }

    /// Performs a step in one transaction: optimistic lock, statute check, change, history,
    /// clock, audit. Returns the clock afterwards.
    @discardableResult
    static func perform(
        _ action: StaffAction, on requestID: Int, expectedVersion: Int, context: RequestContext, actor: AuditActor,
        actorName: String, on db: any Database
    ) async throws -> ClockState {
        try await db.writeTransaction { tx in
            let loaded = try await load(requestID, on: tx)
            let r = loaded.request
            let action = try await resolve(action, of: r, on: tx)
            let timeline = r.timeline(consultations: loaded.consultations, fees: loaded.fees)
            let clock = RequestClock.evaluate(timeline, calendar: context.calendar, rules: context.rules, today: context.today)
            if let core = coreAction(action, loaded: loaded, today: context.today),
               let problem = RequestWorkflow.problem(with: core, timeline: timeline, clock: clock, rules: context.rules, today: context.today) {
                throw AppError(status: .unprocessableEntity, code: "not_allowed", message: problem)
            }
            let claimed = try await OptimisticLock.claim(
                table: DisclosureRequest.schema, id: requestID, expectedVersion: expectedVersion,
                what: "申请 \(r.trackingNumber)", on: tx)
            let before = r.auditSnapshot
            r.version = claimed
            let (date, kind, summary) = try await apply(action, to: loaded, clock: clock, context: context, actorName: actorName, on: tx)
            let fresh = try await load(requestID, on: tx)
            let state = RequestClockCache.refresh(r, consultations: fresh.consultations, fees: fresh.fees, context: context)
            try await r.save(on: tx)
            try await RequestEvent(requestID: requestID, occurredOn: date, actor: actor, kind: kind, summary: summary).create(on: tx)
            try await AuditLog.record(.request(kind), r, summary: "\(r.trackingNumber)：\(summary)", before: before, by: actor, on: tx)
            return state
        }
    }

    /// Keeps a scanned letter, an envelope or a corrected application with the request, audited
    /// with the change. The type is judged by content and must match the name.
    static func attach(filename: String, data: Data, to requestID: Int, actor: AuditActor, on db: any Database) async throws -> RequestAttachment {
        guard let r = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        guard let type = FileType.checked(data, filename: filename) else {
            throw AppError.validation(["file": "只能上传 PDF、图片（JPG、PNG）、Word 或文本文件，且文件内容须与扩展名相符"])
        }
        let a = RequestAttachment()
        a.$request.id = requestID
        a.filename = SafeText.filename(filename)
        a.contentType = type.contentType
        a.size = data.count
        a.data = data
        a.uploadedAt = Date()
        a.uploadedBy = actor.name
        try await db.writeTransaction { tx in
            try await a.create(on: tx)
            try await AuditLog.record(.attach, entityType: DisclosureRequest.auditEntityType, entityID: String(requestID),
                                      summary: "\(r.trackingNumber)：上传附件 \(a.filename)（\(a.size) 字节）", before: nil, after: nil,
                                      by: actor, on: tx)
        }
        return a
    }

    /// Personal data is shown in full only after this entry is written (PIPL: every access to
    /// an applicant's full identity number and phone is accountable).
    static func recordFullIdentityView(of r: DisclosureRequest, actor: AuditActor, on db: any Database) async throws {
        try await AuditLog.record(.viewFullID, entityType: DisclosureRequest.auditEntityType, entityID: String(try r.requireID()),
                                  summary: "查看申请 \(r.trackingNumber) 申请人的完整证件号码和电话", before: nil, after: nil,
                                  by: actor, on: db)
    }

    /// Fills in what follows from the records: a per-piece fee notice's earlier pieces this month
    /// come from the applicant's other requests; a different number typed by hand needs a reason.
    private static func resolve(_ action: StaffAction, of r: DisclosureRequest, on db: any Database) async throws -> StaffAction {
        guard case .sendFeeNotice(let method, let quantity, let given, let reason, let sent, let received) = action, method == .pieces else {
            return action
        }
        let derived = try await FeePiecesQuery.earlierThisMonth(before: r, on: db)
        guard let given, given != derived else {
            return .sendFeeNotice(method: method, quantity: quantity, earlierThisMonth: derived, earlierReason: "", sentOn: sent,
                                  applicantReceivedOn: received)
        }
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else {
            throw AppError.validation(["earlier_reason": "按该申请人本月其他申请，本月此前为 \(derived) 件；填写 \(given) 件须写明理由"])
        }
        return .sendFeeNotice(method: method, quantity: quantity, earlierThisMonth: given, earlierReason: why, sentOn: sent,
                              applicantReceivedOn: received)
    }

    /// The statute's view of a step (nil for steps the statute says nothing about).
    private static func coreAction(_ action: StaffAction, loaded: Loaded, today: CivilDate) -> RequestAction? {
        switch action {
        case .confirmReceipt(let on, let reason): return .confirmReceipt(on: on, reason: reason)
        case .assign: return nil
        case .requestExtension(let days, _): return .requestExtension(on: today, days: days)
        case .requestCorrection(let sent, let deadline, _): return .requestCorrection(sentOn: sent, deadline: deadline)
        case .receiveCorrection(let on, let reason): return .receiveCorrection(on: on, lateReason: reason)
        case .sendConsultation(_, _, let sent, let received): return .sendConsultation(sentOn: sent, partyReceivedOn: received)
        case .recordConsultationReceipt(let id, let on): return .recordConsultationReceipt(id: String(id), on: on)
        case .answerConsultation(let id, let on, _): return .answerConsultation(id: String(id), on: on)
        case .approveExtension(let on):
            // Nothing asked for yet: `apply` says so in those words.
            return loaded.request.extensionRequestedDays.map { .grantExtension(on: on, days: $0) }
        case .setDeferral(let on, let due, let reason): return .setDeferral(on: on, dueOn: due, reason: reason)
        case .sendFeeNotice(let method, let quantity, let earlier, _, let sent, let received):
            let amount = FeeCalculator.quote(method, quantity: quantity, earlierThisMonth: earlier ?? 0).amount
            return .sendFeeNotice(on: sent, amount: amount, applicantReceivedOn: received)
        case .recordFeeNoticeReceipt(let on): return .recordFeeNoticeReceipt(on: on)
        case .recordPayment(let on, _), .waiveFee(let on, _): return .settleFee(on: on)
        case .withdraw(let on, _): return .withdraw(on: on)
        case .conclude(let c): return .conclude(on: c.servedOn, outcome: c.outcome, replyType: c.replyType)
        }
    }

    /// Changes the records; returns the date, kind and words of the history entry.
    private static func apply(
        _ action: StaffAction, to loaded: Loaded, clock: ClockState, context: RequestContext, actorName: String, on db: any Database
    ) async throws -> (CivilDate, RequestEventKind, String) {
        let r = loaded.request
        let requestID = try r.requireID()
        let today = context.today
        switch action {
        case .confirmReceipt(let on, let reason):
            r.receivedOn = on
            let delay = on > r.submittedOn ? reason.trimmingCharacters(in: .whitespaces) : ""
            r.receiptDelayReason = delay.isEmpty ? nil : delay
            return (on, .receiptConfirmed, "与申请人确认，收到申请之日为 \(on.iso)（条例第三十一条）"
                    + (delay.isEmpty ? "" : "；申请材料 \(r.submittedOn.iso) 送达，未能当日确认：\(delay)"))
        case .assign(let officerID):
            if let problem = try await CaseOfficers.problem(userID: officerID, agencyID: r.$agency.id, on: db) {
                throw AppError.validation(["case_officer_id": problem])
            }
            guard let officer = try await StaffUser.find(officerID, on: db) else { throw AppError.notFound("承办人") }
            r.$caseOfficer.id = officerID
            return (today, .assigned, "指定承办人：\(officer.displayName)")
        case .requestCorrection(let sent, let deadline, let items):
            guard !items.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw AppError.validation(["items": "请一次性写明需要补正的全部事项（条例第三十条）"])
            }
            r.correctionSentOn = sent
            r.correctionDeadline = deadline
            let late = clock.correctionNoticeDue.map { sent > $0 } ?? false
            return (sent, .correctionRequested,
                    "发出补正通知，补正期限 \(deadline.iso)：\(items)" + (late ? "（超过 \(context.rules.correctionNoticeDays) 个工作日）" : ""))
        case .receiveCorrection(let on, let reason):
            r.correctionReceivedOn = on
            let late = r.correctionDeadline.map { on > $0 } ?? false
            let why = reason.trimmingCharacters(in: .whitespaces)
            r.correctionLateReason = late && !why.isEmpty ? why : nil
            let lateWords = late ? "；补正期限 \(r.correctionDeadline!.iso) 之后补正，理由：\(why)" : ""
            return (on, .correctionReceived, "收到补正后的申请，答复期限重新起算\(lateWords)")
        case .sendConsultation(let kind, let party, let sent, let received):
            guard !party.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.validation(["party": "请填写征求意见的对象"]) }
            let c = RequestConsultation()
            c.$request.id = requestID
            c.party = party
            c.kind = kind
            c.sentOn = sent
            c.partyReceivedOn = received
            c.answerSummary = ""
            try await c.create(on: db)
            return (sent, .consultationSent, "\(kind.chineseLabel)：\(party)（书面征求意见，所需时间不计入答复期限）")
        case .recordConsultationReceipt(let id, let on):
            guard let c = loaded.consultations.first(where: { $0.id == id }) else { throw AppError.notFound("征求意见记录") }
            c.partyReceivedOn = on
            try await c.save(on: db)
            return (on, .consultationReceived, "\(c.party)收到征求意见函，其答复期限自此起算")
        case .answerConsultation(let id, let on, let summary):
            guard let c = loaded.consultations.first(where: { $0.id == id }) else { throw AppError.notFound("征求意见记录") }
            c.answeredOn = on
            c.answerSummary = summary
            try await c.save(on: db)
            return (on, .consultationAnswered, "\(c.party)答复：\(summary.isEmpty ? "（未填写摘要）" : summary)")
        case .requestExtension(let days, let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.validation(["reason": "请填写延期理由"]) }
            r.extensionRequestedDays = days
            r.extensionRequestReason = reason
            return (today, .extensionRequested, "申请延长答复期限 \(days) 个工作日，待政府信息公开工作机构负责人审批：\(reason)")
        case .approveExtension(let on):
            guard let days = r.extensionRequestedDays else {
                throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "承办人尚未提出延期申请")
            }
            r.extensionGrantedOn = on
            r.extensionDays = days
            r.extensionApprovedBy = actorName
            return (on, .extensionGranted, "\(actorName)批准延长答复期限 \(days) 个工作日，并告知申请人：\(r.extensionRequestReason ?? "")")
        case .setDeferral(let on, let due, let reason):
            r.deferralSetOn = on
            r.deferralDueOn = due
            r.deferralReason = reason
            return (on, .deferralSet, "依条例第三十五条确定延迟答复期限至 \(due.iso)：\(reason)")
        case .sendFeeNotice(let method, let quantity, let given, let reason, let sent, let received):
            guard quantity > 0 else { throw AppError.validation(["quantity": method == .pages ? "请填写页数" : "请填写件数"]) }
            let earlier = given ?? 0
            let quote = FeeCalculator.quote(method, quantity: quantity, earlierThisMonth: earlier)
            if let other = loaded.fees.first, other.method != method {
                throw AppError(status: .unprocessableEntity, code: "not_allowed",
                               message: "同一申请只能选择一种计收方式（国办函〔2020〕109号第三条），已按\(other.method.chineseLabel)")
            }
            let f = RequestFeeNotice()
            f.$request.id = requestID
            f.method = method
            f.quantity = quantity
            f.earlierThisMonth = method == .pieces ? earlier : 0
            f.amount = quote.amount
            f.breakdown = quote.chineseSummary
            f.sentOn = sent
            f.applicantReceivedOn = received
            f.approvedBy = actorName
            try await f.create(on: db)
            let basis = method == .pieces ? (reason.isEmpty ? "；本月此前 \(earlier) 件按该申请人本月其他申请计" : "；本月此前 \(earlier) 件系人工填写：\(reason)") : ""
            return (sent, .feeNoticeSent, "发出收费通知：\(quote.chineseSummary)（\(actorName)决定收取\(basis)）")
        case .recordFeeNoticeReceipt(let on):
            guard let f = loaded.fees.first(where: { $0.paidOn == nil && $0.waivedOn == nil }) else { throw AppError.notFound("未缴清的收费通知") }
            f.applicantReceivedOn = on
            try await f.save(on: db)
            return (on, .feeNoticeReceived, "申请人收到收费通知，缴费期限自次日起算")
        case .recordPayment(let on, let receipt):
            guard !receipt.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.validation(["receipt_number": "请填写缴款票据号码"]) }
            guard let f = loaded.fees.first(where: { $0.paidOn == nil && $0.waivedOn == nil }) else { throw AppError.notFound("未缴清的收费通知") }
            f.paidOn = on
            f.receiptNumber = receipt
            try await f.save(on: db)
            return (on, .feePaid, "申请人缴纳信息处理费 \(f.amount) 元，票据号 \(receipt)")
        case .waiveFee(let on, let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.validation(["reason": "减免须写明理由"]) }
            guard let f = loaded.fees.first(where: { $0.paidOn == nil && $0.waivedOn == nil }) else { throw AppError.notFound("未缴清的收费通知") }
            f.waivedOn = on
            f.waiverReason = reason
            f.approvedBy = actorName
            try await f.save(on: db)
            return (on, .feeWaived, "\(actorName)决定减免信息处理费 \(f.amount) 元：\(reason)")
        case .withdraw(let on, let note):
            r.concludedOn = on
            r.outcome = .otherMisc
            r.replyType = .withdrawn
            return (on, .withdrawn, RequestStep.withdraw.chineseLabel + (note.isEmpty ? "" : "：\(note)"))
        case .conclude(let c):
            let agency = try await r.$agency.get(on: db)
            let number = c.letterNumber.isEmpty ? try await nextLetterNumber(agency: agency, year: c.servedOn.year, on: db) : c.letterNumber
            if try await isLetterNumberTaken(number, agencyID: r.$agency.id, on: db) {
                throw AppError.validation(["letter_number": "文号“\(number)”已用于本机关的另一份答复书"])
            }
            var letter = ReplyLetter(
                agencyName: agency.name, letterNumber: number, applicantName: r.applicantName, receivedOn: r.receivedOn ?? c.servedOn,
                description: r.description, outcome: c.outcome, replyType: c.replyType, legalBasis: c.legalBasis, details: c.details,
                reconsiderationBody: agency.reconsiderationBody.isEmpty ? "上一级行政机关或本级人民政府" : agency.reconsiderationBody,
                litigationCourt: agency.litigationCourt.isEmpty ? "有管辖权的人民法院" : agency.litigationCourt,
                contact: [agency.contactName, agency.contactPhone].filter { !$0.isEmpty }.joined(separator: "，"), letterDate: c.servedOn)
            letter.correctionSentOn = r.correctionSentOn
            letter.correctionReceivedOn = r.correctionReceivedOn
            letter.extensionDays = r.extensionDays
            letter.feeNoticeSentOn = loaded.fees.last?.sentOn
            letter.earlierReplyOn = c.earlierReplyOn
            r.concludedOn = c.servedOn
            r.outcome = c.outcome
            r.replyType = c.replyType
            r.serviceMethod = c.serviceMethod
            r.letterNumber = number
            r.replyLetterJSON = String(decoding: try JSONCoding.encoder().encode(letter), as: UTF8.self)
            return (c.servedOn, .concluded, "作出答复（\(number)）：\(c.outcome.chineseLabel)；\(c.replyType.chineseLabel)；\(c.serviceMethod.chineseLabel)")
        }
    }

    /// 示教依申〔2023〕3号: the agency's short name, the year, the next number that year not yet
    /// used (numbers typed by hand are skipped). The unique index on (agency, number) refuses
    /// the second of two replies numbered at the same moment.
    static func nextLetterNumber(agency: Agency, year: Int, on db: any Database) async throws -> String {
        let agencyID = try agency.requireID()
        guard let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else {
            throw AppError.validation(["served_on": "答复日期的年份无效"])
        }
        let count = try await DisclosureRequest.query(on: db).filter(\.$agency.$id == agencyID)
            .filter(\.$concludedOn >= first).filter(\.$concludedOn <= last).filter(\.$letterNumber != nil).count()
        let prefix = String(agency.shortName.replacingOccurrences(of: "县", with: "").prefix(3))
        var n = count + 1
        while try await isLetterNumberTaken("\(prefix)依申〔\(year)〕\(n)号", agencyID: agencyID, on: db) { n += 1 }
        return "\(prefix)依申〔\(year)〕\(n)号"
    }

    private static func isLetterNumberTaken(_ number: String, agencyID: Int, on db: any Database) async throws -> Bool {
        try await DisclosureRequest.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$letterNumber == number).count() > 0
    }

    /// Brings open requests' cached clock (`status`, `due_on`) up to date: after holiday data
    /// changes (every open request), and as days pass (a consultation or fee pause that lapsed
    /// turns "waiting" back into "running"). A changed due date is written to the history and the
    /// audit log, in the words of `reason`. `phases` limits the refresh to requests in those
    /// phases. Returns how many requests changed.
    @discardableResult
    static func refreshOpenRequests(
        context: RequestContext, actor: AuditActor, phases: [ClockState.Phase] = RequestListQuery.openPhases,
        reason: ClockRefreshReason = .passingDays, on db: any Database
    ) async throws -> Int {
        var changed = 0
        var lastID = 0
        while true {
            let batch = try await DisclosureRequest.query(on: db).filter(\.$status ~~ phases).filter(\.$id > lastID)
                .sort(\.$id).range(0..<500).all()
            guard let last = batch.last else { break }
            lastID = try last.requireID()
            let ids = try batch.map { try $0.requireID() }
            let consultations = Dictionary(grouping: try await RequestConsultation.query(on: db).filter(\.$request.$id ~~ ids).sort(\.$id).all(),
                                           by: \.$request.id)
            let fees = Dictionary(grouping: try await RequestFeeNotice.query(on: db).filter(\.$request.$id ~~ ids).sort(\.$id).all(),
                                  by: \.$request.id)
            for r in batch {
                let id = try r.requireID()
                let (oldDue, oldStatus, before) = (r.dueOn, r.status, r.auditSnapshot)
                RequestClockCache.refresh(r, consultations: consultations[id] ?? [], fees: fees[id] ?? [], context: context)
                guard r.dueOn != oldDue || r.status != oldStatus else { continue }
                changed += 1
                try await r.save(on: db)
                guard r.dueOn != oldDue else { continue }
                let summary = reason.summary(from: oldDue, to: r.dueOn)
                let event = RequestEvent(requestID: id, occurredOn: context.today, actor: actor, kind: reason.eventKind, summary: summary)
                try await event.create(on: db)
                try await AuditLog.record(.recomputeDeadline, r, summary: "\(r.trackingNumber)：\(summary)", before: before, by: actor, on: db)
            }
        }
        return changed
    }
}
