import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// #14 review 14e: the original's identity number and phone that do not open here.
extension ChallengeCaseTests {
    /// A corrective decision reopens the request with the original's identity number and phone;
    /// when they do not open (sealed by a key this installation lacks, or cut short), the new
    /// request carries them as they are stored, with the identity number's hash — never the
    /// placeholder "（无法解密）" sealed and hashed as data.
    @Test func aReopenedRequestCarriesAnUnreadableOriginalVerbatim() async throws {
        try await withTestApp { app in
            // given a concluded request whose identity number was sealed by another key and whose phone is cut short
            let (county, browser) = try await RequestFixtures.officer(app, today: "2025-02-10")
            let original = try await Self.concludedRequest(county, on: app)
            // a key of its own: the registry of keys is the process's, and other tests register theirs
            let other = try #require(PersonalDataKey(base64: PersonalDataKey.generateBase64()))
            let sealedID = SealedValue.seal("110105194912310021", with: other, in: .requestIDNumber)
            let hash = SealedValue.lookupHash("110105194912310021", with: other)
            try await app.db.requireSQL().raw(
                """
                UPDATE disclosure_requests SET id_number = \(bind: sealedID), id_number_hash = \(bind: hash), phone = 'gk2:e10c'
                WHERE id = \(bind: try original.requireID())
                """
            ).run()
            let unreadable = try #require(try await DisclosureRequest.find(original.requireID(), on: app.db))
            #expect(unreadable.idNumber == PersonalDataKeyRegistry.unreadable && unreadable.phone == PersonalDataKeyRegistry.unreadable)
            // when a reconsideration corrects its reply
            try await browser.get("/console/challenges")
            let filed = try await browser.post(
                "/console/challenges",
                form: [
                    ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-03-15"),
                    ("body", "测试县人民政府"), ("case_number", "测复〔2024〕1号"), ("request_tracking_number", original.trackingNumber),
                ])
            #expect(filed.status == .seeOther, "\(filed.body.prefix(400))")
            let challenge = try #require(try await ChallengeCase.query(on: app.db).first())
            try await browser.get("/console/challenges")
            let decided = try await browser.post(
                "/console/challenges/\(try challenge.requireID())",
                form: [
                    ("version", String(challenge.version)), ("result", "corrected"), ("decided_on", "2024-05-10"),
                    ("decision_received_on", "2024-05-10"),
                ])
            #expect(decided.status == .seeOther, "\(decided.body.prefix(400))")
            // then the new request holds what the original stores, byte for byte
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first())
            #expect(reopened.sealedIDNumber == sealedID && reopened.idNumberHash == hash)
            #expect(reopened.sealedPhone == "gk2:e10c")
            let keys = try app.db.personalDataKeys
            #expect(reopened.idNumberHash != keys.idNumberHash(PersonalDataKeyRegistry.unreadable))
            // and, once the key that sealed it is at hand, it reads as the applicant's number
            #expect(try SealedValue.open(reopened.sealedIDNumber, with: other, in: .requestIDNumber) == "110105194912310021")
        }
    }
}
