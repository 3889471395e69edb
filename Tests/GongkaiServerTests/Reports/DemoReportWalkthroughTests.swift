import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Issue #13's walkthrough on `gongkai demo`, through the console as each office does it: 城关镇
/// drafts its report and submits it; the county returns it with a comment; it is fixed, approved
/// and published; the county drafts its own with a live figure and publishes it by 20 February.
@Suite("Annual report walkthrough on the demo county")
struct DemoReportWalkthroughTests {
    @Test func theDemoCountyWalksTheWholeWorkflow() async throws {
        try await withTestApp(configureSettings: { $0.fixedToday = "2026-02-10" }) { app in
            let password = try await DemoCounty.load(hasher: app.passwordHasher, context: try await app.requestContext(), on: app.db)
            func agency(_ code: String) async throws -> Int { try await Agency.query(on: app.db).filter(\.$code == code).first()!.requireID() }
            // the demo holds last year's reports at every stage
            let statuses = try await AgencyReport.query(on: app.db).filter(\.$year == 2025).all().map(\.status)
            #expect(statuses.filter { $0 == .published }.count == DemoCounty.agencies.count - 5)
            #expect(statuses.contains(.submitted) && statuses.contains(.returned))
            #expect(try await PublishedReport.query(on: app.db).count() == DemoCounty.agencies.count - 5)
            for published in try await PublishedReport.query(on: app.db).all() {
                let document = try published.document
                #expect(document.findings.allSatisfy { $0.severity != .error }, "\(document.agency)")
                #expect(CrossChecks.run(document.report).findings.isEmpty, "\(document.agency)")
            }

            // 城关镇's officer drafts the 2025 report and finishes the text
            let officer = TestClient(app)
            try await officer.signIn("cgz.officer", password)
            let township = try await agency("sfx-cgz")
            var page = try await officer.post("/console/reports", form: [("agency_id", String(township)), ("year", "2025")])
            let path = try #require(page.location)
            var record = try await AgencyReport.query(on: app.db).filter(\.$agency.$id == township).first()!
            let filled = DemoReports.written(record, agency: DemoCounty.agencies.first { $0.code == "sfx-cgz" }!)
            page = try await officer.post(path, form: [
                ("version", String(record.version)), ("include_subtree", "0"), ("overview", filled["overview"]),
                ("problems", filled["problems"]), ("other_matters", filled["other_matters"]),
            ])
            #expect(page.status == .seeOther)
            page = try await officer.get(path)
            #expect(page.body.contains("✓ 勾稽关系成立"), "\(page.body.components(separatedBy: "发布前检查").last?.prefix(600) ?? "")")
            // its head submits; the county's supervisor returns it with a comment
            let head = TestClient(app)
            try await head.signIn("cgz.head", password)
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            page = try await head.post(path + "/steps", form: [("step", "submit"), ("version", String(record.version))])
            #expect(page.status == .seeOther)
            let supervisor = TestClient(app)
            try await supervisor.signIn("sfx.supervisor", password)
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            page = try await supervisor.post(path + "/steps", form: [("step", "return"), ("version", String(record.version)), ("comment", "请写明政务新媒体建设情况")])
            #expect(page.status == .seeOther)
            // fixed, submitted again, approved, published
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            page = try await officer.post(path, form: [
                ("version", String(record.version)), ("include_subtree", "0"),
                ("overview", record.overview + "\n开通“城关发布”政务微信公众号，全年发布信息 120 条。"),
            ])
            #expect(page.status == .seeOther)
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            _ = try await head.post(path + "/steps", form: [("step", "submit"), ("version", String(record.version))])
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            _ = try await supervisor.post(path + "/steps", form: [("step", "approve"), ("version", String(record.version))])
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            page = try await head.post(path + "/steps", form: [("step", "publish"), ("version", String(record.version))])
            record = try await AgencyReport.find(record.requireID(), on: app.db)!
            #expect(record.status == .published)

            // the county drafts its own, county-wide, with a live figure, and publishes by 20 February
            let countyHead = TestClient(app)
            try await countyHead.signIn("sfx.head", password)
            let government = try await agency("sfx-gov")
            page = try await countyHead.post("/console/reports", form: [("agency_id", String(government)), ("year", "2025")])
            let countyPath = try #require(page.location)
            var county = try await AgencyReport.query(on: app.db).filter(\.$agency.$id == government).first()!
            // the county keeps its hotline and mailbox here, so the first draft quotes their figures
            #expect(county.overview.contains("全年受理群众来信来电\(LiveFigure.messagesReceived.token)件"))
            let countyText = DemoReports.written(county, agency: DemoCounty.agencies[0])
            page = try await countyHead.post(countyPath, form: [
                ("version", String(county.version)), ("include_subtree", "0"), ("include_subtree", "1"),
                ("overview", countyText["overview"] + "\n全县全年共收到政府信息公开申请{{requests.new_received}}件。"),
                ("problems", countyText["problems"]), ("other_matters", countyText["other_matters"]),
            ])
            #expect(page.status == .seeOther)
            county = try await AgencyReport.find(county.requireID(), on: app.db)!
            let composed = try await ReportComposer.compose(agency: try await Agency.find(government, on: app.db)!, year: 2025, record: county,
                                                            deadlines: ReportDeadlineRules(), on: app.db)
            #expect(composed.scope == .subtree)
            let messages = try await MessageFigures.query(agencyIDs: composed.agencyIDs, from: "2025-01-01", through: "2025-12-31", on: app.db).total
            #expect(messages.received > 1_000)
            #expect(composed.liveValues[.messagesReceived] == String(messages.received))
            #expect(composed.liveValues[.messagesCompletionRate] == MessageTally.percent(messages.completionRate))
            #expect(composed.readiness.errors.isEmpty, "\(composed.readiness.errors.map(\.message))")
            let received = try #require(composed.report.t3("new_received", "total"))
            #expect(composed.report.sections[.overview]!.contains("全县全年共收到政府信息公开申请\(received.plain)件"))
            for warning in composed.unacknowledged {
                county = try await AgencyReport.find(county.requireID(), on: app.db)!
                _ = try await countyHead.post(countyPath, form: [("version", String(county.version)), ("ack.\(ReportReadiness.key(warning))", "已核实")])
            }
            county = try await AgencyReport.find(county.requireID(), on: app.db)!
            page = try await countyHead.post(countyPath + "/steps", form: [("step", "publish"), ("version", String(county.version))])
            #expect(page.status == .seeOther)
            let progress = try await ReportProgressQuery.list(try await AgencyTree.outline(of: [government], on: app.db), year: 2025,
                                                              deadlines: ReportDeadlineRules(), on: app.db)
            let countyRow = try #require(progress.first { $0.agencyID == government })
            #expect(countyRow.status == .published)
            #expect(countyRow.publishedOn == "2026-02-10")
            #expect(!countyRow.isLate(today: "2026-02-10"))
            #expect(progress.first { $0.agencyID == township }?.status == .published)
        }
    }
}
