import Fluent
import Foundation
import GongkaiCore
import FluentPostgresDriver
import SQLKit

/// Search over what is published: titles and bodies, Chinese phrases of any length, with
/// filters, two orders and pages (docs/publications.md, “Search”).
///
/// A query is split into terms (`SearchText.terms`); every term must match. Terms of three
/// code points or more go to the trigram index (SQLite FTS5 `trigram`; PostgreSQL pg_trgm GIN
/// with ILIKE), shorter terms to the short-gram index (SQLite: `publication_grams` for two code
/// points, grams of every code point folded as the trigram table folds, and
/// `publication_code_points` for one, each code point a token; PostgreSQL GIN on
/// `gongkai_grams`, every code point, through the strategy of PublicationSearch+ShortTermsOnPostgres).
///
/// On PostgreSQL a search runs in a transaction of its own (a savepoint inside a caller's),
/// whose `statement_timeout` ends it after `timeLimitMilliseconds` with `timedOut` (HTTP 503)
/// rather than letting it hold a connection for as long as it takes.
///
/// Relevance is “every term in the title” first, then the other hits, each newest first; date
/// order is newest first. Totals are counted up to `countCap` (“more than 1,000”), which keeps a
/// query for a very common word as fast as one for a rare word.
struct PublicationSearch: Sendable {
    enum Sort: String, Sendable, CaseIterable {
        case relevance, date

        var chineseLabel: String { self == .relevance ? "按相关度" : "按日期" }
    }

    static let countCap = 1000
    static let maxPageSize = 50

    /// SQLite: a term none of whose code points has case: FTS5's `unicode61` folds only case
    /// (`remove_diacritics 0`), and a code point without case is never the fold of another, so
    /// such a term is in a text exactly where `instr` finds it.
    static func isCaseless(_ term: String) -> Bool {
        term.unicodeScalars.allSatisfy { !$0.properties.isCased && !$0.properties.changesWhenCaseFolded }
    }

    /// The last page the pager offers for a capped total (`countCap` hits): 50 of 20.
    static func lastPage(pageSize: Int) -> Int { max(1, (countCap + pageSize - 1) / max(1, pageSize)) }

    var query: String
    var agencyID: Int?
    var category: PublicationCategory?
    var year: Int?
    var documentNumber: String = ""
    var sort: Sort = .relevance
    var page = 1
    var pageSize = 20
    /// PostgreSQL, a 1–2 character term with more than `countCap` hits: how many rows the date
    /// walk looks at before it re-decides (PublicationSearch+ShortTermsOnPostgres). Changes no
    /// result, only the plan: the tests make it small to take every path on a small table.
    var walkBudget = 2000
    /// PostgreSQL: how long the whole search may take, in milliseconds (`GONGKAI_SEARCH_TIME_LIMIT_MS`;
    /// 0: no limit). Changes no result, only whether there is one.
    var timeLimitMilliseconds = Self.defaultTimeLimitMilliseconds
    /// SQLite: a one-code-point term from `publication_code_points` (migration
    /// IndexPublicationCodePoints); false: the gram table's prefix query, the plan before it.
    /// Changes no result, only the plan: the benchmark compares the two.
    var oneCodePointTable = true
    static let defaultTimeLimitMilliseconds = 5000
    /// PostgreSQL: filters that leave at most this many rows are read alone (PublicationSearch+ShortTermsOnPostgres).
    /// Changes no result, only the plan: the tests set it to 0 to take the other paths with filters.
    var narrowFilterRows = Self.defaultNarrowFilterRows
    /// PostgreSQL: the filters leave so few rows that the walks read them all (set by
    /// PublicationSearch+ShortTermsOnPostgres, with `walkBudget` raised to their number).
    var walksFilteredRows = false
    /// When the search must have ended (set by `run` from `timeLimitMilliseconds`).
    private(set) var deadline: ContinuousClock.Instant?
    /// PostgreSQL: the `statement_timeout` the session had before the search (a role's or a
    /// database's, an administrator's), in milliseconds; 0: none. Read once by `run` when the
    /// search has a limit: no statement of the search may run longer than it allows.
    private(set) var sessionTimeoutMilliseconds = 0

    var terms: [String] { SearchText.terms(of: query) }

