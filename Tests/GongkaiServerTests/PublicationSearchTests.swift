import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Chinese search on SQLite (FTS5 trigram + short grams) and PostgreSQL (pg_trgm + gram GIN)")
struct PublicationSearchTests {
    static let corpus: [(String, String)] = [
        ("关于做好2024年城乡低保提标工作的通知", "各乡镇：城乡最低生活保障标准提高后，低保对象的补助水平相应提高。请做好政策解读。"),
        ("县教育局2024年义务教育招生工作方案", "义务教育阶段学校招生坚持免试就近入学原则，民办学校与公办学校同步招生。"),
        ("关于公布第一批县级非物质文化遗产名录的通知", "经评审，现将第一批县级非物质文化遗产代表性项目名录予以公布。附件：名录。"),
        ("防汛抗旱应急预案", "为做好防汛抗旱工作，最大程度减少灾害损失，制定本预案。低洼地区要提前转移群众。"),
        ("政府信息公开工作年度报告", "本报告由县教育局编制。全文包括总体情况、主动公开政府信息情况等。A级景区门票价格公示。"),
    ]

    func seed(_ desk: PublicationDesk) async throws -> [Int] {
        var ids: [Int] = []
        for (title, body) in Self.corpus { ids.append(try await desk.published(title, body: body).requireID()) }
        return ids
    }

    func titles(_ app: Application, _ query: String, sort: PublicationSearch.Sort = .relevance, year: Int? = nil,
                category: PublicationCategory? = nil) async throws -> [String] {
        var search = PublicationSearch(query: query)
        search.sort = sort
        search.year = year
        search.category = category
        return try await search.run(on: app.db).hits.map(\.title)
    }

