import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// SQLite: the table `publication_code_points`, each code point of a published title and body a
/// token of its own (`SearchText.codePointTokens`), for the search of a one-code-point term
/// (issue #11, “的”, “，”). In the gram table such a term is the prefix query `"x"*`, and FTS5
/// merges the doclists of every gram starting with it before the first row: “的” about 1 s and
/// “，” 2 s at 100,000 publications. Here it is one token: one doclist, walked newest first and
/// stopped at the page or the count's cap like any other term (docs/benchmarks.md).
///
/// The tokenizer is the gram table's (`RebuildPublicationGramsByCodePoint.tokenizer`), so a code
/// point is folded as there and a term finds the same rows. The published publications are
/// indexed in the same transaction: a failure leaves no table. PostgreSQL: nothing (its gram
/// index already holds every code point).
struct IndexPublicationCodePoints: AsyncMigration {
    static let table = "publication_code_points"
    /// Rows read at a time: the bodies of a batch are held in memory.
    static let readBatch = 2_000
    /// Rows in one INSERT (three bound values each, under SQLite's limit of 32,766).
    static let insertBatch = 200

    func prepare(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            try await sql.raw("DROP TABLE IF EXISTS publication_code_points").run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE publication_code_points USING fts5(title, body, content='', contentless_delete=1, \
                tokenize=\(unsafeRaw: "\"" + RebuildPublicationGramsByCodePoint.tokenizer + "\""))
                """
            ).run()
            try await Self.fill(sql)
        }
    }

    /// The published publications' code points, read by id in batches (keyset: each batch a
    /// range scan of the primary key) and written many rows to an INSERT.
    static func fill(_ sql: any SQLDatabase) async throws {
        var after = 0
        while true {
            let rows = try await sql.raw(
                """
                SELECT id, published_on, title, body_text FROM publications
                WHERE status = 'published' AND id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(readBatch))
                """
            ).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int.self)
            var values: [(Int64, String, String)] = []
            values.reserveCapacity(rows.count)
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                // A published row has its date (Publication.publish sets both); one without is not indexed, as in put.
                guard let day = try row.decode(column: "published_on", as: String?.self).flatMap(CivilDate.init(iso:)) else { continue }
                values.append(
                    (
                        PublicationSearchIndex.rowID(publishedOn: day, id: id),
                        SearchText.codePointTokens(of: try row.decode(column: "title", as: String.self)),
                        SearchText.codePointTokens(of: try row.decode(column: "body_text", as: String.self))
                    ))
            }
            var start = 0
            while start < values.count {
                let chunk = values[start..<min(values.count, start + insertBatch)]
                var insert = SQLQueryString("INSERT INTO publication_code_points (rowid, title, body) VALUES ")
                for (k, value) in chunk.enumerated() {
                    if k > 0 { insert = insert + ", " }
                    insert = insert + "(\(bind: value.0), \(bind: value.1), \(bind: value.2))"
                }
                try await sql.raw(insert).run()
                start += insertBatch
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.requireSQL().raw("DROP TABLE IF EXISTS publication_code_points").run()
    }
}