    /// Everything the results depend on, canonically: two searches with the same key have the
    /// same results until the portal changes (the page cache keys searches by it).
    var cacheKey: String {
        [
            query, agencyID.map(String.init) ?? "", category?.rawValue ?? "", year.map(String.init) ?? "", documentNumber, sort.rawValue,
            String(page), String(pageSize),
        ]
        .map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }.joined(separator: "&")
    }

    struct Hit: Sendable {
        let id: Int
        let title: String
        let indexNumber: String
        let documentNumber: String
        let agencyName: String
        let agencyCode: String
        let category: PublicationCategory
        let publishedOn: CivilDate
        let snippet: [SearchText.Segment]
        let titleHit: Bool
    }

    struct Result: Sendable {
        let total: Int
        /// True when there are more than `countCap` hits (the total is then the cap).
        let capped: Bool
        let hits: [Hit]
        let terms: [String]
        /// The page answered (`answer`: the last page with hits when one past it was asked for).
        var page = 1
        /// Why nothing was searched for: no term and no 文号 (`answer`; cold review 11n, M3).
        var hint: String?
    }

    func run(on db: any Database) async throws -> Result {
        let terms = self.terms
        guard !terms.isEmpty else { return Result(total: 0, capped: false, hits: [], terms: []) }
        guard db.isPostgres else { return try await find(terms, on: db) }
        var search = self
        if timeLimitMilliseconds > 0 { search.deadline = .now + .milliseconds(timeLimitMilliseconds) }
        do {
            return try await Self.isolated(on: db) { [search] tx in
                var search = search
                if search.deadline != nil { search.sessionTimeoutMilliseconds = try await Self.sessionTimeout(tx.requireSQL()) }
                return try await search.find(terms, on: tx)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "57014" {
            // query_canceled: the statement timeout set from the deadline (or an administrator's
            // pg_cancel_backend) ended the statement.
            throw Self.timedOut(milliseconds: timeLimitMilliseconds)
        }
    }

    /// The answer to a search that did not end in time: the service is there, this search is
    /// too costly now (page and API: 503; docs/publications.md, “Search”).
    static let timedOutCode = "search_timed_out"

    static func timedOut(milliseconds: Int) -> AppError {
        let limit: String
        if milliseconds <= 0 {
            limit = "检索被数据库中止"  // no limit set: an administrator's pg_cancel_backend
        } else if milliseconds % 1000 == 0 {
            limit = "检索未能在 \(milliseconds / 1000) 秒内完成，已停止"
        } else {
            limit = "检索未能在 \(milliseconds) 毫秒内完成，已停止"
        }
        return AppError(
            status: .serviceUnavailable, code: timedOutCode,
            message: limit + "。请换用更具体的检索词，或按机构、类别、年份缩小范围后再试。")
    }

    /// PostgreSQL: runs `body` in a transaction of its own, so that what it sets with
    /// `set_config(…, true)` (SET LOCAL: the planner settings of the short-term strategy, the
    /// statement timeout) ends with it. Inside a caller's transaction that is a savepoint, rolled
    /// back afterwards (a search writes nothing): rolling back to it undoes the settings made
    /// after it, and a search that timed out leaves the caller's transaction usable. A plain
    /// SET LOCAL there would last until the caller's commit (review 11g, M1).
    static func isolated<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard db.inTransaction else { return try await db.transaction(body) }
        let sql = try db.requireSQL()
        try await sql.raw("SAVEPOINT gongkai_search").run()
        let outcome: Swift.Result<T, any Error>
        do { outcome = .success(try await body(db)) } catch { outcome = .failure(error) }
        do {
            try await sql.raw("ROLLBACK TO SAVEPOINT gongkai_search").run()
            try await sql.raw("RELEASE SAVEPOINT gongkai_search").run()
        } catch {
            if case .success = outcome { throw error }  // else the search's own error is the one to report
        }
        return try outcome.get()
    }

    /// PostgreSQL: the session's `statement_timeout` in milliseconds (`pg_settings` gives it in
    /// its unit, ms, whatever `current_setting` would print); 0: none.
    static func sessionTimeout(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT setting::bigint AS ms FROM pg_settings WHERE name = 'statement_timeout'").first()
        return try row?.decode(column: "ms", as: Int.self) ?? 0
    }

    /// PostgreSQL: the time left to the search, as the `statement_timeout` of the next statement
    /// (`nil`: no limit of the search's own, the session's timeout left as it is); throws
    /// `timedOut` when none is left. Never longer than the session's own timeout (review 11h L2).
    func statementTimeout() throws -> String? {
        guard let deadline else { return nil }
        let left = (deadline - .now).components
        var milliseconds = left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000
        guard milliseconds >= 1 else { throw Self.timedOut(milliseconds: timeLimitMilliseconds) }
        if sessionTimeoutMilliseconds > 0 { milliseconds = min(milliseconds, Int64(sessionTimeoutMilliseconds)) }
        return "\(milliseconds)ms"
    }

    /// PostgreSQL: the next statement may take the time left to the search. Called before every
    /// statement of the search (review 11h L1: a timeout set once would let later statements
    /// run on past the deadline).
    func limitTime(_ sql: any SQLDatabase) async throws {
        guard let timeout = try statementTimeout() else { return }
        try await sql.raw("SELECT set_config('statement_timeout', \(bind: timeout), true)").run()
    }

    /// The search on one database handle (PostgreSQL: inside `isolated`).
    private func find(_ terms: [String], on db: any Database) async throws -> Result {
        let sql = try db.requireSQL()
        let size = max(1, min(pageSize, Self.maxPageSize))
        let offset = (max(1, page) - 1) * size
        let postgres = db.isPostgres
        var ids: [Int] = []
        var total = 0
        var titleIDs: Set<Int> = []
        if postgres {
            // PostgreSQL: counted and found by the strategy of PublicationSearch+ShortTermsOnPostgres,
            // its bitmap the gram index (a term under three code points, or one pg_trgm has no
            // trigram of) or pg_trgm (every term of three code points or more). One statement
            // sorting every hit cost a second for a common longer term at 100,000 publications
            // (“人民政府”; two or three of them two seconds: review 11k, H1); the walk of the
            // newest rows stops at the page.
            (ids, total, titleIDs) = try await findShortTermsOnPostgres(terms, offset: offset, size: size, on: db)
            let hits = try await load(ids, terms: terms, titleIDs: titleIDs, on: db)
            return Result(total: min(total, Self.countCap), capped: total > Self.countCap, hits: hits, terms: terms)
        }
        switch sort {
        case .date:
            total = try await count(terms, tier: .any, postgres: postgres, sql: sql)
            ids = try await page(terms, tier: .any, offset: offset, limit: size, postgres: postgres, sql: sql)
        case .relevance:
            total = try await count(terms, tier: .any, postgres: postgres, sql: sql)
            // Page 1 (most searches): the title hits, then other hits to fill the page. Later
            // pages need to know how many title hits come first.
            let inTitle = offset == 0 ? nil : try await count(terms, tier: .title, postgres: postgres, sql: sql)
            if offset < (inTitle ?? 1) {
                ids = try await page(terms, tier: .title, offset: offset, limit: size, postgres: postgres, sql: sql)
                titleIDs = Set(ids)
            }
            if ids.count < size && total > ids.count {
                let skip = max(0, offset - (inTitle ?? ids.count))
                ids += try await page(terms, tier: .bodyOnly, offset: skip, limit: size - ids.count, postgres: postgres, sql: sql)
            }
        }
        let hits = try await load(ids, terms: terms, titleIDs: titleIDs, on: db)
        return Result(total: min(total, Self.countCap), capped: total > Self.countCap, hits: hits, terms: terms)
    }

    enum Tier { case any, title, bodyOnly }

    /// The statement that finds the hits of a tier (the query-plan tests explain it).
    func statement(tier: Tier, postgres: Bool) -> SQLQueryString {
        postgres ? pgSelect(terms, tier: tier) : sqliteSelect(terms, tier: tier)
    }

    // MARK: SQL

    /// How many hits, counting at most `countCap + 1`.
    private func count(_ terms: [String], tier: Tier, postgres: Bool, sql: any SQLDatabase) async throws -> Int {
        if postgres { try await limitTime(sql) }
        let inner = postgres ? pgSelect(terms, tier: tier) : sqliteSelect(terms, tier: tier)
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM (\(inner) LIMIT \(unsafeRaw: String(Self.countCap + 1))) AS hits").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    private func page(_ terms: [String], tier: Tier, offset: Int, limit: Int, postgres: Bool, sql: any SQLDatabase) async throws -> [Int] {
        guard limit > 0 else { return [] }
        if postgres { try await limitTime(sql) }
        let inner = postgres ? pgSelect(terms, tier: tier) : sqliteSelect(terms, tier: tier)
        let rows = try await sql.raw("\(inner) LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))").all()
        return try rows.map { try $0.decode(column: "id", as: Int.self) }
    }

    /// SQLite: the FTS table that finds a term, and the FTS5 query for it there: the trigram
    /// table for three code points or more, the gram table for two, the code-point table for one
    /// (`oneCodePointTable`; else the gram table's prefix query, the plan before it).
    func sqliteTable(of term: String) -> (table: String, query: String) {
        switch term.unicodeScalars.count {
        case 3...: return ("publication_fts", SearchText.ftsString(term))
        case 1 where oneCodePointTable: return (IndexPublicationCodePoints.table, SearchText.ftsString(term))
        default: return ("publication_grams", SearchText.shortGramQuery(term)!)
        }
    }

    /// SQLite: publication ids newest first. When every term goes to the same FTS table, the
    /// FTS table drives (rowid order = date order, early stop); otherwise the table of the
    /// longest terms drives and the others are tested on each row it walks.
    private func sqliteSelect(_ terms: [String], tier: Tier) -> SQLQueryString {
        // The terms by table (in the query's order within one), the table of the longest terms
        // first: it drives a mixed query (its terms have the fewest hits, as a rule).
        var groups: [(table: String, queries: [String], terms: [String])] = []
        for term in terms {
            let (table, query) = sqliteTable(of: term)
            if let k = groups.firstIndex(where: { $0.table == table }) {
                groups[k].queries.append(query)
                groups[k].terms.append(term)
            } else {
                groups.append((table, [query], [term]))
            }
        }
        let order = ["publication_fts", "publication_grams", IndexPublicationCodePoints.table]
        groups.sort { order.firstIndex(of: $0.table) ?? 0 < order.firstIndex(of: $1.table) ?? 0 }
        func expression(_ queries: [String], titleOnly: Bool) -> String {
            queries.map { titleOnly ? "{title} : " + $0 : $0 }.joined(separator: " AND ")
        }
        var filters = SQLQueryString("p.status = 'published'")
        if let agencyID { filters = filters + " AND p.agency_id = \(bind: agencyID)" }
        if let category { filters = filters + " AND p.category = \(bind: category.rawValue)" }
        if !documentNumber.isEmpty {
            filters = filters + " AND p.document_number LIKE \(bind: SearchText.likePattern(documentNumber)) ESCAPE '\\'"
        }
        var yearRange: (Int64, Int64)?
        if let year, let first = CivilDate(year: year, month: 1, day: 1), let next = CivilDate(year: year + 1, month: 1, day: 1) {
            yearRange = (PublicationSearchIndex.rowID(startOf: first), PublicationSearchIndex.rowID(startOf: next))
        }
        if groups.count == 1 {
            let (table, queries, _) = groups[0]
            // The FTS match for the tier: all hits, title hits, or hits NOT in the title.
            let expr: String
            switch tier {
            case .any: expr = expression(queries, titleOnly: false)
            case .title: expr = expression(queries, titleOnly: true)
            case .bodyOnly: expr = "(" + expression(queries, titleOnly: false) + ") NOT (" + expression(queries, titleOnly: true) + ")"
            }
            // The FTS tables hold only what is published: without a filter on the row, no join.
            if agencyID == nil, category == nil, documentNumber.isEmpty {
                var q = SQLQueryString("SELECT (s.rowid & 4294967295) AS id FROM \(unsafeRaw: table)(\(bind: expr)) s")
                if let (low, high) = yearRange { q = q + " WHERE s.rowid >= \(bind: low) AND s.rowid < \(bind: high)" }
                return q + " ORDER BY s.rowid DESC"
            }
            var q = SQLQueryString("SELECT p.id AS id FROM \(unsafeRaw: table)(\(bind: expr)) s JOIN publications p ON p.id = (s.rowid & 4294967295) WHERE ") + filters
            if let (low, high) = yearRange { q = q + " AND s.rowid >= \(bind: low) AND s.rowid < \(bind: high)" }
            return q + " ORDER BY s.rowid DESC"
        }
        // Mixed: the table of the longest terms drives, newest first (its rowid is the sort key,
        // as above); each other table's rowids are read once into a list (`IN (SELECT …)`),
        // which each row of the walk is looked up in, so a page stops after its rows and a count
        // at `countCap + 1`. Reading every hit of both tables, then joining through
        // `publications` and sorting, took 0.75–0.86 s for “中华人民共和国 的” at 30,000
        // publications (review 11k, H3). The unary `+` keeps the list out of the FTS5 table's
        // own rowid constraint: there FTS5 ran the whole match once for each rowid of the list
        // (50–70 s for the same query at 20,000). A correlated lookup (`EXISTS … WHERE x.rowid =
        // s.rowid`) is as slow: the match again for each row. “In the title” is asked of the
        // tables too, never of LIKE, which folds ASCII letters only: the tiers must fold as the
        // tables do, or a title hit of another case would be listed in both tiers (review 11h, M1).
        //
        // A one-code-point term without case (“的”, “，”, `isCaseless`) that does not drive is
        // tested on each walked row's text with `instr` instead: its list would be most rows
        // (“的”), and no other code point folds to such a term, so `instr` finds exactly the
        // rows the tables do.
        let driving = groups[0]
        var listed: [(table: String, queries: [String])] = []
        var tested: [String] = []
        for group in groups.dropFirst() {
            var queries: [String] = []
            for (term, query) in zip(group.terms, group.queries) {
                if term.unicodeScalars.count == 1 && Self.isCaseless(term) { tested.append(term) } else { queries.append(query) }
            }
            if !queries.isEmpty { listed.append((group.table, queries)) }
        }
        func has(_ table: String, _ queries: [String], titleOnly: Bool) -> SQLQueryString {
            "+s.rowid IN (SELECT rowid FROM \(unsafeRaw: table)(\(bind: expression(queries, titleOnly: titleOnly))))"
        }
        func contains(_ list: [String], titleOnly: Bool) -> [SQLQueryString] {
            list.map { term in
                titleOnly ? "instr(p.title, \(bind: term)) > 0" : "(instr(p.title, \(bind: term)) > 0 OR instr(p.body_text, \(bind: term)) > 0)"
            }
        }
        func all(_ parts: [SQLQueryString]) -> SQLQueryString {
            parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 }
        }
        let driver = expression(driving.queries, titleOnly: tier == .title)
        var q = SQLQueryString("SELECT (s.rowid & 4294967295) AS id FROM \(unsafeRaw: driving.table)(\(bind: driver)) s")
        if agencyID != nil || category != nil || !documentNumber.isEmpty || !tested.isEmpty {
            q = q + " JOIN publications p ON p.id = (s.rowid & 4294967295) WHERE " + filters + " AND "
        } else {
            q = q + " WHERE "
        }
        q = q + all(listed.map { has($0.table, $0.queries, titleOnly: tier == .title) } + contains(tested, titleOnly: tier == .title))
        if tier == .bodyOnly {
            let inTitle = all(
                [has(driving.table, driving.queries, titleOnly: true)] + listed.map { has($0.table, $0.queries, titleOnly: true) }
                    + contains(tested, titleOnly: true))
            q = q + " AND NOT (" + inTitle + ")"
        }
        if let (low, high) = yearRange { q = q + " AND s.rowid >= \(bind: low) AND s.rowid < \(bind: high)" }
        return q + " ORDER BY s.rowid DESC"
    }

    /// PostgreSQL: the hits of a tier sorted, as the strategy's bitmap finds them (with terms of
    /// three code points or more only, the pg_trgm indexes: `pgTrigramConditions`). The search
    /// itself counts, walks and pages (PublicationSearch+ShortTermsOnPostgres).
    private func pgSelect(_ terms: [String], tier: Tier) -> SQLQueryString {
        pgBitmapPage(terms, tier: tier, after: nil, offset: 0, limit: nil)
    }

    /// PostgreSQL: every term in the title, by ILIKE, never through the gram function (it
    /// would split every body the scan reaches). (SQLite asks its FTS tables: `sqliteSelect`.)
    func titleCondition(_ terms: [String]) -> SQLQueryString {
        let parts: [SQLQueryString] = terms.map { term in "p.title ILIKE \(bind: SearchText.likePattern(term))" }
        return parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 }
    }

    /// The hits' rows in the order found, with their snippets.
    func load(_ ids: [Int], terms: [String], titleIDs: Set<Int>, on db: any Database) async throws -> [Hit] {
        guard !ids.isEmpty else { return [] }
        try await limitTime(db.requireSQL())
        let rows = try await Publication.query(on: db).filter(\.$id ~~ ids).with(\.$agency).all()
        let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { p in p.id.map { ($0, p) } })
        return ids.compactMap { id in
            guard let p = byID[id], let publishedOn = p.publishedOn else { return nil }
            let lowerTitle = String(p.title.map(SearchText.fold))
            return Hit(id: id, title: p.title, indexNumber: p.indexNumber ?? "", documentNumber: p.documentNumber,
                       agencyName: p.agency.name, agencyCode: p.agency.code, category: p.category, publishedOn: publishedOn,
                       snippet: SearchText.snippet(of: p.bodyText, terms: terms),
                       titleHit: titleIDs.contains(id) || terms.allSatisfy { lowerTitle.contains($0) })
        }
    }
}
