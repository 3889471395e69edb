import Fluent

/// The user who took a report step, beside their display name: "the submitter cannot approve"
/// compares users, not names (a renamed user, or the same user under another actor name, is
/// still the submitter). Null on steps taken before, and on steps from the command line.
struct AddActorUserToReportEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportEvent.schema).field("actor_user_id", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportEvent.schema).deleteField("actor_user_id").update()
    }
}
