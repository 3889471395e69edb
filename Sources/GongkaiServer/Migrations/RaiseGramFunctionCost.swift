import Fluent
import SQLKit

/// PostgreSQL: `gongkai_grams` splits a whole title and body into grams; the planner priced it
/// at the default cost of a function (100), so on a table of a thousand publications it chose
/// the status btree for the bitmap and called the function once per placement arm and row as a
/// filter — seconds for a several-term search (issue #11, cold review 11i H1). At this cost the
/// plan is always the gram GIN index, which holds the function's values; rows are never split
/// at search time. SQLite has no such function.
struct RaiseGramFunctionCost: AsyncMigration {
    static let cost = 100_000
    static let defaultCost = 100

    func prepare(on database: any Database) async throws {
        try await setCost(Self.cost, on: database)
    }

    func revert(on database: any Database) async throws {
        try await setCost(Self.defaultCost, on: database)
    }

    private func setCost(_ cost: Int, on database: any Database) async throws {
        guard database.isPostgres else { return }
        try await database.requireSQL().raw("ALTER FUNCTION gongkai_grams(text, text) COST \(unsafeRaw: String(cost))").run()
    }
}
