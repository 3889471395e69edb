import Fluent
import Foundation
import GongkaiCore


enum ChallengeService {
    /// The staff door to the register, console and API alike: the user must handle requests for
    /// the agency named by `agency_id` (403), the fields must be valid (422). The linked request
    /// is named by `request_id` or by its tracking number (`request_tracking_number`), looked
    /// up among the user's own agencies only, so the form tells nobody whether another
    /// agency's tracking number exists.
    static func register(fields: FormFields, staff: StaffPrincipal, today: CivilDate, by actor: AuditActor,
                         on db: any Database) async throws -> ChallengeCase {
        var fields = fields
        if let agencyID = fields.int("agency_id"), !staff.can(.handleRequests, inAgency: agencyID) {
            throw AppError.forbidden("您不能为该机关登记案件")
        }
        let tracking = fields["request_tracking_number"].uppercased()
        if !tracking.isEmpty {
            let own = Array(staff.agencies(with: .handleRequests))
            guard let r = try await DisclosureRequest.query(on: db).filter(\.$trackingNumber == tracking).filter(\.$agency.$id ~~ own).first() else {
                throw AppError.validation(["request_tracking_number": "没有查询号为 \(tracking) 的申请"])
            }
            fields.set("request_id", String(try r.requireID()))
        }
        return try await register(try ChallengeInput(form: fields, today: today), by: actor, on: db)
    }

    /// The staff door to recording a decision: the case exists (404), the user handles its
    /// agency's requests (403), the version is given (422) and current (409).
    static func decide(fields: FormFields, caseID: Int, staff: StaffPrincipal, context: RequestContext, by actor: AuditActor,
                       on db: any Database) async throws -> ChallengeCase {
        guard let c = try await ChallengeCase.find(caseID, on: db) else { throw AppError.notFound("复议诉讼案件") }
        guard staff.can(.handleRequests, inAgency: c.$agency.id) else { throw AppError.forbidden("您不能办理该机关的案件") }
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        return try await decide(caseID, try ChallengeDecision(form: fields, today: context.today), expectedVersion: version,
                                context: context, by: actor, on: db)
    }

