import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// PostgreSQL, a query with a term of one or two code points (`isGramTermOnPostgres`): the gram index on
/// `gongkai_grams(title, body_text)` finds the hits, but the function splits a whole body
/// (2–3 ms a row), so no plan may ever evaluate it on a row. The planner alone does: a common
/// term's bitmap goes lossy at the default `work_mem` and its recheck calls the function on
/// every row (over 20 s for “工作” on a million rows), and a plan that walks the date index
/// filters each row with it. So, in one transaction (docs/benchmarks.md, “Search on PostgreSQL”):
///
/// 1. Count: a common term has more than `countCap` hits among the newest rows, read with
///    LIKE/ILIKE; otherwise through the gram index alone — a bitmap scan, exact (`work_mem`
///    below) and without `ORDER BY`, stopping at `countCap + 1`. A GIN array match (`&&`,
///    `@>`) on an exact bitmap is never rechecked, and the gram condition says all that the
///    ILIKE says.
/// 2. At most `countCap` hits: fetch them all through the same bitmap and sort (≤ 1,000 rows).
/// 3. More: walk the date index newest first, each row checked with LIKE/ILIKE alone (tens of
///    microseconds: the body is decompressed and scanned, never split); a common term fills a
///    page within a few hundred rows. After `walkBudget` rows the hits seen give the term's
///    density: walking on costs about `walkRowCost` times a hit fetched through the bitmap,
///    so if the page needs more rows than that, the rest (the hits older than the last row
///    walked) are fetched through the bitmap and sorted instead.
///
/// The results are those of `pgSelect`: the same hits in the same order (newest first, then
/// id), the same totals; only the plans differ.
extension PublicationSearch {
    /// Large enough for an exact bitmap over the whole table: an exact bitmap takes about 64
    /// bytes per heap page (PostgreSQL's `PagetableEntry` and its hash slot), so 64 MB holds
    /// a million pages — 8 GB of publications, about five million at the benchmark's 1.5 KB a
    /// row (the million take 190,171 pages, 12 MB). Only what a query's bitmap needs is
    /// allocated, and only for this transaction: 64 searches of a common term at once ≈ 0.8 GB.
    static let postgresSearchWorkMem = "64MB"
    /// Walking a row against fetching a hit through the bitmap (one heap tuple, its date read;
    /// 5–9 µs on the million rows): a row's body decompressed and scanned 14–22 µs, its title
    /// alone 1–4 µs.
    static func walkRowCost(_ tier: Tier) -> Double { tier == .title ? 0.25 : 4 }

    enum PostgresPlan { case bitmap, walk }

    /// Whether PostgreSQL finds a term through the gram index: under three code points, whatever
    /// they are. `gongkai_grams` keeps every code point and every pair, punctuation included
    /// (“5%”, “：名”), so such a term is a gram exactly where its ILIKE matches; pg_trgm cannot
    /// serve it (SQLite's gram table holds letters and digits only: there punctuation is a scan).
    static func isGramTermOnPostgres(_ term: String) -> Bool { SearchText.route(of: term) != .trigram }

    /// Which index makes the bitmap of a query with a 1–2 character term and a longer one: the
    /// gram index (the short terms), or pg_trgm (the longer terms; the short ones then checked
    /// by LIKE, never by the gram function, which a pg_trgm recheck would call on every row).
    enum BitmapDriver { case grams, trigrams }

    /// The planner settings of each step, for the search's transaction only (`isolated`), with
    /// the time left to the search. `bitmap`: only bitmap scans, so the gram condition is an
    /// index condition, never a filter. `walk`: only the ordered index scan (its statements hold
    /// no gram condition at all).
    func usePlan(_ plan: PostgresPlan, on sql: any SQLDatabase) async throws {
        let bitmap = plan == .bitmap ? "on" : "off", index = plan == .bitmap ? "off" : "on"
        // '0' is no limit, as in a search without a deadline.
        let timeout = try statementTimeout() ?? "0"
        try await sql.raw(
            """
            SELECT set_config('work_mem', \(bind: Self.postgresSearchWorkMem), true), set_config('enable_seqscan', 'off', true),
              set_config('enable_bitmapscan', \(bind: bitmap), true), set_config('enable_indexscan', \(bind: index), true),
              set_config('enable_indexonlyscan', \(bind: index), true), set_config('statement_timeout', \(bind: timeout), true)
            """
        ).run()
    }

