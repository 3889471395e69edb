import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// PostgreSQL: the search's 文号 filter (three code points or more) is served by the pg_trgm
/// index of IndexPublishedDocumentNumbers: a filter that matches little no longer tests every
/// row (about 1 s at a million publications before; docs/benchmarks.md).
@Suite("Query plans: the search's 文号 filter")
struct PublicationDocumentNumberPlanTests {
    @Test func aDocumentNumberFilterIsAnIndexCondition() async throws {
        try await withTestApp { app in
            guard app.db.isPostgres else { return }
            // given 20,000 published items, every title with the searched phrase, 文号 like 平政办〔2023〕12号
            let desk = try await PublicationDesk.make(app)
            let author = try #require(try await StaffUser.query(on: app.db).first()?.requireID())
            let sql = try app.db.requireSQL()
            try await sql.raw(
                """
                INSERT INTO publications (version, agency_id, author_id, title, document_number, body_html, body_text, formed_on, published_on,
                  category, genre, subject, key_domains, disclosure, disclosure_note, status, review_steps, review_round, revision_state,
                  version_number, repealed_by, amended_by, requires_interpretation, video_url)
                SELECT 1, \(bind: desk.bureauID), \(bind: author), '关于工作的通知' || i,
                  '平政' || (ARRAY['办', '综', '发', '文'])[1 + i % 4] || '〔' || (2015 + i % 10) || '〕' || (i / 40) || '号', '', '通知内容' || i,
                  DATE '2015-01-01' + i % 4000, DATE '2015-01-01' + i % 4000, 'affairs', 'news', 'generalAffairs', '', 'proactive', '',
                  'published', '', 0, 'none', 1, '', '', false, ''
                FROM generate_series(1, 20000) AS g(i)
                """
            ).run()
            try await sql.raw("VACUUM ANALYZE publications").run()
            var search = PublicationSearch(query: "关于工作")
            search.documentNumber = "平政办〔2023〕12号"
            // when the search's statements are explained (the page and the count take them as they are)
            for tier in [PublicationSearch.Tier.any, .title, .bodyOnly] {
                for limit in ["", " LIMIT 20", " LIMIT 1001"] {
                    let rows = try await sql.raw("EXPLAIN " + search.statement(tier: tier, postgres: true) + SQLQueryString(limit)).all()
                    let plan = try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                    // then the 文号 is looked up in its index, and no row is read that the index excludes
                    #expect(plan.contains(IndexPublishedDocumentNumbers.name), "\(tier)\(limit): \(plan)")
                    #expect(!plan.contains("Seq Scan"), "\(tier)\(limit): \(plan)")
                }
            }
            // and the answer is the plain one: i ≡ 0 (mod 4), 2015 + i % 10 = 2023, i / 40 = 12 → 488 and 508
            let result = try await search.run(on: app.db)
            #expect(result.total == 2 && Set(result.hits.map(\.title)) == ["关于工作的通知488", "关于工作的通知508"])
        }
    }
}
