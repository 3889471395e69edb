import Fluent
import Foundation
import GongkaiCore

/// A reconsideration or lawsuit about a disclosure decision (report table 四).
final class ChallengeCase: Model, @unchecked Sendable {
    static let schema = "challenge_cases"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "agency_id") var agency: Agency
    @OptionalParent(key: "request_id") var request: DisclosureRequest?
    @Field(key: "kind") var kind: ChallengeKind
    @Field(key: "filed_on") var filedOn: CivilDate
    /// 复议机关 or 人民法院.
    @Field(key: "body") var body: String
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "result") var result: ChallengeResult
    @OptionalField(key: "decided_on") var decidedOn: CivilDate?
    @Field(key: "summary") var summary: String
    /// The day the agency received the decision (for a judgment: the day it took effect).
    @OptionalField(key: "decision_received_on") var decisionReceivedOn: CivilDate?
    /// The date a corrective decision set for the new reply, and where it says so.
    @OptionalField(key: "ordered_reply_on") var orderedReplyOn: CivilDate?
    /// Or the days it set from its receipt, and their kind (日 or 工作日).
    @OptionalField(key: "ordered_days") var orderedDays: Int?
    @OptionalField(key: "ordered_days_kind") var orderedDaysKind: ReplyOrder.DaysKind?
    @OptionalField(key: "order_basis") var orderBasis: String?
    /// The registering agency is the reconsideration body, sued with the original agency: only
    /// the original agency counts the case in table 四 (2021 format notice).
    @Field(key: "as_co_defendant") var asCoDefendant: Bool
    /// The new request opened for a fresh reply when the decision corrected the agency.
    @OptionalParent(key: "reopened_request_id") var reopenedRequest: DisclosureRequest?

    init() {}

    /// The period the decision set for the new reply, as it says it; `.none` when it set none.
    var replyPeriod: ReplyOrder.Period {
        if let orderedReplyOn { return .byDate(orderedReplyOn) }
        if let orderedDays { return .init(days: orderedDays, kind: orderedDaysKind ?? .calendar) }
        return .none
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

extension ChallengeCase: Auditable {
    static let auditEntityType = AuditEntityType.challengeCase
    var auditSnapshot: [String: String] {
        var s = ["kind": kind.rawValue, "filed_on": filedOn.iso, "body": body, "case_number": caseNumber, "result": result.rawValue,
                 "summary": summary, "version": String(version)]
        s["decided_on"] = decidedOn?.iso
        s["decision_received_on"] = decisionReceivedOn?.iso
        s["ordered_reply_on"] = orderedReplyOn?.iso
        s["ordered_days"] = orderedDays.map { "\($0) \(orderedDaysKind?.rawValue ?? "")" }
        s["order_basis"] = orderBasis
        s["as_co_defendant"] = asCoDefendant ? "true" : "false"
        s["request_id"] = $request.id.map(String.init)
        s["reopened_request_id"] = $reopenedRequest.id.map(String.init)
        return s
    }
}
