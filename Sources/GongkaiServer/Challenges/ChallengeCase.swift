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
    /// The new request opened for a fresh reply when the decision corrected the agency.
    @OptionalParent(key: "reopened_request_id") var reopenedRequest: DisclosureRequest?

    init() {}

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
        s["request_id"] = $request.id.map(String.init)
        s["reopened_request_id"] = $reopenedRequest.id.map(String.init)
        return s
    }
}
