import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// SQLite: a term of one or two code points (the gram table) folds case as a longer term (the
/// trigram table) does, and is found by code points, not Characters (cold review 11h, H2 and
/// M1: `ＰＭ` or `É` found only rows of the same case where `ＰＭ值` found both, and `fe` missed
/// a decomposed `café`). Checked against a plain reading of the rows: both sides folded with
/// Unicode's simple case folding (what FTS5's fold implements), substrings by code points.
@Suite("Search on SQLite folds case and counts code points for short terms as for long ones")
struct PublicationSearchCaseFoldTests {
    /// Unicode's simple case folding of one code point (CaseFolding.txt, statuses C and S), the
    /// fold FTS5's tokenizers apply: Foundation's full folding when it gives one code point,
    /// else the lowercase mapping when that is one code point (ẞ → ß), else the code point
    /// itself (ß, İ, whose full foldings are two code points; FTS5 keeps them).
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let full = String(s).folding(options: .caseInsensitive, locale: nil).unicodeScalars
        if full.count == 1, let f = full.first { return f }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let l = lower.first { return l }
        return s
    }

    static func folded(_ text: String) -> [UInt32] { text.unicodeScalars.map { fold($0).value } }

    /// `needle` in `text`, both folded, as a run of code points.
    static func contains(_ text: String, _ needle: String) -> Bool {
        let hay = folded(text)
        let n = folded(needle)
        guard !n.isEmpty, n.count <= hay.count else { return n.isEmpty }
        return (0...(hay.count - n.count)).contains { i in Array(hay[i..<(i + n.count)]) == n }
    }

    /// Hostile strings: full-width, precomposed and decomposed accents, Greek with a final
    /// sigma, Cyrillic, ß and ẞ, Turkish dotted and dotless i, Tibetan, Hangul jamo, emoji with
    /// a joiner and a skin tone, digits, punctuation; a draft that must never be found.
    static let rows: [(title: String, body: String, status: String)] = [
        ("ＡＢ通知", "ｐｍ值监测", "published"),
        ("ａｂ", "ＰＭ值超标", "published"),
        ("É", "Café au lait", "published"),
        ("é", "cafe\u{301} noir", "published"),
        ("E\u{301}TAT", "ÉTAT civil", "published"),
        ("ΣΟΦΊΑ", "σοφία λόγος", "published"),
        ("Москва", "МОСКВА дом", "published"),
        ("Straße", "STRASSE ẞ", "published"),
        ("İstanbul", "ıspanak Istanbul", "published"),
        ("བོད་ཡིག", "བོད", "published"),
        ("\u{1100}\u{1161}\u{11A8}", "한국".decomposedStringWithCanonicalMapping, "published"),
        ("👨\u{200D}👩\u{200D}👧 家庭", "👍🏽👍", "published"),
        ("2023年", "增长5%以上", "published"),
        ("附件：名录", "第１２３号", "published"),
        ("PM2.5", "pm 2.5", "published"),
        ("ＰＭ值 草稿", "Café ΣΟΦΊΑ 5%", "draft"),
    ]

    /// Every term of one or two code points the rows hold (each distinct by code points), their
    /// other cases, and a few longer terms.
    static var queries: [String] {
        var seen: Set<[UInt32]> = []
        var out: [String] = []
        func add(_ term: String) {
            if seen.insert(term.unicodeScalars.map(\.value)).inserted { out.append(term) }
        }
        for row in rows {
            for text in [row.title, row.body] {
                let scalars = Array(text.unicodeScalars)
                for i in scalars.indices {
                    add(String(String.UnicodeScalarView([scalars[i]])))
                    if i + 1 < scalars.count { add(String(String.UnicodeScalarView([scalars[i], scalars[i + 1]]))) }
                }
            }
        }
        for term in [
            "ＰＭ", "ｐｍ", "Ａ", "É", "é", "e", "fe", "FE", "\u{301}", "Σ", "σ", "ς", "ΟΦ", "Д", "д", "ß", "ẞ", "SS", "İ", "ı", "I", "i",
            "ＰＭ值", "ｐｍ值", "café", "CAFÉ", "cafe\u{301}", "CAFE\u{301}", "σοφ", "ΣΟΦ", "λόγοσ", "москва", "STRAẞE", "İst", "ısp", "ist",
            "བོད", "👨\u{200D}👩\u{200D}👧", "5%以", "：名录", "ＰＭ 值", "é 5%", "pm 2.5",
        ] {
            add(term)
        }
        return out
    }

    /// What the search must answer, read off the rows (the strategy tests' order: title hits
    /// first by relevance, newest first, then the larger id; here all on one page).
    static func plainReading(_ rows: [(id: Int, title: String, body: String, publishedOn: String)], _ search: PublicationSearch) -> [Int] {
        let terms = search.terms
        let hits = rows.filter { r in terms.allSatisfy { contains(r.title, $0) || contains(r.body, $0) } }
            .sorted { $0.publishedOn != $1.publishedOn ? $0.publishedOn > $1.publishedOn : $0.id > $1.id }
        guard search.sort == .relevance else { return hits.map(\.id) }
        let inTitle = { (r: (id: Int, title: String, body: String, publishedOn: String)) in terms.allSatisfy { contains(r.title, $0) } }
        return hits.filter(inTitle).map(\.id) + hits.filter { !inTitle($0) }.map(\.id)
    }

    @Test func theFoldIsUnicodesSimpleCaseFolding() {
        #expect(Self.fold("Ａ") == "ａ" && Self.fold("É") == "é" && Self.fold("Σ") == "σ" && Self.fold("ς") == "σ")
        #expect(Self.fold("Д") == "д" && Self.fold("ẞ") == "ß" && Self.fold("ß") == "ß" && Self.fold("İ") == "İ" && Self.fold("ı") == "ı")
        #expect(Self.contains("cafe\u{301}", "fe") && !Self.contains("café", "fe") && Self.contains("ΣΟΦΊΑ", "οφ"))
    }

    /// Every term, both orders, on tables filled by the publishing code and, the second time,
    /// by the migration from an old `ascii` table (an upgraded portal).
    @Test func shortAndLongTermsFindWhatAPlainReadingFinds() async throws {
        try await withTestApp { app in
            guard !app.db.isPostgres else { return }  // PostgreSQL folds with lower(): its own tests
            let desk = try await PublicationDesk.make(app)
            try await PublicationSearchStrategyTests.insert(
                app,
                Self.rows.enumerated().map { i, row in
                    .init(title: row.title, body: row.body, publishedOn: "2023-0\(1 + i % 9)-01", agency: desk.bureauID, status: row.status)
                })
            let stored = try await Publication.query(on: app.db).filter(\.$status == .published).all().map { p in
                (id: try p.requireID(), title: p.title, body: p.bodyText, publishedOn: p.publishedOn?.iso ?? "")
            }
            try await checkEveryQuery(app, stored, "indexed on publishing")

            // An upgraded portal: the old table (ASCII fold, grams by Character) replaced by the migration.
            let sql = try app.db.requireSQL()
            try await sql.raw("DROP TABLE publication_grams").run()
            try await sql.raw("CREATE VIRTUAL TABLE publication_grams USING fts5(title, body, content='', contentless_delete=1, tokenize='ascii')")
                .run()
            #expect(try await PublicationSearch(query: "ＰＭ").run(on: app.db).total == 0)
            try await RebuildPublicationGramsByCodePoint().prepare(on: app.db)
            try await checkEveryQuery(app, stored, "rebuilt by the migration")

            // An upgraded portal without the code-point table: the migration makes and fills it
            // (a one-code-point term is found there, not in the gram table, since).
            try await sql.raw("DROP TABLE publication_code_points").run()
            try await sql.raw(
                "CREATE VIRTUAL TABLE publication_code_points USING fts5(title, body, content='', contentless_delete=1, tokenize='ascii')"
            ).run()
            #expect(try await PublicationSearch(query: "Ｐ").run(on: app.db).total == 0)
            try await IndexPublicationCodePoints().prepare(on: app.db)
            try await checkEveryQuery(app, stored, "code points filled by the migration")
        }
    }

    func checkEveryQuery(_ app: Application, _ stored: [(id: Int, title: String, body: String, publishedOn: String)], _ label: String) async throws {
        var checked = 0
        var found: [[UInt32]: Set<Int>] = [:]  // keyed by code points: String equality merges é and e + U+0301
        for query in Self.queries {
            for sort in PublicationSearch.Sort.allCases {
                var search = PublicationSearch(query: query)
                search.sort = sort
                search.pageSize = PublicationSearch.maxPageSize
                guard !search.terms.isEmpty else { continue }
                let want = Self.plainReading(stored, search)
                let got = try await search.run(on: app.db)
                #expect(got.hits.map(\.id) == want, "\(label): \(query.unicodeScalars.map { String($0.value, radix: 16) }) \(sort)")
                #expect(got.total == want.count, "\(label): \(query) total")
                found[query.unicodeScalars.map(\.value)] = Set(got.hits.map(\.id))
                checked += 1
            }
        }
        #expect(checked > 200)
        // The two tables agree: a short term finds every row its longer term finds, in any case.
        for (short, long) in [
            ("ＰＭ", "ＰＭ值"), ("ｐｍ", "ＰＭ值"), ("ＰＭ", "ｐｍ值"), ("é", "CAFÉ"), ("fe", "cafe\u{301}"), ("σ", "λόγοσ"), ("ΟΦ", "σοφ"),
            ("д", "москва"), ("ß", "STRAẞE"), ("İ", "İst"), ("ı", "ısp"), ("བོ", "བོད"), ("\u{200D}", "👨\u{200D}👩\u{200D}👧"), ("5%", "5%以"),
        ] {
            let a = try #require(found[short.unicodeScalars.map(\.value)], "\(short)")
            let b = try #require(found[long.unicodeScalars.map(\.value)], "\(long)")
            #expect(!b.isEmpty && b.isSubset(of: a), "\(label): \(short) ⊇ \(long)")
        }
        func hits(_ term: String) -> Set<Int>? { found[term.unicodeScalars.map(\.value)] }
        #expect(hits("ＰＭ") == hits("ｐｍ") && hits("ＰＭ")?.count == 2, "\(label): ＰＭ finds both cases")
        #expect(hits("É") == hits("é") && hits("É")?.count == 3, "\(label): É and é")
        #expect(hits("fe")?.count == 1, "\(label): fe in the decomposed café")
    }
}
