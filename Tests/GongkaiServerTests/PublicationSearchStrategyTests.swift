import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// On PostgreSQL a 1–2 character term is counted through the gram index, then found either
/// through it (at most `countCap` hits) or by walking the date index, which may hand over to
/// the index again part way (PublicationSearch+ShortTermsOnPostgres). Every path must give what
/// a plain reading of the rows gives: the same hits, order, totals and capped flag. SQLite runs
/// the same table (its own plan, the same answers).
@Suite("Search strategies: few and many hits, titles and bodies, both orders, every page")
struct PublicationSearchStrategyTests {
    struct Row { let id: Int; let title: String; let body: String; let publishedOn: String }

    /// 1,300 publications: “常见” in most bodies and some titles (more than `countCap` hits),
    /// “稀有” in a few, “正文” only in bodies and “题名” only in titles (each more than the cap),
    /// “水” (one character) in a third; dates repeat, so the id decides among equals.
    static func rowText(_ i: Int) -> (title: String, body: String, publishedOn: String) {
        var title = "第\(i)号"
        if i % 5 == 0 { title += "常见事项" }
        if i % 101 == 7 { title += "稀有" }
        if i % 9 != 0 { title += "题名" }
        if i % 50 == 1 { title += "水" }
        var body = "本期"
        if i % 10 != 0 { body += "常见" }
        if i % 97 == 5 { body += "稀有" }
        if i % 8 != 7 { body += "正文" }
        if i % 3 == 0 { body += "水" }
        body += "内容。"
        return (title, body, String(format: "%04d-%02d-%02d", 2022 + i % 2, 1 + (i * 7) % 12, 1 + (i * 11) % 28))
    }

    func seed(_ app: Application, _ desk: PublicationDesk) async throws -> [Row] {
        let author = try #require(try await StaffUser.query(on: app.db).first()?.requireID())
        try await app.db.transaction { tx in
            let sql = try tx.requireSQL()
            for i in 1...1300 {
                let (title, body, publishedOn) = Self.rowText(i)
                try await sql.raw(
                    """
                    INSERT INTO publications (version, agency_id, author_id, title, document_number, body_html, body_text, formed_on, published_on,
                      category, genre, subject, key_domains, disclosure, disclosure_note, status, review_steps, review_round, revision_state,
                      version_number, repealed_by, amended_by, requires_interpretation, video_url)
                    VALUES (1, \(bind: desk.bureauID), \(bind: author), \(bind: title), '', '', \(bind: body), \(bind: publishedOn), \(bind: publishedOn),
                      'affairs', 'news', 'generalAffairs', '', 'proactive', '', 'published', '', 0, 'none', 1, '', '', false, '')
                    """
                ).run()
            }
            for p in try await Publication.query(on: tx).all() { try await PublicationSearchIndex.put(p, on: tx) }
        }
        if app.db.isPostgres { try await app.db.requireSQL().raw("ANALYZE publications").run() }
        return try await Publication.query(on: app.db).all().map { p in
            Row(id: try p.requireID(), title: p.title, body: p.bodyText, publishedOn: p.publishedOn?.iso ?? "")
        }
    }

    /// What the search must answer, read off the rows: every term in the title or the body;
    /// newest first, then the larger id; by relevance the title hits first.
    func expected(_ rows: [Row], _ search: PublicationSearch) -> (total: Int, capped: Bool, ids: [Int]) {
        let terms = search.terms
        func inTitle(_ r: Row) -> Bool { terms.allSatisfy { r.title.contains($0) } }
        func found(_ r: Row) -> Bool { terms.allSatisfy { r.title.contains($0) || r.body.contains($0) } }
        func inYear(_ r: Row) -> Bool { search.year.map { r.publishedOn.hasPrefix("\($0)-") } ?? true }
        func newer(_ a: Row, _ b: Row) -> Bool { a.publishedOn != b.publishedOn ? a.publishedOn > b.publishedOn : a.id > b.id }
        let hits: [Row] = rows.filter { found($0) && inYear($0) }.sorted(by: newer)
        let ordered: [Row] = search.sort == .date ? hits : hits.filter(inTitle) + hits.filter { !inTitle($0) }
        let offset = (search.page - 1) * search.pageSize
        let page: [Int] = ordered.dropFirst(offset).prefix(search.pageSize).map(\.id)
        return (min(hits.count, PublicationSearch.countCap), hits.count > PublicationSearch.countCap, page)
    }

    @Test func everyStrategyGivesTheHitsOfAPlainReading() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let rows = try await seed(app, desk)
            #expect(rows.count >= 1300)
            // query, year filter — the table covers each side of the cap in each tier
            let queries: [(String, Int?)] = [
                ("常见", nil),  // > cap, titles 260 (≤ cap)
                ("稀有", nil),  // a few, in titles and in bodies
                ("正文", nil),  // > cap, in no title
                ("题名", nil),  // > cap, only in titles
                ("水", nil),  // one character, ≤ cap
                ("常见 正文", nil),  // two short terms, > cap
                ("正文 常见事项", nil),  // a short term and a trigram term
                ("稀有 常见事项", nil),  // a rare short term and a common trigram term
                ("常见", 2023),  // a filter
            ]
            // Pages up to the last one offered (PublicationSearchInput: countCap / size + 1).
            // The walk budget changes the plan only: the default walks this whole table; 1,200 counts
            // more than the cap among the newest rows of a common term; 40 and 7
            // hand over to the index, after walking on or at once.
            let budgets = app.db.isPostgres ? [2000, 1200, 40, 7] : [2000]
            var checked = 0
            for (query, year) in queries {
                for sort in PublicationSearch.Sort.allCases {
                    for page in [1, 2, 13, 50, 51] {
                        for budget in budgets {
                            var search = PublicationSearch(query: query)
                            search.sort = sort
                            search.year = year
                            search.page = page
                            search.walkBudget = budget
                            let want = expected(rows, search)
                            let got = try await search.run(on: app.db)
                            let label = "\(query) \(year.map(String.init) ?? "") \(sort) page \(page) budget \(budget)"
                            #expect(got.total == want.total, "\(label): total")
                            #expect(got.capped == want.capped, "\(label): capped")
                            #expect(got.hits.map(\.id) == want.ids, "\(label): hits")
                            // the title mark is the title tier's
                            #expect(
                                got.hits.map(\.titleHit)
                                    == want.ids.map { id in
                                        let row = rows.first { $0.id == id }!
                                        return search.terms.allSatisfy { row.title.contains($0) }
                                    }, "\(label): title marks")
                            checked += 1
                        }
                    }
                }
            }
            // and the table holds what it says: many hits and few, pages full and empty
            let common = expected(rows, PublicationSearch(query: "正文"))
            #expect(common.capped && common.ids.count == 20)
            var late = PublicationSearch(query: "稀有")
            late.page = 3
            #expect(!expected(rows, PublicationSearch(query: "稀有")).capped && expected(rows, late).ids.isEmpty)
            #expect(checked == queries.count * 2 * 5 * budgets.count)
        }
    }
}
