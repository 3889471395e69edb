import Fluent

/// `publications.submitted_by_id`: the user who submitted the round under review, so the one
/// who wrote a revision cannot pass it (the author column names only who first drafted it).
struct AddSubmitterToPublications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Publication.schema).field("submitted_by_id", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Publication.schema).deleteField("submitted_by_id").update()
    }
}
