import Foundation
import GongkaiCore
import SQLKit

/// Fills a SQLite FTS5 search table (`rowid, title, body`) from the published publications, for
/// the migrations that make one (`RebuildPublicationGramsByCodePoint`, `IndexPublicationCodePoints`):
/// read by id in batches (keyset: each batch a range scan of the primary key) and written many
/// rows to an INSERT.
enum PublicationSearchTableFill {
    /// Rows read at a time: the bodies of a batch are held in memory.
    static let readBatch = 2_000
    /// Rows in one INSERT (three bound values each, under SQLite's limit of 32,766).
    static let insertBatch = 200

    /// - Parameter tokens: a text's tokens as the table indexes them (space-separated).
    static func fill(_ sql: any SQLDatabase, table: String, tokens: (String) -> String) async throws {
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
                        tokens(try row.decode(column: "title", as: String.self)),
                        tokens(try row.decode(column: "body_text", as: String.self))
                    ))
            }
            var start = 0
            while start < values.count {
                let chunk = values[start..<min(values.count, start + insertBatch)]
                var insert = SQLQueryString("INSERT INTO \(unsafeRaw: table) (rowid, title, body) VALUES ")
                for (k, value) in chunk.enumerated() {
                    if k > 0 { insert = insert + ", " }
                    insert = insert + "(\(bind: value.0), \(bind: value.1), \(bind: value.2))"
                }
                try await sql.raw(insert).run()
                start += insertBatch
            }
        }
    }
}
