import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Between disclosure requests and messages, with the link kept both ways.
@Suite("政民互动: conversions with disclosure requests")
struct MessageConversionTests {
    @Test func aRequestThatIsAComplaintBecomesAMessageInOneStep() async throws {
        try await withTestApp { app in
            // given a request registered in person at the bureau
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04",
                                                                                    description: "投诉县第二中学食堂卫生问题"), agency: county.bureau)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            let id = try r.requireID()
            let page = try await officer.get("/console/requests/\(id)")
            #expect(page.body.contains("转为政民互动办理"))
            // when the officer turns it into a message
            let moved = try await officer.post("/console/requests/\(id)/to-message", form: [("version", String(r.version)), ("kind", "complaint"),
                                                                                           ("service_method", "online")])
            #expect(moved.status == .seeOther, "\(moved.body.prefix(300))")
            // then the request is concluded as 信访举报投诉类申请 (table 三) …
            let concluded = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(concluded.outcome == .notProcessedPetitionComplaint && concluded.concludedOn == "2024-03-04")
            // … the message is open at the bureau, linked back, and the request links to it
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            let bureauID = try county.bureau.requireID(), messageID = try m.requireID()
            #expect(m.$fromRequest.id == id && m.$agency.id == bureauID && m.status == .received)
            #expect(m.source == .request && m.channelName == "来访" && m.kind == .complaint)
            #expect(concluded.replyLetterJSON?.contains(m.trackingNumber ?? "?") == true)
            let requestPage = try await officer.get("/console/requests/\(id)")
            #expect(requestPage.body.contains("已转为政民互动") && requestPage.body.contains("/console/messages/\(messageID)"))
            let messagePage = try await officer.get("/console/messages/\(messageID)")
            #expect(messagePage.body.contains("由依申请公开转来") && messagePage.body.contains(r.trackingNumber))
            // a concluded request cannot be turned again
            let again = try await officer.post("/console/requests/\(id)/to-message", form: [("version", String(concluded.version))])
            #expect(again.status == .seeOther)
            #expect(try await PublicMessage.query(on: app.db).count() == 1)
        }
    }

    @Test func aMessageThatIsADisclosureRequestBecomesOneUnderArticle31() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given a letter to the county's mailbox asking for information
            app.settings.fixedToday = "2024-03-04"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("messages.only", [.supervisor], on: app)
            _ = try await MessageFlowTests.writeLetter(app, subject: "申请公开城区道路改造立项批复")
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            let id = try m.requireID()
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let form = try await officer.get("/console/messages/\(id)/to-request")
            #expect(form.status == .ok)
            #expect(form.body.contains("以双方确认之日为收到申请之日"))
            // an incomplete application is refused with the registration's reasons, nothing changes
            let incomplete = try await officer.post("/console/messages/\(id)/to-request", form: [("version", String(m.version))])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(try await PublicMessage.find(id, on: app.db)?.status == .received)
            // when converted with the applicant's identity
            let fields = RequestFixtures.registration(description: m.content).filter { !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0) }
            let converted = try await officer.post("/console/messages/\(id)/to-request", form: fields + [("version", String(m.version))])
            #expect(converted.status == .seeOther, "\(converted.body.prefix(500))")
            // then the request arrived with the letter and awaits the Art. 31 confirmation (internet)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(r.channel == .internet && r.submittedOn == "2024-03-04" && r.receivedOn == nil && r.source == .message)
            let after = try #require(try await PublicMessage.find(id, on: app.db))
            let requestID = try r.requireID()
            #expect(after.status == .convertedToRequest && after.$toRequest.id == requestID)
            #expect(try await officer.get("/console/requests/\(try r.requireID())").body.contains("由政民互动来信转来"))
            // and the letter is no longer counted among messages
            let figures = try await MessageFigures.query(agencyIDs: [try county.government.requireID()], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(figures.total.received == 0)
        }
    }

    /// Review 12d M1: the form that turns a message into a request was filled in with the
    /// sender's full name and phone, unaudited (shown in full only on the message page after
    /// 查看完整姓名和电话, which is audited). Now it shows them masked, as lists do, and the
    /// conversion copies the stored ones when the officer leaves them so (or empty); what the
    /// officer types instead is taken.
    @Test func theToRequestFormShowsTheSenderMaskedAndTheRequestGetsTheStoredOnes() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            _ = try await MessageFlowTests.writeLetter(app)
            _ = try await MessageFlowTests.writeLetter(app, phone: "13900000002", subject: "申请公开预算")
            let letters = try await PublicMessage.query(on: app.db).sort(\.$id).all()
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let id = try letters[0].requireID()
            let form = try await officer.get("/console/messages/\(id)/to-request")
            #expect(form.status == .ok)
            #expect(!form.body.contains("13812345678") && !form.body.contains("王小明"), "the form shows the sender in full")
            #expect(form.body.contains("value=\"王**\"") && form.body.contains("value=\"138********\""), "the masked name and phone")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "view_full_id").count() == 0)
            // posted back as shown (masked): the request has the stored name and phone
            let fields = RequestFixtures.registration(description: letters[0].content).filter {
                !["agency_id", "channel", "submitted_on", "received_on", "applicant_name", "phone"].contains($0.0)
            }
            let converted = try await officer.post("/console/messages/\(id)/to-request",
                                                   form: fields + [("applicant_name", "王**"), ("phone", "138********"), ("version", String(letters[0].version))])
            #expect(converted.status == .seeOther, "\(converted.body.prefix(300))")
            let r = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$applicantName == "王小明").first())
            #expect(r.phone == "13812345678")
            // typed anew: the officer's name and phone are taken
            let other = try letters[1].requireID()
            let typed = try await officer.post("/console/messages/\(other)/to-request",
                                               form: fields + [("applicant_name", "李四"), ("phone", "13700000003"), ("version", String(letters[1].version))])
            #expect(typed.status == .seeOther, "\(typed.body.prefix(300))")
            let r2 = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$applicantName == "李四").first())
            #expect(r2.phone == "13700000003")
        }
    }

    /// Review 12e L1. A value that merely looks masked but is not this sender's mask ("李**" for
    /// a sender 王小明, a phone with a full-width ＊) is refused with the field named — console
    /// and API alike — and no request is registered under it.
    @Test func aMaskLookingNameOfAnotherSenderIsNotAName() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            let user = try await county.user("officer", [.caseOfficer], on: app)
            _ = try await MessageFlowTests.writeLetter(app)
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let fields = RequestFixtures.registration(description: m.content).filter {
                !["agency_id", "channel", "submitted_on", "received_on", "applicant_name", "phone"].contains($0.0)
            }
            let page = try await officer.post("/console/messages/\(try m.requireID())/to-request",
                                              form: fields + [("applicant_name", "李**"), ("phone", "138********"), ("version", String(m.version))])
            #expect(page.status == .unprocessableEntity, "status \(page.status)")
            #expect(page.body.contains("申请人姓名含有“*”"), "\(page.body.prefix(400))")
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            let viaAPI = try await api.api(.POST, "/api/v1/messages/\(try m.requireID())/to-request", json: [
                "applicant_kind": "natural_person", "id_type": "resident_id", "id_number": RequestFixtures.idNumber, "email": "a@example.com",
                "address": "人民路 1 号", "description": m.content, "provision_form": "electronic", "delivery_method": "email",
                "applicant_name": "王**", "phone": "138＊＊＊＊5678", "version": String(m.version),
            ])
            #expect(viaAPI.status == .unprocessableEntity, "\(viaAPI.body.prefix(400))")
            #expect(viaAPI.body.contains("\"phone\"") && !viaAPI.body.contains("\"applicant_name\""), "\(viaAPI.body.prefix(400))")
            let rs = try await DisclosureRequest.query(on: app.db).all()
            #expect(rs.isEmpty, "registered as \(rs.map(\.applicantName))")
            // the sender's own mask still takes the stored name
            let kept = try await officer.post("/console/messages/\(try m.requireID())/to-request",
                                              form: fields + [("applicant_name", "王**"), ("phone", "138********"), ("version", String(m.version))])
            #expect(kept.status == .seeOther, "\(kept.body.prefix(400))")
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(r.applicantName == "王小明" && r.phone == "13812345678")
        }
    }

    // Review 12f M2 and L (issue #12): a message back from a request that came from a message.

    /// Converts message `id` to a request through the console.
    static func convertBack(_ app: Application, _ officer: TestClient, messageID id: Int, receivedOn: String) async throws {
        let m = try #require(try await PublicMessage.find(id, on: app.db))
        let fields = RequestFixtures.registration(description: m.content).filter {
            !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0)
        }
        let page = try await officer.post(
            "/console/messages/\(id)/to-request",
            form: fields + [("received_on", receivedOn), ("version", String(m.version))])
        try #require(page.status == .seeOther, "\(page.body.prefix(300))")
    }

    /// The latest request back to a message; returns the message made.
    @discardableResult
    static func back(_ app: Application, _ officer: TestClient) async throws -> PublicMessage {
        let r = try #require(try await DisclosureRequest.query(on: app.db).sort(\.$id, .descending).first())
        let page = try await officer.post(
            "/console/requests/\(try r.requireID())/to-message",
            form: [("version", String(r.version)), ("kind", "complaint"), ("service_method", "online")])
        try #require(page.status == .seeOther, "\(page.body.prefix(300))")
        return try #require(try await PublicMessage.query(on: app.db).filter(\.$fromRequest.$id == r.requireID()).first())
    }

    /// A letter to the 县长信箱 (2024-03-04) is transferred to the bureau (03-05), which turns it
    /// into a request (03-06) and back (03-07): the bureau's message page and figures work with a
    /// channel name the bureau's list does not have; counted once; the totals are the channels'.
    @Test func aMessageBackFromARequestInTheAgencyItWasTransferredTo() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app, today: "2024-03-04")
            try await county.user("officer1", [.caseOfficer], in: county.bureau, on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            _ = try await MessageFlowTests.writeLetter(app)
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            app.settings.fixedToday = "2024-03-05"
            try await MessageReviewFixesTests.act(app, try m.requireID(), .transfer(agencyID: bureau, reason: "属于教育局职责"))
            let transferred = try #require(try await PublicMessage.find(try m.requireID(), on: app.db))
            let officer = TestClient(app)
            try await officer.signIn("officer1", County.password)
            app.settings.fixedToday = "2024-03-06"
            try await Self.convertBack(app, officer, messageID: try m.requireID(), receivedOn: "2024-03-04")
            app.settings.fixedToday = "2024-03-07"
            let made = try await Self.back(app, officer)
            #expect(made.$agency.id == bureau)
            let page = try await officer.get("/console/messages/\(try made.requireID())")
            #expect(page.status == .ok, "\(page.status) \(page.body.prefix(300))")
            let list = try await officer.get("/console/messages")
            #expect(list.status == .ok)
            // the bureau's clock ran from the transfer; the message back starts its own on the day
            // it is made (later still), never from the government's receipt
            #expect(made.receivedOn == "2024-03-04" && made.transferredOn == "2024-03-07")
            #expect(
                made.transferredOn == "2024-03-05" || (made.dueOn ?? "2000-01-01") >= (transferred.dueOn ?? "2100-01-01"),
                "due \(made.dueOn?.iso ?? "-") vs the transferred message's \(transferred.dueOn?.iso ?? "-")")
            let f = try await MessageFigures.query(agencyIDs: [bureau], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(f.total.received == 1 && f.channels.map(\.tally.received).reduce(0, +) == 1, "\(f.channels.map { ($0.name, $0.tally.received) })")
            #expect(try await MessageConversionCountingTests.year(app, [gov, bureau], 2024).received == 1)
            let figures = try await officer.get("/console/messages/figures?year=2024")
            #expect(figures.status == .ok && figures.body.contains("<dt>收到</dt><dd>1 件（各渠道之和）</dd>"), "\(figures.status)")
        }
    }

    /// A single hotline item received 2024-03-01, converted 03-05, kept as a request until
    /// 2024-04-22, then back to a message: the message is due 15 working days after 03-01, so it
    /// is overdue the day it is made and can only be closed late (the on-time rate counts it
    /// late whatever the staff do). Its clock should run from the day it came back (as a transfer
    /// starts the receiving agency's own period), while the item keeps its period.
    @Test func aMessageBackFromALongRequestIsNotOverdueAtOnce() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-03-01"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, MessageReviewFixesTests.header + "RX-Z5,12345热线,2024-03-01 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            app.settings.fixedToday = "2024-03-05"
            try await Self.convertBack(
                app, officer, messageID: try await Review12cTests.one(app, "RX-Z5", agency: gov).requireID(), receivedOn: "2024-03-01")
            app.settings.fixedToday = "2024-04-22"
            let made = try await Self.back(app, officer)
            #expect(!made.isOverdue(today: "2024-04-22"), "overdue on the day it is made: due \(made.dueOn?.iso ?? "-")")
            // the item keeps its receipt (its period); only the clock starts on the day it came back
            #expect(made.receivedOn == "2024-03-01" && made.transferredOn == "2024-04-22")
            // answered the next day: on time
            try await MessageReviewFixesTests.act(app, try made.requireID(), .accept(on: "2024-04-22"))
            try await MessageReviewFixesTests.act(app, try made.requireID(), .reply(text: "已答复。", on: "2024-04-23"))
            let y = try await MessageConversionCountingTests.year(app, [gov], 2024)
            #expect(y.received == 1 && y.completed == 1 && y.onTime == 1, "answered the day after it came back counted late: \(y)")
        }
    }

    /// After a round trip in the government, both agencies re-import their exports (the hotline
    /// now says answered, 满意): no new row, the converted original stays converted, the item is
}

