import Fluent
import SQLKit

/// PostgreSQL: a pg_trgm GIN index on the 文号 of published publications, so that the search's
/// 文号 filter (`document_number ILIKE '%…%'`, three code points or more) is an index condition
/// instead of a test on every row — about 1 s at a million publications for a filter that
/// matches little (issue #11; docs/benchmarks.md). Partial with the literal the other search
/// indexes use, so the planner always matches it. SQLite: nothing — no SQLite index serves
/// `LIKE '%…%'`, and the SQLite search applies the filter to the FTS hits, which stop after a page.
struct IndexPublishedDocumentNumbers: AsyncMigration {
    static let name = "publications_document_number_trgm"
    static let statement =
        "CREATE INDEX publications_document_number_trgm ON publications USING gin (document_number gin_trgm_ops) WHERE status = 'published'"

    func prepare(on database: any Database) async throws {
        guard database.isPostgres else { return }
        try await database.requireSQL().raw(SQLQueryString(Self.statement)).run()
    }

    func revert(on database: any Database) async throws {
        guard database.isPostgres else { return }
        try await database.requireSQL().raw("DROP INDEX IF EXISTS \(ident: Self.name)").run()
    }
}
