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
}
