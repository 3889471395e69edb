import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Second cold review of issue #9 (after ba83c3b, edd0983, 4205d05), through the console, the
/// API and the statistics, on SQLite and PostgreSQL. `defect…` tests state the statutory answer
/// and fail on main; `verified…` pass. Dates recomputed independently from holidays.tsv.
@Suite("Review 9b: platform")
struct Review9bTests {
    typealias S = StatutoryCorrectionsServerTests

    static func apiClient(_ county: County, app: Application) async throws -> TestClient {
        let user = try await county.user("api.officer", [.caseOfficer], in: county.bureau, on: app)
        let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
        let api = TestClient(app)
        api.bearer = secret
        return api
    }

    static func decide(_ officer: TestClient, _ caseID: Int, _ form: [(String, String)], app: Application) async throws -> TestClient.Page {
        try await officer.get("/console/challenges")
        let version = String(try #require(try await ChallengeCase.find(caseID, on: app.db)).version)
        return try await officer.post("/console/challenges/\(caseID)", form: [("version", version)] + form)
    }

    // MARK: defects

    /// An application received 2024-04-01 (due 2024-04-29) is not answered; the applicant asks
    /// for reconsideration of the failure to reply (filed 2024-05-10); the decision of 2024-06-03
    /// (received 06-05) orders a reply (结果纠正). The register accepts a case on the open request
    /// and the decision opens a SECOND request for the same application; the reply is made on
    /// it 2024-06-20, while the original stays open and overdue for ever. 2024's table 三 then
    /// shows the application as carried over to 2025 with no result although it was answered
    /// (and every later year carries it again). Either the decision should be refused or
    /// applied to the open request itself, or the original concluded with the reply.
    @Test func defectACorrectiveDecisionOnAnUnansweredRequestLeavesTheApplicationOpenForEver() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await S.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-05")
            let caseID = try await S.challenge(officer, county: county, about: id, filedOn: "2024-05-10", number: "测政复〔2024〕12号", app: app)
            let decided = try await Self.decide(
                officer, caseID, [("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-05")], app: app)
            let refused = decided.status == .unprocessableEntity
            if let reopened = try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first() {
                try await S.step(
                    officer, try reopened.requireID(),
                    [("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"),
                     ("service_method", "direct"), ("served_on", "2024-06-20")], today: "2024-06-20", app: app)
            }
            let original = try #require(try await DisclosureRequest.find(id, on: app.db))
            let open = try await DisclosureRequest.query(on: app.db).filter(\.$concludedOn == nil).count()
            let t2024 = try await RequestStatistics.report(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            let numbers = ["new_received", "result_total", "carried_over_out"].map { "\($0) \(t2024.t3($0, "total") ?? -1)" }
            #expect(refused || (open == 0 && t2024.t3("carried_over_out", "total") == 0),
                    "decision \(decided.status.code); open requests after the re-reply: \(open) (original concluded \(original.concludedOn?.iso ?? "never"), overdue \(original.isOverdue(today: "2024-12-31"))); 2024: \(numbers)")
        }
    }

    /// A decision received 2026-12-21 orders a reply by 2027-01-15 (a fixed date: no holiday
    /// table needed). The decision is recorded but the reopened request has no due date, so it
    /// is listed as neither due nor overdue until the 2027 schedule is imported.
    @Test func defectAnOrderedReplyDateInTheNextYearIsNotTheRequestsDueDate() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2026-11-02")
            let id = try await S.register(officer, county: county, submittedOn: "2026-11-02", app: app)
            try await S.step(
                officer, id,
                [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                 ("service_method", "direct"), ("served_on", "2026-11-10")], today: "2026-11-10", app: app)
            app.settings.fixedToday = CivilDate(iso: "2026-12-21")
            let caseID = try await S.challenge(officer, county: county, about: id, filedOn: "2026-11-20", number: "测政复〔2026〕9号", app: app)
            let page = try await Self.decide(
                officer, caseID,
                [("result", "corrected"), ("decided_on", "2026-12-18"), ("decision_received_on", "2026-12-21"),
                 ("ordered_reply_on", "2027-01-15"), ("order_basis", "测政复〔2026〕9号决定书")], app: app)
            #expect(page.status == .seeOther, "\(page.body.prefix(300))")
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first())
            #expect(reopened.dueOn == "2027-01-15", "due \(reopened.dueOn?.iso ?? "nil")")
        }
    }

    /// PUT /api/v1/challenges/{id}/co-defendant without `as_co_defendant` (or with null) is
    /// read as false: the flag of a case the county government defends as reconsideration body
    /// is cleared silently and the case is counted again in its table 四 (twice in the county's
    /// roll-up). docs/requests.md: "`as_co_defendant` accepts true or false only".
    @Test func defectACoDefendantCorrectionWithoutAValueClearsTheFlag() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-10")
            try await officer.get("/console/challenges")
            _ = try await officer.post(
                "/console/challenges",
                form: [("agency_id", String(try county.bureau.requireID())), ("kind", "litigation_after_review"), ("filed_on", "2024-05-06"),
                       ("body", "测试县人民法院"), ("case_number", "（2024）测行初 5 号"), ("as_co_defendant", "1")])
            let id = try #require(try await ChallengeCase.query(on: app.db).first()).requireID()
            #expect(try await ChallengeCase.find(id, on: app.db)?.asCoDefendant == true)
            let api = try await Self.apiClient(county, app: app)
            for body in [#"{"version": 1}"#, #"{"version": 1, "as_co_defendant": null}"#, #"{"version": 1, "as_co_defendant": ""}"#] {
                let page = try await api.api(.PUT, "/api/v1/challenges/\(id)/co-defendant", rawBody: body, contentType: .json)
                #expect(page.status == .unprocessableEntity, "\(body) → \(page.status.code) \(page.body.prefix(120))")
                if page.status == .ok { break }
            }
            #expect(try await ChallengeCase.find(id, on: app.db)?.asCoDefendant == true, "the flag was cleared")
        }
    }

    /// Free texts of other steps have no limit, unlike the receipt reasons (200) and the
    /// order's basis (200): a deferral reason, an extension reason, a withdrawal note and a
    /// consulted party of 5,000 characters are stored and printed in the history and the audit log.
    @Test func defectTheOtherStepsFreeTextsAreUnbounded() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-06")
            let head = try await S.head(county, app: app)
            let long = String(repeating: "理", count: 5_000)
            var accepted: [String] = []
            let a = try await S.register(officer, county: county, submittedOn: "2025-01-06", description: "县城区道路照明工程合同", app: app)
            if try await S.step(head, a, [("action", "set_deferral"), ("on", "2025-01-20"), ("due_on", "2025-05-30"), ("reason", long)],
                                today: "2025-01-20", door: "approvals", app: app).status != .unprocessableEntity { accepted.append("deferral reason") }
            let b = try await S.register(officer, county: county, submittedOn: "2025-01-06", description: "县第三小学扩建工程环评报告", app: app)
            if try await S.step(officer, b, [("action", "request_extension"), ("days", "10"), ("reason", long)],
                                today: "2025-01-20", app: app).status != .unprocessableEntity { accepted.append("extension reason") }
            let c = try await S.register(officer, county: county, submittedOn: "2025-01-06", description: "县第二中学教学楼竣工验收报告", app: app)
            if try await S.step(officer, c, [("action", "withdraw"), ("on", "2025-01-20"), ("note", long)],
                                today: "2025-01-20", app: app).status != .unprocessableEntity { accepted.append("withdrawal note") }
            let e = try await S.register(officer, county: county, submittedOn: "2025-01-06", description: "县人民医院采购合同", app: app)
            if try await S.step(officer, e, [("action", "send_consultation"), ("kind", "third_party"), ("party", long), ("sent_on", "2025-01-08")],
                                today: "2025-01-08", app: app).status != .unprocessableEntity { accepted.append("consulted party") }
            #expect(accepted.isEmpty, "5,000 characters accepted as: \(accepted)")
        }
    }

    /// Dates set by staff have no upper bound: a reply "ordered" by 9999-12-31 and an Art. 35
    /// deferral to 2205-05-30 (a typo for 2025) are accepted, and the request is never overdue.
    /// (Ordered days are capped at 365, so the date form escapes the same cap.)
    @Test func defectOrderedAndDeferredDatesHaveNoUpperBound() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-06")
            let head = try await S.head(county, app: app)
            let id = try await S.register(officer, county: county, submittedOn: "2025-01-06", app: app)
            let deferral = try await S.step(head, id, [("action", "set_deferral"), ("on", "2025-02-07"), ("due_on", "2205-05-30"), ("reason", "申请数量大")],
                                            today: "2025-02-07", door: "approvals", app: app)
            let deferredDue = try await DisclosureRequest.find(id, on: app.db)?.dueOn?.iso ?? "-"
            #expect(deferral.status == .unprocessableEntity, "deferral to 2205-05-30 accepted; due \(deferredDue)")
            let other = try await S.register(officer, county: county, submittedOn: "2025-01-06", description: "县城区道路照明工程合同", app: app)
            try await S.step(
                officer, other,
                [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                 ("service_method", "direct"), ("served_on", "2025-01-20")], today: "2025-01-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2025-06-20")
            let caseID = try await S.challenge(officer, county: county, about: other, filedOn: "2025-03-06", number: "测政复〔2025〕3号", app: app)
            let page = try await Self.decide(
                officer, caseID,
                [("result", "corrected"), ("decided_on", "2025-06-03"), ("decision_received_on", "2025-06-05"), ("ordered_reply_on", "9999-12-31")],
                app: app)
            #expect(page.status == .unprocessableEntity, "a reply ordered by 9999-12-31 accepted")
        }
    }

    // MARK: verified

    /// Back-dated Art. 33 approval: received 2025-01-06 (due 2025-02-08); the officer asks on
    /// 02-05; the head approves on 02-20 typing "2025-02-07" → refused, due unchanged.
    @Test func verifiedABackDatedExtensionApprovalIsRefused() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-06")
            let head = try await S.head(county, app: app)
            let id = try await S.register(officer, county: county, submittedOn: "2025-01-06", app: app)
            let asked = try await S.step(officer, id, [("action", "request_extension"), ("days", "10"), ("reason", "材料多")], today: "2025-02-05", app: app)
            #expect(asked.status == .seeOther, "\(asked.body.prefix(300))")
            let page = try await S.step(head, id, [("action", "approve_extension"), ("on", "2025-02-07")], today: "2025-02-20", door: "approvals", app: app)
            #expect(page.status == .unprocessableEntity)
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(r.dueOn == "2025-02-08" && r.isOverdue(today: "2025-02-20") && r.extensionGrantedOn == nil)
        }
    }

    /// Art. 31 at registration: in person on the 调休 Sunday 2025-01-26 with a receipt typed
    /// 01-27 is refused; with the same day it is due 2025-02-28 (01-27, 02-05…07, 02-08 worked
    /// Saturday, …; recomputed from holidays.tsv).
    @Test func verifiedAnInPersonReceiptOnAMakeUpSunday() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-27")
            let wrong = try await RequestFixtures.register(
                officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2025-01-26", receivedOn: "2025-01-27"), agency: county.bureau)
            #expect(wrong.status == .unprocessableEntity)
            let right = try await RequestFixtures.register(
                officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2025-01-26", receivedOn: "2025-01-26"), agency: county.bureau)
            #expect(right.status == .seeOther, "\(right.body.prefix(300))")
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(r.receivedOn == "2025-01-26" && r.dueOn == "2025-02-28", "due \(r.dueOn?.iso ?? "-")")
        }
    }

    /// The co-defendant flag refuses values other than true/false on the API, and a set flag
    /// keeps the case out of the defending body's table 四.
    @Test func verifiedCoDefendantValuesOnTheAPI() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-10")
            try await officer.get("/console/challenges")
            _ = try await officer.post(
                "/console/challenges",
                form: [("agency_id", String(try county.bureau.requireID())), ("kind", "litigation_after_review"), ("filed_on", "2024-05-06"),
                       ("body", "测试县人民法院"), ("case_number", "（2024）测行初 6 号")])
            let id = try #require(try await ChallengeCase.query(on: app.db).first()).requireID()
            let api = try await Self.apiClient(county, app: app)
            for body in [#"{"version": 1, "as_co_defendant": 2}"#, #"{"version": 1, "as_co_defendant": "yes"}"#,
                         #"{"version": 1, "as_co_defendant": [true, false]}"#] {
                let page = try await api.api(.PUT, "/api/v1/challenges/\(id)/co-defendant", rawBody: body, contentType: .json)
                #expect(page.status == .unprocessableEntity, "\(body) → \(page.status.code)")
            }
            let set = try await api.api(.PUT, "/api/v1/challenges/\(id)/co-defendant", rawBody: #"{"version": 1, "as_co_defendant": true}"#, contentType: .json)
            #expect(set.status == .ok)
            let t4 = try await RequestStatistics.challengeCounts(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            #expect(t4.t4Cells()[.t4("litigation_after_review", "total")] == 0)
        }
    }
}
