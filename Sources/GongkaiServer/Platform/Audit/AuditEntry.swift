import Fluent
import Foundation

/// One change of one record: who, when, what, before and after. Append-only: the application
/// has no route that edits or deletes entries, and database triggers refuse it anyway.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_user_id") var actorUserID: Int?
    /// The actor as shown at the time (`zhangsan（张三）`, or `系统`/`命令行` for non-staff actors).
    @Field(key: "actor_name") var actorName: String
    /// `AuditAction.code`: `create`, `update`, `login`, `view_full_id`, a request step …
    @Field(key: "action") var action: String
    /// `AuditEntityType`'s code (or a legacy one).
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "summary") var summary: String
    /// JSON objects of the fields before and after (null for create/delete respectively).
    @OptionalField(key: "before_json") var beforeJSON: String?
    @OptionalField(key: "after_json") var afterJSON: String?
    @Field(key: "request_id") var requestID: String
    @Field(key: "ip_address") var ipAddress: String
    /// The agency the record belonged to when the entry was written (nil: the installation's,
    /// such as the holiday calendar, or not known). Auditors are scoped by it, not by where the
    /// record is now: a message transferred away keeps its earlier entries in the sender's log.
    @OptionalField(key: "agency_id") var agencyID: Int?
    /// The agency the record left in this change, when it moved (a user moved to another agency):
    /// the entry is in that agency's log too (`AddFormerAgencyToAuditEntries`).
    @OptionalField(key: "former_agency_id") var formerAgencyID: Int?
    /// Where `agency_id` stood in the agency tree when the entry was written (`/1/5/17/`, root
    /// first; `AgencyTree.path`): auditors of a subtree read the entries written in it then, so
    /// an agency moved under another parent does not take its history along
    /// (`AddAgencyPathsToAuditEntries`).
    @OptionalField(key: "agency_path") var agencyPath: String?
    /// The path the record or agency left in this change: that of `former_agency_id` (a user
    /// moved), or the agency's own old place when the entry records an agency's move.
    @OptionalField(key: "former_agency_path") var formerAgencyPath: String?

    init() {}
}

extension AuditEntry {
    /// The action and type in today's vocabulary; nil for a code no version of Gongkai wrote.
    var knownAction: AuditAction? { AuditAction(code: action) }
    var knownEntityType: AuditEntityType? { AuditEntityType(code: entityType) }

    /// Field, before, after — only the fields that changed.
    var changes: [(field: String, before: String, after: String)] {
        let b = Self.fields(beforeJSON), a = Self.fields(afterJSON)
        return Set(b.keys).union(a.keys).sorted().compactMap { key in
            b[key] == a[key] ? nil : (key, b[key] ?? "", a[key] ?? "")
        }
    }

    static func fields(_ json: String?) -> [String: String] {
        guard let data = json?.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}
