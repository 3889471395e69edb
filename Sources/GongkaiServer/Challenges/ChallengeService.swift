import Fluent
import Foundation
import GongkaiCore

/// A reconsideration or lawsuit about a disclosure decision, as registered (table 四's source).
struct ReviewCaseInput: Sendable {
    var agencyID: Int
    var requestID: Int?
    var kind: ReviewKind
    var filedOn: CivilDate
    var body: String
    var caseNumber: String
    var summary: String

    /// From the console form or the API (same field names).
    init(form f: FormFields, today: CivilDate) throws {
        var errors: [String: String] = [:]
        if f.int("agency_id") == nil { errors["agency_id"] = "请选择被申请复议或被诉的机关" }
        let kind = ReviewKind(rawValue: f["kind"])
        if kind == nil { errors["kind"] = "请选择行政复议、直接起诉或复议后起诉" }
        let filed = CivilDate(iso: f["filed_on"])
        if filed == nil { errors["filed_on"] = f["filed_on"].isEmpty ? "请填写立案（受理）日期" : "立案日期“\(f["filed_on"])”无效，应为 YYYY-MM-DD" }
        if let filed, filed > today { errors["filed_on"] = "立案日期不能晚于今天" }
        let body = f["body"].trimmingCharacters(in: .whitespaces)
        if body.isEmpty { errors["body"] = "请填写复议机关或人民法院" } else if body.count > 100 { errors["body"] = "复议机关或法院名称不能超过 100 个字" }
        if f["case_number"].count > 100 { errors["case_number"] = "案号不能超过 100 个字" }
        if f["summary"].count > 2000 { errors["summary"] = "摘要不能超过 2000 个字" }
        if !f["request_id"].isEmpty, f.int("request_id") == nil { errors["request_id"] = "关联申请编号无效" }
        if !errors.isEmpty { throw AppError.validation(errors) }
        self.agencyID = f.int("agency_id")!
        self.requestID = f.int("request_id")
        self.kind = kind!
        self.filedOn = filed!
        self.body = body
        self.caseNumber = f["case_number"].trimmingCharacters(in: .whitespaces)
        self.summary = f["summary"]
    }
}

/// The decision in a case: a result and the date it was made.
struct ReviewDecision: Sendable {
    var result: ReviewResult
    var decidedOn: CivilDate?
    var summary: String?

    init(form f: FormFields, today: CivilDate) throws {
        guard let result = ReviewResult(rawValue: f["result"]) else { throw AppError.validation(["result": "请选择审理结果"]) }
        self.result = result
        self.summary = f["summary"].isEmpty ? nil : f["summary"]
        guard result != .pending else { decidedOn = nil; return }
        guard let decided = CivilDate(iso: f["decided_on"]) else {
            throw AppError.validation(["decided_on": f["decided_on"].isEmpty ? "请填写决定或判决日期" : "决定日期“\(f["decided_on"])”无效，应为 YYYY-MM-DD"])
        }
        if decided > today { throw AppError.validation(["decided_on": "决定日期不能晚于今天"]) }
        self.decidedOn = decided
    }
}

enum ReviewCaseService {
    static func register(_ input: ReviewCaseInput, by actor: AuditActor, on db: any Database) async throws -> ReviewCase {
        if let requestID = input.requestID {
            guard let request = try await DisclosureRequest.find(requestID, on: db), request.$agency.id == input.agencyID else {
                throw AppError.validation(["request_id": "关联的申请不存在或不属于该机关"])
            }
            if let concluded = request.concludedOn.flatMap(CivilDate.init(iso:)), input.filedOn < concluded {
                throw AppError.validation(["filed_on": "立案日期早于被复议（起诉）的答复日期 \(concluded.iso)"])
            }
        }
        let c = ReviewCase()
        c.version = 1
        c.$agency.id = input.agencyID
        c.$request.id = input.requestID
        c.kind = input.kind
        c.filedOn = input.filedOn.iso
        c.body = input.body
        c.caseNumber = input.caseNumber
        c.result = .pending
        c.summary = input.summary
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record("create", c, summary: "登记\(c.kind.chineseLabel)案件 \(c.caseNumber)（\(c.body)）", before: nil, by: actor, on: tx)
        }
        return c
    }

    /// Records the decision. A decision that corrects the agency opens a new request linked to
    /// the original, so the fresh reply runs on its own clock and is counted in its own year.
    static func decide(
        _ caseID: Int, _ decision: ReviewDecision, expectedVersion: Int, context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws -> ReviewCase {
        try await db.transaction { tx in
            guard let c = try await ReviewCase.find(caseID, on: tx) else { throw AppError.notFound("复议诉讼案件") }
            if let decided = decision.decidedOn, decided < CivilDate(iso: c.filedOn)! {
                throw AppError.validation(["decided_on": "决定日期不能早于立案日期 \(c.filedOn)"])
            }
            if c.$reopenedRequest.id != nil, decision.result != .corrected {
                throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "该案件已按“结果纠正”重新办理申请，不能再改为其他结果")
            }
            try await OptimisticLock.claim(table: ReviewCase.schema, id: caseID, expectedVersion: expectedVersion,
                                           what: "案件 \(c.caseNumber)", on: tx)
            let before = c.auditSnapshot
            c.version = expectedVersion + 1
            c.result = decision.result
            c.decidedOn = decision.decidedOn?.iso
            if let summary = decision.summary { c.summary = summary }
            if decision.result == .corrected, c.$reopenedRequest.id == nil, let requestID = c.$request.id, let decided = decision.decidedOn {
                c.$reopenedRequest.id = try await reopen(requestID, decidedOn: decided, caseLabel: "\(c.kind.chineseLabel)\(c.caseNumber)",
                                                         context: context, by: actor, on: tx)
            }
            try await c.save(on: tx)
            try await AuditLog.record("decide", c, summary: "\(c.kind.chineseLabel)案件 \(c.caseNumber)：\(c.result.chineseLabel)",
                                      before: before, by: actor, on: tx)
            return c
        }
    }

    /// The new request for the fresh reply. UNCONFIRMED: the statute gives no period for a
    /// reply ordered by a decision; the ordinary 20 working days run from the decision date
    /// unless the decision sets another (the officer then records a deferral).
    private static func reopen(_ requestID: Int, decidedOn: CivilDate, caseLabel: String, context: RequestContext,
                               by actor: AuditActor, on db: any Database) async throws -> Int {
        guard let original = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        let r = try await RequestIntake.insert(
            RequestInput(repeating: original, on: decidedOn), source: "reopened",
            event: ("reopened", "\(caseLabel)决定纠正原答复（\(original.trackingNumber)），重新办理；答复期限自决定之日起算"),
            context: context, by: actor, on: db)
        try await RequestEvent(requestID: requestID, occurredOn: decidedOn, actor: actor, kind: "review_corrected",
                               summary: "\(caseLabel)决定纠正本答复，已重新办理为 \(r.trackingNumber)").create(on: db)
        let id = try r.requireID()
        return id
    }
}
