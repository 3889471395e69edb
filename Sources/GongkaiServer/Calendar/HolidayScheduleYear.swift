import Fluent
import Foundation

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
    static let auditEntityType = AuditEntityType.holidaySchedule
    var auditSnapshot: [String: String] { ["year": String(year), "content": content, "version": String(version)] }
}
