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
    /// `create`, `update`, `delete`, `login`, `view_full_id` …
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "summary") var summary: String
    /// JSON objects of the fields before and after (null for create/delete respectively).
    @OptionalField(key: "before_json") var beforeJSON: String?
    @OptionalField(key: "after_json") var afterJSON: String?
    @Field(key: "request_id") var requestID: String
    @Field(key: "ip_address") var ipAddress: String

    init() {}
}
