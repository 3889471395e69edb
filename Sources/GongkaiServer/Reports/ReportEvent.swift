import Fluent
import Foundation
import GongkaiCore

/// A step in a report's history (报送, 退回 with its comment, 审核通过, 发布, 更正), shown on
/// the report's page to the agency and its supervising office.
final class ReportEvent: Model, @unchecked Sendable {
    static let schema = "report_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "report_id") var report: AgencyReport
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "actor_name") var actorName: String
    /// Nil for steps taken before the column existed and for command-line actors.
    @OptionalField(key: "actor_user_id") var actorUserID: Int?
    @Field(key: "step") var step: ReportStep
    @Field(key: "comment") var comment: String

    init() {}

    init(reportID: Int, step: ReportStep, comment: String, by actor: AuditActor) {
        self.$report.id = reportID
        self.occurredAt = Date()
        self.actorName = actor.name
        self.actorUserID = actor.userID
        self.step = step
        self.comment = comment
    }
}
