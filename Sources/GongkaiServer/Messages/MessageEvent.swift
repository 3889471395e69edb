import Fluent
import Foundation
import GongkaiCore

/// A message's history in words: every step with its date, actor and agency (a transferred
/// message keeps one thread, seen by both agencies).
final class MessageEvent: Model, @unchecked Sendable {
    static let schema = "message_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "message_id") var message: PublicMessage
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "occurred_on") var occurredOn: CivilDate
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: MessageEventKind
    @Field(key: "summary") var summary: String

    init() {}

    init(messageID: Int, agencyID: Int, occurredOn: CivilDate, actor: AuditActor, kind: MessageEventKind, summary: String) {
        self.$message.id = messageID
        self.$agency.id = agencyID
        self.occurredOn = occurredOn
        self.recordedAt = Date()
        self.actorName = actor.name
        self.kind = kind
        self.summary = summary
    }
}
