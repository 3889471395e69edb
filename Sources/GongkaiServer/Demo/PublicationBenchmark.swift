import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The publication benchmark of issue #11, run by `gongkai-bench publications`: a large number
/// of generated publications whose bodies are drawn from the demo corpus (a window of 300–1,200
/// characters of a real document), spread over 20 agencies and eleven years, loaded into the
/// database the settings name with its search indexes; then the portal's queries timed in
/// process. With `keep`, the database stays for the HTTP measurement (`wrk` against
/// `gongkai serve`, docs/benchmarks.md).
public enum PublicationBenchmark {
    public struct Measurement: Sendable {
        public let label: String
        public let milliseconds: Double
    }

    static let agencyCount = 20
    /// Phrases searched: a 2-character and a 4-character phrase of the issue, and a very common word.
    public static let phrases = ["低保", "安全生产", "工作"]
    /// Queries with a term of one code point (SQLite: timed with and without the code-point
    /// table, their answers compared): alone, two of them, beside a two-code-point or a longer
    /// term, punctuation, a letter with case, a rare one.
    static let oneCodePointQueries = [
        "的", "，", "低", "水", "。", "（", "a", "Ａ", "鑫", "的 ，", "低 保", "的 低保", "， 工作", "水 安全生产", "的 中华人民共和国",
        "低保 。", "《 》", "a 工作", "2", "工作",
    ]

    public static func run(settings: Settings, count: Int, log: @escaping @Sendable (String) -> Void) async throws -> [Measurement] {
        try await Operations.withApplication(settings) { app in
            let db = app.db
            let sql = try db.requireSQL()
            let existing = try await Publication.query(on: db).count()
            if existing < count {
                try await load(count - existing, offset: existing, on: db, log: log)
            } else {
                log("the database already holds \(existing) publications")
            }
            var results: [Measurement] = []
            func record(_ label: String, _ body: () async throws -> Void) async throws {
                try await body()  // warm-up
                var times: [Double] = []
                for _ in 0..<7 { times.append(RequestBenchmark.seconds(try await measure(body)) * 1000) }
                let median = times.sorted()[times.count / 2]
                results.append(Measurement(label: label, milliseconds: median))
                log(String(format: "%@: %.2f ms (median of 7)", label, median))
            }
            let today = CivilDate(year: 2026, month: 1, day: 15)!
            let agency = try await Agency.query(on: db).filter(\.$code == "bench-07").first()?.requireID()
            try await record("catalogue page 1, all agencies (PortalListQuery, total capped at 10,000)") {
                _ = try await PortalListQuery().run(today: today, on: db)
            }
            try await record("catalogue page 1, one agency, 信息公开目录类, 2023") {
                _ = try await PortalListQuery(agencyIDs: agency.map { [$0] }, category: .catalogue, year: 2023).run(today: today, on: db)
            }
            try await record("catalogue page 400, all agencies") {
                _ = try await PortalListQuery(page: 400).run(today: today, on: db)
            }
            let middle = try await sql.raw("SELECT MAX(id) AS id FROM publications").first()?.decode(column: "id", as: Int.self) ?? 1
            try await record("a publication's row, attachments, interpretations, versions, topics (the page's queries)") {
                _ = try await Publication.find(middle / 2, on: db)
                _ = try await Publication.query(on: db).filter(\.$interprets.$id == middle / 2).all()
                _ = try await PublicationAttachment.query(on: db).filter(\.$publication.$id == middle / 2).all()
                _ = try await PublicationVersion.query(on: db).filter(\.$publication.$id == middle / 2).all()
                _ = try await PublicationTopic.query(on: db).filter(\.$publication.$id == middle / 2).all()
            }
            for phrase in phrases {
                for sort in PublicationSearch.Sort.allCases {
                    var total = 0
                    try await record("search “\(phrase)” (\(phrase.count) characters), \(sort.rawValue), first page of 20 and the capped total") {
                        var s = PublicationSearch(query: phrase)
                        s.sort = sort
                        total = try await s.run(on: db).total
                    }
                    log("  → \(total)\(total >= PublicationSearch.countCap ? "+" : "") hits")
                }
            }
            try await record("figures for the annual report, one agency, 2023 (PublicationFigures)") {
                _ = try await PublicationFigures.query(agencyIDs: agency.map { [$0] } ?? [], year: 2023, calendar: WorkingDayCalendar(),
                                                       interpretationDays: 3, on: db)
            }
            if !db.isPostgres {
                // A one-code-point term from the code-point table against the gram table's prefix
                // query (the plan before IndexPublicationCodePoints): the same answers, and the times.
                for query in oneCodePointQueries {
                    for sort in PublicationSearch.Sort.allCases {
                        var answers: [String] = []
                        var times: [String] = []
                        for table in [false, true] {
                            var s = PublicationSearch(query: query)
                            s.sort = sort
                            s.oneCodePointTable = table
                            var result = try await s.run(on: db)  // warm-up
                            var spent: [Double] = []
                            for _ in 0..<3 {
                                spent.append(RequestBenchmark.seconds(try await measure { result = try await s.run(on: db) }) * 1000)
                            }
                            answers.append("\(result.total)\(result.capped ? "+" : "") \(result.hits.map(\.id))")
                            times.append(String(format: "%.1f", spent.sorted()[1]))
                        }
                        let same = answers[0] == answers[1] ? "same answer" : "DIFFERENT: \(answers[0]) / \(answers[1])"
                        let hits = answers[1].prefix(while: { $0 != " " })
                        let spent = "before \(times[0]) ms, after \(times[1]) ms (median of 3)"
                        log("one-code-point search “\(query)” \(sort.rawValue): \(spent); \(hits) hits, \(same)")
                    }
                }
                // The start-up cost of upgrading a large SQLite portal: the code-point table filled
                // (migration IndexPublicationCodePoints, run once; docs/operations.md).
                let published = try await Publication.query(on: db).filter(\.$status == .published).count()
                let elapsed = try await measure { try await IndexPublicationCodePoints().prepare(on: db) }
                let seconds = RequestBenchmark.seconds(elapsed)
                let label = "code-point table filled (IndexPublicationCodePoints), \(published) published"
                results.append(Measurement(label: label, milliseconds: seconds * 1000))
                log(String(format: "%@ in %.1f s (%.0f per second)", label, seconds, Double(published) / seconds))
                try await sql.raw("INSERT INTO publication_code_points(publication_code_points) VALUES('optimize')").run()
            }
            log("publication for the page measurement: /publications/\(middle / 2)")
            return results
        }
    }

