import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The console's door to the personal-data export (#14, PIPL Art. 45): the office head downloads
/// what their own agency holds about a person, through the same service as the command, audited.
@Suite("Personal data: the console's export")
struct PersonalDataExportPageTests {
    @Test func anOfficeHeadExportsTheirAgencysRecordsAudited() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await county.user("township.officer", [.caseOfficer], in: county.township, on: app)
            let township = TestClient(app)
            try await township.signIn("township.officer", County.password)
            // the same applicant asked the bureau and the township
            #expect(try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau).status == .seeOther)
            #expect(try await RequestFixtures.register(township, RequestFixtures.registration(), agency: county.township).status == .seeOther)
            let bureauRequest = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$agency.$id == county.bureau.requireID()).first())

            try await county.user("head", [.officeHead], in: county.bureau, on: app)
            let head = TestClient(app)
            try await head.signIn("head", County.password)
            let form = try await head.get("/console/personal-data")
            #expect(form.status == .ok)
            #expect(form.body.contains("个人信息导出") && form.body.contains("name=\"id_number\""))

            // the identity number as a person might type it: only the bureau's request comes back
            let typed = " " + RequestFixtures.idNumber.lowercased()
            let download = try await head.post("/console/personal-data", form: [("id_number", typed), ("phone", "")])
            #expect(download.status == .ok, "\(download.body.prefix(300))")
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let export = try download.json(PersonalDataExport.self)
            #expect(export.requests.map(\.trackingNumber) == [bureauRequest.trackingNumber])
            #expect(export.requests.first?.idNumber == RequestFixtures.idNumber && export.requests.first?.phone == "13812345678")

            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").first())
            let headID = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "head").first()?.requireID())
            #expect(entry.actorUserID == headID)
            #expect(entry.entityID == Masking.idNumber(RequestFixtures.idNumber))
            #expect(entry.afterJSON?.contains(bureauRequest.trackingNumber) == true)
            #expect(entry.afterJSON?.contains(RequestFixtures.idNumber) == false, "the audit entry holds the identity number unmasked")

            // bad input: a clear message on the form, nothing exported
            let short = try await head.post("/console/personal-data", form: [("id_number", "12345"), ("phone", "")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.contains("证件号码至少 6 位"))
            // no form token: refused
            let forged = try await head.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 1)

            // a case officer has no such door
            #expect(try await officer.get("/console/personal-data").status == .forbidden)
            try await officer.get("/console")
            #expect(try await officer.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)]).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 1)
        }
    }
}
