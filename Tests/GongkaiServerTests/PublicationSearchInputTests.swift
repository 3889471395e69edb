import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// What a URL can carry into a search that no publication holds (review 11k, M1 and L4): refused
/// with the field named, on the page in Chinese and on the API as JSON — never a server error.
@Suite("Search input: control characters, code-point limits, FTS5 syntax")
struct PublicationSearchInputTests {
    @Test func controlCharactersAreRefusedWithTheFieldNamed() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await desk.published("关于“*”的说明", body: "NEAR AND OR NOT ^ - + : ( ) { } 正文")
            let visitor = TestClient(app)
            for raw in ["\u{0}", "a\u{0}b", "低保\u{0}", "\u{1B}[0m", "\u{7F}", "\u{85}"] {
                let res = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode(raw))
                #expect(res.status == .unprocessableEntity, "\(raw.unicodeScalars.map(\.value))")
                let json = try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any]
                let fields = (json?["error"] as? [String: Any])?["fields"] as? [String: Any]
                #expect(fields?["q"] as? String == PublicationSearchInput.controlCharacterMessage, "\(res.body)")
            }
            let page = try await visitor.get("/search?q=" + TestClient.encode("a\u{0}b"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("控制字符"))
            let number = try await visitor.get("/api/v1/publications/search?q=x&document_number=" + TestClient.encode("平政\u{0}办"))
            #expect(number.status == .unprocessableEntity && number.body.contains("document_number"))
            // tabs and line breaks are spaces between terms, as before
            #expect(try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("正文\t说明")).status == .ok)
        }
    }

    @Test func queryLengthIsCountedInCodePoints() async throws {
        try await withTestApp { app in
            let visitor = TestClient(app)
            // one Character of 201 code points (a letter and 200 combining marks)
            let heavy = "e" + String(repeating: "\u{301}", count: 200)
            #expect(heavy.count == 1)
            let refused = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode(heavy))
            #expect(refused.status == .unprocessableEntity)
            let longest = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode(String(repeating: "低", count: 200)))
            #expect(longest.status == .ok)
        }
    }

    /// FTS5's own syntax and punctuation-only terms are searched for as text, never parsed.
    @Test func syntaxAndPunctuationAnswerWithoutAServerError() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            _ = try await desk.published("关于“*”的说明", body: "NEAR AND OR NOT ^ - + : ( ) { } 正文")
            let visitor = TestClient(app)
            for raw in ["*", "\"*\"", "NEAR", "OR", "^", "-", "(", "{title}", "title:x", "\u{FFFF}", "😀", "………", "——"] {
                let res = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode(raw))
                #expect(res.status == .ok, "q=\(raw): \(res.status) \(res.body.prefix(200))")
            }
            let near = try await visitor.get("/api/v1/publications/search?q=NEAR")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(near.body.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 1)
        }
    }

    /// The pager offers 50 pages of 20 of a capped total: a page past the last is the last
    /// (it answered hits 1,001–1,020), and a refused search's form keeps the typed 文号 and
    /// sort (review 11k). Since cold review 11n (L1) the last is the last page with hits: one
    /// hit is page 1 whatever page is asked for.
    @Test func pagesStopAtThePagersLastAndARefusedFormKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            #expect(PublicationSearch.lastPage(pageSize: 20) == 50)
            #expect(PublicationSearch.lastPage(pageSize: 50) == 20)
            #expect(PublicationSearch.lastPage(pageSize: 30) == 34)
            #expect(PublicationSearch.lastPage(pageSize: 1) == 1000)
            let desk = try await PublicationDesk.make(app)
            _ = try await desk.published("关于低保的通知", body: "低保正文")
            let visitor = TestClient(app)
            for (query, page) in [("page=51", 1), ("page=50", 1), ("page=9999", 1), ("limit=30&page=35", 1), ("page=2", 1), ("page=1", 1)] {
                let res = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("低保") + "&" + query)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any])
                #expect(json["page"] as? Int == page, "\(query): \(res.body.prefix(200))")
            }
            let refused = try await visitor.get(
                "/search?q=" + TestClient.encode("低保") + "&year=abc&sort=date&document_number=" + TestClient.encode("平政办〔2023〕"))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("value=\"平政办〔2023〕\""), "the typed 文号")
            #expect(refused.body.contains("<option value=\"date\" selected"), "the typed sort")
            let plain = try await visitor.get("/search?q=" + TestClient.encode("低保") + "&year=abc")
            #expect(plain.status == .unprocessableEntity && plain.body.contains("<option value=\"relevance\" selected"))
        }
    }

    /// SQLite tests a caseless one-code-point term of a mixed query with `instr` (review 11k H3):
    /// only where no other code point folds to it, as FTS5's `unicode61` folds.
    @Test func onlyTermsWithoutCaseAreTestedWithInstr() {
        let table: [(String, Bool)] = [
            ("的", true), ("，", true), ("5", true), ("％", true), ("_", true),
            ("a", false), ("A", false), ("ｐ", false), ("Ｐ", false), ("ß", false), ("σ", false), ("ς", false), ("İ", false), ("ǅ", false),
        ]
        for (term, caseless) in table { #expect(PublicationSearch.isCaseless(term) == caseless, "\(term)") }
    }
}
