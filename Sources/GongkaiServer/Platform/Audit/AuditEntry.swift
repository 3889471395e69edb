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

/// A year's holiday schedule added by an administrator; it replaces the bundled data for that year.
final class HolidayScheduleYear: Model, @unchecked Sendable {
    static let schema = "holiday_schedule_years"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "year") var year: Int
    /// The schedule in the bundled TSV format (normalised on import).
    @Field(key: "content") var content: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(year: Int, content: String) {
        self.year = year
        self.content = content
        self.version = 1
    }
}

extension HolidayScheduleYear: Auditable {
    static let auditEntityType = "holiday_schedule"
    var auditSnapshot: [String: String] { ["year": String(year), "content": content, "version": String(version)] }
}
