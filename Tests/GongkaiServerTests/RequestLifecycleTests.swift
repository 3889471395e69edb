import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// A request through the staff console, from registration to the reply letter, with the clock
/// checked by hand at every step (2024 calendar: Qingming 4–6 Apr with Sunday 7 Apr worked,
/// May Day 1–5 May with Sunday 28 Apr worked).
@Suite("Disclosure requests in the staff console")
struct RequestLifecycleTests {
    static func version(of id: Int, on app: Application) async throws -> String {
        String(try #require(try await DisclosureRequest.find(id, on: app.db)).version)
    }

    static func dueOn(_ id: Int, on app: Application) async throws -> CivilDate? {
        try await DisclosureRequest.find(id, on: app.db)?.dueOn
    }

    @Test func aRequestGoesFromRegistrationToTheReplyLetter() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await county.user("head", [.officeHead], in: county.bureau, on: app)
            let created = try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            #expect(created.status == .seeOther, "\(created.body.prefix(500))")
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            let id = try r.requireID()
            // Art. 31: an internet request waits for the confirmed receipt date.
            #expect(r.status == .awaitingReceipt)
            #expect(r.receivedOn == nil)
            #expect(r.dueOn == nil)
            func act(_ action: String, _ fields: [(String, String)], as client: TestClient? = nil, path: String = "actions") async throws -> TestClient.Page {
                let c = client ?? officer
                try await c.get("/console/requests/\(id)")
                return try await c.post("/console/requests/\(id)/\(path)",
                                        form: [("action", action), ("version", try await Self.version(of: id, on: app))] + fields)
            }
            var step = try await act("confirm_receipt", [("received_on", "2024-03-04"), ("reason", "周五网上提交，下一工作日才联系上申请人")])
            #expect(step.status == .seeOther, "\(step.body.prefix(500))")
            #expect(try await Self.dueOn(id, on: app) == "2024-04-01")

            // Correction: the clock restarts from the corrected application.
            app.settings.fixedToday = CivilDate(iso: "2024-03-06")
            step = try await act("request_correction", [("sent_on", "2024-03-06"), ("deadline", "2024-03-20"), ("items", "请写明工程名称")])
            #expect(step.status == .seeOther)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.status == .waitingOnApplicant)
            app.settings.fixedToday = CivilDate(iso: "2024-03-11")
            step = try await act("receive_correction", [("received_on", "2024-03-11")])
            #expect(try await Self.dueOn(id, on: app) == "2024-04-09")

            // Third-party consultation: 14–20 March (5 working days) are not counted.
            app.settings.fixedToday = CivilDate(iso: "2024-03-13")
            step = try await act("send_consultation", [("kind", "third_party"), ("party", "某建设公司"), ("sent_on", "2024-03-13")])
            #expect(step.status == .seeOther, "\(step.body.prefix(500))")
            #expect(try await DisclosureRequest.find(id, on: app.db)?.status == .waitingOnThirdParty)
            let consultation = try #require(try await RequestConsultation.query(on: app.db).first())
            app.settings.fixedToday = CivilDate(iso: "2024-03-20")
            step = try await act("answer_consultation", [("consultation_id", String(try consultation.requireID())),
                                                         ("answered_on", "2024-03-20"), ("summary", "不同意公开报价部分")])
            #expect(try await Self.dueOn(id, on: app) == "2024-04-16")

            // Extension: the officer asks, only the head grants; once.
            app.settings.fixedToday = CivilDate(iso: "2024-04-01")
            step = try await act("request_extension", [("days", "10"), ("reason", "涉及档案调阅")])
            #expect(step.status == .seeOther)
            #expect(try await Self.dueOn(id, on: app) == "2024-04-16")
            let head = TestClient(app)
            try await head.signIn("head", County.password)
            let notHers = try await act("request_extension", [("days", "10"), ("reason", "x")], as: head)
            #expect(notHers.status == .forbidden)
            step = try await act("approve_extension", [("on", "2024-04-01")], as: head, path: "approvals")
            #expect(step.status == .seeOther, "\(step.body.prefix(500))")
            #expect(try await Self.dueOn(id, on: app) == "2024-04-29")
            let second = try await act("request_extension", [("days", "5"), ("reason", "再次延期")])
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.contains("答复期限只能延长一次"))

