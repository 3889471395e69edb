import Fluent
import Foundation
import FluentPostgresDriver
import GongkaiCore
import SQLKit

/// What the search page and the API answer for a search (cold review 11n): a search by 文号
/// alone — looking a document up by its number is common — lists the items whose 文号 contains
/// it, newest first, with the other filters and the same pager and totals rules; a search with
/// neither term nor 文号 says a term is needed (`Result.hint`); a page past the last one with
/// hits is that last page.
extension PublicationSearch {
    func answer(on db: any Database) async throws -> Result {
        var result: Result
        if !terms.isEmpty {
            result = try await run(on: db)
        } else if !documentNumber.isEmpty {
            result = try await byFiltersAlone(on: db)
        } else {
            var none = Result(total: 0, capped: false, hits: [], terms: [])
            none.hint = Self.termHint(query: query)
            return none
        }
        result.page = page
        let size = max(1, min(pageSize, Self.maxPageSize))
        let last = max(1, (result.total + size - 1) / size)
        guard page > last else { return result }
        // Past the last page with hits (`page=999` of 2): that last page, not an empty one.
        guard result.total > 0 else {
            result.page = last
            return result
        }
        var again = self
        again.page = last
        return try await again.answer(on: db)
    }

    /// Why nothing was searched for: marks only (《》“” and the like are not searched for), or nothing typed.
    static func termHint(query: String) -> String {
        query.trimmingCharacters(in: .whitespaces).isEmpty
            ? "请输入检索词。只按文号查找时，请在“文号”中填写文号或其一部分（如“〔2015〕”）。"
            : "检索词“\(query)”中只有标点符号（如《》“”），检索时会被忽略；请输入字词，或在“文号”中填写文号。"
    }

    /// The filters alone (a 文号 given, no term): every published item whose 文号 contains it,
    /// newest first, counted up to `countCap` as a search with a term is.
    func byFiltersAlone(on db: any Database) async throws -> Result {
        let size = max(1, min(pageSize, Self.maxPageSize))
        let offset = (max(1, page) - 1) * size
        let postgres = db.isPostgres
        var q = SQLQueryString("SELECT p.id AS id FROM publications p WHERE p.status = 'published'")
        if let agencyID { q = q + " AND p.agency_id = \(bind: agencyID)" }
        if let category { q = q + " AND p.category = \(bind: category.rawValue)" }
        if let year { q = q + " AND p.published_on >= \(bind: "\(year)-01-01") AND p.published_on <= \(bind: "\(year)-12-31")" }
        // As the searches with a term filter it: ILIKE on PostgreSQL, LIKE (ASCII case folded) on SQLite.
        q =
            q
            + (postgres
                ? " AND p.document_number ILIKE \(bind: SearchText.likePattern(documentNumber))"
                : " AND p.document_number LIKE \(bind: SearchText.likePattern(documentNumber)) ESCAPE '\\'")
        let statement = q
        let limitMilliseconds = timeLimitMilliseconds
        @Sendable func find(_ db: any Database) async throws -> (total: Int, ids: [Int]) {
            let sql = try db.requireSQL()
            if postgres, limitMilliseconds > 0 {
                try await sql.raw("SELECT set_config('statement_timeout', \(bind: "\(limitMilliseconds)ms"), true)").run()
            }
            let counted = try await sql.raw("SELECT COUNT(*) AS n FROM (\(statement) LIMIT \(unsafeRaw: String(Self.countCap + 1))) AS hits").first()
            let total = try counted?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                "\(statement) ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(size)) OFFSET \(unsafeRaw: String(offset))"
            ).all()
            return (total, try rows.map { try $0.decode(column: "id", as: Int.self) })
        }
        let found: (total: Int, ids: [Int])
        if postgres {
            do {
                found = try await Self.isolated(on: db) { tx in try await find(tx) }
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "57014" {
                throw Self.timedOut(milliseconds: timeLimitMilliseconds)
            }
        } else {
            found = try await find(db)
        }
        let hits = try await load(found.ids, terms: [], titleIDs: [], on: db)
        return Result(total: min(found.total, Self.countCap), capped: found.total > Self.countCap, hits: hits, terms: [])
    }
}
