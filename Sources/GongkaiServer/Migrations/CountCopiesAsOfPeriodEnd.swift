import Fluent
import SQLKit

/// The copy of a hotline item imported by several agencies is chosen as of each period's end,
/// in the figures query (`MessageDuplicates`), so a closed period's figures stay when the item
/// is handled again later. `superseded_by_id` now marks every copy, the counted one included
/// (it points to itself): the figures read the unmarked rows from the partial figures index as
/// before and rank only the marked ones, from the partial index made here — covering: every
/// column the ranking and the figures read (and, for SQLite, its predicate's), so neither reads
/// the table; only the few marked rows are in it. A copy turned into a request now ranks last.
/// Sets the marks of the rows already imported.
struct CountCopiesAsOfPeriodEnd: AsyncMigration {
    static let copiesIndex = "public_messages_copies_idx"

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await MessageDuplicates.settleAll(on: database)
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: Self.copiesIndex) ON public_messages
              (source_id, channel_kind, agency_id, received_on, transferred_on, completed_on, status, channel_name, satisfaction,
               on_time, rated_on, handling_days, id, superseded_by_id)
              WHERE superseded_by_id IS NOT NULL
            """).run()
    }

    /// Back to the earlier meaning: the counted copy unmarked (its choice as of today stays).
    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX \(unsafeRaw: Self.copiesIndex)").run()
        try await sql.raw("UPDATE public_messages SET superseded_by_id = NULL WHERE superseded_by_id = id").run()
    }
}