            // Fee by pages: 2,219 pages cost ¥83,460; 9–15 April (5 working days) are paused. The
            // notice sent on the 8th is entered with its receipt on the 9th (a receipt is never in the future).
            app.settings.fixedToday = CivilDate(iso: "2024-04-09")
            step = try await act("send_fee_notice", [("method", "pages"), ("quantity", "2219"), ("sent_on", "2024-04-08"),
                                                     ("applicant_received_on", "2024-04-09")], as: head, path: "approvals")
            #expect(step.status == .seeOther, "\(step.body.prefix(500))")
            let fee = try #require(try await RequestFeeNotice.query(on: app.db).first())
            #expect(fee.amount == 83460)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.status == .waitingOnFee)
            let notice = try await officer.get("/console/requests/\(id)/fee-notices/\(try fee.requireID())")
            #expect(notice.status == .ok)
            #expect(notice.body.hasPrefix("PK"))
            app.settings.fixedToday = CivilDate(iso: "2024-04-15")
            step = try await act("record_payment", [("paid_on", "2024-04-15"), ("receipt_number", "FS-2024-0415")])
            #expect(try await Self.dueOn(id, on: app) == "2024-05-09")
            let otherMethod = try await act("send_fee_notice", [("method", "pieces"), ("quantity", "15"), ("sent_on", "2024-04-15")],
                                            as: head, path: "approvals")
            #expect(otherMethod.status == .unprocessableEntity)
            #expect(otherMethod.body.contains("同一申请只能选择一种计收方式"))

            // Bad steps are refused with the reason and change nothing.
            let noOutcome = try await act("conclude", [("served_on", "2024-05-08"), ("service_method", "email")])
            #expect(noOutcome.status == .unprocessableEntity)
            #expect(noOutcome.body.contains("请选择办理结果"))
            let stale = try await officer.post("/console/requests/\(id)/actions", form: [("action", "assign"), ("version", "1"),
                                                                                       ("case_officer_id", "1")])
            #expect(stale.status == .conflict)

