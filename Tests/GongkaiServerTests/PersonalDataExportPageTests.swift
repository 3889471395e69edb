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
            // hostile input (#14 review 14d): 10,000 characters, control characters, not an identity
            // number at all, a phone that runs on: answered on the form, never searched nor audited
            for (hostile, phone, message) in [
                (String(repeating: "1", count: 10_000), "", "证件号码不超过 40 位"),
                // control characters are refused for every form before any page sees them
                ("\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", "", "含有不允许的控制字符"),
                ("11010519\u{1}\u{1B}[2J491231002X", "", "含有不允许的控制字符"),
                ("11010519-[2J]491231002X", "", "证件号码只能由字母、数字及括号、连字符组成"),
                ("' OR 1=1 --", "", "证件号码只能由字母、数字及括号、连字符组成"),
                (RequestFixtures.idNumber, String(repeating: "8", count: 21), "电话号码不超过 20 位数字"),
                (RequestFixtures.idNumber, "138" + String(repeating: "-", count: 100) + "12345678", "电话号码不超过 20 位数字"),
            ] {
                let page = try await head.post("/console/personal-data", form: [("id_number", hostile), ("phone", phone)])
                #expect(page.status == .unprocessableEntity, "\(hostile.prefix(20).debugDescription): \(page.status)")
                #expect(page.body.contains(message), "\(hostile.prefix(20).debugDescription): no \(message)")
            }
            // a Hong Kong identity card as it is written still passes
            #expect(try await head.post("/console/personal-data", form: [("id_number", "A123456(7)"), ("phone", "")]).status == .ok)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 2)
            // no form token: refused
            let forged = try await head.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 2)

            // a case officer has no such door
            #expect(try await officer.get("/console/personal-data").status == .forbidden)
            try await officer.get("/console")
            #expect(try await officer.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)]).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 2)
        }
    }
}
