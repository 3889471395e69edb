import Fluent

/// Two facts the "not the same person" rule of the review chain needs:
/// - `publication_events.actor_user_id`: who drafted, edited, attached a file to or submitted
///   the text under review, so everyone who wrote it — not only its first author and the one
///   who submitted it — is kept from reviewing it. Null on events before, and from the command
///   line.
/// - `publications.review_allows_same_person`: whether the agency allowed one person several
///   steps when the round was submitted, taken with the chain's steps, so a change of the
///   agency's profile does not change the rule of a round already under review. Null on rounds
///   submitted before (the profile as it stands then decides, as it did).
struct AddReviewWritersToPublications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PublicationEvent.schema).field("actor_user_id", .int).update()
        try await database.schema(Publication.schema).field("review_allows_same_person", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Publication.schema).deleteField("review_allows_same_person").update()
        try await database.schema(PublicationEvent.schema).deleteField("actor_user_id").update()
    }
}
