import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// An anonymous HTML upload decides the spans of its tables: the grid they make is bounded and a
/// page past the bound is refused with a message, never read until the memory runs out.
@Suite("HTML report tables: spans and grid bounded")
struct HTMLGridLimitTests {
    static func page(_ tables: [String]) -> String {
        "<html><body><h1>2023年政府信息公开工作年度报告</h1>" + tables.joined() + "</body></html>"
    }

    @Test func spansThatWouldFillMemoryAreRefusedWithAMessage() async throws {
        try await withTestApp { app in
            let browser = TestClient(app)
            try await browser.get("/check")
            // One row of 20,000 cells, each 100 × 100: once 34 MB allocations failed and the server crashed.
            let wide = Self.page(["<table><tr>" + String(repeating: "<td rowspan=100 colspan=100>1</td>", count: 20_000) + "</tr></table>"])
            // Many rows of 100-row spans: past the cells of one table.
            let deep = Self.page(["<table>" + String(repeating: "<tr>" + String(repeating: "<td rowspan=100 colspan=9>1</td>", count: 100) + "</tr>", count: 200)
                                  + "</table>"])
            // Tables each within the bound, together past the page's.
            let one = "<table>" + String(repeating: "<tr>" + String(repeating: "<td>1</td>", count: 150) + "</tr>", count: 150) + "</table>"
            let many = Self.page(Array(repeating: one, count: 6))
            for html in [wide, deep, many] {
                let started = Date()
                let page = try await browser.postMultipart("/check", fields: [], files: [("file", "report.html", html)])
                #expect(page.status == .unprocessableEntity)
                #expect(page.body.contains("太复杂"))
                #expect(Date().timeIntervalSince(started) < 60)
            }
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "html")
            let api = try await TestClient(app).sendRaw(.POST, "/api/v1/report-checks?name=report.html", headers: headers,
                                                        body: ByteBuffer(string: wide))
            #expect(api.status == .unprocessableEntity)
            #expect(try api.json(APIErrorBody.self).error.message.contains("太复杂"))
            // the server still answers
            #expect(try await browser.get("/check").status == .ok)
        }
    }

    @Test func ordinaryTablesReadAsBefore() async throws {
        // Rowspans keep the columns of the rows below in place; a span past the last row is harmless.
        let html = Self.page(["""
            <table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr><tr><td>1</td><td>2</td></tr>
            <tr><td>3</td><td rowspan=99>4</td><td>5</td></tr></table>
            """])
        let text = try ReportChecker.extractText(ReportFile(name: "t.html", data: Data(html.utf8)))
        // (Rows of three cells or more are closed by a bar: their cells are known to be cells.)
        #expect(text.components(separatedBy: "\n").suffix(3) == ["甲\t乙", "\t1\t2│", "3\t4\t5│"])
        // A real report's page reads as it always has, through the portal too.
        let fixture = ReportCheckServerTests.fixture("base-2022.html")
        let direct = try ReportChecker.check(ReportFile(name: "base-2022.html", data: fixture))
        #expect(direct.formatVersion != nil)
        #expect(direct.cells.values.compactMap { $0 }.count > 150)
        try await withTestApp { app in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "html")
            let response = try await TestClient(app).sendRaw(.POST, "/api/v1/report-checks?name=base-2022.html", headers: headers,
                                                             body: ByteBuffer(data: fixture))
            #expect(response.status == .ok)
            let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            #expect((object?["cells"] as? [String: Any])?.count == direct.cells.count)
        }
    }
}