            // The reply: outcome, letter, history.
            app.settings.fixedToday = CivilDate(iso: "2024-05-08")
            step = try await act("conclude", [("served_on", "2024-05-08"), ("outcome", "result_partially_disclosed"),
                                              ("reply_type", "partially_disclose"), ("legal_basis", "《中华人民共和国政府信息公开条例》第三十二条、第三十七条"),
                                              ("details", "报价部分涉及商业秘密，第三方不同意公开"), ("service_method", "email")])
            #expect(step.status == .seeOther, "\(step.body.prefix(500))")
            let done = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(done.status == .concluded)
            #expect(done.outcome == .partiallyDisclosed)
            #expect(done.letterNumber == "教育局依申〔2024〕1号")
            let letter = try await officer.get("/console/requests/\(id)/letter")
            #expect(letter.body.contains("教育局依申〔2024〕1号"))
            #expect(letter.body.contains("行政复议"))
            #expect(letter.body.contains("王小明"))
            // The print styles come from an asset the site's Content-Security-Policy (style-src
            // 'self') allows: an inline <style> would be dropped by every browser.
            #expect(!letter.body.contains("<style"))
            #expect(letter.body.contains("<link rel=\"stylesheet\" href=\"/assets/letter.css\">"))
            #expect(letter.headers.first(name: "Content-Security-Policy")?.contains("style-src 'self'") == true)
            let css = try await officer.get("/assets/letter.css")
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.body.contains("@page { size: A4"))
            let word = try await officer.get("/console/requests/\(id)/letter?format=docx")
            #expect(word.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
            let late = try await act("request_correction", [("sent_on", "2024-05-09"), ("deadline", "2024-05-20"), ("items", "补充")])
            #expect(late.status == .unprocessableEntity)
            let page = try await officer.get("/console/requests/\(id)")
            #expect(page.body.contains("收到补正后的申请"))
            #expect(page.body.contains("批准延长答复期限 10 个工作日"))
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id).count()
            #expect(events == 11)
        }
    }

    @Test func identityNumbersAreMaskedAndEveryFullViewIsAudited() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await county.user("watcher", [.supervisor], in: county.government, on: app)
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04"), agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            let list = try await officer.get("/console/requests")
            #expect(list.body.contains("王小明"))
            let dashboard = try await officer.get("/console")
            #expect(dashboard.body.contains("办理中 1 · 5 个工作日内到期 0 · 已逾期 0"))
            let page = try await officer.get("/console/requests/\(id)")
            #expect(page.body.contains("1101**********002X"))
            #expect(page.body.contains("138********"))
            #expect(!page.body.contains("****5678"), "the last four digits read the request's progress")
            #expect(!page.body.contains(RequestFixtures.idNumber))
            let revealed = try await officer.post("/console/requests/\(id)/reveal")
            #expect(revealed.body.contains(RequestFixtures.idNumber))
            #expect(revealed.body.contains("13812345678"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "view_full_id").count() == 1)
            // A supervisor sees the request but never the full number.
            let watcher = TestClient(app)
            try await watcher.signIn("watcher", County.password)
            let seen = try await watcher.get("/console/requests/\(id)")
            #expect(seen.status == .ok)
            #expect(!seen.body.contains(RequestFixtures.idNumber))
            #expect(try await watcher.post("/console/requests/\(id)/reveal").status == .forbidden)
        }
    }

    @Test func anApplicationWithdrawnBeforeItsReceiptIsConfirmedIsNeverCounted() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-05")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "internet", submittedOn: "2024-03-04"),
                                               agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            // Not before it was submitted, and not twice.
            try await officer.get("/console/requests/\(id)")
            let early = try await officer.post("/console/requests/\(id)/actions", form: [
                ("action", "request_extension"), ("version", try await Self.version(of: id, on: app)), ("days", "5"), ("reason", "需要时间")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("尚未确认收到申请之日"))
            try await officer.get("/console/requests/\(id)")
            let withdrawn = try await officer.post("/console/requests/\(id)/actions", form: [
                ("action", "withdraw"), ("version", try await Self.version(of: id, on: app)), ("on", "2024-03-05"), ("note", "电话告知撤回")])
            #expect(withdrawn.status == .seeOther, "\(withdrawn.body.prefix(400))")
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(r.status == .concluded)
            #expect(r.replyType == .withdrawn)
            let report = try await RequestStatistics.report(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            #expect(report.t3("new_received", "total") == 0)
            #expect(report.t3("result_total", "total") == 0)
            #expect(report.t3("carried_over_out", "total") == 0)
        }
    }

    @Test func aLapsedConsultationStopsWaitingWithoutAnyoneTouchingTheRequest() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04"),
                                               agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            try await officer.get("/console/requests/\(id)")
            try await officer.post("/console/requests/\(id)/actions", form: [
                ("action", "send_consultation"), ("version", try await Self.version(of: id, on: app)), ("kind", "third_party"),
                ("party", "某公司"), ("sent_on", "2024-03-04"), ("party_received_on", "2024-03-04")])
            #expect(try await DisclosureRequest.find(id, on: app.db)?.status == .waitingOnThirdParty)
            // 15 working days from 4 March 2024 end on 25 March; on the 26th the request runs again.
            for (today, expected) in [("2024-03-25", ClockState.Phase.waitingOnThirdParty), ("2024-03-26", .running)] {
                app.settings.fixedToday = CivilDate(iso: today)
                let context = try await app.requestContext()
                try await RequestService.refreshOpenRequests(context: context, actor: .system, phases: [.waitingOnThirdParty, .waitingOnFee],
                                                             on: app.db)
                #expect(try await DisclosureRequest.find(id, on: app.db)?.status == expected, "on \(today)")
            }
            #expect(try await RequestEvent.query(on: app.db).filter(\.$kind == .deadlineRecomputed).count() == 0)
        }
    }

    /// The bundled calendar ends with 2026. Received 2026-12-02, a request is due 2026-12-30; on
    /// 28 December "5 working days" reaches 2027, whose notice is not loaded: the request is
    /// still due soon (it fell back to today and vanished from the tab before).
    @Test func aRequestDueOnTheLastKnownDaysIsDueSoon() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2026-12-02")
            try await RequestFixtures.register(
                officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2026-12-02"),
                agency: county.bureau)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(r.dueOn == "2026-12-30")
            app.settings.fixedToday = "2026-12-28"
            let list = try await officer.get("/console/requests?filter=due_soon")
            #expect(list.body.contains(r.trackingNumber), "not listed as due soon")
            #expect(list.body.contains("5 个工作日内到期<span class=\"count\">1</span>"))
            let dashboard = try await officer.get("/console")
            #expect(dashboard.body.contains("5 个工作日内到期 1"), "the dashboard's workload")
        }
    }

    @Test func replyLettersAreNumberedWithoutRepeats() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-06-03")
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let rows = SyntheticRequests.generate(count: 2, agencyIDs: [try county.bureau.requireID()], years: 2024...2024,
                                                  today: CivilDate(iso: "2024-03-01")!, calendar: calendar, seed: 3)
            try await SyntheticRequests.insert(rows, on: app.db)
            // Two replies this year, one numbered by hand out of sequence.
            for (r, number) in zip(try await DisclosureRequest.query(on: app.db).sort(\.$id).all(), ["教育局依申〔2024〕1号", "教育局依申〔2024〕3号"]) {
                r.letterNumber = number
                try await r.save(on: app.db)
            }
            #expect(try await RequestService.nextLetterNumber(agency: county.bureau, year: 2024, on: app.db) == "教育局依申〔2024〕4号")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-06-03"),
                                               agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .staff).first()).requireID()
            try await officer.get("/console/requests/\(id)")
            let taken = try await officer.post("/console/requests/\(id)/actions", form: [
                ("action", "conclude"), ("version", try await Self.version(of: id, on: app)), ("outcome", "result_disclosed"),
                ("reply_type", "disclose"), ("service_method", "direct"), ("served_on", "2024-06-03"), ("letter_number", "教育局依申〔2024〕3号")])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.contains("文号“教育局依申〔2024〕3号”已用于本机关的另一份答复书"))
            #expect(try await DisclosureRequest.find(id, on: app.db)?.concludedOn == nil)
        }
    }

    @Test func scannedAttachmentsAreKeptWithTheRequest() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "post_signed", submittedOn: "2024-03-04"), agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            try await officer.get("/console/requests/\(id)")
            let refused = try await officer.postMultipart("/console/requests/\(id)/attachments", fields: [],
                                                          files: [("file", "virus.exe", "MZ")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("只能上传 PDF、图片（JPG、PNG）、Word 或文本文件"))
            try await officer.get("/console/requests/\(id)")
            let saved = try await officer.postMultipart("/console/requests/\(id)/attachments", fields: [],
                                                        files: [("file", "申请书扫描件.pdf", "%PDF-1.4 scanned letter")])
            #expect(saved.status == .seeOther)
            let attachment = try #require(try await RequestAttachment.query(on: app.db).first())
            #expect(attachment.filename == "申请书扫描件.pdf")
            let page = try await officer.get("/console/requests/\(id)")
            #expect(page.body.contains("申请书扫描件.pdf"))
            let file = try await officer.get("/console/requests/\(id)/attachments/\(try attachment.requireID())")
            #expect(file.body == "%PDF-1.4 scanned letter")
            #expect(file.headers.contentType?.subType == "pdf")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "attach").count() == 1)
        }
    }

    @Test func badRegistrationsAreRefusedFieldByField() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            let fields = RequestFixtures.registration().map { $0.0 == "id_number" ? ($0.0, "110105194912310021") : $0.0 == "description" ? ($0.0, "文件") : $0 }
            let refused = try await RequestFixtures.register(officer, fields, agency: county.bureau)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("身份证号码校验位错误"))
            #expect(refused.body.contains("请描述所需政府信息的名称"))
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
            // The officer in charge must be a case officer of the agency.
            let other = try await county.user("town.officer", [.caseOfficer], in: county.township, on: app)
            let wrongOfficer = try await RequestFixtures.register(officer, RequestFixtures.registration() + [("case_officer_id", String(try other.requireID()))],
                                                                  agency: county.bureau)
            #expect(wrongOfficer.status == .unprocessableEntity)
            #expect(wrongOfficer.body.contains("承办人应为该机关在职的承办人"))
            // Another agency's requests are out of reach.
            let elsewhere = try await officer.post("/console/requests", form: try RequestFixtures.form(RequestFixtures.registration(), agency: county.township))
            #expect(elsewhere.status == .forbidden)  // as through the API: one door
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
        }
    }

    @Test func theSameQuestionAgainIsFlaggedAndLinked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-01"), agency: county.bureau)
            let again = try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04", description: "2023年城区道路改造工程立项批复文件。"), agency: county.bureau)
            let next = try await officer.get(try #require(again.location))
            #expect(next.body.contains("重复申请"))
            let requests = try await DisclosureRequest.query(on: app.db).sort(\.$id).all()
            #expect(requests.count == 2)
            #expect(requests[1].$relatedRequest.id == requests[0].id)
        }
    }
}

