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
        let version = try fields.version()
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
        try await db.writeTransaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record(.create, c, summary: "登记\(c.kind.chineseLabel)案件 \(c.caseNumber)（\(c.body)）", before: nil, by: actor, on: tx)
        }
        return c
    }

    /// Records the decision. A decision that corrects the agency opens a new request linked to
    /// the original, so the fresh reply runs on its own clock and is counted in its own year.
    static func decide(
        _ caseID: Int, _ decision: ChallengeDecision, expectedVersion: Int, context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws -> ChallengeCase {
        try await db.writeTransaction { tx in
            guard let c = try await ChallengeCase.find(caseID, on: tx) else { throw AppError.notFound("复议诉讼案件") }
            if let decided = decision.decidedOn, decided < c.filedOn {
                throw AppError.validation(["decided_on": "决定日期不能早于立案日期 \(c.filedOn.iso)"])
            }
            if c.$reopenedRequest.id != nil, decision.result != .corrected {
                throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "该案件已按“结果纠正”重新办理申请，不能再改为其他结果")
            }
            let claimed = try await OptimisticLock.claim(
                table: ChallengeCase.schema, id: caseID, expectedVersion: expectedVersion,
                what: "案件 \(c.caseNumber)", on: tx)
            let before = c.auditSnapshot
            c.version = claimed
            c.result = decision.result
            c.decidedOn = decision.decidedOn
            c.decisionReceivedOn = decision.decidedOn == nil ? nil : (decision.receivedOn ?? decision.decidedOn)
            if let summary = decision.summary { c.summary = summary }
            if decision.result == .corrected, c.$reopenedRequest.id == nil, let requestID = c.$request.id,
               let received = c.decisionReceivedOn {
                let caseLabel = "\(c.kind.chineseLabel)\(c.caseNumber)"
                let (due, isOrdered) = try ReplyOrder.dueOn(received: received, period: decision.replyPeriod, calendar: context.calendar,
                                                            rules: context.rules)
                c.orderedReplyOn = isOrdered ? due : nil
                c.orderBasis = isOrdered ? (decision.orderBasis ?? caseLabel) : nil
                let order = isOrdered ? RequestTimeline.OrderedReply(dueOn: due, basis: c.orderBasis!) : nil
                c.$reopenedRequest.id = try await reopen(requestID, receivedOn: received, order: order, caseLabel: caseLabel,
                                                         context: context, by: actor, on: tx)
            }
            try await c.save(on: tx)
            try await AuditLog.record(.decide, c, summary: "\(c.kind.chineseLabel)案件 \(c.caseNumber)：\(c.result.chineseLabel)",
                                      before: before, by: actor, on: tx)
            return c
        }
    }

    /// The new request for the fresh reply, received the day the agency received the decision.
    /// It runs on the decision's own date when it set one (`order`), otherwise on the
    /// Regulation's period; it is not a new application (table 三 leaves it out).
    private static func reopen(_ requestID: Int, receivedOn: CivilDate, order: RequestTimeline.OrderedReply?, caseLabel: String,
                               context: RequestContext, by actor: AuditActor, on db: any Database) async throws -> Int {
        guard let original = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        var input = RequestInput(repeating: original, on: receivedOn)
        input.orderedReply = order
        let period = order.map { "依\($0.basis)应于 \($0.dueOn.iso) 前重新答复" }
            ?? "答复期限自收到决定之日（\(receivedOn.iso)）起算 \(context.rules.replyDays) 个工作日"
        let r = try await RequestIntake.insert(
            input, source: .reopened, event: (.reopened, "\(caseLabel)决定纠正原答复（\(original.trackingNumber)），重新办理；\(period)"),
            context: context, by: actor, on: db)
        try await RequestEvent(requestID: requestID, occurredOn: receivedOn, actor: actor, kind: .challengeCorrected,
                               summary: "\(caseLabel)决定纠正本答复，已重新办理为 \(r.trackingNumber)").create(on: db)
        let id = try r.requireID()
        return id
    }
}
