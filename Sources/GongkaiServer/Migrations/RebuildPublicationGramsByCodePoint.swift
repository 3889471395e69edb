import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// SQLite: the short-gram table `publication_grams` made again, with grams of code points and
/// FTS5's Unicode case fold (issue #11, cold review 11h H2 and M1). The table of
/// `CreatePublicationSearch` used the `ascii` tokenizer over grams cut by Characters: it folded
/// ASCII letters only, so `ＰＭ` or `É` found only rows of the same case where the trigram table
/// (three code points or more) found both, and `fe` missed a decomposed `café`.
///
/// The new tokenizer is `unicode61` with `remove_diacritics 0` (folding with the same function,
/// and the same parameter, as the trigram tokenizer's default case-insensitivity), every Unicode
/// category a token character and the space the only separator, over
/// `SearchText.shortGramTokens`, which keeps every code point. The published publications are
/// indexed again in the same transaction: a failure leaves the old table. PostgreSQL: nothing
/// (`gongkai_grams` already keeps every code point and folds with `lower()`).
struct RebuildPublicationGramsByCodePoint: AsyncMigration {
    /// The gram table's tokenizer (the benchmark and the tests create the same table).
    static let tokenizer = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S* Z* C*' separators ' '"
    /// Rows read at a time: the bodies of a batch are held in memory.
    static let readBatch = 2_000
    /// Rows in one INSERT (three bound values each, under SQLite's limit of 32,766).
    static let insertBatch = 200

    func prepare(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            try await sql.raw("DROP TABLE IF EXISTS publication_grams").run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE publication_grams USING fts5(title, body, content='', contentless_delete=1, \
                tokenize=\(unsafeRaw: "\"" + Self.tokenizer + "\""))
                """
            ).run()
            try await Self.refill(sql)
        }
    }

    /// The published publications' grams, read by id in batches (keyset: each batch a range
    /// scan of the primary key) and written many rows to an INSERT.
    static func refill(_ sql: any SQLDatabase) async throws {
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
                        SearchText.shortGramTokens(of: try row.decode(column: "title", as: String.self)),
                        SearchText.shortGramTokens(of: try row.decode(column: "body_text", as: String.self))
                    ))
            }
            var start = 0
            while start < values.count {
                let chunk = values[start..<min(values.count, start + insertBatch)]
                var insert = SQLQueryString("INSERT INTO publication_grams (rowid, title, body) VALUES ")
                for (k, value) in chunk.enumerated() {
                    if k > 0 { insert = insert + ", " }
                    insert = insert + "(\(bind: value.0), \(bind: value.1), \(bind: value.2))"
                }
                try await sql.raw(insert).run()
                start += insertBatch
            }
        }
    }

    /// The table stays as it is: the character grams of before were the defect, and the code
    /// cannot make them any more. Reverting `CreatePublicationSearch` drops it.
    func revert(on database: any Database) async throws {}
}
