import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor
import VaporTesting

/// The public side of annual reports: the list, the page of a version, the downloads, the API.
@Suite("Published annual reports on the portal and the public API")
struct PortalReportTests {
    /// Publishes a version of an agency's report as the workflow does (a frozen document).
    @discardableResult
    static func publish(
        _ agency: Agency, year: Int, version: Int, on date: CivilDate, note: String = "", scope: ReportDocument.Scope = .agency,
        seed: UInt64 = 1, on db: any Database
    ) async throws -> PublishedReport {
        var report = GeneratedReport.make(ReportFormatVersion.inForce(forYear: year)!, seed: seed)
        report.year = year
        report.issuer = agency.name
        let document = ReportDocument(
            report: report, agency: agency.name, agencyCode: agency.code, status: .published, scope: scope,
            version: version, publishedOn: date, correctionNote: version > 1 ? note : nil, findings: [])
        let published = try PublishedReport(
            agencyID: try agency.requireID(), year: year, versionNo: version, publishedOn: date,
            by: .system, correctionNote: note, document: document)
        try await published.create(on: db)
        return published
    }

    /// The county: the township's 2024 report corrected once, the county-wide 2024 report, the
    /// bureau's 2020 report (2019 format).
    static func seed(_ app: Application) async throws -> County {
        let county = try await County.make(on: app)
        try await publish(county.township, year: 2024, version: 1, on: "2025-01-20", seed: 1, on: app.db)
        try await publish(county.township, year: 2024, version: 2, on: "2025-02-03", note: "表三第（三）项第4目数字录入有误，已更正。", seed: 2, on: app.db)
        try await publish(county.government, year: 2024, version: 1, on: "2025-02-18", scope: .subtree, seed: 3, on: app.db)
        try await publish(county.bureau, year: 2020, version: 1, on: "2021-01-29", seed: 4, on: app.db)
        return county
    }

