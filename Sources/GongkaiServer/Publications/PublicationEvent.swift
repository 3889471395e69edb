import Fluent
import Foundation
import GongkaiCore

/// A publication's history in words: every change with its time, actor and summary.
final class PublicationEvent: Model, @unchecked Sendable {
    static let schema = "publication_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "publication_id") var publication: Publication
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "actor_name") var actorName: String
    /// The user behind the event (nil from the command line and before this was kept): the
    /// review chain keeps everyone who wrote a round from reviewing it.
    @OptionalField(key: "actor_user_id") var actorUserID: Int?
    @Field(key: "kind") var kind: PublicationEventKind
    @Field(key: "summary") var summary: String

    init() {}

    init(publicationID: Int, actor: AuditActor, kind: PublicationEventKind, summary: String, at: Date = Date()) {
        self.$publication.id = publicationID
        self.occurredAt = at
        self.actorName = actor.name
        self.actorUserID = actor.userID
        self.kind = kind
        self.summary = summary
    }
}
