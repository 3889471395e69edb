import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Reconsideration and litigation register")
struct ChallengeCaseTests {
    /// A concluded request of the bureau, as the review cases' subject.
    static func concludedRequest(_ county: County, on app: Application) async throws -> DisclosureRequest {
        let calendar = try await app.calendarStore.calendar(on: app.db)
        let received = CivilDate(iso: "2024-02-01")!
        try await SyntheticRequests.insert([.init(
            agencyID: try county.bureau.requireID(), trackingNumber: "GK240201-SAAAAAA", channel: .inPerson, applicantKind: .naturalPerson,
            applicantName: "李华", description: "2023年征地补偿安置方案", receivedOn: received, dueOn: try calendar.addingWorkingDays(20, to: received),
            concludedOn: CivilDate(iso: "2024-02-20"), outcome: .unableNotHeld)], on: app.db)
        return try #require(try await DisclosureRequest.query(on: app.db).first())
    }

    @Test func aCorrectedDecisionReopensTheRequestAndTable4CountsTheYear() async throws {
        try await withTestApp { app in
            let (county, browser) = try await RequestFixtures.officer(app, today: "2025-02-10")
            let original = try await Self.concludedRequest(county, on: app)
            try await browser.get("/console/challenges")
            let bureau = String(try county.bureau.requireID())
            // Filing before the reply it challenges is refused, with nothing saved.
            let early = try await browser.post("/console/challenges", form: [
                ("agency_id", bureau), ("kind", "admin_review"), ("filed_on", "2024-02-10"), ("body", "测试县人民政府"),
                ("case_number", "测复〔2024〕1号"), ("request_tracking_number", original.trackingNumber)])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("立案日期早于被复议（起诉）的答复日期"))
            #expect(try await ChallengeCase.query(on: app.db).count() == 0)
            for (kind, filed, number) in [("admin_review", "2024-03-15", "测复〔2024〕1号"), ("litigation_direct", "2024-11-20", "（2024）测行初 9 号"),
                                          ("admin_review", "2023-05-05", "测复〔2023〕2号")] {
                let form = [
                    ("agency_id", bureau), ("kind", kind), ("filed_on", filed), ("body", kind == "admin_review" ? "测试县人民政府" : "测试县人民法院"),
                    ("case_number", number), ("request_tracking_number", filed.hasPrefix("2024-03") ? original.trackingNumber : ""),
                ]
                let saved = try await browser.post("/console/challenges", form: form)
                #expect(saved.status == .seeOther, "\(saved.body.prefix(400))")
                try await browser.get("/console/challenges")
            }
            let cases = try await ChallengeCase.query(on: app.db).sort(\.$filedOn).all()
            let reconsideration = cases[1], lawsuit = cases[2]
            // The reconsideration corrects the reply: a new request is opened on its own clock.
            let decision = [
                ("version", String(reconsideration.version)), ("result", "corrected"), ("decided_on", "2024-05-10"),
                ("decision_received_on", "2024-05-10"),
            ]
            let decided = try await browser.post("/console/challenges/\(try reconsideration.requireID())", form: decision)
            #expect(decided.status == .seeOther, "\(decided.body.prefix(400))")
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first())
            #expect(reopened.$relatedRequest.id == original.id)
            #expect(reopened.receivedOn == "2024-05-10")
            #expect(reopened.dueOn == "2024-06-06") // Saturday 11 May 2024 was worked
            #expect(try await ChallengeCase.find(reconsideration.id, on: app.db)?.$reopenedRequest.id == reopened.id)
            // A second submission with the old version is refused.
            let again = [
                ("version", String(reconsideration.version)), ("result", "corrected"), ("decided_on", "2024-05-11"),
                ("decision_received_on", "2024-05-11"),
            ]
            let stale = try await browser.post("/console/challenges/\(try reconsideration.requireID())", form: again)
            #expect(stale.status == .conflict)
            // Once reopened, the result can no longer be changed to another.
            let changed = try await browser.post("/console/challenges/\(try reconsideration.requireID())", form: [
                ("version", String(reconsideration.version + 1)), ("result", "upheld"), ("decided_on", "2024-05-10")])
            #expect(changed.status == .unprocessableEntity)
            #expect(changed.body.contains("不能再改为其他结果"))
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 1)
            // The lawsuit is decided in 2025: in 2024's table 四 it is still pending.
            try await browser.get("/console/challenges")
            _ = try await browser.post("/console/challenges/\(try lawsuit.requireID())", form: [
                ("version", String(lawsuit.version)), ("result", "upheld"), ("decided_on", "2025-01-20")])
            let t4 = try await RequestStatistics.challengeCounts(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            #expect(t4.counts[.reconsideration]?[.corrected] == 1)
            #expect(t4.counts[.litigationDirect]?[.pending] == 1)
            #expect(t4.counts[.litigationDirect]?[.upheld] == nil)
            let report = try await RequestStatistics.report(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            #expect(report.t4("admin_review", "total") == 1)
            #expect(CrossChecks.run(report).findings.isEmpty)
            let t4of2025 = try await RequestStatistics.challengeCounts(agencyIDs: [try county.bureau.requireID()], year: 2025, on: app.db)
            #expect(t4of2025.counts.isEmpty)
            let page = try await browser.get("/console/challenges?year=2024")
            #expect(page.body.contains(reopened.trackingNumber))
            #expect(!page.body.contains("测复〔2023〕2号"))
        }
    }

    @Test func badCasesAreRefusedFieldByField() async throws {
        try await withTestApp { app in
            let (county, browser) = try await RequestFixtures.officer(app, today: "2025-02-10")
            try await browser.get("/console/challenges")
            let refused = try await browser.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", ""), ("filed_on", "2030-01-01"), ("body", ""),
                ("request_tracking_number", "GK000000-XXXXX")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("没有查询号为 GK000000-XXXXX 的申请"))
            let noKind = try await browser.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", ""), ("filed_on", "2030-01-01"), ("body", "")])
            #expect(noKind.body.contains("请选择行政复议、直接起诉或复议后起诉"))
            #expect(noKind.body.contains("立案日期不能晚于今天"))
            #expect(noKind.body.contains("请填写复议机关或人民法院"))
            let elsewhere = try await browser.post("/console/challenges", form: [
                ("agency_id", String(try county.township.requireID())), ("kind", "admin_review"), ("filed_on", "2025-01-01"), ("body", "某政府")])
            #expect(elsewhere.status == .forbidden)
            #expect(try await ChallengeCase.query(on: app.db).count() == 0)
        }
    }
}