    /// `db`: the search's own transaction (`isolated`), which its settings last for.
    func findShortTermsOnPostgres(_ terms: [String], offset: Int, size: Int, on db: any Database) async throws
        -> (ids: [Int], total: Int, titleIDs: Set<Int>)
    {
        do {
            let sql = try db.requireSQL()
            var driver = BitmapDriver.grams
            let total = try await pgCount(terms, tier: .any, driver: &driver, sql: sql)
            if total == 0 { return ([], 0, []) }  // nothing to page through
            let few = total <= Self.countCap
            switch sort {
            case .date:
                return (try await pgPage(terms, tier: .any, offset: offset, limit: size, few: few, driver: driver, sql: sql), total, [])
            case .relevance:
                // As in `run`: the title hits, then the others; a later page needs the title count.
                var inTitle: Int?
                if offset > 0 { inTitle = try await pgCount(terms, tier: .title, driver: &driver, sql: sql) }
                var ids: [Int] = []
                var titleIDs: Set<Int> = []
                if offset < (inTitle ?? 1) {
                    ids = try await pgPage(
                        terms, tier: .title, offset: offset, limit: size, few: (inTitle ?? total) <= Self.countCap, driver: driver, sql: sql)
                    titleIDs = Set(ids)
                }
                if ids.count < size && total > ids.count {
                    let skip = max(0, offset - (inTitle ?? ids.count))
                    ids += try await pgPage(terms, tier: .bodyOnly, offset: skip, limit: size - ids.count, few: few, driver: driver, sql: sql)
                }
                return (ids, total, titleIDs)
            }
        }
    }

    /// The ids at `offset..<offset+limit` of a tier, newest first. `few`: the tier has at most
    /// `countCap` hits.
    private func pgPage(_ terms: [String], tier: Tier, offset: Int, limit: Int, few: Bool, driver: BitmapDriver, sql: any SQLDatabase) async throws
        -> [Int]
    {
        guard limit > 0 else { return [] }
        if few {
            try await usePlan(.bitmap, on: sql)
            return try await ids(pgBitmapPage(terms, tier: tier, after: nil, offset: offset, limit: limit, driver: driver), sql)
        }
        let want = offset + limit
        try await usePlan(.walk, on: sql)
        var found = try await ids(pgWalk(terms, tier: tier, after: nil, budget: walkBudget, want: want), sql)
        if found.count >= want { return Array(found[offset..<want]) }
        // The walk ran out of budget, or of rows.
        guard var last = try await ids(pgRow(tier: tier, after: nil, skip: walkBudget - 1), sql).first else {
            return Array(found.dropFirst(offset))
        }
        let density = Double(found.count) / Double(walkBudget)
        if density > 0 {
            let rowsToWalk = Double(want - found.count) / density
            let rows =
                try await sql.raw("SELECT GREATEST(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'publications'::regclass")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            // Walk on while that is cheaper than fetching the remaining hits (about
            // density × rows) through the bitmap; give the walk twice the rows expected.
            if rowsToWalk * Self.walkRowCost(tier) <= density * Double(rows) {
                let budget = Int(min(rowsToWalk * 2, Double(Int32.max))) + 1
                found += try await ids(pgWalk(terms, tier: tier, after: last, budget: budget, want: want - found.count), sql)
                if found.count >= want { return Array(found[offset..<want]) }
                guard let next = try await ids(pgRow(tier: tier, after: last, skip: budget - 1), sql).first else {
                    return Array(found.dropFirst(offset))
                }
                last = next
            }
        }
        // The hits older than the last row walked, through the bitmap.
        try await usePlan(.bitmap, on: sql)
        let walked = found.count
        let rest = try await ids(
            pgBitmapPage(terms, tier: tier, after: last, offset: max(0, offset - walked), limit: want - max(offset, walked), driver: driver), sql)
        return Array(found.dropFirst(offset)) + rest
    }

