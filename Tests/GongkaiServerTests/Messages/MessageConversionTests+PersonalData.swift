import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// #14 review 14e: what does not open is not converted as the placeholder.
extension MessageConversionTests {
    /// A value that does not open is not data (#14 review 14e): a request's sealed phone cannot be
    /// carried into a message (sealed for another column), so the conversion is refused saying
    /// why; a message's unreadable phone shown on the registration form is refused naming the field.
    @Test func anUnreadablePhoneIsNeverConvertedAsThePlaceholder() async throws {
        let immediateMailbox: (inout Settings) -> Void = { $0.mailboxMinSeconds = 0 }
        try await withTestApp(configureSettings: immediateMailbox) { app in
            // given a request whose phone does not open
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(
                officer,
                RequestFixtures.registration(
                    channel: "in_person", submittedOn: "2024-03-04",
                    description: "投诉县第二中学食堂卫生问题"), agency: county.bureau)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            let id = try r.requireID()
            try await app.db.requireSQL().raw("UPDATE disclosure_requests SET phone = 'gk2:e10c' WHERE id = \(bind: id)").run()
            try await officer.get("/console/requests/\(id)")
            // when it is turned into a message: refused, nothing changed
            let moved = try await officer.post(
                "/console/requests/\(id)/to-message",
                form: [
                    ("version", String(r.version)), ("kind", "complaint"),
                    ("service_method", "online"),
                ])
            #expect(moved.status == .seeOther && moved.location == "/console/requests/\(id)")
            let back = try await officer.get("/console/requests/\(id)")
            #expect(back.body.contains("未能转为政民互动：申请 \(r.trackingNumber) 的联系电话无法解密"), "\(back.body.prefix(400))")
            #expect(try await PublicMessage.query(on: app.db).count() == 0)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.concludedOn == nil)

            // given a mailbox letter whose phone does not open
            _ = try await MessageFlowTests.writeLetter(app, agency: "t-edu", subject: "申请公开城区道路改造立项批复")
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            let messageID = try m.requireID()
            try await app.db.requireSQL().raw("UPDATE public_messages SET sender_phone = 'gk2:e10c' WHERE id = \(bind: messageID)").run()
            let form = try await officer.get("/console/messages/\(messageID)/to-request")
            #expect(form.status == .ok)
            // when the form comes back with what it showed for the phone: refused naming the field
            let fields = RequestFixtures.registration(description: m.content)
                .filter { !["agency_id", "channel", "submitted_on", "received_on", "phone"].contains($0.0) }
            let converted = try await officer.post(
                "/console/messages/\(messageID)/to-request",
                form: fields + [("phone", PersonalDataKeyRegistry.unreadable), ("version", String(m.version))])
            #expect(converted.status == .unprocessableEntity)
            #expect(converted.body.contains("原联系电话无法解密"), "\(converted.body.prefix(400))")
            #expect(try await DisclosureRequest.query(on: app.db).count() == 1)
        }
    }

    /// A phone an older version stored (the rule then counted only its 7–20 digits) is carried
    /// into the message as stored: the to-message form has no phone field to correct it in, and a
    /// refusal would leave the request no way to the 信访/投诉 route (#14 review 14f M1).
    @Test func aRequestWithAnOldFormatPhoneStillBecomesAMessage() async throws {
        for old in ["0591-87654321 ext 8001", "13812345678（白天）"] {
            try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
                let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
                try await RequestFixtures.register(
                    officer,
                    RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04", description: "投诉县第二中学食堂卫生问题"),
                    agency: county.bureau)
                let r = try #require(try await DisclosureRequest.query(on: app.db).first())
                let id = try r.requireID()
                // the phone as an older version stored it (plaintext is read as it is)
                try await app.db.requireSQL().raw("UPDATE disclosure_requests SET phone = \(bind: old) WHERE id = \(bind: id)").run()
                let stored = try #require(try await DisclosureRequest.find(id, on: app.db))
                #expect(stored.phone == old)
                let moved = try await officer.post(
                    "/console/requests/\(id)/to-message",
                    form: [("version", String(stored.version)), ("kind", "complaint"), ("service_method", "online")])
                #expect(moved.status == .seeOther)
                let back = try await officer.get("/console/requests/\(id)")
                #expect(!back.body.contains("未能转为政民互动"), "\(old): \(back.body.prefix(600))")
                let message = try #require(try await PublicMessage.query(on: app.db).first(), "\(old): the request was not turned into a message")
                #expect(message.senderPhone == old, "carried as stored")
            }
        }
    }
}