    @Test func phrasesOfEveryLengthAreFoundExactly() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            // one character (a gram prefix, and a run's last character)
            #expect(Set(try await titles(app, "案")) == ["县教育局2024年义务教育招生工作方案", "防汛抗旱应急预案"])
            #expect(try await titles(app, "录").count == 1)
            // two characters: in a body, in a title, and never across punctuation
            #expect(try await titles(app, "低保") == ["关于做好2024年城乡低保提标工作的通知"])
            #expect(Set(try await titles(app, "低洼")) == ["防汛抗旱应急预案"])
            #expect(try await titles(app, "各乡").count == 1)
            #expect(try await titles(app, "镇城").isEmpty)  // “乡镇：城乡” — the colon separates
            // three characters and longer, including digits and punctuation
            #expect(try await titles(app, "非物质").count == 1)
            #expect(try await titles(app, "免试就近入学原则").count == 1)
            #expect(try await titles(app, "2024年").count == 2)
            #expect(try await titles(app, "附件：名录").count == 1)
            // a short term with punctuation is in the gram index too (every code point is kept)
            #expect(try await titles(app, "：名").count == 1)
            // ASCII case does not matter
            #expect(try await titles(app, "a级").count == 1)
            #expect(try await titles(app, "A级景区").count == 1)
            // every term must match
            #expect(try await titles(app, "教育 招生") == ["县教育局2024年义务教育招生工作方案"])
            #expect(try await titles(app, "教育 防汛").isEmpty)
            #expect(try await titles(app, "低保 2024年 通知").count == 1)
            // quotes and operators are text, not syntax
            #expect(try await titles(app, "\"低保\" OR 教育").isEmpty)
            #expect(try await titles(app, "50%").isEmpty)
            #expect(try await titles(app, "title:低保").isEmpty)
        }
    }

    @Test func relevancePutsTitleHitsFirstAndFiltersApply() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let ids = try await seed(desk)
            // “教育局” is in one title and in another body: the title hit comes first whatever the date
            try await PublicationSearchIndex.remove(try await desk.publication(ids[1]), on: app.db)
            try await app.db.requireSQL().raw("UPDATE publications SET published_on = '2023-01-05' WHERE id = \(bind: ids[1])").run()
            try await PublicationSearchIndex.put(try await desk.publication(ids[1]), on: app.db)
            #expect(try await titles(app, "教育局") == ["县教育局2024年义务教育招生工作方案", "政府信息公开工作年度报告"])
            #expect(try await titles(app, "教育局", sort: .date) == ["政府信息公开工作年度报告", "县教育局2024年义务教育招生工作方案"])
            #expect(try await titles(app, "教育局", year: 2023) == ["县教育局2024年义务教育招生工作方案"])
            #expect(try await titles(app, "教育", year: 2023) == ["县教育局2024年义务教育招生工作方案"])
            #expect(try await titles(app, "教育局", category: .overview).isEmpty)
            // paging over the two tiers: page 1 counts both tiers at once, page 2 skips the title hits
            var page1 = PublicationSearch(query: "教育局")
            page1.pageSize = 1
            let first = try await page1.run(on: app.db)
            #expect(first.total == 2)
            #expect(first.hits.map(\.title) == ["县教育局2024年义务教育招生工作方案"])
            var page2 = PublicationSearch(query: "教育局")
            page2.pageSize = 1
            page2.page = 2
            let result = try await page2.run(on: app.db)
            #expect(result.total == 2)
            #expect(result.hits.map(\.title) == ["政府信息公开工作年度报告"])
        }
    }

    @Test func theSearchPageAndTheAPIFilterHighlightAndPage() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            let visitor = TestClient(app)
            let page = try await visitor.get("/search?q=" + TestClient.encode("低保") + "&agency=t-edu&sort=date")
            #expect(page.status == .ok)
            #expect(page.body.contains("找到 1 条结果"))
            #expect(page.body.contains("城乡最低生活保障标准提高后，<mark>低保</mark>对象"))
            #expect(page.headers.first(name: .cacheControl) == "public, max-age=0, must-revalidate")
            #expect(try await visitor.get("/search?q=" + TestClient.encode("低保") + "&agency=t-gov").body.contains("找到 0 条结果"))
            let bad = try await visitor.get("/api/v1/publications/search?q=x&limit=500")
            #expect(bad.status == .unprocessableEntity)
            let api = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("通知") + "&limit=1")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 2)
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            for key in ["title", "index_number", "agency", "published_on", "snippet", "url"] { #expect(items[0][key] != nil, "\(key)") }
        }
    }

    /// Searches are kept like pages, keyed by what they search for, and dropped with the pages
    /// when the portal changes: the crowd after an announcement searching its words is served
    /// from memory, and never told of a result that is no longer so.
    @Test func searchesAreCachedByTheirTermsAndDroppedWhenThePortalChanges() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            let visitor = TestClient(app)
            let page = "/search?q=" + TestClient.encode("低保")
            let api = "/api/v1/publications/search?q=" + TestClient.encode("低保")
            #expect(try await visitor.get(page).headers.first(name: "X-Portal-Cache") == "miss")
            let again = try await visitor.get(page + "&utm_source=x")
            #expect(again.headers.first(name: "X-Portal-Cache") == "hit")
            #expect(again.body.contains("找到 1 条结果"))
            #expect(try await visitor.get(api).headers.first(name: "X-Portal-Cache") == "miss")
            let apiAgain = try await visitor.get(api)
            #expect(apiAgain.headers.first(name: "X-Portal-Cache") == "hit")
            #expect(apiAgain.headers.first(name: .cacheControl) == "no-store")  // the API is never kept by browsers
            // another filter, sort or page is another search
            #expect(try await visitor.get(page + "&sort=date").headers.first(name: "X-Portal-Cache") == "miss")
            #expect(try await visitor.get(page + "&page=2").headers.first(name: "X-Portal-Cache") == "miss")
            // when a matching item is published, both answers have it at once
            _ = try await desk.published("低保资金发放情况公示", body: "本季度低保资金已按时足额发放。")
            let fresh = try await visitor.get(page)
            #expect(fresh.headers.first(name: "X-Portal-Cache") == "miss")
            #expect(fresh.body.contains("找到 2 条结果"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try await visitor.get(api).body.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 2)
            // a refused search is answered each time, never kept
            let refused = "/search?q=" + TestClient.encode("低保") + "&year=abc"
            #expect(try await visitor.get(refused).status == .unprocessableEntity)
            let refusedAgain = try await visitor.get(refused)
            #expect(refusedAgain.status == .unprocessableEntity && refusedAgain.headers.first(name: "X-Portal-Cache") == nil)
            #expect(refusedAgain.headers.first(name: .cacheControl) == "no-store")
        }
    }

    /// The query plans: on PostgreSQL the GIN indexes serve both routes (the database's UTF-8
    /// LC_CTYPE lets pg_trgm make CJK trigrams) and a short term's date walk uses the date
    /// index; on SQLite the FTS5 tables drive the query.
    @Test func theIndexesAreActuallyUsed() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            let sql = try app.db.requireSQL()
            if app.db.isPostgres {
                let ctype = try await sql.raw("SHOW lc_ctype").first()?.decode(column: "lc_ctype", as: String.self) ?? ""
                #expect(ctype.lowercased().contains("utf"))
                // A realistic table: thousands of published rows, so the planner chooses on cost.
                let author = try #require(try await StaffUser.query(on: app.db).first()?.requireID())
                try await sql.raw("""
                    INSERT INTO publications (version, agency_id, author_id, title, document_number, body_html, body_text, formed_on, published_on,
                      category, genre, subject, key_domains, disclosure, disclosure_note, status, review_steps, review_round, revision_state,
                      version_number, repealed_by, amended_by, requires_interpretation, video_url)
                    SELECT 1, \(bind: desk.bureauID), \(bind: author), '工作动态' || i, '', '', '第' || i || '期：' || repeat('本县各项工作有序推进，', 8),
                      '2024-01-01', '2024-01-01', 'affairs', 'news', 'generalAffairs', '', 'proactive', '', 'published', '', 0, 'none', 1, '', '',
                      false, '' FROM generate_series(1, 20000) i
                    """).run()
                // The steady state autovacuum keeps: statistics, and GIN pending lists merged into the indexes.
                try await sql.raw("VACUUM ANALYZE publications").run()
                for (term, index) in [("非物质文化", "publications_body_trgm"), ("非物质文化", "publications_title_trgm")] {
                    let statement = PublicationSearch(query: term).statement(tier: .any, postgres: true)
                    let plan = try await sql.raw("EXPLAIN " + statement).all()
                        .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                    #expect(plan.contains(index), "\(term): \(plan)")
                    #expect(!plan.contains("Seq Scan"), "\(term): \(plan)")
                }
                // A 1–2 character term (PublicationSearch+ShortTermsOnPostgres), with the plan
                // settings the search uses in its transaction: the count and the sorted page use
                // the gram index and never evaluate gongkai_grams on a row (a filter, or a lossy
                // bitmap's recheck: seconds on a million rows); the walk by date holds no gram
                // function and keeps the index order (no sort: it stops when the page is full).
                try await app.db.transaction { tx in
                    let sql = try tx.requireSQL()
                    func explain(_ statement: SQLQueryString, analyze: Bool = false) async throws -> String {
                        try await sql.raw((analyze ? "EXPLAIN (ANALYZE) " : "EXPLAIN ") + statement).all()
                            .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                    }
                    var filtered = PublicationSearch(query: "低保 工作")
                    filtered.year = 2024
                    filtered.agencyID = desk.bureauID
                    filtered.category = .affairs
                    try await PublicationSearch(query: "").usePlan(.bitmap, on: sql)
                    for search in [PublicationSearch(query: "低保"), PublicationSearch(query: "工作"), PublicationSearch(query: "低保 非物质文化"), filtered] {
                        for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                            for statement in [
                                search.pgCountStatement(search.terms, tier: tier),
                                search.pgBitmapPage(search.terms, tier: tier, after: nil, offset: 0, limit: 20),
                                search.pgBitmapPage(search.terms, tier: tier, after: 1, offset: 20, limit: 20),
                            ] {
                                let plan = try await explain(statement)
                                #expect(plan.contains("Bitmap Index Scan on publications_grams"), "\(search.query) \(tier): \(plan)")
                                #expect(!plan.contains("Seq Scan"), "\(search.query) \(tier): \(plan)")
                                for line in plan.split(separator: "\n") where line.contains("Filter:") {
                                    #expect(!line.contains("gongkai_grams"), "\(search.query) \(tier): the gram function on each row: \(plan)")
                                }
                            }
                        }
                    }
                    // A longer term beside a short one is in the gram bitmap by its pairs of code
                    // points, never through pg_trgm (whose recheck reads every body with the term), and
                    // the gram function is never a filter.
                    let mixed = PublicationSearch(query: "工作 非物质文化")
                    for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                        for statement in [
                            mixed.pgCountStatement(mixed.terms, tier: tier),
                            mixed.pgBitmapPage(mixed.terms, tier: tier, after: 1, offset: 20, limit: 20),
                        ] {
                            let plan = try await explain(statement)
                            #expect(plan.contains("publications_grams") && !plan.contains("_trgm") && !plan.contains("Seq Scan"), "\(tier): \(plan)")
                            for line in plan.split(separator: "\n") where line.contains("Filter:") {
                                #expect(!line.contains("gongkai_grams"), "\(tier): the gram function on each row: \(plan)")
                            }
                        }
                    }
                    // Terms of three code points or more only (review 11k, H1): the same steps with
                    // pg_trgm as the bitmap — the gram index and its function play no part.
                    let longer = PublicationSearch(query: "各项工作 有序推进")
                    for search in [PublicationSearch(query: "非物质文化"), longer] {
                        for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                            for statement in [
                                search.pgCountStatement(search.terms, tier: tier),
                                search.pgBitmapPage(search.terms, tier: tier, after: 1, offset: 20, limit: 20),
                            ] {
                                let plan = try await explain(statement)
                                #expect(
                                    plan.contains("Bitmap Index Scan on publications_") && plan.contains("_trgm"), "\(search.query) \(tier): \(plan)")
                                #expect(!plan.contains("gongkai_grams") && !plan.contains("Seq Scan"), "\(search.query) \(tier): \(plan)")
                            }
                        }
                    }
                    // “工作” is in every one of the 20,000 bodies: the bitmap stays exact at the search's work_mem
                    let counted = try await explain(PublicationSearch(query: "工作").pgCountStatement(["工作"], tier: .any), analyze: true)
                    #expect(counted.contains("Heap Blocks: exact=") && !counted.contains("lossy"), "\(counted)")
                    try await PublicationSearch(query: "").usePlan(.walk, on: sql)
                    for search in [PublicationSearch(query: "工作"), filtered, longer] {
                        for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                            for statement in [
                                search.pgWalk(search.terms, tier: tier, after: nil, budget: 2000, want: 20),
                                search.pgWalk(search.terms, tier: tier, after: 1, budget: 2000, want: 20),
                                search.pgRow(tier: tier, after: 1, skip: 1999),
                                search.pgWalkCountStatement(search.terms, tier: tier, budget: 2000),
                            ] {
                                let plan = try await explain(statement)
                                #expect(plan.contains("Index Scan"), "\(search.query) \(tier): \(plan)")
                                #expect(!plan.contains("gongkai_grams") && !plan.contains("Seq Scan"), "\(search.query) \(tier): \(plan)")
                                // An incremental sort (by id within a date read in order) streams; a full sort would read every row first.
                                let fullSort = plan.split(separator: "\n").contains { line in
                                    line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "->  ", with: "").hasPrefix("Sort  (")
                                }
                                #expect(!fullSort, "\(search.query) \(tier): the walk sorts: \(plan)")
                            }
                        }
                    }
                }
                // and the answers are right among the thousands
                #expect(try await titles(app, "非物质文化") == ["关于公布第一批县级非物质文化遗产名录的通知"])
                #expect(try await titles(app, "低保") == ["关于做好2024年城乡低保提标工作的通知"])
                let common = try await PublicationSearch(query: "工作").run(on: app.db)
                #expect(common.capped && common.total == PublicationSearch.countCap && common.hits.count == 20)
                for query in ["各项工作有序推进", "各项工作 有序推进"] {
                    let longer = try await PublicationSearch(query: query).run(on: app.db)
                    #expect(longer.capped && longer.total == PublicationSearch.countCap && longer.hits.count == 20, "\(query)")
                }
            } else {
                for (term, table) in [("非物质文化", "publication_fts"), ("低保", "publication_grams")] {
                    let statement = PublicationSearch(query: term).statement(tier: .any, postgres: false)
                    let plan = try await sql.raw("EXPLAIN QUERY PLAN " + statement).all()
                        .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                    #expect(plan.contains("SCAN s VIRTUAL TABLE INDEX"), "\(table) drives, \(term): \(plan)")
                    #expect(!plan.contains("TEMP B-TREE"), "the FTS order is the date order: \(plan)")
                }
                // A mixed query (review 11k, H3): the trigram table drives in its order, the gram
                // table is looked up by rowid, nothing is sorted.
                for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                    var mixed = PublicationSearch(query: "非物质文化 低保")
                    mixed.year = 2024
                    let plan = try await sql.raw("EXPLAIN QUERY PLAN " + mixed.statement(tier: tier, postgres: false)).all()
                        .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                    #expect(plan.contains("SCAN s VIRTUAL TABLE INDEX"), "\(tier): \(plan)")
                    let scansPublications = plan.split(separator: "\n").contains { $0 == "SCAN p" || $0.hasPrefix("SCAN p ") }
                    #expect(!plan.contains("TEMP B-TREE") && !scansPublications, "\(tier): \(plan)")
                }
                // A one-code-point term (“的” alone): the code-point table drives, one token newest
                // first, nothing sorted; beside a two-code-point term the gram table drives and it
                // is tested on the rows walked.
                #expect(PublicationSearch(query: "文").sqliteTable(of: "文").table == "publication_code_points")
                #expect(PublicationSearch(query: "低保").sqliteTable(of: "低保").table == "publication_grams")
                for query in ["文", "文 低保"] {
                    for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                        let statement = PublicationSearch(query: query).statement(tier: tier, postgres: false)
                        let plan = try await sql.raw("EXPLAIN QUERY PLAN " + statement).all()
                            .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                        #expect(plan.contains("SCAN s VIRTUAL TABLE INDEX") && !plan.contains("TEMP B-TREE"), "\(query) \(tier): \(plan)")
                    }
                }
                // and a 2-character term does not fall back to a scan of the bodies
                let rows = try await sql.raw("SELECT rowid FROM publication_grams(\(bind: "\"低保\""))").all()
                #expect(rows.count == 1)
            }
        }
    }

    /// PostgreSQL: a search ends when its time is up, with a message, rather than holding a
    /// connection for as long as it takes. The statement timeout itself: a search waits for a
    /// lock that another transaction holds (the surest way to make a statement outlast a limit);
    /// inside a caller's transaction the timed-out search leaves that transaction usable.
    @Test func aSearchThatOutlastsItsTimeLimitIsEnded() async throws {
        try await withTestApp { app in
            guard app.db.isPostgres else { return }
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            try await app.db.transaction { locker in
                try await locker.requireSQL().raw("LOCK TABLE publications IN ACCESS EXCLUSIVE MODE").run()
                // both routes: a short term (the strategy) and a longer one (one statement)
                for query in ["低保", "非物质文化"] {
                    var search = PublicationSearch(query: query)
                    search.timeLimitMilliseconds = 300
                    let started = ContinuousClock.now
                    let error = await #expect(throws: AppError.self) { try await search.run(on: app.db) }
                    #expect(error?.status == .serviceUnavailable && error?.code == "search_timed_out", "\(query)")
                    #expect(error?.message.contains("检索未能在 300 毫秒内完成") == true, "\(query): \(error?.message ?? "")")
                    #expect(ContinuousClock.now - started < .seconds(10), "\(query): ended, not waited out")
                }
                // in a caller's transaction (another connection than the lock's)
                try await app.db.transaction { caller in
                    var search = PublicationSearch(query: "低保")
                    search.timeLimitMilliseconds = 300
                    await #expect(throws: AppError.self) { try await search.run(on: caller) }
                    let row = try await caller.requireSQL().raw("SELECT current_setting('statement_timeout') AS t").first()
                    #expect(try row?.decode(column: "t", as: String.self) == "0", "the caller's transaction is usable, its timeout its own")
                }
            }
            // the lock gone, the same search answers
            var search = PublicationSearch(query: "低保")
            search.timeLimitMilliseconds = 300
            #expect(try await search.run(on: app.db).total == 1)
        }
    }

    /// The page and the API when a search runs out of time (the setting at 1 ms: no search of
    /// several statements ends within it): the page answers 503 with the form and the message in
    /// Chinese, the API 503 with `search_timed_out`; neither is cached.
    @Test func thePageAndTheAPISayWhenASearchRanOutOfTime() async throws {
        try await withTestApp(configureSettings: { $0.searchTimeLimitMilliseconds = 1 }) { app in
            guard app.db.isPostgres else { return }
            let desk = try await PublicationDesk.make(app)
            _ = try await seed(desk)
            let visitor = TestClient(app)
            for query in ["低保", "非物质文化"] {
                let page = try await visitor.get("/search?q=" + TestClient.encode(query))
                #expect(page.status == .serviceUnavailable, "\(query)")
                #expect(page.body.contains("检索未能在 1 毫秒内完成，已停止。请换用更具体的检索词"), "\(query)")
                #expect(page.body.contains("name=\"q\""), "the form, to narrow the search")
                #expect(page.headers.first(name: .cacheControl) == "no-store")
                #expect(try await visitor.get("/search?q=" + TestClient.encode(query)).headers.first(name: "X-Portal-Cache") != "hit")
                let api = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode(query))
                #expect(api.status == .serviceUnavailable, "\(query)")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                let body = try #require(json["error"] as? [String: Any])
                #expect(body["code"] as? String == "search_timed_out")
                #expect((body["message"] as? String)?.contains("检索未能在") == true)
            }
        }
    }
}
