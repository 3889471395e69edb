import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("First run, portal and operations")
struct SetupAndOperationsTests {
    @Test func theOneTimeLinkCreatesTheFirstAdministratorOnce() async throws {
        try await withTestApp { app in
            // given an empty database
            let token = try #require(try await SetupService.issueLinkIfNeeded(on: app.db))
            let browser = TestClient(app)
            #expect(try await browser.get("/").body.contains("平台尚未初始化"))
            let form = try await browser.get("/setup/\(token)")
            #expect(form.status == .ok)
            // a mismatched confirmation is refused, nothing created
            let refused = try await browser.post("/setup/\(token)", form: [
                ("agency_name", "样本县人民政府"), ("agency_code", "yb-gov"), ("agency_kind", "government"),
                ("username", "yb.admin"), ("display_name", "管理员"), ("password", "First light 2025"), ("password_confirmation", "other")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("两次输入的密码不一致"))
            #expect(try await Agency.query(on: app.db).count() == 0)
            // when completed
            let done = try await browser.post("/setup/\(token)", form: [
                ("agency_name", "样本县人民政府"), ("agency_code", "yb-gov"), ("agency_kind", "government"),
                ("username", "yb.admin"), ("display_name", "管理员"), ("password", "First light 2025"), ("password_confirmation", "First light 2025")])
            #expect(done.status == .seeOther)
            // then the administrator signs in and the link is spent
            let dashboard = try await browser.signIn("yb.admin", "First light 2025")
            #expect(dashboard.body.contains("系统管理员"))
            #expect(try await TestClient(app).get("/setup/\(token)").status == .notFound)
            #expect(try await SetupService.issueLinkIfNeeded(on: app.db) == nil, "no new link once someone can sign in")
            #expect(try await browser.get("/").body.contains("样本县人民政府"))
        }
    }

    @Test func thePortalShowsTheAgencyAndItsGuide() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            var fields = county.bureau.fields
            fields.guideText = "第一段：公开范围。\n\n第二段：<script>alert(1)</script>"
            fields.address = "测试县文化路 18 号"
            _ = try await AgencyService.update(try county.bureau.requireID(), fields, parentID: try county.government.requireID(),
                                               expectedVersion: 1, by: .system, on: app.db)
            let client = TestClient(app)
            let home = try await client.get("/")
            #expect(home.body.contains("测试县人民政府"))
            #expect(home.body.contains("href=\"/agencies/t-edu\""))
            let agencyPage = try await client.get("/agencies/t-edu")
            #expect(agencyPage.status == .ok)
            #expect(agencyPage.body.contains("href=\"/agencies/t-edu/guide\""))
            // The guide has its own page (issue #11: the agency's home lists its publications).
            let page = try await client.get("/agencies/t-edu/guide")
            #expect(page.status == .ok)
            #expect(page.body.contains("<p>第一段：公开范围。</p>"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.body.contains("测试县文化路 18 号"))
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            let missing = try await client.get("/agencies/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("机构不存在或已被删除"))
        }
    }

    @Test func healthReadinessMetricsAndAssets() async throws {
        try await withTestApp(configureSettings: { (s: inout Settings) in s.metricsToken = "metrics-token-1" }) { (app: Application) async throws in
            let client = TestClient(app)
            #expect(try await client.get("/healthz").body == "ok\n")
            #expect(try await client.get("/readyz").status == .ok)
            // a client's request id is kept when it is a UUID (HardeningTests: anything else is replaced)
            let id = "0f8e4c2a-5b1d-4e7f-9a3c-6d2b8e1f4a70"
            let page = try await client.get("/login", headers: ["X-Request-Id": id])
            #expect(page.headers.first(name: "X-Request-Id") == id)
            let css = try await client.get("/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .contentType)?.hasPrefix("text/css") == true)
            #expect(try await client.get("/assets/..%2FPackage.swift").status == .notFound)
            var monitor = HTTPHeaders()
            monitor.bearerAuthorization = BearerAuthorization(token: "metrics-token-1")
            let metrics = try await client.get("/metrics", headers: monitor).body
            #expect(metrics.contains("gongkai_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"))
            #expect(metrics.contains("gongkai_http_request_duration_seconds_bucket"))
        }
    }

    @Test func theDemoCountyLoadsOnceAndEveryDemoUserSignsIn() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2026-11-26")
            let password = try await DemoCounty.load(hasher: app.passwordHasher, context: try await app.requestContext(), on: app.db)
            #expect(try await Agency.query(on: app.db).count() == 19)
            // A year of records and live requests at every stage, and cases about last year's replies.
            #expect(try await DisclosureRequest.query(on: app.db).count() == DemoRequests.recordCount + DemoRequests.liveRequests.count + 1)
            let phases = Set(try await DisclosureRequest.query(on: app.db).filter(\.$source != .migrated).all().map(\.status))
            let live = try await DisclosureRequest.query(on: app.db).filter(\.$source != .migrated).all()
            #expect(phases.isSuperset(of: [.awaitingReceipt, .running, .waitingOnThirdParty, .waitingOnFee]),
                    "\(live.map { ($0.status, $0.source, $0.receivedOn ?? "-", $0.dueOn ?? "-", $0.description) })")
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$extensionRequestedDays != nil).count() == 1)
            #expect(try await ChallengeCase.query(on: app.db).count() == 3)
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 1)
            let ids = try await Agency.query(on: app.db).all().map { try $0.requireID() }
            for year in [2025, 2026] {
                let report = try await RequestStatistics.report(agencyIDs: ids, year: year, on: app.db)
                #expect(CrossChecks.run(report).findings.isEmpty)
                #expect((report.t3("new_received", "total") ?? 0) > 100)
            }
            #expect(try await Agency.query(on: app.db).filter(\.$kind == .township).count() == 8)
            let roles = Set(try await RoleAssignment.query(on: app.db).all().map(\.role))
            #expect(roles == Set(Role.allCases), "a user for every role")
            for agency in try await Agency.query(on: app.db).all() {
                #expect(try UnifiedSocialCreditCode(agency.creditCode ?? "").value == agency.creditCode)
            }
            let browser = TestClient(app)
            #expect(try await browser.signIn("sfx.head", password).status == .ok)
            await #expect(throws: AppError.self) {
                try await DemoCounty.load(hasher: app.passwordHasher, context: try await app.requestContext(), on: app.db)
            }
        }
    }
}
