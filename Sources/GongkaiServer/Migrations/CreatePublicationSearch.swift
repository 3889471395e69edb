import Fluent
import Foundation
import SQLKit

/// Chinese search over published titles and bodies (docs/publications.md, “Search”).
///
/// SQLite: two contentless FTS5 tables kept by `PublicationSearchIndex` in the publishing
/// transaction — `publication_fts` (trigram tokenizer: terms of three characters or more) and
/// `publication_grams` (the `ascii` tokenizer over `SearchText.shortGramTokens`: one- and
/// two-character terms). Their rowid is `PublicationSearchIndex.rowID`, which sorts by
/// publication date, so the newest hits come first without sorting.
///
/// PostgreSQL: pg_trgm GIN indexes on title and body (three characters or more) and a GIN index
/// on `gongkai_grams(title, body_text)`, the distinct one- and two-character grams of each
/// (prefixed `t:` and `b:`), for the short terms pg_trgm cannot serve. All partial on published
/// rows. pg_trgm is a trusted extension the database owner may create; CJK trigrams need a
/// UTF-8 LC_CTYPE, which is checked here rather than discovered as empty search results.
struct CreatePublicationSearch: AsyncMigration {
    /// The PostgreSQL search indexes, by name (the benchmark builds them again after a bulk load).
    static let postgresIndexes: [(name: String, sql: String)] = [
        (
            "publications_title_trgm",
            "CREATE INDEX publications_title_trgm ON publications USING gin (title gin_trgm_ops) WHERE status = 'published'"
        ),
        (
            "publications_body_trgm",
            "CREATE INDEX publications_body_trgm ON publications USING gin (body_text gin_trgm_ops) WHERE status = 'published'"
        ),
        (
            "publications_grams",
            "CREATE INDEX publications_grams ON publications USING gin (gongkai_grams(title, body_text)) WHERE status = 'published'"
        ),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        switch sql.dialect.name {
        case "sqlite":
            try await sql.raw("""
                CREATE VIRTUAL TABLE publication_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='trigram')
                """).run()
            try await sql.raw("""
                CREATE VIRTUAL TABLE publication_grams USING fts5(title, body, content='', contentless_delete=1, tokenize='ascii')
                """).run()
        case "postgresql":
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            let probe = try await sql.raw("SELECT array_length(show_trgm('政府信息'), 1) AS n, current_setting('lc_ctype') AS ctype").first()
            let trigrams = try probe?.decode(column: "n", as: Int?.self) ?? nil
            guard let trigrams, trigrams > 0 else {
                let ctype = (try? probe?.decode(column: "ctype", as: String.self)) ?? "?"
                throw MigrationProblem(message: "数据库的 LC_CTYPE 为 \(ctype)，pg_trgm 无法为中文生成三元组，中文检索不可用。请以 UTF-8 区域设置创建数据库：CREATE DATABASE … ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0（见 scripts/start-postgres）")
            }
            // Linear in the text: the characters once (regexp_split_to_table), each with the next
            // (lead); substr(text, i, 2) in a loop would be quadratic on multibyte text.
            try await sql.raw("""
                CREATE FUNCTION gongkai_grams(title text, body text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                  SELECT ARRAY(SELECT DISTINCT g FROM (
                    SELECT p || c AS g FROM (SELECT 't:' AS p, c FROM regexp_split_to_table(lower(title), '') c
                                             UNION ALL SELECT 'b:', c FROM regexp_split_to_table(lower(body), '') c) singles
                    UNION ALL
                    SELECT p || c || n FROM (SELECT 't:' AS p, c, lead(c) OVER (ORDER BY i) AS n
                                             FROM regexp_split_to_table(lower(title), '') WITH ORDINALITY AS x(c, i)) title_pairs WHERE n IS NOT NULL
                    UNION ALL
                    SELECT p || c || n FROM (SELECT 'b:' AS p, c, lead(c) OVER (ORDER BY i) AS n
                                             FROM regexp_split_to_table(lower(body), '') WITH ORDINALITY AS x(c, i)) body_pairs WHERE n IS NOT NULL
                  ) grams)
                $$
                """).run()
            for (_, statement) in Self.postgresIndexes { try await sql.raw(SQLQueryString(statement)).run() }
        default:
            throw UnsupportedDialect(name: sql.dialect.name)
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE IF EXISTS publication_fts").run()
            try await sql.raw("DROP TABLE IF EXISTS publication_grams").run()
        } else {
            for (index, _) in Self.postgresIndexes {
                try await sql.raw("DROP INDEX IF EXISTS \(ident: index)").run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS gongkai_grams(text, text)").run()
        }
    }
}

/// A migration that cannot run on this database, with what to do about it.
struct MigrationProblem: Error, CustomStringConvertible, LocalizedError {
    let message: String
    init(message: String) { self.message = message }
    init(_ message: String) { self.message = message }
    var description: String { message }
    var errorDescription: String? { message }
}
