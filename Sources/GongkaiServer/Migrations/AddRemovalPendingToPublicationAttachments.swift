import Fluent

/// `publication_attachments.removal_pending`: a public file that the revision under way removes.
/// It stays public until the revision passes, so it cannot simply be deleted; the mark says it
/// goes then. False on every file before (none was marked).
struct AddRemovalPendingToPublicationAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PublicationAttachment.schema)
            .field(.definition(name: .key("removal_pending"), dataType: .bool, constraints: [.required, .sql(.default(false))]))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PublicationAttachment.schema).deleteField("removal_pending").update()
    }
}