    /// Generates and inserts `count` publications (ids after `offset`), with the search index.
    static func load(_ count: Int, offset: Int, on db: any Database, log: @escaping @Sendable (String) -> Void) async throws {
        let sql = try db.requireSQL()
        // PostgreSQL: the search's GIN indexes are built once after the rows, as for any bulk
        // import (kept up row by row they made the load ten times slower: ~100 rows/s).
        if db.isPostgres {
            for index in CreatePublicationSearch.postgresIndexes.map(\.name) + [IndexPublishedDocumentNumbers.name] {
                try await sql.raw("DROP INDEX IF EXISTS \(ident: index)").run()
            }
        }
        // Agencies and an author.
        var agencyIDs: [Int] = []
        if let existing = try await Agency.query(on: db).filter(\.$code == "bench-00").first() {
            agencyIDs = try await Agency.query(on: db).filter(\.$code ~~ (0..<agencyCount).map { String(format: "bench-%02d", $0) }).sort(\.$code).all()
                .map { try $0.requireID() }
            _ = existing
        } else {
            let root = try await AgencyService.create(AgencyFields(code: "bench-00", name: "基准县人民政府", shortName: "基准县", kind: .government, creditCode: nil),
                                                      parentID: nil, by: .commandLine("bench"), on: db)
            agencyIDs.append(try root.requireID())
            for i in 1..<agencyCount {
                let a = try await AgencyService.create(AgencyFields(code: String(format: "bench-%02d", i), name: "基准县第\(i)局", shortName: "第\(i)局",
                                                                    kind: .department, creditCode: nil),
                                                       parentID: try root.requireID(), by: .commandLine("bench"), on: db)
                agencyIDs.append(try a.requireID())
            }
        }
        let author: Int
        if let user = try await StaffUser.query(on: db).filter(\.$username == "bench.publisher").first() {
            author = try user.requireID()
        } else {
            let user = StaffUser(username: "bench.publisher", displayName: "基准", passwordHash: "x", agencyID: agencyIDs[0], mustChangePassword: false)
            try await user.create(on: db)
            author = try user.requireID()
        }
        // The corpus, cleaned as the demo cleans it.
        var corpus: [(title: String, body: [Character])] = []
        if let root = DemoPublications.corpusURL {
            for d in try DemoPublications.documents() {
                guard let page = try? String(contentsOf: root.appendingPathComponent(d.file), encoding: .utf8) else { continue }
                let text = DemoPublications.body(of: page, title: d.title, documentNumber: d.documentNumber).paragraphs.joined(separator: "\n")
                if text.count >= 300 { corpus.append((d.title, Array(text))) }
            }
        }
        guard !corpus.isEmpty else { throw AppError.badRequest("演示语料不可用") }
        var random = SplitMix64(seed: 11)
        let first = CivilDate(year: 2015, month: 1, day: 1)!.dayNumber
        let span = CivilDate(year: 2025, month: 12, day: 31)!.dayNumber - first
        let columns = ["version", "agency_id", "author_id", "title", "document_number", "body_html", "body_text", "written_on", "formed_on",
                       "published_on", "index_number", "category", "genre", "subject", "key_domains", "disclosure", "disclosure_note", "status",
                       "review_steps", "review_round", "revision_state", "version_number", "repealed_by", "amended_by", "requires_interpretation",
                       "video_url", "normative_kind"]
        let categories: [PublicationCategory] = [.overview, .affairs, .affairs, .affairs, .catalogue, .catalogue, .catalogue, .catalogue, .catalogue, .catalogue]
        let domains = KeyDomain.allCases
        let batch = 200
        let started = ContinuousClock.now
        var done = 0
        let postgres = db.isPostgres
        let agencies = agencyIDs
        let documents = corpus
        while done < count {
            let n = min(5_000, count - done)
            var rows: [[any SQLExpression]] = []
            var search: [(Int64, String, String)] = []
            for k in 0..<n {
                let i = offset + done + k
                let doc = documents[Int(random.next() % UInt64(documents.count))]
                let length = 300 + Int(random.next() % 900)
                let start = doc.body.count > length ? Int(random.next() % UInt64(doc.body.count - length)) : 0
                let body = String(doc.body[start..<min(doc.body.count, start + length)])
                let day = CivilDate(dayNumber: first + Int(random.next() % UInt64(span)))
                let agency = agencies[i % agencies.count]
                let category = categories[Int(random.next() % UInt64(categories.count))]
                let subject = PublicationSubject.allCases[Int(random.next() % UInt64(PublicationSubject.allCases.count))]
                let title = (doc.title.count > 40 ? String(doc.title.prefix(40)) : doc.title) + "（\(i + 1)）"
                let html = RichText.fromPlainText(body).html
                let normative = i % 200 == 0 ? NormativeKind.normativeDocument.rawValue : nil
                let texts: [String?] = [
                    title, "", html, body, day.iso, day.iso, day.iso,
                    String(format: "BENCH%02d-%@-%d-%07d", i % agencies.count, category.code, day.year, i + 1), category.rawValue,
                    PublicationGenre.guess(fromTitle: doc.title).rawValue, subject.rawValue, domains[i % domains.count].rawValue,
                    DisclosureAttribute.proactive.rawValue, "", PublicationState.published.rawValue, ReviewChain.standard.codes,
                ]
                rows.append([SQLBind(1), SQLBind(agency), SQLBind(author)] + texts.map { $0.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null }
                            + [SQLBind(1), SQLBind(RevisionState.none.rawValue), SQLBind(1), SQLBind(""), SQLBind(""), SQLBind(false), SQLBind(""),
                               normative.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null])
                search.append((Int64(day.dayNumber), title, body))
            }
            let (batchRows, batchSearch) = (rows, search)
            try await db.transaction { tx in
                let sql = try tx.requireSQL()
                var ids: [Int] = []
                var index = 0
                while index < batchRows.count {
                    var insert = sql.insert(into: Publication.schema).columns(columns)
                    for row in batchRows[index..<min(batchRows.count, index + batch)] { insert = insert.values(row) }
                    ids += try await insert.returning("id").all().map { try $0.decode(column: "id", as: Int.self) }
                    index += batch
                }
                guard !postgres else { return }
                // SQLite: the three FTS tables, rowid = date << 32 | id.
                for (id, entry) in zip(ids, batchSearch) {
                    let rowid = (entry.0 << 32) | Int64(id)
                    try await sql.raw("INSERT INTO publication_fts (rowid, title, body) VALUES (\(bind: rowid), \(bind: entry.1), \(bind: entry.2))").run()
                    try await sql.raw("""
                        INSERT INTO publication_grams (rowid, title, body)
                        VALUES (\(bind: rowid), \(bind: SearchText.shortGramTokens(of: entry.1)), \(bind: SearchText.shortGramTokens(of: entry.2)))
                        """).run()
                    let (title, body) = (SearchText.codePointTokens(of: entry.1), SearchText.codePointTokens(of: entry.2))
                    let insert: SQLQueryString =
                        "INSERT INTO publication_code_points (rowid, title, body) VALUES (\(bind: rowid), \(bind: title), \(bind: body))"
                    try await sql.raw(insert).run()
                }
            }
            done += n
            if done % 50_000 == 0 || done == count {
                let elapsed = RequestBenchmark.seconds(ContinuousClock.now - started)
                log(String(format: "  %d / %d publications inserted (%.0f s, %.0f per second)", done, count, elapsed, Double(done) / elapsed))
            }
        }
        // The steady state: statistics, GIN pending lists merged, FTS segments merged.
        if postgres {
            let indexing = ContinuousClock.now
            try await sql.raw("SET maintenance_work_mem = '256MB'").run()
            for (_, statement) in CreatePublicationSearch.postgresIndexes { try await sql.raw(SQLQueryString(statement)).run() }
            try await sql.raw(SQLQueryString(IndexPublishedDocumentNumbers.statement)).run()
            log(String(format: "  search indexes built in %.0f s", RequestBenchmark.seconds(ContinuousClock.now - indexing)))
            try await sql.raw("VACUUM ANALYZE publications").run()
        } else {
            try await sql.raw("INSERT INTO publication_fts(publication_fts) VALUES('optimize')").run()
            try await sql.raw("INSERT INTO publication_grams(publication_grams) VALUES('optimize')").run()
            try await sql.raw("INSERT INTO publication_code_points(publication_code_points) VALUES('optimize')").run()
            try await sql.raw("ANALYZE").run()
        }
        log(String(format: "loaded %d publications in %.0f s", count, RequestBenchmark.seconds(ContinuousClock.now - started)))
    }

    private static func measure(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }
}
