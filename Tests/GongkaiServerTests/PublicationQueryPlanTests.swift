import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// A publication page looks up the interpretations of the item by `interprets_id`, NULL on
/// almost every row. After ANALYZE (the benchmark's steady state, or an operator's), SQLite read
/// a full index on that column as matching every row and walked (status, published_on) instead:
/// 5 s per page among 1,000,000 publications; without statistics it took that road too, drawn
/// by the status and the order in the query. The page now asks for the link alone (status and
/// order applied in Swift: a handful of rows), and the partial index of
/// IndexInterpretationsWhereLinked holds the linked rows only: on both databases, analysed or not,
/// the lookup is one index probe.
@Suite("Query plans: a publication's interpretations")
struct PublicationQueryPlanTests {
    @Test func theInterpretationsOfAnItemAreFoundOnThePartialIndex() async throws {
        try await withTestApp { app in
            // given 3,000 published items that interpret nothing and one interpretation of the first
            let desk = try await PublicationDesk.make(app)
            let policy = try await desk.published("关于做好城乡低保提标工作的通知", body: "各乡镇：城乡最低生活保障标准提高。").requireID()
            let interpretation = try await desk.published("图解：城乡低保提标", body: "一图读懂低保提标。")
            interpretation.$interprets.id = policy
            try await interpretation.save(on: app.db)
            let author = try #require(try await StaffUser.query(on: app.db).first()?.requireID())
            let sql = try app.db.requireSQL()
            let rows: SQLQueryString = TestDatabase.isPostgres
                ? "SELECT i FROM generate_series(1, 3000) AS g(i)"
                : "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 3000) SELECT i FROM g"
            try await sql.raw("""
                INSERT INTO publications (version, agency_id, author_id, title, document_number, body_html, body_text, formed_on, published_on,
                  category, genre, subject, key_domains, disclosure, disclosure_note, status, review_steps, review_round, revision_state,
                  version_number, repealed_by, amended_by, requires_interpretation, video_url)
                SELECT 1, \(bind: desk.bureauID), \(bind: author), 'P' || i, '', '', '', '2024-01-01', '2024-01-01', 'affairs', 'news',
                  'generalAffairs', '', 'proactive', '', 'published', '', 0, 'none', 1, '', '', false, '' FROM (
                """ + rows + ") AS g").run()
            // when the page's query for the interpretations is explained, as the app leaves the
            // database and after ANALYZE (the benchmark's steady state, or an operator's)
            try await app.db.withConnection { connection in
                let sql = try connection.requireSQL()
                let recorder = try RecordingDatabase(connection)
                let found = try await Publication.query(on: recorder).filter(\.$interprets.$id == policy).all()
                #expect(found.map(\.title) == ["图解：城乡低保提标"])
                let statement = try #require(recorder.log.statements.last)
                if TestDatabase.isPostgres { try await sql.raw("SET enable_seqscan = off").run() }
                for analyzed in [false, true] {
                    if analyzed { try await sql.raw(TestDatabase.isPostgres ? "VACUUM ANALYZE publications" : "ANALYZE").run() }
                    let plan = try await QueryPlan.of(statement, on: sql)
                    // then the partial index finds it, without walking the publications
                    #expect(plan.indexes == [IndexInterpretationsWhereLinked.name], "analyzed: \(analyzed): \(plan)")
                    #expect(plan.fullScans(of: Publication.schema) == [], "analyzed: \(analyzed): \(plan)")
                }
                if TestDatabase.isPostgres { try await sql.raw("RESET enable_seqscan").run() }
            }
        }
    }
}