@Suite("Applying online and following a request")
struct PortalRequestTests {
    @Test func theApplicantAppliesOnlineAndFollowsTheRequestWithoutSeeingPersonalData() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2024-03-04")
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], in: county.bureau, on: app)
            let citizen = TestClient(app)
            let home = try await citizen.get("/agencies/t-edu")
            #expect(home.body.contains("/agencies/t-edu/apply"))
            let form = try await citizen.get("/agencies/t-edu/apply")
            #expect(form.status == .ok)
            #expect(form.body.contains("在线申请公开政府信息"))
            // Mistakes come back in Chinese with what was typed kept.
            var fields = RequestFixtures.registration().filter { !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0) }
            let bad = try await citizen.post("/agencies/t-edu/apply", form: fields.map { $0.0 == "phone" ? ($0.0, "12") : $0 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("请填写联系电话"))
            #expect(bad.body.contains("王小明"))
            // The public cannot backdate or choose the channel.
            fields += [("submitted_on", "2024-01-02"), ("received_on", "2024-01-02"), ("channel", "in_person")]
            let done = try await citizen.post("/agencies/t-edu/apply", form: fields)
            #expect(done.status == .ok)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(done.body.contains(r.trackingNumber))
            #expect(r.source == .publicForm)
            #expect(r.channel == .internet)
            #expect(r.submittedOn == "2024-03-04")
            #expect(r.receivedOn == nil)
            // Following it: the wrong digits say nothing about the request.
            try await citizen.get("/track")
            let wrong = try await citizen.post("/track", form: [("tracking_number", r.trackingNumber), ("phone_last4", "0000")])
            #expect(wrong.status == .notFound)
            #expect(!wrong.body.contains("测试县教育局"))
            let waiting = try await citizen.post("/track", form: [("tracking_number", r.trackingNumber.lowercased()), ("phone_last4", "5678")])
            #expect(waiting.body.contains("待确认收到"))
            // Staff confirm and consult a third party; the applicant sees the step, not the party.
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let id = try r.requireID()
            for (action, extra) in [("confirm_receipt", [("received_on", "2024-03-04")]),
                                    ("send_consultation", [("kind", "third_party"), ("party", "某建设公司"), ("sent_on", "2024-03-04")])] {
                try await officer.get("/console/requests/\(id)")
                let version = String(try #require(try await DisclosureRequest.find(id, on: app.db)).version)
                let step = try await officer.post("/console/requests/\(id)/actions", form: [("action", action), ("version", version)] + extra)
                #expect(step.status == .seeOther, "\(step.body.prefix(300))")
            }
            let status = try await citizen.post("/track", form: [("tracking_number", r.trackingNumber), ("phone_last4", "5678")])
            #expect(status.status == .ok)
            #expect(status.body.contains("书面征求意见"))
            #expect(status.body.contains("答复期限"))
            for secret in ["某建设公司", "王小明", RequestFixtures.idNumber, "13812345678", "wxm@example.com"] {
                #expect(!status.body.contains(secret), "the status page shows \(secret)")
            }
        }
    }
}