    private func ids(_ statement: SQLQueryString, _ sql: any SQLDatabase) async throws -> [Int] {
        try await sql.raw(statement).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    // MARK: Statements (internal: the query-plan tests explain them)

    /// How many hits, counting at most `countCap + 1`. First the newest rows are read (the
    /// `walkBudget` newest, ten times as many for the title tier, whose test reads no body): a
    /// common term has more than `countCap` hits among them, and its gram bitmap — the
    /// posting lists of most rows, 150–240 ms for “工作” — is never built. Otherwise the gram
    /// index alone, no order. The count of all hits also chooses the `driver` of a query with
    /// a short and a longer term: the kind whose rarest term has fewer hits among those rows.
    func pgCount(_ terms: [String], tier: Tier, driver: inout BitmapDriver, sql: any SQLDatabase) async throws -> Int {
        let budget = tier == .title ? walkBudget * 10 : walkBudget
        let mixed = tier == .any && terms.contains { !Self.isGramTermOnPostgres($0) }
        try await usePlan(.walk, on: sql)
        let walked = try await sql.raw(pgWalkCountStatement(terms, tier: tier, budget: budget, eachTerm: mixed)).first()
        let hits = try walked?.decode(column: "n", as: Int.self) ?? 0
        let seen = try walked?.decode(column: "seen", as: Int.self) ?? 0
        if hits > Self.countCap || seen < budget { return min(hits, Self.countCap + 1) }
        if mixed, let walked {
            var rarest: [SearchText.Route: Int] = [:]  // the fewest hits of a term of each route
            for (i, term) in terms.enumerated() {
                let route: SearchText.Route = Self.isGramTermOnPostgres(term) ? .shortGram : .trigram
                rarest[route] = min(rarest[route] ?? .max, try walked.decode(column: "t\(i)", as: Int.self))
            }
            driver = (rarest[.trigram] ?? .max) < (rarest[.shortGram] ?? .max) ? .trigrams : .grams
        }
        try await usePlan(.bitmap, on: sql)
        let row = try await sql.raw(pgCountStatement(terms, tier: tier, driver: driver)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// `eachTerm`: also each term's hits among the rows read (columns t0, t1, …).
    func pgWalkCountStatement(_ terms: [String], tier: Tier, budget: Int, eachTerm: Bool = false) -> SQLQueryString {
        var columns = SQLQueryString("COUNT(*) FILTER (WHERE w.hit) AS n, COUNT(*) AS seen")
        var tests = pgWalkMatch(terms, tier: tier) + " AS hit"
        if eachTerm {
            for (i, term) in terms.enumerated() {
                columns = columns + ", COUNT(*) FILTER (WHERE w.t\(unsafeRaw: String(i))) AS t\(unsafeRaw: String(i))"
                tests = tests + ", " + pgWalkMatch([term], tier: tier) + " AS t\(unsafeRaw: String(i))"
            }
        }
        return "SELECT " + columns + " FROM (SELECT " + tests + " FROM publications p WHERE " + pgRowConditions(after: nil)
            + " ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(budget))) AS w"
    }

    func pgCountStatement(_ terms: [String], tier: Tier, driver: BitmapDriver = .grams) -> SQLQueryString {
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM publications p WHERE " + pgBitmapConditions(terms, tier: tier, driver: driver)
            + " LIMIT \(unsafeRaw: String(Self.countCap + 1))) AS hits"
    }

    /// A page of a tier's hits through the gram index, sorted; `after`: only the hits after
    /// that publication in date order.
    func pgBitmapPage(_ terms: [String], tier: Tier, after: Int?, offset: Int, limit: Int, driver: BitmapDriver = .grams) -> SQLQueryString {
        var q = "SELECT p.id AS id FROM publications p WHERE " + pgBitmapConditions(terms, tier: tier, driver: driver)
        // Not indexable (`|| ''`, `+ 0`), as the filters below: only the gram index may make the bitmap.
        if let after {
            q = q + " AND (p.published_on || '', p.id + 0) < (SELECT b.published_on, b.id FROM publications b WHERE b.id = \(bind: after))"
        }
        return q + " ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))"
    }

    /// The hits of a tier among the next `budget` rows in date order (after `after`), at most `want`.
    func pgWalk(_ terms: [String], tier: Tier, after: Int?, budget: Int, want: Int) -> SQLQueryString {
        // The inner query's order is the outer one's: PostgreSQL keeps it without a sort, and
        // the outer LIMIT stops the walk as soon as the page is full.
        "SELECT w.id AS id FROM (SELECT p.id, p.published_on, " + pgWalkMatch(terms, tier: tier) + " AS hit FROM publications p WHERE "
            + pgRowConditions(after: after) + " ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(budget))) AS w"
            + " WHERE w.hit ORDER BY w.published_on DESC, w.id DESC LIMIT \(unsafeRaw: String(want))"
    }

    /// The row `skip` rows after `after` in date order (the last row a walk looked at).
    func pgRow(tier: Tier, after: Int?, skip: Int) -> SQLQueryString {
        "SELECT p.id AS id FROM publications p WHERE " + pgRowConditions(after: after)
            + " ORDER BY p.published_on DESC, p.id DESC LIMIT 1 OFFSET \(unsafeRaw: String(max(0, skip)))"
    }

    /// Published, the filters (indexable: a walk may use any ordered index), after `after`.
    private func pgRowConditions(after: Int?) -> SQLQueryString {
        var q = SQLQueryString("p.status = 'published'")
        if let agencyID { q = q + " AND p.agency_id = \(bind: agencyID)" }
        if let category { q = q + " AND p.category = \(bind: category.rawValue)" }
        if let year { q = q + " AND p.published_on >= \(bind: "\(year)-01-01") AND p.published_on <= \(bind: "\(year)-12-31")" }
        if !documentNumber.isEmpty { q = q + " AND p.document_number ILIKE \(bind: SearchText.likePattern(documentNumber))" }
        if let after { q = q + " AND (p.published_on, p.id) < (SELECT b.published_on, b.id FROM publications b WHERE b.id = \(bind: after))" }
        return q
    }

    /// Whether a term must be matched by ILIKE: it has a cased letter (see `pgWalkMatch`).
    static func needsILIKE(_ term: String) -> Bool { term.unicodeScalars.contains { $0.properties.isCased } }

    /// The walk's test of a row: the terms by LIKE/ILIKE, no gram function.
    private func pgWalkMatch(_ terms: [String], tier: Tier) -> SQLQueryString {
        var parts: [SQLQueryString] = []
        for term in terms {
            let pattern = SearchText.likePattern(term)
            // A term without cased letters (Chinese, digits) matches exactly where its ILIKE
            // does — no other character lower-cases to it — and LIKE skips lower-casing the
            // whole body: a third less per row.
            let op: SQLQueryString = Self.needsILIKE(term) ? " ILIKE " : " LIKE "
            parts.append(
                tier == .title
                    ? "p.title" + op + "\(bind: pattern)"
                    : "(p.title" + op + "\(bind: pattern) OR p.body_text" + op + "\(bind: pattern))")
        }
        if tier == .bodyOnly { parts.append("NOT (" + titleCondition(terms, postgres: true) + ")") }
        return "(" + parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 } + ")"
    }

    /// Published, the filters and the terms, with the gram conditions the only ones an index
    /// can serve: a filter that an index serves could make the bitmap instead and leave the
    /// gram condition to be evaluated on each row (`+ 0`, `|| ''` on the text columns, `COALESCE` keep them off
    /// the indexes; a longer term's ILIKE on the pg_trgm index would also make every row
    /// rechecked, gram function included). Short terms: a GIN array match; the others: ILIKE.
    /// Driven by `trigrams`: the longer terms' ILIKE is what pg_trgm serves, the short terms are
    /// the walk's LIKE, and the gram function appears nowhere.
    private func pgBitmapConditions(_ terms: [String], tier: Tier, driver: BitmapDriver) -> SQLQueryString {
        var q = SQLQueryString("p.status = 'published'")
        if let agencyID { q = q + " AND p.agency_id + 0 = \(bind: agencyID)" }
        if let category { q = q + " AND p.category || '' = \(bind: category.rawValue)" }
        if let year { q = q + " AND p.published_on || '' >= \(bind: "\(year)-01-01") AND p.published_on || '' <= \(bind: "\(year)-12-31")" }
        if !documentNumber.isEmpty { q = q + " AND p.document_number ILIKE \(bind: SearchText.likePattern(documentNumber))" }
        for term in terms where driver == .trigrams {
            let pattern = SearchText.likePattern(term)
            if !Self.isGramTermOnPostgres(term) {
                q =
                    q
                    + (tier == .title
                        ? " AND p.title ILIKE \(bind: pattern)" : " AND (p.title ILIKE \(bind: pattern) OR p.body_text ILIKE \(bind: pattern))")
            } else {
                let op: SQLQueryString = Self.needsILIKE(term) ? " ILIKE " : " LIKE "
                q =
                    q
                    + (tier == .title
                        ? " AND COALESCE(p.title, '')" + op + "\(bind: pattern)"
                        : " AND (COALESCE(p.title, '')" + op + "\(bind: pattern) OR COALESCE(p.body_text, '')" + op + "\(bind: pattern))")
            }
        }
        for term in terms where driver == .grams {
            if Self.isGramTermOnPostgres(term) {
                q =
                    q
                    + (tier == .title
                        ? " AND gongkai_grams(p.title, p.body_text) @> ARRAY['t:' || lower(\(bind: term))]"
                        : " AND gongkai_grams(p.title, p.body_text) && ARRAY['t:' || lower(\(bind: term)), 'b:' || lower(\(bind: term))]")
            } else {
                let pattern = SearchText.likePattern(term)
                q =
                    q
                    + (tier == .title
                        ? " AND COALESCE(p.title, '') ILIKE \(bind: pattern)"
                        : " AND (COALESCE(p.title, '') ILIKE \(bind: pattern) OR COALESCE(p.body_text, '') ILIKE \(bind: pattern))")
            }
        }
        if tier == .bodyOnly { q = q + " AND NOT (" + titleCondition(terms, postgres: true) + ")" }
        return q
    }
}
