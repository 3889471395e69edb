import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// PostgreSQL, a query with a term of one or two code points (`isGramTermOnPostgres`): the gram index on
/// `gongkai_grams(title, body_text)` finds the hits, but the function splits a whole body
/// (2–3 ms a row), so no plan may ever evaluate it on a row. The planner alone does: a common
/// term's bitmap goes lossy at the default `work_mem` and its recheck calls the function on
/// every row (over 20 s for “工作” on a million rows), and a plan that walks the date index
/// filters each row with it. So, in the search's transaction (`isolated`; docs/benchmarks.md,
/// “Search on PostgreSQL”):
///
/// 0. Filters (agency, category, year) that leave at most `narrowFilterRows` rows: those rows
///    are read through the filter's index and checked with LIKE/ILIKE, all of them if need be
///    (steps 1 and 3 with a budget of all of them; no bitmap).
/// 1. Count: a common term has more than `countCap` hits among the newest rows, read with
///    LIKE/ILIKE; otherwise through the gram index alone — a bitmap scan, exact (`work_mem`
///    below) and without `ORDER BY`, stopping at `countCap + 1`. A GIN array match (`@>`,
///    all the terms in one clause: `pgGramCondition`) on an exact bitmap is never rechecked: a short term's gram condition says all that
///    its ILIKE says; a longer term (beside a short one) is in the bitmap by some of its pairs
///    of code points, a necessary condition, and its ILIKE is checked on the rows left.
/// 2. At most `countCap` hits: fetch them all through the same bitmap and sort (≤ 1,000 rows).
/// 3. More: walk the date index newest first, each row checked with LIKE/ILIKE alone (tens of
///    microseconds: the body is decompressed and scanned, never split); a common term fills a
///    page within a few hundred rows. After `walkBudget` rows the hits seen give the term's
///    density: walking on costs about `walkRowCost` times a hit fetched through the bitmap,
///    so if the page needs more rows than that, the rest (the hits older than the last row
///    walked) are fetched through the bitmap and sorted instead.
///
/// Terms of three code points or more only (review 11k, H1): the same steps with pg_trgm as the
/// bitmap (`pgTrigramConditions`: each term's ILIKE on the title and body indexes; PostgreSQL
/// rechecks each candidate's text, so a bitmap hit costs about what a walked row costs,
/// `walkRowCost`). The count first walks a tenth of the budget (`pgCount`): a rare term, whose
/// bitmap is a few rows, skips the walk of the newest rows, and a common one (“人民政府”) is
/// counted and paged by the walk and never builds its bitmap of most rows.
///
/// The results are those of a plain reading (every term by ILIKE in the title or the body):
/// the same hits in the same order (newest first, then id), the same totals; only the plans differ.
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
    /// With pg_trgm as the bitmap every hit is rechecked (its text read, as a walk reads it): 1.
    static func walkRowCost(_ tier: Tier, trigram: Bool = false) -> Double { tier == .title ? 0.25 : trigram ? 1 : 4 }

    enum PostgresPlan { case bitmap, walk }

    /// Filters (agency, category, year) that leave at most this many rows make the search read
    /// those rows alone, through the filter's index, each checked with LIKE (about 50 µs a row
    /// with its body: a quarter of a second): the term's gram bitmap would hold every row with
    /// the term, of which the filters keep a few (“水” in one agency's year: 1.1–1.4 s on the
    /// million, review 11g H4).
    static let defaultNarrowFilterRows = 5000

    /// Whether PostgreSQL finds a term through the gram index: under three code points, whatever
    /// they are. `gongkai_grams` keeps every code point and every pair, punctuation included
    /// (“5%”, “：名”), so such a term is a gram exactly where its ILIKE matches; pg_trgm cannot
    /// serve it (SQLite's gram table holds letters and digits only: there punctuation is a scan).
    static func isGramTermOnPostgres(_ term: String) -> Bool { SearchText.route(of: term) != .trigram }

    /// A term of three code points or more without a letter or digit (“………”, “※※※”): pg_trgm
    /// makes its trigrams of runs of letters and digits only, so no index serves the term's
    /// ILIKE and every row is read (2.4–2.8 s at 100,000 publications for no hit, a 503 at a
    /// million: review 11k, H1). `gongkai_grams` keeps punctuation: such a term is found as a
    /// longer term beside a short one is, by its pairs in the gram bitmap and its LIKE.
    static func hasNoTrigramOnPostgres(_ term: String) -> Bool {
        SearchText.route(of: term) == .trigram
            && !term.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// Whether the query is found through the gram index (this strategy) rather than pg_trgm.
    static func usesGramIndexOnPostgres(_ terms: [String]) -> Bool {
        terms.contains { isGramTermOnPostgres($0) || hasNoTrigramOnPostgres($0) }
    }

    /// The planner settings of each step, for the search's transaction only (`isolated`) (the
    /// time left is set before each statement: `limitTime`). `bitmap`: only bitmap scans, so the gram condition is an
    /// index condition, never a filter. `walk`: only the ordered index scan (its statements hold
    /// no gram condition at all). Neither JIT nor parallel workers: the gram function is priced
    /// as costly (`RaiseGramFunctionCost`), which pushed the estimates of a 4 ms bitmap statement
    /// past the thresholds of both, and compiling or starting workers took 200 ms.
    func usePlan(_ plan: PostgresPlan, on sql: any SQLDatabase) async throws {
        let bitmap = plan == .bitmap ? "on" : "off", index = plan == .bitmap ? "off" : "on"
        try await sql.raw(
            """
            SELECT set_config('work_mem', \(bind: Self.postgresSearchWorkMem), true), set_config('enable_seqscan', 'off', true),
              set_config('enable_bitmapscan', \(bind: bitmap), true), set_config('enable_indexscan', \(bind: index), true),
              set_config('enable_indexonlyscan', \(bind: index), true), set_config('jit', 'off', true),
              set_config('max_parallel_workers_per_gather', '0', true)
            """
        ).run()
    }

    /// `db`: the search's own transaction (`isolated`), which its settings last for.
    func findShortTermsOnPostgres(_ terms: [String], offset: Int, size: Int, on db: any Database) async throws
        -> (ids: [Int], total: Int, titleIDs: Set<Int>)
    {
        var search = self
        let sql = try db.requireSQL()
        if let rows = try await filteredRows(sql), rows <= narrowFilterRows {
            // Narrow filters: every walk may read all their rows, so none hands over to the bitmap.
            search.walkBudget = max(walkBudget, rows + 1)
            search.walksFilteredRows = true
        }
        return try await search.findShortTerms(terms, offset: offset, size: size, sql: sql)
    }

    /// How many rows the agency, category and year filters leave, counted through their indexes
    /// up to `narrowFilterRows + 1`; nil without such a filter. (A 文号 filter has no index to
    /// count with: it is left out, so the count bounds the rows the walks read.)
    private func filteredRows(_ sql: any SQLDatabase) async throws -> Int? {
        guard agencyID != nil || category != nil || year != nil else { return nil }
        try await usePlan(.walk, on: sql)
        var q = SQLQueryString("SELECT COUNT(*) AS n FROM (SELECT 1 FROM publications p WHERE p.status = 'published'")
        if let agencyID { q = q + " AND p.agency_id = \(bind: agencyID)" }
        if let category { q = q + " AND p.category = \(bind: category.rawValue)" }
        if let year { q = q + " AND p.published_on >= \(bind: "\(year)-01-01") AND p.published_on <= \(bind: "\(year)-12-31")" }
        q = q + " LIMIT \(unsafeRaw: String(narrowFilterRows + 1))) AS rows"
        try await limitTime(sql)
        return try await sql.raw(q).first()?.decode(column: "n", as: Int.self)
    }

    private func findShortTerms(_ terms: [String], offset: Int, size: Int, sql: any SQLDatabase) async throws
        -> (ids: [Int], total: Int, titleIDs: Set<Int>)
    {
        do {
            let total = try await pgCount(terms, tier: .any, sql: sql)
            if total == 0 { return ([], 0, []) }  // nothing to page through
            let few = total <= Self.countCap
            switch sort {
            case .date:
                return (try await pgPage(terms, tier: .any, offset: offset, limit: size, few: few, sql: sql), total, [])
            case .relevance:
                // As in `run`: the title hits, then the others; a later page needs the title count.
                var inTitle: Int?
                if offset > 0 { inTitle = try await pgCount(terms, tier: .title, sql: sql) }
                var ids: [Int] = []
                var titleIDs: Set<Int> = []
                if offset < (inTitle ?? 1) {
                    ids = try await pgPage(
                        terms, tier: .title, offset: offset, limit: size, few: (inTitle ?? total) <= Self.countCap, sql: sql)
                    titleIDs = Set(ids)
                }
                if ids.count < size && total > ids.count {
                    let skip = max(0, offset - (inTitle ?? ids.count))
                    ids += try await pgPage(terms, tier: .bodyOnly, offset: skip, limit: size - ids.count, few: few, sql: sql)
                }
                return (ids, total, titleIDs)
            }
        }
    }

    /// The ids at `offset..<offset+limit` of a tier, newest first. `few`: the tier has at most
    /// `countCap` hits.
    private func pgPage(_ terms: [String], tier: Tier, offset: Int, limit: Int, few: Bool, sql: any SQLDatabase) async throws
        -> [Int]
    {
        guard limit > 0 else { return [] }
        if few && !walksFilteredRows {
            try await usePlan(.bitmap, on: sql)
            return try await ids(pgBitmapPage(terms, tier: tier, after: nil, offset: offset, limit: limit), sql)
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
            try await limitTime(sql)
            let rows =
                try await sql.raw("SELECT GREATEST(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'publications'::regclass")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            // Walk on while that is cheaper than fetching the remaining hits (about
            // density × rows) through the bitmap; give the walk twice the rows expected.
            if rowsToWalk * Self.walkRowCost(tier, trigram: !Self.usesGramIndexOnPostgres(terms)) <= density * Double(rows) {
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
            pgBitmapPage(terms, tier: tier, after: last, offset: max(0, offset - walked), limit: want - max(offset, walked)), sql)
        return Array(found.dropFirst(offset)) + rest
    }

    private func ids(_ statement: SQLQueryString, _ sql: any SQLDatabase) async throws -> [Int] {
        try await limitTime(sql)
        return try await sql.raw(statement).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    // MARK: Statements (internal: the query-plan tests explain them)

    /// How many hits, counting at most `countCap + 1`. First the newest rows are read (the
    /// `walkBudget` newest, ten times as many for the title tier, whose test reads no body): a
    /// common term has more than `countCap` hits among them, and its gram bitmap — the
    /// posting lists of most rows, 150–240 ms for “工作” — is never built. Otherwise the gram
    /// index alone, no order.
    ///
    /// With pg_trgm as the bitmap (`usesGramIndexOnPostgres` false), a tenth of the budget is
    /// walked first: the whole walk pays only when it may find more than `countCap` hits (the
    /// probe's density projected over the budget reaches 80 % of the cap); a rarer term is
    /// counted through its bitmap at once, as before review 11k (a few milliseconds, where the
    /// walk of the budget reads a few thousand bodies).
    func pgCount(_ terms: [String], tier: Tier, sql: any SQLDatabase) async throws -> Int {
        let budget = tier == .title ? walkBudget * 10 : walkBudget
        try await usePlan(.walk, on: sql)
        if !Self.usesGramIndexOnPostgres(terms) && !walksFilteredRows {
            let probe = max(1, budget / 10)
            try await limitTime(sql)
            let probed = try await sql.raw(pgWalkCountStatement(terms, tier: tier, budget: probe)).first()
            let hits = try probed?.decode(column: "n", as: Int.self) ?? 0
            let seen = try probed?.decode(column: "seen", as: Int.self) ?? 0
            if seen < probe { return min(hits, Self.countCap + 1) }  // every row read
            if Double(hits) * Double(budget) < 0.8 * Double(Self.countCap) * Double(probe) {
                try await usePlan(.bitmap, on: sql)
                try await limitTime(sql)
                return try await sql.raw(pgCountStatement(terms, tier: tier)).first()?.decode(column: "n", as: Int.self) ?? 0
            }
        }
        try await limitTime(sql)
        let walked = try await sql.raw(pgWalkCountStatement(terms, tier: tier, budget: budget)).first()
        let hits = try walked?.decode(column: "n", as: Int.self) ?? 0
        let seen = try walked?.decode(column: "seen", as: Int.self) ?? 0
        if hits > Self.countCap || seen < budget { return min(hits, Self.countCap + 1) }
        try await usePlan(.bitmap, on: sql)
        try await limitTime(sql)
        let row = try await sql.raw(pgCountStatement(terms, tier: tier)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    func pgWalkCountStatement(_ terms: [String], tier: Tier, budget: Int) -> SQLQueryString {
        "SELECT COUNT(*) FILTER (WHERE w.hit) AS n, COUNT(*) AS seen FROM (SELECT " + pgWalkMatch(terms, tier: tier)
            + " AS hit FROM publications p WHERE " + pgRowConditions(after: nil)
            + " ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(budget))) AS w"
    }

    func pgCountStatement(_ terms: [String], tier: Tier) -> SQLQueryString {
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM publications p WHERE " + pgBitmapConditions(terms, tier: tier)
            + " LIMIT \(unsafeRaw: String(Self.countCap + 1))) AS hits"
    }

    /// A page of a tier's hits through the gram index, sorted; `after`: only the hits after
    /// that publication in date order.
    ///
    /// With a longer term, the bitmap holds rows with its pairs, not all with the term, and
    /// testing the term reads the body (40–100 µs a row): the candidates are sorted first, fenced
    /// (`OFFSET 0`: the planner may not move the test into the scan), and the term tested in date
    /// order only until the page is full. “的 中华人民共和国 有关规定”, page 50 on the million: 27,000
    /// candidates, 2.8 s tested all in the scan, 0.66 s so (review 11h H1).
    func pgBitmapPage(_ terms: [String], tier: Tier, after: Int?, offset: Int, limit: Int?) -> SQLQueryString {
        let test = pgLongerTermsTest(terms, tier: tier, alias: "c")
        var q: SQLQueryString =
            test == nil
            ? "SELECT p.id AS id FROM publications p WHERE "
            : "SELECT c.id AS id FROM (SELECT p.id, p.published_on, p.title, p.body_text FROM publications p WHERE "
        q = q + pgBitmapConditions(terms, tier: tier, testingLongerTerms: false)
        // Not indexable (`|| ''`, `+ 0`), as the filters below: only the gram index may make the bitmap.
        if let after {
            q = q + " AND (p.published_on || '', p.id + 0) < (SELECT b.published_on, b.id FROM publications b WHERE b.id = \(bind: after))"
        }
        let page: SQLQueryString = limit.map { " LIMIT \(unsafeRaw: String($0)) OFFSET \(unsafeRaw: String(offset))" } ?? ""
        guard let test else { return q + " ORDER BY p.published_on DESC, p.id DESC" + page }
        return q + " ORDER BY p.published_on DESC, p.id DESC OFFSET 0) AS c WHERE " + test + " ORDER BY c.published_on DESC, c.id DESC" + page
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

    /// At most this many pairs of a longer term go into the gram condition: each is a posting
    /// list the index reads; a few of them already leave almost only the rows with the term.
    static let maxPairsPerTerm = 6

    /// The grams of `gongkai_grams` that a term's field holds when the term is in it: a short
    /// term itself (exactly where its ILIKE matches); for a longer term, its distinct pairs of
    /// adjacent code points, at most `maxPairsPerTerm` (a necessary condition only).
    static func grams(of term: String) -> [String] {
        if isGramTermOnPostgres(term) { return [term] }
        let scalars = Array(term.unicodeScalars)
        var pairs: [String] = []
        for i in 0..<(scalars.count - 1) where pairs.count < maxPairsPerTerm {
            var pair = String.UnicodeScalarView()
            pair.append(scalars[i])
            pair.append(scalars[i + 1])
            if !pairs.contains(String(pair)) { pairs.append(String(pair)) }
        }
        return pairs
    }

    /// `gongkai_grams(…) @> ARRAY[prefix || lower(gram), …]`, each term's grams with the prefix
    /// of its field (`t:` title, `b:` body; lower-cased by PostgreSQL, as `gongkai_grams` and
    /// ILIKE lower-case): one index condition, whose posting lists GIN intersects.
    static func gramMatch(_ terms: [String], fields: [String]) -> SQLQueryString {
        var items: [SQLQueryString] = []
        for (term, field) in zip(terms, fields) {
            items += grams(of: term).map { "\(bind: field) || lower(\(bind: $0))" }
        }
        return "gongkai_grams(p.title, p.body_text) @> ARRAY[" + items.dropFirst().reduce(items[0]) { $0 + ", " + $1 } + "]"
    }

    /// The gram condition of all the terms as one clause the planner cannot split: for the title
    /// tier a single `@>`; otherwise an OR of one `@>` for each way of placing the terms in the
    /// title or the body (2^terms, at most 32: `SearchText.maxTerms`). Each arm is one index
    /// condition, so the OR can only be a BitmapOr, exact, never rechecked. Separate conditions
    /// joined by AND let the planner build the bitmap from some of them and evaluate the others
    /// on each row as a Filter — `gongkai_grams` splitting every body (3.8 s for the count of
    /// “关于 印发 中华人民共和国” on the million, review 11h H1; 0.14 s so).
    func pgGramCondition(_ terms: [String], tier: Tier) -> SQLQueryString {
        if tier == .title { return Self.gramMatch(terms, fields: terms.map { _ in "t:" }) }
        let arms: [SQLQueryString] = (0..<(1 << terms.count)).map { placement in
            Self.gramMatch(terms, fields: terms.indices.map { placement & (1 << $0) == 0 ? "t:" : "b:" })
        }
        return "(" + arms.dropFirst().reduce(arms[0]) { $0 + " OR " + $1 } + ")"
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
        if tier == .bodyOnly { parts.append("NOT (" + titleCondition(terms) + ")") }
        return "(" + parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 } + ")"
    }

    /// Published, the filters and the terms, with the gram conditions the only ones an index
    /// can serve: a filter that an index serves could make the bitmap instead and leave the
    /// gram condition to be evaluated on each row (`+ 0`, `|| ''` on the text columns, `COALESCE` keep them off
    /// the indexes; a longer term's ILIKE on the pg_trgm index would also make every row
    /// rechecked, gram function included). The terms' grams: one clause (`pgGramCondition`);
    /// the longer terms' ILIKE off the indexes. (A pg_trgm bitmap for the
    /// longer term, with the short one checked by LIKE, was tried: its recheck reads the body of
    /// every row with the longer term, 3–5 s for “项目 安全生产” on the million, review 11g H3.)
    private func pgBitmapConditions(_ terms: [String], tier: Tier, testingLongerTerms: Bool = true) -> SQLQueryString {
        var q = SQLQueryString("p.status = 'published'")
        if let agencyID { q = q + " AND p.agency_id + 0 = \(bind: agencyID)" }
        if let category { q = q + " AND p.category || '' = \(bind: category.rawValue)" }
        if let year { q = q + " AND p.published_on || '' >= \(bind: "\(year)-01-01") AND p.published_on || '' <= \(bind: "\(year)-12-31")" }
        if !documentNumber.isEmpty { q = q + " AND p.document_number ILIKE \(bind: SearchText.likePattern(documentNumber))" }
        q = q + " AND " + (Self.usesGramIndexOnPostgres(terms) ? pgGramCondition(terms, tier: tier) : pgTrigramConditions(terms, tier: tier))
        if testingLongerTerms, let test = pgLongerTermsTest(terms, tier: tier, alias: "p") { q = q + " AND " + test }
        if tier == .bodyOnly { q = q + " AND NOT (" + titleCondition(terms) + ")" }
        return q
    }

    /// The longer terms, whose pairs only are in the bitmap: each by LIKE (ILIKE with a cased
    /// letter, `needsILIKE`: a third less per body without), off the indexes (`COALESCE`); nil
    /// without a longer term.
    private func pgLongerTermsTest(_ terms: [String], tier: Tier, alias: String) -> SQLQueryString? {
        guard Self.usesGramIndexOnPostgres(terms) else { return nil }  // pg_trgm: the ILIKE is the index condition
        let parts: [SQLQueryString] = terms.filter { !Self.isGramTermOnPostgres($0) }.map { term in
            let pattern = SearchText.likePattern(term)
            let op: SQLQueryString = Self.needsILIKE(term) ? " ILIKE " : " LIKE "
            let title: SQLQueryString = "COALESCE(\(unsafeRaw: alias).title, '')" + op + "\(bind: pattern)"
            return tier == .title ? title : "(" + title + " OR COALESCE(\(unsafeRaw: alias).body_text, '')" + op + "\(bind: pattern))"
        }
        return parts.isEmpty ? nil : parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 }
    }

    /// Terms of three code points or more only: each term's LIKE (ILIKE with a cased letter,
    /// `needsILIKE`; pg_trgm serves both) on the title or the body. Up to
    /// `maxTrigramPlacementTerms` terms, one clause as for the gram index: an `OR` of the ways
    /// of placing the terms in the title or the body, all in the body first, so that each arm's
    /// conditions on one column are one index scan that intersects their trigrams. Written term
    /// by term, the planner made the bitmap of one term and tested the others on every
    /// candidate's body: “人民政府 中华人民共和国 有关规定” counted 9,400 candidates for 1,001 hits
    /// (1.7 s with ILIKE, 0.48 s with LIKE at 100,000 under load), as one clause 2,600 (0.31 s).
    private func pgTrigramConditions(_ terms: [String], tier: Tier) -> SQLQueryString {
        func like(_ column: String, _ term: String) -> SQLQueryString {
            let op: SQLQueryString = Self.needsILIKE(term) ? " ILIKE " : " LIKE "
            return "\(unsafeRaw: column)" + op + "\(bind: SearchText.likePattern(term))"
        }
        func all(_ parts: [SQLQueryString]) -> SQLQueryString { "(" + parts.dropFirst().reduce(parts[0]) { $0 + " AND " + $1 } + ")" }
        if tier == .title { return all(terms.map { like("p.title", $0) }) }
        guard terms.count <= Self.maxTrigramPlacementTerms else {
            return all(terms.map { "(" + like("p.title", $0) + " OR " + like("p.body_text", $0) + ")" })
        }
        let arms: [SQLQueryString] = (0..<(1 << terms.count)).map { placement in
            all(terms.indices.map { like(placement & (1 << $0) == 0 ? "p.body_text" : "p.title", terms[$0]) })
        }
        return "(" + arms.dropFirst().reduce(arms[0]) { $0 + " OR " + $1 } + ")"
    }

    /// Beyond this many terms the placements (2^terms arms) cost more to plan than they save.
    static let maxTrigramPlacementTerms = 3
}
