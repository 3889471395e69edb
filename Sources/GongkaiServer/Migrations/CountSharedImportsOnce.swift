import Fluent
import SQLKit

/// A hotline item imported by two agencies is counted once, where it was last handled
/// (`MessageDuplicates`): the rows not counted carry `superseded_by_id`, found through an index
/// on (source_id, channel_kind), and set here for the rows already imported — hotline rows only,
/// since other channels number their items per agency. The figures index
/// becomes partial — only the rows the figures count (not superseded, not turned into a
/// disclosure request) — so the figures leave the others out without a filter per row.
struct CountSharedImportsOnce: AsyncMigration {
    static let sourceIndex = "public_messages_source_idx"
    /// The predicate of the partial figures index; `MessageFigures` repeats it word for word, as
    /// SQLite uses a partial index only for a query whose WHERE contains its terms.
    static let countedRows = "superseded_by_id IS NULL AND status <> 'converted_to_request'"

    func prepare(on database: any Database) async throws {
        try await database.schema(PublicMessage.schema).field("superseded_by_id", .int).update()
        let sql = try database.requireSQL()
        try await sql.raw("CREATE INDEX \(unsafeRaw: Self.sourceIndex) ON public_messages (source_id, channel_kind)").run()
        try await MessageDuplicates.settleAll(on: database)
        try await sql.raw("DROP INDEX \(unsafeRaw: CreatePublicMessages.figuresIndex)").run()
        try await createFiguresIndex(partial: true, on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX \(unsafeRaw: CreatePublicMessages.figuresIndex)").run()
        try await createFiguresIndex(partial: false, on: sql)
        try await sql.raw("DROP INDEX \(unsafeRaw: Self.sourceIndex)").run()
        try await database.schema(PublicMessage.schema).deleteField("superseded_by_id").update()
    }

    /// The partial index carries `superseded_by_id` (always NULL in it) as a last column: SQLite
    /// reads a partial index as covering only when it holds every column the query names, its
    /// predicate's too.
    private func createFiguresIndex(partial: Bool, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: CreatePublicMessages.figuresIndex) ON public_messages
              (agency_id, received_on, channel_name, satisfaction, status, on_time, completed_on, rated_on, handling_days\(unsafeRaw: partial ? ", superseded_by_id" : ""))
              \(unsafeRaw: partial ? "WHERE " + Self.countedRows : "")
            """).run()
    }
}
