import Fluent
import SQLKit

/// The interpretations of a policy are found by `interprets_id`, which is NULL on almost every
/// publication. On SQLite the statistics of a full index on that column count the NULLs as one
/// value held by every row, so the planner took `interprets_id = ?` for a million-row match and
/// walked the (status, published_on) index instead: 5 s for a publication page among 1,000,000
/// (docs/benchmarks.md). A partial index holds the linked rows only; `interprets_id = ?` implies
/// NOT NULL, so both databases use it.
struct IndexInterpretationsWhereLinked: AsyncMigration {
    static let name = "publications_interprets_id_linked_idx"

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX publications_interprets_id_idx").run()
        try await sql.raw("CREATE INDEX \(unsafeRaw: Self.name) ON publications (interprets_id) WHERE interprets_id IS NOT NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().raw("DROP INDEX \(unsafeRaw: Self.name)").run()
        try await database.sqlIndex(on: Publication.schema, "interprets_id")
    }
}
