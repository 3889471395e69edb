import Fluent
import SQLKit

/// The figures now leave out a hotline item one of whose copies was turned into a disclosure
/// request while every other copy was closed as 不予受理 · 重复 (`MessageDuplicates.countedCopies`,
/// issue #12, review 12e M2): that reads the copies' `not_accepted_reason`. The partial index of
/// the marked rows (`CountCopiesAsOfPeriodEnd.copiesIndex`) is made again, under the same name,
/// with that column too, so the figures still read no table page.
struct CoverDismissalReasonInCopiesIndex: AsyncMigration {
    static let columns = """
        source_id, channel_kind, agency_id, received_on, transferred_on, completed_on, status, channel_name, satisfaction, \
        on_time, rated_on, handling_days, id, superseded_by_id
        """

    func prepare(on database: any Database) async throws {
        try await remake(with: Self.columns + ", not_accepted_reason", on: database)
    }

    func revert(on database: any Database) async throws {
        try await remake(with: Self.columns, on: database)
    }

    private func remake(with columns: String, on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX \(unsafeRaw: CountCopiesAsOfPeriodEnd.copiesIndex)").run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: CountCopiesAsOfPeriodEnd.copiesIndex) ON public_messages (\(unsafeRaw: columns))
              WHERE superseded_by_id IS NOT NULL
            """).run()
    }
}
