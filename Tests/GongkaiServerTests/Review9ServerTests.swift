import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Independent review of issue #9 (branch review9), through the console, the API and the
/// statistics, on SQLite and PostgreSQL. Tests named `defect…` state the statutory answer and
/// fail on main as of 72e4d4c; `verified…` pass.
@Suite("Review of issue #9: platform")
struct Review9ServerTests {
    typealias S = StatutoryCorrectionsServerTests

    static func head(_ county: County, app: Application) async throws -> TestClient {
        let head = TestClient(app)
        try await county.user("head", [.officeHead], in: county.bureau, on: app)
        try await head.signIn("head", County.password)
        return head
    }

    // MARK: a wrong number in a statutory report

    /// Internet application submitted 2024-12-27, withdrawn 2024-12-30 before its receipt was
    /// confirmed (so "never received", in no row), then confirmed on 2025-01-02 with a reason:
    /// accepted. 2025's table then has 本年新收 1, 办理结果 0, 结转 0 → R1 fails (1 + 0 ≠ 0 + 0).
    @Test func defectConfirmingAWithdrawnRequestBreaksR1() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-12-27")
            let id = try await S.register(officer, county: county, channel: "internet", submittedOn: "2024-12-27", app: app)
            let withdrawn = try await S.step(officer, id, [("action", "withdraw"), ("on", "2024-12-30")], today: "2024-12-30", app: app)
            #expect(withdrawn.status == .seeOther, "\(withdrawn.body.prefix(300))")
            let confirmed = try await S.step(officer, id, [("action", "confirm_receipt"), ("received_on", "2025-01-02"),
                                                         ("reason", "申请人节后才接电话")], today: "2025-01-02", app: app)
            #expect(confirmed.status == .unprocessableEntity, "confirming a withdrawn request was accepted")
            let agency = [try county.bureau.requireID()]
            for year in [2024, 2025] {
                let report = try await RequestStatistics.report(agencyIDs: agency, year: year, on: app.db)
                #expect(CrossChecks.run(report).findings.isEmpty,
                        "\(year): 新收 \(report.t3("new_received", "total")), 结果 \(report.t3("result_total", "total")), 结转 \(report.t3("carried_over_out", "total")); \(CrossChecks.run(report).findings.map(\.message))")
            }
        }
    }

    // MARK: wrong deadlines or legal effect

    /// The fee notice's receipt date typed in the sending step itself is not checked: posted
    /// 2025-03-07 with "received 2025-03-03" → accepted; payment then "due" 2025-03-31 and
    /// 逾期未缴费 served 2025-04-02 is accepted. A receipt cannot precede the notice; with the
    /// earliest possible receipt (03-07) the applicant has until 04-07, with a real one
    /// (03-11) until 04-09. A receipt in the future (2025-12-31) is accepted too.
    @Test func defectTheFeeNoticeReceiptInTheSendingStepIsNotChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-24")
            let head = try await Self.head(county, app: app)
            let early = try await S.register(officer, county: county, submittedOn: "2025-02-24", description: "县城区道路照明工程合同", app: app)
            let sent = try await S.step(head, early, [("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"),
                                                      ("sent_on", "2025-03-07"), ("applicant_received_on", "2025-03-03")],
                                        today: "2025-03-07", door: "approvals", app: app)
            #expect(sent.status == .unprocessableEntity, "a receipt four days before the notice was sent was accepted")
            let ended = try await S.step(officer, early, [("action", "conclude"), ("outcome", "other_fee_unpaid"), ("reply_type", "fee_unpaid"),
                                                          ("service_method", "direct"), ("served_on", "2025-04-02")], today: "2025-04-02", app: app)
            #expect(ended.status == .unprocessableEntity, "逾期未缴费 served 2025-04-02 accepted")
            let late = try await S.register(officer, county: county, submittedOn: "2025-02-25", description: "县第三小学扩建工程环评报告", app: app)
            let future = try await S.step(head, late, [("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"),
                                                       ("sent_on", "2025-03-07"), ("applicant_received_on", "2025-12-31")],
                                          today: "2025-03-07", door: "approvals", app: app)
            #expect(future.status == .unprocessableEntity, "a receipt in the future was accepted")
        }
    }

    /// Same for the consultation: letter posted 2024-04-08 "received by the party 2024-04-01"
    /// → accepted; its 15 working days then end 2024-04-23 and silence is "deemed consent"
    /// (Art. 34) before the letter can have arrived. A receipt in the future is accepted too.
    @Test func defectTheConsultationReceiptInTheSendingStepIsNotChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await S.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            let early = try await S.step(officer, id, [("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                                                      ("sent_on", "2024-04-08"), ("party_received_on", "2024-04-01")], today: "2024-04-08", app: app)
            #expect(early.status == .unprocessableEntity, "a party receipt a week before the letter was sent was accepted")
            let other = try await S.register(officer, county: county, submittedOn: "2024-04-01", description: "县第二中学教学楼工程竣工验收报告", app: app)
            let future = try await S.step(officer, other, [("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                                                          ("sent_on", "2024-04-08"), ("party_received_on", "2024-12-31")], today: "2024-04-08", app: app)
            #expect(future.status == .unprocessableEntity, "a party receipt in the future was accepted")
        }
    }

    /// A case decided 结果纠正 twice (the first entry had the receipt of the decision wrong,
    /// 2024-06-17 instead of 2024-06-03, and missed its "15 日内"): the second decision is
    /// saved on the case, but the reopened request keeps the first receipt and due date
    /// (2024-07-15) instead of 2024-06-18; nothing says so.
    @Test func defectASecondCorrectiveDecisionDoesNotReachTheReopenedRequest() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await S.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await S.step(officer, id, [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                                           ("service_method", "direct"), ("served_on", "2024-04-20")], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-20")
            let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
            try await officer.get("/console/challenges")
            _ = try await officer.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-05-06"),
                ("body", "测试县人民政府"), ("case_number", "测政复〔2024〕9号"), ("request_tracking_number", tracking)])
            let c = try #require(try await ChallengeCase.query(on: app.db).first())
            let caseID = try c.requireID()
            try await officer.get("/console/challenges")
            let first = try await officer.post("/console/challenges/\(caseID)", form: [
                ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-17")])
            #expect(first.status == .seeOther, "\(first.body.prefix(300))")
            try await officer.get("/console/challenges")
            let second = try await officer.post("/console/challenges/\(caseID)", form: [
                ("version", "2"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-03"),
                ("ordered_days", "15"), ("ordered_days_kind", "calendar"), ("order_basis", "测政复〔2024〕9号决定书")])
            let saved = try #require(try await ChallengeCase.find(caseID, on: app.db))
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$relatedRequest.$id == id).first())
            #expect(second.status == .unprocessableEntity
                    || (reopened.receivedOn == saved.decisionReceivedOn && reopened.dueOn == "2024-06-18"),
                    "case says received \(saved.decisionReceivedOn?.iso ?? "-"); reopened request received \(reopened.receivedOn?.iso ?? "-"), due \(reopened.dueOn?.iso ?? "-")")
        }
    }

    /// The hourly refresh writes "节假日安排变更" into the history and the audit log every day a
    /// consultation's receipt is unrecorded, although no holiday data changed: received
    /// 2024-04-01, letter posted 04-08, refreshed on 05-06 and 05-07.
    @Test func defectTheHourlyRefreshBlamesHolidayChanges() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await S.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await S.step(officer, id, [("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                                           ("sent_on", "2024-04-08")], today: "2024-04-08", app: app)
            var dues: [String] = []
            for today in ["2024-05-06", "2024-05-07"] {
                app.settings.fixedToday = CivilDate(iso: today)
                try await RequestService.refreshOpenRequests(context: try await app.requestContext(), actor: .system,
                                                             phases: [.waitingOnThirdParty, .waitingOnFee], on: app.db)
                dues.append(try #require(try await DisclosureRequest.find(id, on: app.db)).dueOn?.iso ?? "-")
            }
            let blamed = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id).all().filter { $0.summary.contains("节假日安排变更") }
            #expect(blamed.isEmpty, "due dates \(dues); history: \(blamed.map(\.summary))")
        }
    }

    /// The deferral check compares the date typed in, not the day it is entered: on 2025-04-08
    /// (two months after the due date 2025-02-08) a deferral "set on 2025-02-07" to 2025-05-30 is
    /// accepted and the overdue request shows as on time — the case the issue asked to refuse.
    @Test func defectABackDatedDeferralStillErasesTheOverdueStatus() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-06")
            let head = try await Self.head(county, app: app)
            let id = try await S.register(officer, county: county, submittedOn: "2025-01-06", app: app)
            let page = try await S.step(head, id, [("action", "set_deferral"), ("on", "2025-02-07"), ("due_on", "2025-05-30"), ("reason", "申请数量大")],
                                        today: "2025-04-08", door: "approvals", app: app)
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(page.status == .unprocessableEntity, "accepted on 2025-04-08; due now \(r.dueOn?.iso ?? "-"), overdue \(r.isOverdue(today: "2025-04-08"))")
        }
    }

    /// A corrective decision received 2026-12-21, when no 2027 holiday notice is loaded: the
    /// Regulation's 20 working days run into 2027 and ReplyOrder throws inside the decision, so
    /// the decision cannot be recorded at all (a request registered the same day is accepted and
    /// says its date cannot be computed yet, as docs/requests.md promises).
    @Test func defectACorrectiveDecisionInLateDecemberCannotBeRecorded() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2026-11-02")
            let id = try await S.register(officer, county: county, submittedOn: "2026-11-02", app: app)
            try await S.step(officer, id, [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                                           ("service_method", "direct"), ("served_on", "2026-11-10")], today: "2026-11-10", app: app)
            app.settings.fixedToday = CivilDate(iso: "2026-12-21")
            let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
            try await officer.get("/console/challenges")
            _ = try await officer.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2026-11-20"),
                ("body", "测试县人民政府"), ("case_number", "测政复〔2026〕9号"), ("request_tracking_number", tracking)])
            let caseID = try #require(try await ChallengeCase.query(on: app.db).first()).requireID()
            try await officer.get("/console/challenges")
            let page = try await officer.post("/console/challenges/\(caseID)", form: [
                ("version", "1"), ("result", "corrected"), ("decided_on", "2026-12-18"), ("decision_received_on", "2026-12-21")])
            #expect(page.status == .seeOther, "status \(page.status.code): \(page.body.prefix(200))")
        }
    }

    // MARK: validation

    /// A late confirmation's reason of 10,000 characters is accepted and stored (no length limit;
    /// order_basis has 200).
    @Test func defectTheReceiptDelayReasonIsNotChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-15")
            for reason in [String(repeating: "因", count: 10_000)] {
                let page = try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "post_unsigned", submittedOn: "2024-03-01",
                                                                                                     receivedOn: "2024-03-15")
                                                              + [("receipt_delay_reason", reason)], agency: county.bureau)
                #expect(page.status == .unprocessableEntity, "reason of \(reason.count) characters accepted")
            }
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
        }
    }

    /// An ordinary letter that arrived 2019-05-14 and was confirmed 2019-05-15 was received on
    /// 2019-05-15 (Art. 31; 国办公开办函〔2015〕207号 said the same), under the 2019 Regulation,
    /// but it is refused as a 2007-Regulation application.
    @Test func defectALetterConfirmedOnTheFirstDayOfThe2019RegulationIsRefused() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2019-05-15")
            let page = try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "post_unsigned", submittedOn: "2019-05-14",
                                                                                                 receivedOn: "2019-05-15")
                                                          + [("receipt_delay_reason", "信件 14 日下班后送达，次日确认")], agency: county.bureau)
            #expect(page.status == .seeOther, "\(page.body.contains("2007年") ? "refused as a 2007-Regulation application" : String(page.body.prefix(200)))")
        }
    }

    /// The API's request detail states estimated dates as facts: a consultation's `deadline`
    /// and the `fee_payment_due` computed from the sending day, with neither the receipt dates
    /// nor a flag saying they are estimates.
    @Test func defectTheAPIGivesEstimatedDatesAsFacts() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-24")
            let head = try await Self.head(county, app: app)
            let id = try await S.register(officer, county: county, submittedOn: "2025-02-24", app: app)
            try await S.step(officer, id, [("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                                           ("sent_on", "2025-03-03")], today: "2025-03-03", app: app)
            try await S.step(head, id, [("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"), ("sent_on", "2025-03-07")],
                             today: "2025-03-07", door: "approvals", app: app)
            let user = try await county.user("api.officer", [.caseOfficer], in: county.bureau, on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let body = try await api.api(.GET, "/api/v1/requests/\(id)").body
            #expect(body.contains("fee_payment_due"))
            #expect(body.contains("applicant_received_on") && body.contains("party_received_on"), "\(body.prefix(0))no receipt dates in the API")
            #expect(body.contains("estimate"), "no flag that fee_payment_due / deadline are estimates")
        }
    }

    // MARK: verified

    /// Hostile decision fields are refused with a Chinese message (422) and nothing is written.
    @Test("hostile decision fields", arguments: [
        [("ordered_days", "0")], [("ordered_days", "366")], [("ordered_days", "-5")], [("ordered_days", "99999999999999999999")],
        [("ordered_reply_on", "2024-02-30")], [("decision_received_on", "2024-06-02")], [("order_basis", String(repeating: "依", count: 10_000))],
        [("ordered_days", "15"), ("ordered_reply_on", "2024-06-18")], [("ordered_reply_on", "2024-06-01")], [("decision_received_on", "2099-01-01")],
    ])
    func verifiedHostileDecisionFields(extra: [(String, String)]) async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await S.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await S.step(officer, id, [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                                           ("service_method", "direct"), ("served_on", "2024-04-20")], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-20")
            let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
            try await officer.get("/console/challenges")
            _ = try await officer.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-05-06"),
                ("body", "测试县人民政府"), ("case_number", "测政复〔2024〕9号"), ("request_tracking_number", tracking)])
            let caseID = try #require(try await ChallengeCase.query(on: app.db).first()).requireID()
            try await officer.get("/console/challenges")
            var form: [(String, String)] = [("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03")]
            for (k, v) in extra { form.removeAll { $0.0 == k }; form.append((k, v)) }
            let page = try await officer.post("/console/challenges/\(caseID)", form: form)
            #expect(page.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 0)
            #expect(try #require(try await ChallengeCase.find(caseID, on: app.db)).result == .pending)
        }
    }

    /// Per-piece counts: a new month starts from zero. Same applicant: 2024-03-29 (12 pieces),
    /// 2024-04-01 (15 pieces → pieces 1–15 of April: 5 × 100 = 500 元, not 1,500).
    /// Hostile earlier_this_month values are refused (422) and write nothing.
    @Test func verifiedPiecesAcrossAMonthBoundaryAndHostileCounts() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-29")
            let head = try await Self.head(county, app: app)
            let march = try await S.register(officer, county: county, submittedOn: "2024-03-29", description: "县城区道路照明工程合同", app: app)
            try await S.step(head, march, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "12"), ("sent_on", "2024-03-29")],
                             today: "2024-03-29", door: "approvals", app: app)
            let april = try await S.register(officer, county: county, submittedOn: "2024-04-01", description: "县第三小学扩建工程环评报告", app: app)
            for (value, reason) in [("-1", ""), ("100001", ""), ("99999999999999999999", ""), ("3", "   ")] {
                let bad = try await S.step(head, april, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "5"), ("sent_on", "2024-04-02"),
                                                         ("earlier_this_month", value), ("earlier_reason", reason)],
                                           today: "2024-04-02", door: "approvals", app: app)
                #expect(bad.status == .unprocessableEntity, "earlier_this_month \(value)")
            }
            #expect(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == april).count() == 0)
            let ok = try await S.step(head, april, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "15"), ("sent_on", "2024-04-02")],
                                      today: "2024-04-02", door: "approvals", app: app)
            #expect(ok.status == .seeOther, "\(ok.body.prefix(300))")
            let fee = try #require(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == april).first())
            #expect(fee.earlierThisMonth == 0 && fee.amount == 500)  // pieces 11–15 of April; 1,500 if March counted
        }
    }

    /// A request open across two year-ends is carried over twice and counted once as a result:
    /// received 2023-12-20, concluded 2025-01-10.
    @Test func verifiedCarryOverAcrossTwoYearEnds() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2023-12-20")
            let id = try await S.register(officer, county: county, submittedOn: "2023-12-20", app: app)
            let agency = [try county.bureau.requireID()]
            // deferral (Art. 35) so that it is not simply overdue: set before the due date 2024-01-18
            let head = try await Self.head(county, app: app)
            let deferred = try await S.step(head, id, [("action", "set_deferral"), ("on", "2024-01-10"), ("due_on", "2025-01-10"), ("reason", "数量巨大")],
                                            today: "2024-01-10", door: "approvals", app: app)
            #expect(deferred.status == .seeOther, "\(deferred.body.prefix(300))")
            try await S.step(officer, id, [("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"),
                                           ("service_method", "direct"), ("served_on", "2025-01-10")], today: "2025-01-10", app: app)
            let expected: [Int: (Int, Int, Int, Int)] = [2023: (1, 0, 0, 1), 2024: (0, 1, 0, 1), 2025: (0, 1, 1, 0)]
            for (year, e) in expected {
                let r = try await RequestStatistics.report(agencyIDs: agency, year: year, on: app.db)
                let got = ["new_received", "carried_over_in", "result_total", "carried_over_out"].map { r.t3($0, "total") ?? -1 }
                #expect(got == [e.0, e.1, e.2, e.3].map { Decimal($0) }, "\(year)")
                #expect(CrossChecks.run(r).findings.isEmpty)
            }
        }
    }
}
