import Fluent
import Foundation
import GongkaiCore

/// One decision of the review chain: who took which step of which round, with what result and
/// comment, and when. Rounds restart the chain after a return; a revision of a published item
/// runs its own round.
final class PublicationReview: Model, @unchecked Sendable {
    static let schema = "publication_reviews"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "publication_id") var publication: Publication
    @Field(key: "round") var round: Int
    @Field(key: "step_index") var stepIndex: Int
    @Field(key: "step") var step: ReviewStepKind
    @Field(key: "passed") var passed: Bool
    @Field(key: "comment") var comment: String
    @Field(key: "reviewer_id") var reviewerID: Int
    @Field(key: "reviewer_name") var reviewerName: String
    @Field(key: "decided_at") var decidedAt: Date
    /// Whether the round reviewed a revision of a published item.
    @Field(key: "revision") var revision: Bool

    init() {}
}
