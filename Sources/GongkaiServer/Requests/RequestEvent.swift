import Fluent
import Foundation
import GongkaiCore

/// The request's history in words: every step with its date, actor and reason.
final class RequestEvent: Model, @unchecked Sendable {
    static let schema = "request_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    /// The statutory date the step happened on.
    @Field(key: "occurred_on") var occurredOn: CivilDate
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: RequestEventKind
    @Field(key: "summary") var summary: String

    init() {}

    init(requestID: Int, occurredOn: CivilDate, actor: AuditActor, kind: RequestEventKind, summary: String) {
        self.$request.id = requestID
        self.occurredOn = occurredOn
        self.recordedAt = Date()
        self.actorName = actor.name
        self.kind = kind
        self.summary = summary
    }
}
