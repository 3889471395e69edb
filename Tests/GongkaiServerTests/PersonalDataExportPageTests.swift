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
            let empty = try await head.post("/console/personal-data", form: [("id_number", "  "), ("phone", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("请填写证件号码"))
            // hostile input (#14 reviews 14d, 14e): 10,000 characters, control and format characters,
            // a phone that runs on or is not in Arabic digits: answered on the form, never searched nor audited
            for (hostile, phone, message) in [
                (String(repeating: "1", count: 10_000), "", "证件号码不能超过 40 个字符"),
                // control characters are refused for every form before any page sees them
                ("\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", "", "含有不允许的控制字符"),
                ("11010519\u{1}\u{1B}[2J491231002X", "", "含有不允许的控制字符"),
                ("110105\u{200B}19491231002X", "", "证件号码不能含控制字符或格式字符（U+200B"),
                // a direction override is refused for every form too
                ("\u{202E}11010519491231002X", "", "文字方向控制字符"),
                (RequestFixtures.idNumber, String(repeating: "8", count: 21), "电话号码不超过 20 位数字"),
                (RequestFixtures.idNumber, "138" + String(repeating: "-", count: 100) + "12345678", "电话号码不超过 20 位数字"),
                (RequestFixtures.idNumber, "١٣٨١٢٣٤٥٦٧٨", "不是阿拉伯数字"),
            ] {
                let page = try await head.post("/console/personal-data", form: [("id_number", hostile), ("phone", phone)])
                #expect(page.status == .unprocessableEntity, "\(hostile.prefix(20).debugDescription): \(page.status)")
                #expect(page.body.contains(message), "\(hostile.prefix(20).debugDescription): no \(message)")
                #expect(page.headers.first(name: .contentDisposition) == nil)
            }
            // what registration stores for any document type is looked for (#14 review 14e): a Hong
            // Kong identity card, an officer's card, a short passport number, punctuation; text that
            // looks like SQL is only ever hashed
            for number in ["A123456(7)", "军字第2001988号", "E1234", "AB/123/456", "' OR 1=1 --"] {
                #expect(try await head.post("/console/personal-data", form: [("id_number", number), ("phone", "")]).status == .ok, "\(number)")
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 6)
            // no form token: refused
            let forged = try await head.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 6)

            // a case officer has no such door
            #expect(try await officer.get("/console/personal-data").status == .forbidden)
            try await officer.get("/console")
            #expect(try await officer.post("/console/personal-data", form: [("id_number", RequestFixtures.idNumber)]).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").count() == 6)
        }
    }
}