/// A conversion back months later (review 12g).
extension MessageConversionTests {
    /// A hotline item turned into a request on 2024-07-05 and, months later (2024-10-20), the
    /// request into a message again: the door works (a fresh sign-in), the message keeps the
    /// item's receipt and is counted once, in the quarter of its receipt.
    @Test func aRequestFromAMessageGoesBackMonthsLater() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-07-05"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            let officer = TestClient(app)
            _ = try await officer.signIn("officer", County.password)
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, MessageReviewFixesTests.header + "H5,12345热线,2024-06-29 10:00,申请公开预算,申请公开部门预算,,,,\r\n")
            try await MessageConversionCountingTests.convert(app, officer, "H5", agency: gov, extra: [("received_on", "2024-06-29")])
            app.settings.fixedToday = "2024-10-20"
            let fresh = TestClient(app)
            _ = try await fresh.signIn("officer", County.password)
            let r = try #require(try await DisclosureRequest.query(on: app.db).sort(\.$id, .descending).first())
            let page = try await fresh.post(
                "/console/requests/\(try r.requireID())/to-message",
                form: [("version", String(r.version)), ("kind", "complaint"), ("service_method", "online")])
            let made = try await PublicMessage.query(on: app.db).filter(\.$fromRequest.$id == r.requireID()).first()
            #expect(
                made != nil, "\(page.status) → \(page.location ?? "-"); request status \(r.status), concluded \(String(describing: r.concludedOn))")
            if made == nil {
                let shown = try await fresh.get(page.location ?? "/console/requests/\(try r.requireID())")
                let flash = shown.body.range(of: "未能转为").map { String(shown.body[$0.lowerBound...].prefix(200)) } ?? "no flash"
                #expect(Bool(false), "\(flash)")
            }
            #expect(made?.receivedOn == "2024-06-29")
            let q2 = try await MessageFiguresTests.periodFigures(app, [gov], "2024-04-01", "2024-06-30").total
            #expect(q2.received == 1 && q2.open == 1, "\(q2)")
        }
    }
}
