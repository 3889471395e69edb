import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The JSON API does what the console does, with structured errors.
@Suite("Disclosure requests through the JSON API")
struct RequestAPITests {
    struct Action: Encodable {
        var action: String
        var version: Int
        var receivedOn: String?
        var days: Int?
        var reason: String?
        var method: String?
        var quantity: Int?
        var earlierThisMonth: Int?
        var earlierReason: String?
        var applicantReceivedOn: String?
        var sentOn: String?
        var outcome: String?
        var replyType: String?
        var serviceMethod: String?
        var servedOn: String?
        var legalBasis: String?
    }

    static func client(_ username: String, roles: Set<Role>, in agency: Agency, county: County, app: Application) async throws -> TestClient {
        let user = try await county.user(username, roles, in: agency, on: app)
        let (_, secret) = try await APITokenService.create(name: "test", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
        let client = TestClient(app)
        client.bearer = secret
        return client
    }

    @Test func aRequestIsHandledEndToEndThroughTheAPI() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2024-03-04")
            let county = try await County.make(on: app)
            let officer = try await Self.client("api.officer", roles: [.caseOfficer], in: county.bureau, county: county, app: app)
            let head = try await Self.client("api.head", roles: [.officeHead], in: county.bureau, county: county, app: app)
            let input: [String: String] = [
                "agency_id": String(try county.bureau.requireID()), "channel": "post_signed", "submitted_on": "2024-03-04",
                "applicant_kind": "commercial_enterprise", "applicant_name": "某建设工程有限公司", "id_type": "credit_code",
                "id_number": "91350100M000100Y43", "contact_person": "陈经理", "phone": "0591-87654321", "description": "2023年城区道路改造工程招标文件",
                "provision_form": "paper", "delivery_method": "post"]
            let created = try await officer.api(.POST, "/api/v1/requests", json: input)
            #expect(created.status == .created, "\(created.body)")
            let detail = try created.json(RequestDetailDTO.self)
            let id = detail.request.id
            #expect(detail.request.status == .running)
            #expect(detail.request.dueOn == "2024-04-01")
            #expect(detail.request.idNumberMasked == "9135**********0Y43")
            #expect(!created.body.contains("91350100M000100Y43"))
            #expect(detail.clock.notes.contains { $0.text.contains("答复期限") })

            // A bad step is a structured error; a stale version is a conflict.
            let invalid = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(action: "request_extension", version: 1, days: 30, reason: "x"))
            #expect(invalid.status == .unprocessableEntity)
            #expect(try invalid.json(APIErrorBody.self).error.fields?["days"] != nil)
            let headOnly = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(action: "approve_extension", version: 1))
            #expect(headOnly.status == .forbidden)
            var step = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(action: "request_extension", version: 1, days: 20, reason: "涉及多个科室"))
            #expect(step.status == .ok, "\(step.body)")
            let stale = try await head.api(.POST, "/api/v1/requests/\(id)/approvals", json: Action(action: "approve_extension", version: 1))
            #expect(stale.status == .conflict)
            #expect(try stale.json(APIErrorBody.self).error.code == "edit_conflict")
            step = try await head.api(.POST, "/api/v1/requests/\(id)/approvals", json: Action(action: "approve_extension", version: 2))
            #expect(try step.json(RequestDetailDTO.self).request.dueOn == "2024-04-29")

            // Fee by pieces: the 28th to 32nd piece of the month. The system knows of no earlier
            // request this month, so the 27 typed by hand need a reason.
            let unexplained = try await head.api(.POST, "/api/v1/requests/\(id)/approvals", json: Action(
                action: "send_fee_notice", version: 3, method: "pieces", quantity: 5, earlierThisMonth: 27, sentOn: "2024-03-04"))
            #expect(unexplained.status == .unprocessableEntity)
            #expect(try unexplained.json(APIErrorBody.self).error.fields?["earlier_reason"]?.contains("本月此前为 0 件") == true)
            step = try await head.api(.POST, "/api/v1/requests/\(id)/approvals", json: Action(
                action: "send_fee_notice", version: 3, method: "pieces", quantity: 5, earlierThisMonth: 27,
                earlierReason: "该申请人本月另有 27 件纸质申请，尚未录入系统", sentOn: "2024-03-04"))
            let withFee = try step.json(RequestDetailDTO.self)
            #expect(withFee.feeNotices.first?.amount == 3 * 100 + 2 * 200)
            #expect(withFee.request.status == .waitingOnFee)
            let both = try await head.api(.POST, "/api/v1/requests/\(id)/approvals", json: Action(
                action: "send_fee_notice", version: 4, method: "pages", quantity: 50, sentOn: "2024-03-04"))
            #expect(both.status == .unprocessableEntity)
            #expect(try both.json(APIErrorBody.self).error.message == "已有未缴清的收费通知")

            // Unpaid past the payment date: concluded as 逾期未缴费 — once the day the applicant
            // received the notice is known (payment due 20 working days from the next day: 04-02).
            app.settings.fixedToday = CivilDate(iso: "2024-04-10")
            let unknownReceipt = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(
                action: "conclude", version: 4, outcome: "other_fee_unpaid", serviceMethod: "post", servedOn: "2024-04-10"))
            #expect(unknownReceipt.status == .unprocessableEntity)
            step = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(
                action: "record_fee_notice_receipt", version: 4, applicantReceivedOn: "2024-03-05"))
            #expect(try step.json(RequestDetailDTO.self).clock.feePaymentDue == "2024-04-02")
            step = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: Action(
                action: "conclude", version: 5, outcome: "other_fee_unpaid", serviceMethod: "post", servedOn: "2024-04-10"))
            #expect(step.status == .ok, "\(step.body)")
            let done = try step.json(RequestDetailDTO.self)
            #expect(done.request.reportRow == "other_fee_unpaid")
            #expect(done.request.letterNumber == "教育局依申〔2024〕1号")
            let letter = try await officer.api(.GET, "/api/v1/requests/\(id)/reply-letter")
            #expect(letter.status == .ok)
            let decoded = try letter.json(ReplyLetter.self)
            #expect(decoded.outcome == .otherFeeUnpaid)
            let list = try await officer.api(.GET, "/api/v1/requests?filter=concluded")
            #expect(try list.json(RequestListDTO.self).requests.map(\.id) == [id])
            #expect(try await officer.api(.GET, "/api/v1/requests?filter=someday").status == .unprocessableEntity)

            // The year's statistics count it as a commercial enterprise's 逾期未缴费.
            let stats = try await officer.api(.GET, "/api/v1/statistics/2024")
            let dto = try stats.json(StatisticsDTO.self)
            #expect(dto.cells["t3.other_fee_unpaid.commercial_enterprise"] == 1)
            #expect(dto.cells["t3.new_received.total"] == 1)
            #expect(dto.findings.isEmpty)
        }
    }

    @Test func correctionAndConsultationMoveTheDueDateThroughTheAPI() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2024-03-04")
            let county = try await County.make(on: app)
            let officer = try await Self.client("api.officer", roles: [.caseOfficer], in: county.bureau, county: county, app: app)
            var fields = Dictionary(uniqueKeysWithValues: RequestFixtures.registration(channel: "internet", submittedOn: "2024-03-01"))
            fields["agency_id"] = String(try county.bureau.requireID())
            let created = try await officer.api(.POST, "/api/v1/requests", json: fields).json(RequestDetailDTO.self)
            #expect(created.request.status == .awaitingReceipt)
            let id = created.request.id
            func step(_ today: String, _ body: [String: String]) async throws -> RequestDetailDTO {
                app.settings.fixedToday = CivilDate(iso: today)
                let current = try await officer.api(.GET, "/api/v1/requests/\(id)").json(RequestDetailDTO.self)
                let page = try await officer.api(.POST, "/api/v1/requests/\(id)/actions", json: body.merging(["version": String(current.request.version)]) { a, _ in a })
                #expect(page.status == .ok, "\(page.body)")
                return try page.json(RequestDetailDTO.self)
            }
            var detail = try await step("2024-03-04", ["action": "confirm_receipt", "received_on": "2024-03-04", "reason": "周五网上提交，下一工作日才联系上申请人"])
            #expect(detail.request.dueOn == "2024-04-01")
            detail = try await step("2024-03-06", ["action": "request_correction", "sent_on": "2024-03-06", "deadline": "2024-03-20", "items": "请写明工程名称"])
            #expect(detail.request.status == .waitingOnApplicant)
            detail = try await step("2024-03-11", ["action": "receive_correction", "received_on": "2024-03-11"])
            #expect(detail.request.dueOn == "2024-04-09")
            detail = try await step("2024-03-13", ["action": "send_consultation", "kind": "agency", "party": "测试县自然资源局", "sent_on": "2024-03-13"])
            #expect(detail.request.status == .waitingOnThirdParty)
            #expect(detail.clock.isProvisional)
            #expect(detail.consultations.first?.deadline == "2024-04-03")
            let consultation = try #require(detail.consultations.first).id
            detail = try await step("2024-03-20", ["action": "answer_consultation", "consultation_id": String(consultation), "answered_on": "2024-03-20",
                                                   "summary": "同意公开"])
            #expect(detail.request.dueOn == "2024-04-16")
            #expect(detail.clock.notes.contains { $0.text.contains("征求意见所需时间不计算在答复期限内") })
            #expect(detail.events.map(\.kind) == [.registered, .receiptConfirmed, .correctionRequested, .correctionReceived,
                                                   .consultationSent, .consultationAnswered])
        }
    }

    @Test func challengeCasesThroughTheAPI() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2025-01-10")
            let county = try await County.make(on: app)
            let officer = try await Self.client("api.officer", roles: [.caseOfficer], in: county.bureau, county: county, app: app)
            let request = try await ChallengeCaseTests.concludedRequest(county, on: app)
            let created = try await officer.api(.POST, "/api/v1/challenges", json: [
                "agency_id": String(try county.bureau.requireID()), "request_id": String(try request.requireID()), "kind": "litigation_after_review",
                "filed_on": "2024-06-01", "body": "测试县人民法院", "case_number": "（2024）测行初 3 号"])
            #expect(created.status == .created, "\(created.body)")
            let c = try created.json(ChallengeCaseDTO.self)
            #expect(c.result == .pending)
            let bad = try await officer.api(.PUT, "/api/v1/challenges/\(c.id)", json: ["version": "1", "result": "upheld", "decided_on": "2024-05-01"])
            #expect(try bad.json(APIErrorBody.self).error.fields?["decided_on"] == "决定日期不能早于立案日期 2024-06-01")
            let decided = try await officer.api(.PUT, "/api/v1/challenges/\(c.id)", json: ["version": "1", "result": "upheld", "decided_on": "2024-09-01"])
            #expect(try decided.json(ChallengeCaseDTO.self).result == .upheld)
            let list = try await officer.api(.GET, "/api/v1/challenges?year=2024")
            #expect(try list.json([ChallengeCaseDTO].self).count == 1)
            let stats = try await officer.api(.GET, "/api/v1/statistics/2024").json(StatisticsDTO.self)
            #expect(stats.cells["t4.litigation_after_review.upheld"] == 1)
            #expect(stats.cells["t4.litigation_after_review.total"] == 1)
        }
    }

    @Test func anyoneMayQuoteAFeeApplyAndTrack() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2024-03-04")
            _ = try await County.make(on: app)
            let anyone = TestClient(app)
            let quote = try await anyone.get("/api/v1/fees/quote?method=pages&quantity=2219").json(FeeQuote.self)
            #expect(quote.amount == 83460)
            #expect(quote.breakdown.map(\.amount) == [0, 700, 2000, 80760])
            let refused = try await anyone.get("/api/v1/fees/quote?method=weight&quantity=3")
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.json(APIErrorBody.self).error.fields?["method"] != nil)
            let applied = try await anyone.api(.POST, "/api/v1/public/requests", json: [
                "agency_code": "t-edu", "applicant_kind": "natural_person", "applicant_name": "王小明", "id_type": "resident_id",
                "id_number": RequestFixtures.idNumber, "phone": "13812345678", "description": "2023年学校布局调整方案",
                "provision_form": "electronic", "delivery_method": "email"])
            #expect(applied.status == .created, "\(applied.body)")
            let tracking = try applied.json(PublicRequestAPI.Applied.self).trackingNumber
            let status = try await anyone.api(.POST, "/api/v1/public/requests/status", json: ["tracking_number": tracking, "phone_last4": "5678"])
            #expect(try status.json(PublicRequestStatus.self).status == "awaiting_receipt")
            #expect(!status.body.contains("王小明"))
            #expect(try await anyone.api(.POST, "/api/v1/public/requests/status", json: ["tracking_number": tracking, "phone_last4": "1234"]).status == .notFound)
            let missing = try await anyone.api(.POST, "/api/v1/public/requests", json: ["agency_code": "t-edu"])
            #expect(missing.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.query(on: app.db).count() == 1)
        }
    }
}
