import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

@Suite("Report check on the web and the API")
struct ReportCheckServerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GongkaiCoreTests/Fixtures/reports")

    static func fixture(_ name: String) -> Data {
        FileManager.default.contents(atPath: fixtures.appendingPathComponent(name).path) ?? Data()
    }

    @Test func anyoneChecksAReportOnThePortal() async throws {
        try await withTestApp { app in
            let browser = TestClient(app)
            let form = try await browser.get("/check")
            #expect(form.status == .ok)
            #expect(form.body.contains("开始体检"))
            let seed = String(decoding: Self.fixture("seed-xinyuan-2023.txt"), as: UTF8.self)
            let page = try await browser.postMultipart("/check", fields: [], files: [("file", "新源县2023年报告.txt", seed)])
            #expect(page.status == .ok)
            #expect(page.body.contains("新源县 2023 年度"))
            #expect(page.body.contains("未发现计算错误"))
            #expect(page.body.contains("7518 + 98 + 191 + 14 = 7821"))
            // every cell the reader repaired is marked on the page, and no other
            let result = try ReportChecker.check(ReportFile(name: "seed.txt", data: Self.fixture("seed-xinyuan-2023.txt")))
            let repaired = Set(result.repairs.flatMap(\.cells).map(\.description))
            let marked = Set(Self.cells(marked: "repaired", in: page.body))
            #expect(!repaired.isEmpty)
            #expect(marked == repaired)
            #expect(page.body.contains("class=\"value missing\" data-cell=\"t4.admin_review.upheld\""))
            // nothing to check is a clear message, not an error page
            let empty = try await browser.postMultipart("/check", fields: [("text", "  ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("请选择报告文件或粘贴报告全文"))
            // the form is protected like every other
            let forged = TestClient(app)
            #expect(try await forged.postMultipart("/check", fields: [("text", seed)]).status == .forbidden)
        }
    }

    @Test func aLargeUploadOverARealSocketKeepsItsFormToken() async throws {
        // Over HTTP a file arrives in several reads; the CSRF check must wait for all of them.
        try await withTestApp { app in
            let browser = TestClient(app, method: .running(hostname: "127.0.0.1", port: Int.random(in: 20_000...32_000)))  // below Linux's ephemeral ports (32768–), which clients of the database take
            try await browser.get("/check")
            let seed = String(decoding: Self.fixture("seed-xinyuan-2023.txt"), as: UTF8.self)
            let page = try await browser.postMultipart("/check", fields: [], files: [("file", "seed.txt", String(repeating: seed, count: 8))])
            #expect(page.status == .ok)
            #expect(page.body.contains("新源县"))
        }
    }

    @Test func theAPIReadsAWordFileSentAsTheBody() async throws {
        try await withTestApp { app in
            let client = TestClient(app)
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            let response = try await client.sendRaw(.POST, "/api/v1/report-checks?name=base-2022.docx", headers: headers,
                                                    body: ByteBuffer(data: Self.fixture("base-2022.docx")))
            #expect(response.status == .ok)
            let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            #expect(object?["format_version"] as? String == "2021")
            #expect(object?["issuer"] as? String == "示范县教育局")
            let cells = object?["cells"] as? [String: Any]
            #expect(cells?["t3.new_received.total"] as? Int == 18)
            #expect(cells?.count == 200)
            #expect((object?["findings"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unreadableInputIsA422WithTheReason() async throws {
        try await withTestApp { app in
            let client = TestClient(app)
            let empty = try await client.sendRaw(.POST, "/api/v1/report-checks", headers: [:], body: nil)
            #expect(empty.status == .unprocessableEntity)
            #expect(try empty.json(APIErrorBody.self).error.code == "report_unreadable")
            let binary = try await client.sendRaw(.POST, "/api/v1/report-checks?name=x.txt", headers: [:],
                                                  body: ByteBuffer(bytes: [0, 1, 2, 3, 255, 0, 7]))
            #expect(try binary.json(APIErrorBody.self).error.message.contains("不是文本"))
        }
    }

    /// The `data-cell` ids of the cells whose class list holds `word` (`class="value repaired flagged"`).
    static func cells(marked word: String, in html: String) -> [String] {
        html.components(separatedBy: "<td class=\"").dropFirst().compactMap { tail -> String? in
            guard let classEnd = tail.firstIndex(of: "\"") else { return nil }
            let classes = tail[..<classEnd].split(separator: " ")
            guard classes.contains(Substring(word)), let cell = tail.range(of: "data-cell=\"") else { return nil }
            return tail[cell.upperBound...].split(separator: "\"").first.map(String.init)
        }
    }
}