    @Test func theListShowsTheLatestVersionOfEachByYearAndFilters() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            // when the public opens the list
            let all = try await client.get("/reports")
            #expect(all.status == .ok)
            #expect(all.body.contains("测试县城关镇人民政府2024年政府信息公开工作年度报告"))
            #expect(all.body.contains("第 2 版（已更正）"))
            #expect(!all.body.contains("2025-01-20"), "only the latest version is listed")
            #expect(all.body.contains("测试县教育局2020年政府信息公开工作年度报告"))
            #expect(all.body.contains("href=\"/reports/t-town/2024\""))
            // then a year filter keeps that year only, and an agency filter that agency
            let year = try await client.get("/reports?year=2020")
            #expect(year.body.contains("测试县教育局2020年"))
            #expect(!year.body.contains("测试县城关镇人民政府2024年"))
            let agency = try await client.get("/reports?agency=t-town")
            #expect(agency.body.contains("测试县城关镇人民政府2024年"))
            #expect(!agency.body.contains("测试县人民政府2024年"))
            #expect(try await client.get("/reports?year=2017").status == .unprocessableEntity)
            #expect(try await client.get("/reports?year=abc").status == .badRequest)
            #expect(try await client.get("/reports?agency=nobody").status == .notFound)
            let empty = try await client.get("/reports?year=2023")
            #expect(empty.status == .ok)
            #expect(empty.body.contains("2023 年度尚无已发布的年度报告"))
        }
    }

    @Test func theReportPageShowsTheVersionItsHistoryAndTheDownloads() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            // when the corrected report is opened
            let page = try await client.get("/reports/t-town/2024")
            #expect(page.status == .ok)
            // then it is the official layout, with its print stylesheet and no inline style or script
            #expect(page.body.contains("<h1>测试县城关镇人民政府2024年政府信息公开工作年度报告</h1>"))
            #expect(page.body.contains("data-cell=\"t3.result_total.total\""))
            #expect(page.body.contains("<link rel=\"stylesheet\" href=\"/assets/report.css\" media=\"print\">"))
            #expect(!page.body.contains("<style"))
            #expect(!page.body.contains("<script"))
            #expect(!page.body.contains("style=\""))
            // the correction note in plain view, the history and the downloads
            #expect(page.body.contains("更正说明"))
            #expect(page.body.contains("表三第（三）项第4目数字录入有误，已更正。"))
            #expect(page.body.contains("首次发布"))
            #expect(page.body.contains("href=\"/reports/t-town/2024?version=1\""))
            for format in ["docx", "pdf", "json", "csv", "html"] {
                #expect(page.body.contains("href=\"/reports/t-town/2024/download/\(format)\""), "\(format)")
            }
            #expect(!page.body.contains("已被更正"))
            #expect(!page.body.contains("全县汇总"))
            // the cells are the second version's
            let second = try await PublishedReportQuery.latest(agencyID: try await County.agencyID("t-town", app), year: 2024, on: app.db)
            let total = try #require(try second?.document.cells["t3.new_received.total"])
            #expect(page.body.contains("data-cell=\"t3.new_received.total\">\(total.plain)</td>"))
        }
    }

    @Test func anEarlierVersionIsMarkedSupersededAndLinksToTheCurrentOne() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            let old = try await client.get("/reports/t-town/2024?version=1")
            #expect(old.status == .ok)
            #expect(old.body.contains("这是第 1 版，已被更正，不是现行版本。"))
            #expect(old.body.contains("<a href=\"/reports/t-town/2024\">查看现行版本（第 2 版）</a>"))
            #expect(old.body.contains("href=\"/reports/t-town/2024/download/docx?version=1\""))
            #expect(!old.body.contains("<h2>更正说明</h2>"))
            #expect(try await client.get("/reports/t-town/2024?version=3").status == .notFound)
            #expect(try await client.get("/reports/t-town/2024?version=x").status == .badRequest)
            #expect(try await client.get("/reports/t-town/2023").status == .notFound)
            #expect(try await client.get("/reports/nobody/2024").status == .notFound)
        }
    }

    @Test func aCountyWideReportIsLabelledAndHomePagesLinkToTheReports() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            let county = try await client.get("/reports/t-gov/2024")
            #expect(county.body.contains("全县汇总：含下属机关"))
            // the portal's home lists every agency's reports; an agency's page its own
            let home = try await client.get("/")
            #expect(home.body.contains("href=\"/reports\""))
            let town = try await client.get("/agencies/t-town")
            #expect(town.body.contains("href=\"/reports?agency=t-town\""))
            // the print stylesheet is the official layout's
            let css = try await client.get("/assets/report.css")
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.description.hasPrefix("text/css") == true)
            #expect(css.body == ReportRenderer.printStyles)
        }
    }

    @Test func theDownloadsHaveTheirTypesNamesAndContent() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            let stored = try #require(
                try await PublishedReportQuery.latest(
                    agencyID: try await County.agencyID("t-town", app), year: 2024,
                    on: app.db))
            let document = try stored.document
            let expectations: [(String, String, String)] = [
                ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
                ("json", "application/json; charset=utf-8", "json"),
                ("csv", "text/csv; charset=utf-8", "csv"),
                ("html", "text/html; charset=utf-8", "html"),
            ]
            for (format, type, ext) in expectations {
                let file = try await client.get("/reports/t-town/2024/download/\(format)")
                #expect(file.status == .ok, "\(format)")
                #expect(file.headers.first(name: .contentType) == type)
                let name = "测试县城关镇人民政府2024年政府信息公开工作年度报告（第2版）.\(ext)"
                let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(file.headers.first(name: .contentDisposition) == "attachment; filename=\"download.\(ext)\"; filename*=UTF-8''\(encoded)")
            }
            // the JSON is the published document, snake_case
            let json = try await client.get("/reports/t-town/2024/download/json")
            #expect(try json.json(ReportDocument.self) == document)
            #expect(json.body.contains("\"agency_code\" : \"t-town\""))
            #expect(json.body.contains("\"correction_note\" : \"表三第（三）项第4目数字录入有误，已更正。\""))
            // the CSV has a line per cell of the format
            let csv = try await client.get("/reports/t-town/2024/download/csv")
            #expect(csv.body.hasPrefix("\u{FEFF}id,label,value\r\n"))
            #expect(csv.body.components(separatedBy: "\r\n").count == ReportSchema.v2021.allCells.count + 2)
            // the first version stays downloadable, and its Word file is signed with its own date
            let first = try await client.get("/reports/t-town/2024/download/json?version=1")
            #expect(try first.json(ReportDocument.self).version == 1)
            #expect(try await client.get("/reports/t-town/2024/download/exe").status == .notFound)
            let docx = try await TestClient(app).getData("/reports/t-town/2024/download/docx?version=1")
            let text = try ReportChecker.extractText(ReportFile(name: "r.docx", data: docx))
            #expect(text.contains("2025年1月20日"))
        }
    }

    @Test func withoutChromiumThePDFIsAClearMessage() async throws {
        let withoutChromium: (inout Settings) -> Void = { $0.chromiumPath = "/nonexistent/chromium" }
        try await withTestApp(configureSettings: withoutChromium) { app in
            _ = try await Self.seed(app)
            let page = try await TestClient(app).get("/reports/t-town/2024/download/pdf")
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: .contentType)?.hasPrefix("text/html") == true)
            #expect(page.body.contains("生成 PDF 需要 Chromium 浏览器"))
        }
    }

    @Test(
        "the PDF is printed by Chromium once per version",
        .enabled(if: PDFTools.available || PDFTools.required, "needs chromium and pdftotext (poppler-utils)"))
    func thePDFIsPrinted() async throws {
        guard let chromium = PDFTools.chromium else { Issue.record("GONGKAI_REQUIRE_BROWSER=1 but chromium is missing"); return }
        let withChromium: (inout Settings) -> Void = { $0.chromiumPath = chromium }
        try await withTestApp(configureSettings: withChromium) { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            let pdf = try await client.getData("/reports/t-gov/2024/download/pdf")
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            // the second answer comes from the store (counted, not timed: a loaded machine makes
            // timings say nothing)
            #expect(try await client.getData("/reports/t-gov/2024/download/pdf") == pdf)
            #expect(await app.reportPDFs.printings == 1)
            let read = try ReportChecker.check(try await ReportFileLoader.file(name: "r.pdf", data: pdf))
            #expect(read.issuer == "测试县人民政府")
        }
    }

    @Test func theAPIListsPublishedReportsAndReturnsEachDocument() async throws {
        try await withTestApp { app in
            _ = try await Self.seed(app)
            let client = TestClient(app)
            // when anyone lists the 2024 reports, without signing in
            let list = try await client.api(.GET, "/api/v1/reports?year=2024")
            #expect(list.status == .ok)
            let reports = try list.json(PublishedReportListDTO.self).reports
            #expect(reports.map(\.agencyCode).sorted() == ["t-gov", "t-town"])
            let town = try #require(reports.first { $0.agencyCode == "t-town" })
            #expect(town.version == 2)
            #expect(town.publishedOn == "2025-02-03")
            #expect(town.links.page == "/reports/t-town/2024")
            #expect(town.links.api == "/api/v1/reports/t-town/2024")
            #expect(town.links.pdf == "/reports/t-town/2024/download/pdf")
            #expect(try await client.api(.GET, "/api/v1/reports").json(PublishedReportListDTO.self).reports.count == 3)
            // then each report is its document, any version
            let document = try await client.api(.GET, "/api/v1/reports/t-town/2024").json(ReportDocument.self)
            #expect(document.version == 2)
            #expect(document.cells["t3.new_received.total"] != nil)
            #expect(try await client.api(.GET, "/api/v1/reports/t-town/2024?version=1").json(ReportDocument.self).version == 1)
            let missing = try await client.api(.GET, "/api/v1/reports/t-town/2019")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("\"code\":\"not_found\""))
            #expect(try await client.api(.GET, "/api/v1/reports?year=1999").status == .unprocessableEntity)
        }
    }
}

extension County {
    static func agencyID(_ code: String, _ app: Application) async throws -> Int {
        try #require(try await Agency.query(on: app.db).filter(\.$code == code).first()).requireID()
    }
}

extension TestClient {
    /// A download's bytes (`Page.body` is text).
    func getData(_ path: String) async throws -> Data {
        let request = TestingHTTPRequest(method: .GET, url: URI(path: path), headers: [:], body: ByteBufferAllocator().buffer(capacity: 0))
        let response = try await app.testing(method: method).performTest(request: request)
        #expect(response.status == .ok, "\(path): \(response.status)")
        return Data(buffer: response.body)
    }
}
