import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The annual report through the console and the API, as the offices use it.
@Suite("Annual reports in the console and the API")
struct ReportConsoleTests {
    static func fixedDay(_ s: inout Settings) { s.fixedToday = ReportFixture.today }

    @Test func aTownshipDraftsFromTheConsoleAndTheCountySeesItsProgress() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            let writer = TestClient(app)
            try await writer.signIn("town.writer", County.password)
            // the dashboard reminds of the report due in 11 days
            let dashboard = try await writer.get("/console")
            #expect(dashboard.body.contains("测试县城关镇人民政府 2025 年度报告应于 2026年1月31日前发布（还有 11 天），当前：未开始"))
            // the year's page offers the first draft
            let index = try await writer.get("/console/reports")
            #expect(index.body.contains("生成初稿"))
            let started = try await writer.post("/console/reports", form: [("agency_id", String(f.township)), ("year", "2025")])
            #expect(started.status == .seeOther)
            let path = try #require(started.location)
            var page = try await writer.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("【请填写"))
            #expect(page.body.contains("D1"))
            #expect(page.body.contains("{{requests.new_received}}"))
            // table 二 through the form: one bad value shows the error and keeps what was typed
            let schema = ReportSchema.of(.v2021)
            var figures: [(String, String)] = []
            for cell in ReportFigureService.tableTwoCells(schema) {
                figures.append(("value.\(cell.rawValue)", cell.rawValue.contains("penalty") ? "x1" : "0"))
                figures.append(("source.\(cell.rawValue)", "县司法局"))
            }
            page = try await writer.post(path + "/figures", form: figures)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("“x1”不是数字"))
            #expect(page.body.contains("value=\"x1\""))
            figures = figures.map { ($0.0, $0.1 == "x1" ? "12" : $0.1) }
            page = try await writer.post(path + "/figures", form: figures)
            #expect(page.status == .seeOther)
            // the text, finished
            let report = try await AgencyReport.query(on: app.db).first()!
            page = try await writer.post(path, form: [
                ("version", String(report.version)), ("include_subtree", "0"),
                ("overview", "全年共收到政府信息公开申请{{requests.new_received}}件。"), ("problems", "培训不足。"), ("other_matters", "本年度未收取政府信息公开信息处理费。"),
            ])
            #expect(page.status == .seeOther)
            page = try await writer.get(path)
            #expect(page.body.contains("✓ 勾稽关系成立"))
            #expect(!page.body.contains("报送上级审核"))  // the writer does not sign off
            // the head submits from the page
            let head = TestClient(app)
            try await head.signIn("town.head", County.password)
            page = try await head.get(path)
            #expect(page.body.contains("报送上级审核"))
            let current = try await AgencyReport.query(on: app.db).first()!
            page = try await head.post(path + "/steps", form: [("step", "submit"), ("version", String(current.version))])
            #expect(page.status == .seeOther)
            // the county's supervisor sees it submitted among the subtree, with the roll-up
            let supervisor = TestClient(app)
            try await supervisor.signIn("gov.supervisor", County.password)
            let progress = try await supervisor.get("/console/reports?year=2025")
            #expect(progress.body.contains("下级机关报告进度"))
            #expect(progress.body.contains("已报送 1"))
            let rollup = try await supervisor.get("/console/reports/rollup?year=2025")
            #expect(rollup.status == .ok)
            #expect(rollup.body.contains("data-cell=\"t3.new_received.total\""))
            // returning without a comment is refused on the page, with the reason
            page = try await supervisor.get(path)
            #expect(page.body.contains("退回修改"))
            let submitted = try await AgencyReport.query(on: app.db).first()!
            page = try await supervisor.post(path + "/steps", form: [("step", "return"), ("version", String(submitted.version))])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("请写明退回的意见"))
            page = try await supervisor.post(path + "/steps", form: [("step", "return"), ("version", String(submitted.version)), ("comment", "请补充培训情况")])
            #expect(page.status == .seeOther)
            // the writer's dashboard now carries the comment
            #expect(try await writer.get("/console").body.contains("已被上级退回：请补充培训情况"))
        }
    }

    @Test func theStaffAPIDrivesTheSameWorkflow() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            func client(_ username: String) async throws -> TestClient {
                let user = try await StaffUser.query(on: app.db).filter(\.$username == username).first()!
                let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
                let c = TestClient(app)
                c.bearer = secret
                return c
            }
            let writer = try await client("town.writer"), head = try await client("town.head"), supervisor = try await client("gov.supervisor")
            var page = try await writer.api(.POST, "/api/v1/agency-reports", json: ["agency_id": f.township, "year": 2025])
            #expect(page.status == .created)
            var report = try page.json(AgencyReportDTO.self)
            #expect(report.status == .draft)
            #expect(report.document.findings.contains { $0.rule == "D1" })
            // starting again answers the same report
            page = try await writer.api(.POST, "/api/v1/agency-reports", json: ["agency_id": f.township, "year": 2025])
            #expect(page.status == .ok)
            // figures: an unknown cell is refused
            struct Figure: Encodable { var cell: String; var value: Int?; var source: String }
            struct Figures: Encodable { var figures: [Figure] }
            page = try await writer.api(.PUT, "/api/v1/agency-reports/\(report.id)/figures",
                                        json: Figures(figures: [.init(cell: "t3.new_received.total", value: 1, source: "x")]))
            #expect(page.status == .unprocessableEntity)
            let cells = ReportFigureService.tableTwoCells(.of(.v2021)).map { Figure(cell: $0.rawValue, value: 0, source: "县统计") }
            page = try await writer.api(.PUT, "/api/v1/agency-reports/\(report.id)/figures", json: Figures(figures: cells))
            #expect(page.status == .ok)
            page = try await writer.api(.PUT, "/api/v1/agency-reports/\(report.id)", json: [
                "version": "\(report.version)", "overview": "全年共收到政府信息公开申请{{requests.new_received}}件。", "problems": "无明显问题。", "other_matters": "本年度未收取政府信息公开信息处理费。",
            ])
            report = try page.json(AgencyReportDTO.self)
            #expect(report.document.findings.filter { $0.severity == .error } == [])
            #expect(report.document.sections["s1_overview"] == "全年共收到政府信息公开申请\(report.liveFigures["requests.new_received"]!)件。")
            // steps: the writer may not submit; the head may; the supervisor approves
            page = try await writer.api(.POST, "/api/v1/agency-reports/\(report.id)/steps", json: ["step": "submit", "version": "\(report.version)"])
            #expect(page.status == .forbidden)
            page = try await head.api(.POST, "/api/v1/agency-reports/\(report.id)/steps", json: ["step": "submit", "version": "\(report.version)"])
            report = try page.json(AgencyReportDTO.self)
            #expect(report.status == .submitted)
            page = try await supervisor.api(.POST, "/api/v1/agency-reports/\(report.id)/steps", json: ["step": "approve", "version": "\(report.version)"])
            report = try page.json(AgencyReportDTO.self)
            page = try await head.api(.POST, "/api/v1/agency-reports/\(report.id)/steps", json: ["step": "publish", "version": "\(report.version)"])
            report = try page.json(AgencyReportDTO.self)
            #expect(report.status == .published)
            #expect(report.document.version == 1)
            #expect(report.publishedVersions.map(\.version) == [1])
            #expect(report.events.map(\.step) == [.submit, .approve, .publish])
            // the list shows it published, on time
            page = try await supervisor.api(.GET, "/api/v1/agency-reports?year=2025")
            let list = try page.json([ReportProgressDTO].self)
            let town = try #require(list.first { $0.agencyId == f.township })
            #expect(town.status == .published)
            #expect(town.isLate == false)
            #expect(town.publishedOn == "2026-01-20")
            #expect(list.first { $0.agencyId == f.bureau }?.status == .notStarted)
        }
    }

    @Test func aReportIsLateWhenNotPublishedByTheDueDateOfItsAgencysKind() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let rules = ReportDeadlineRules()
            let outline = try await AgencyTree.outline(of: [try county.government.requireID()], on: app.db)
            let rows = try await ReportProgressQuery.list(outline, year: 2025, deadlines: rules, on: app.db)
            let due = Dictionary(uniqueKeysWithValues: rows.map { ($0.agencyName, $0.dueOn.iso) })
            #expect(due == ["测试县人民政府": "2026-02-20", "测试县教育局": "2026-01-31", "测试县城关镇人民政府": "2026-01-31"])
            let town = try #require(rows.first { $0.agencyKind == .township })
            #expect(!town.isLate(today: "2026-01-31"))
            #expect(town.isLate(today: "2026-02-01"))
            #expect(town.label(today: "2026-02-01") == "未开始 · 逾期")
            // a prefecture's government reports by 10 March
            county.government.governmentLevel = .prefecture
            try await county.government.save(on: app.db)
            let reread = try await AgencyTree.outline(of: [try county.government.requireID()], on: app.db)
            let again = try await ReportProgressQuery.list(reread, year: 2025, deadlines: rules, on: app.db)
            #expect(again.first { $0.agencyKind == .government }?.dueOn == "2026-03-10")
        }
    }
}