    static func register(_ input: ChallengeInput, by actor: AuditActor, on db: any Database) async throws -> ChallengeCase {
        if let requestID = input.requestID {
            guard let request = try await DisclosureRequest.find(requestID, on: db), request.$agency.id == input.agencyID else {
                throw AppError.validation(["request_id": "关联的申请不存在或不属于该机关"])
            }
            if let concluded = request.concludedOn, input.filedOn < concluded {
                throw AppError.validation(["filed_on": "立案日期早于被复议（起诉）的答复日期 \(concluded.iso)"])
            }
        }
        let c = ChallengeCase()
        c.version = 1
        c.$agency.id = input.agencyID
        c.$request.id = input.requestID
        c.kind = input.kind
        c.filedOn = input.filedOn
        c.body = input.body
        c.caseNumber = input.caseNumber
        c.result = .pending
        c.summary = input.summary
        c.asCoDefendant = input.asCoDefendant
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record(.create, c, summary: "登记\(c.kind.chineseLabel)案件 \(c.caseNumber)（\(c.body)）", before: nil, by: actor, on: tx)
        }
        return c
    }

    /// The staff door to correcting whether the agency is the reconsideration body sued as
    /// co-defendant (`as_co_defendant`, which decides whether the case is in its table 四): the
    /// case exists (404), the user handles its agency's requests (403), the version is given and
    /// the value is true or false (422), the kind allows it (422), the version is current (409).
    static func correctCoDefendant(
        fields: FormFields, caseID: Int, staff: StaffPrincipal, by actor: AuditActor,
        on db: any Database
    ) async throws -> ChallengeCase {
        guard let c = try await ChallengeCase.find(caseID, on: db) else { throw AppError.notFound("复议诉讼案件") }
        guard staff.can(.handleRequests, inAgency: c.$agency.id) else { throw AppError.forbidden("您不能办理该机关的案件") }
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        guard let flag = ChallengeInput.coDefendant(fields) else {
            throw AppError.validation(["as_co_defendant": ChallengeInput.coDefendantValues])
        }
        if flag, let problem = ChallengeInput.coDefendantProblem(kind: c.kind) { throw AppError.validation(["as_co_defendant": problem]) }
        return try await db.transaction { tx in
            try await OptimisticLock.claim(table: ChallengeCase.schema, id: caseID, expectedVersion: version, what: "案件 \(c.caseNumber)", on: tx)
            let before = c.auditSnapshot
            c.version = version + 1
            c.asCoDefendant = flag
            try await c.save(on: tx)
            try await AuditLog.record(
                .update, c,
                summary: "案件 \(c.caseNumber)：更正为"
                    + (flag ? "本机关作为复议机关与原行为机关同为被告（不计入本机关表四）" : "本机关不是作为复议机关的共同被告（计入本机关表四）"),
                before: before, by: actor, on: tx)
            return c
        }
    }

    /// Records the decision. A decision that corrects the agency opens a new request linked to
    /// the original, so the fresh reply runs on its own clock and is counted in its own year. A
    /// later entry of the same corrective decision (its receipt date or period corrected)
    /// carries the change to that request while it is open, with a history entry; once it has
    /// been answered the change is refused (docs/requests.md, choices).
    static func decide(
        _ caseID: Int, _ decision: ChallengeDecision, expectedVersion: Int, context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws -> ChallengeCase {
        try await db.transaction { tx in
            guard let c = try await ChallengeCase.find(caseID, on: tx) else { throw AppError.notFound("复议诉讼案件") }
            if let decided = decision.decidedOn, decided < c.filedOn {
                throw AppError.validation(["decided_on": "决定日期不能早于立案日期 \(c.filedOn.iso)"])
            }
            if c.$reopenedRequest.id != nil, decision.result != .corrected {
                throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "该案件已按“结果纠正”重新办理申请，不能再改为其他结果")
            }
            // The new reply's period runs from the day the agency received the decision: not
            // assumed to be the day it was made.
            if decision.result == .corrected, c.$request.id != nil, decision.receivedOn == nil {
                throw AppError.validation(["decision_received_on": "结果纠正且关联了申请：请填写收到决定书之日（判决为生效之日），重新答复的期限自此起算"])
            }
            try await OptimisticLock.claim(
                table: ChallengeCase.schema, id: caseID, expectedVersion: expectedVersion,
                what: "案件 \(c.caseNumber)", on: tx)
            let before = c.auditSnapshot
            c.version = expectedVersion + 1
            c.result = decision.result
            c.decidedOn = decision.decidedOn
            c.decisionReceivedOn = decision.receivedOn
            if let summary = decision.summary { c.summary = summary }
            let caseLabel = "\(c.kind.chineseLabel)\(c.caseNumber)"
            let corrected = decision.result == .corrected
            let period = corrected ? decision.replyPeriod : .none
            if case .byDate(let date) = period { c.orderedReplyOn = date } else { c.orderedReplyOn = nil }
            c.orderedDays = period.days?.count
            c.orderedDaysKind = period.days?.kind
            c.orderBasis = period == .none ? nil : (decision.orderBasis ?? caseLabel)
            if corrected, let requestID = c.$request.id, let received = c.decisionReceivedOn {
                let order = c.orderBasis.map { RequestTimeline.OrderedReply(period: period, basis: $0) }
                if let reopenedID = c.$reopenedRequest.id {
                    try await amend(reopenedID, receivedOn: received, order: order, caseLabel: caseLabel, context: context, by: actor, on: tx)
                } else {
                    c.$reopenedRequest.id = try await reopen(
                        requestID, receivedOn: received, order: order, caseLabel: caseLabel,
                        context: context, by: actor, on: tx)
                }
            }
            try await c.save(on: tx)
            try await AuditLog.record(
                .decide, c, summary: "\(c.kind.chineseLabel)案件 \(c.caseNumber)：\(c.result.chineseLabel)",
                before: before, by: actor, on: tx)
            return c
        }
    }

    /// What the history says of the new reply's period.
    private static func periodWords(_ order: RequestTimeline.OrderedReply?, receivedOn: CivilDate, context: RequestContext) -> String {
        order.map { "依\($0.basis)应\($0.period.chineseLabel(received: receivedOn))重新答复" }
            ?? "答复期限自收到决定之日（\(receivedOn.iso)）起算 \(context.rules.replyDays) 个工作日"
    }

    /// The new request for the fresh reply, received the day the agency received the decision.
    /// It runs on the decision's own date or days when it set them (`order`), otherwise on the
    /// Regulation's period; it is not a new application (table 三 leaves it out). The clock
    /// counts the period, so a year without a holiday schedule shows on the request as its
    /// problem instead of stopping the decision from being recorded.
    private static func reopen(
        _ requestID: Int, receivedOn: CivilDate, order: RequestTimeline.OrderedReply?, caseLabel: String,
        context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws -> Int {
        guard let original = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        var input = RequestInput(repeating: original, on: receivedOn)
        input.orderedReply = order
        let r = try await RequestIntake.insert(
            input, source: .reopened,
            event: (
                .reopened, "\(caseLabel)决定纠正原答复（\(original.trackingNumber)），重新办理；\(periodWords(order, receivedOn: receivedOn, context: context))"
            ),
            context: context, by: actor, on: db)
        try await RequestEvent(
            requestID: requestID, occurredOn: receivedOn, actor: actor, kind: .challengeCorrected,
            summary: "\(caseLabel)决定纠正本答复，已重新办理为 \(r.trackingNumber)"
        ).create(on: db)
        let id = try r.requireID()
        return id
    }

    /// A corrective decision entered again with another receipt date or period: the reopened
    /// request follows while it is open and nothing was done on it before the new receipt date.
    private static func amend(
        _ requestID: Int, receivedOn: CivilDate, order: RequestTimeline.OrderedReply?, caseLabel: String,
        context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws {
        let loaded = try await RequestService.load(requestID, on: db)
        let r = loaded.request
        guard r.receivedOn != receivedOn || r.orderedReply != order else { return }
        if let concluded = r.concludedOn {
            throw AppError(
                status: .unprocessableEntity, code: "not_allowed",
                message: "重新办理的申请 \(r.trackingNumber) 已于 \(concluded.iso) 作出答复，不能再更改决定的收到日期或重新答复期限")
        }
        let steps = [r.correctionSentOn, r.extensionGrantedOn, r.deferralSetOn] + loaded.consultations.map(\.sentOn) + loaded.fees.map(\.sentOn)
        if let first = steps.compactMap({ $0 }).min(), first < receivedOn {
            throw AppError.validation(["decision_received_on": "重新办理的申请 \(r.trackingNumber) 在 \(first.iso) 已办理事项，收到决定之日不能晚于该日"])
        }
        try await OptimisticLock.claim(
            table: DisclosureRequest.schema, id: requestID, expectedVersion: r.version,
            what: "申请 \(r.trackingNumber)", on: db)
        let before = r.auditSnapshot
        let (oldReceipt, oldDue) = (r.receivedOn, r.dueOn)
        r.version += 1
        r.submittedOn = receivedOn
        r.receivedOn = receivedOn
        r.orderedReply = order
        RequestClockCache.refresh(r, consultations: loaded.consultations, fees: loaded.fees, context: context)
        try await r.save(on: db)
        let summary =
            "\(caseLabel)的决定信息更正：收到决定之日 \(oldReceipt?.iso ?? "无") → \(receivedOn.iso)；"
            + "\(periodWords(order, receivedOn: receivedOn, context: context))；答复期限由 \(oldDue?.iso ?? "无") 改为 \(r.dueOn?.iso ?? "无")"
        try await RequestEvent(requestID: requestID, occurredOn: context.today, actor: actor, kind: .orderAmended, summary: summary).create(on: db)
        try await AuditLog.record(.request(.orderAmended), r, summary: "\(r.trackingNumber)：\(summary)", before: before, by: actor, on: db)
    }
}
