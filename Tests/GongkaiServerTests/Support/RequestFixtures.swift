import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Disclosure requests as the tests make them: the console's registration form, a signed-in
/// case officer, a request registered through the form.
enum RequestFixtures {
    /// A resident ID number with a valid check character (GB 11643).
    static let idNumber = "11010519491231002X"

    /// The registration form as the console posts it (`agency_id` filled in by `register`).
    static func registration(channel: String = "internet", submittedOn: String = "2024-03-01", receivedOn: String = "",
                             description: String = "2023年城区道路改造工程的立项批复文件") -> [(String, String)] {
        [("agency_id", ""), ("channel", channel), ("submitted_on", submittedOn), ("received_on", receivedOn),
         ("applicant_kind", "natural_person"), ("applicant_name", "王小明"), ("id_type", "resident_id"), ("id_number", idNumber),
         ("phone", "13812345678"), ("email", "wxm@example.com"), ("address", "测试县城关镇人民路 1 号"),
         ("description", description), ("document_number", ""), ("provision_form", "electronic"), ("delivery_method", "email")]
    }

    static func form(_ fields: [(String, String)], agency: Agency) throws -> [(String, String)] {
        let id = String(try agency.requireID())
        return fields.map { $0.0 == "agency_id" ? ($0.0, id) : $0 }
    }

    /// The test county on `today`, with a case officer of its bureau signed in.
    static func officer(_ app: Application, today: String) async throws -> (County, TestClient) {
        app.settings.fixedToday = CivilDate(iso: today)
        let county = try await County.make(on: app)
        try await county.user("officer", [.caseOfficer], in: county.bureau, on: app)
        let officer = TestClient(app)
        try await officer.signIn("officer", County.password)
        return (county, officer)
    }

    /// Opens the registration page and submits `fields` for the agency.
    @discardableResult
    static func register(_ client: TestClient, _ fields: [(String, String)], agency: Agency) async throws -> TestClient.Page {
        try await client.get("/console/requests/new")
        return try await client.post("/console/requests", form: try form(fields, agency: agency))
    }
}
