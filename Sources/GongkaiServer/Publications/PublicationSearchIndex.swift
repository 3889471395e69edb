import Fluent
import GongkaiCore
import SQLKit

/// Keeps the SQLite full-text tables in step with what is published, inside the publishing
/// transaction (PostgreSQL indexes the `publications` rows themselves: nothing to do there).
///
/// The FTS rowid is the sort key `rowID(publishedOn:id:)`: the publication date in the high
/// bits, the id in the low 32. FTS5 walks its hits in rowid order, so “newest first” is
/// `ORDER BY rowid DESC` and stops after one page however common the term; a year is a rowid range.
enum PublicationSearchIndex {
    static func rowID(publishedOn: CivilDate, id: Int) -> Int64 {
        (Int64(publishedOn.dayNumber) << 32) | Int64(id)
    }

    /// The first sort key of a day (a year filter is a range of these).
    static func rowID(startOf day: CivilDate) -> Int64 { Int64(day.dayNumber) << 32 }

    /// Puts the publication's current text in the index (replacing what was there).
    static func put(_ p: Publication, on db: any Database) async throws {
        guard !db.isPostgres, let publishedOn = p.publishedOn else { return }
        let sql = try db.requireSQL()
        let rowid = rowID(publishedOn: publishedOn, id: try p.requireID())
        try await remove(rowid: rowid, sql: sql)
        try await sql.raw("INSERT INTO publication_fts (rowid, title, body) VALUES (\(bind: rowid), \(bind: p.title), \(bind: p.bodyText))").run()
        try await sql.raw("""
            INSERT INTO publication_grams (rowid, title, body)
            VALUES (\(bind: rowid), \(bind: SearchText.shortGramTokens(of: p.title)), \(bind: SearchText.shortGramTokens(of: p.bodyText)))
            """).run()
        let (title, body) = (SearchText.codePointTokens(of: p.title), SearchText.codePointTokens(of: p.bodyText))
        try await sql.raw("INSERT INTO publication_code_points (rowid, title, body) VALUES (\(bind: rowid), \(bind: title), \(bind: body))").run()
    }

    static func remove(_ p: Publication, on db: any Database) async throws {
        guard !db.isPostgres, let publishedOn = p.publishedOn else { return }
        try await remove(rowid: rowID(publishedOn: publishedOn, id: try p.requireID()), sql: try db.requireSQL())
    }

    private static func remove(rowid: Int64, sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM publication_fts WHERE rowid = \(bind: rowid)").run()
        try await sql.raw("DELETE FROM publication_grams WHERE rowid = \(bind: rowid)").run()
        try await sql.raw("DELETE FROM publication_code_points WHERE rowid = \(bind: rowid)").run()
    }
}
