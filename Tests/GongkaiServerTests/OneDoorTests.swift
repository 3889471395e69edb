import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The console and the API are two doors to the same services: the same step through either
/// leaves the same record and the same audit trail, and a bad call gets the same answer.
@Suite("One door: console and API take the same path")
struct OneDoorTests {
    /// Two requests alike, one handled through the console and one through the API.
    struct Pair {
        let county: County
        let browser: TestClient
        let api: TestClient
        let viaConsole: Int
        let viaAPI: Int
    }

    static func pair(_ app: Application) async throws -> Pair {
        let (county, browser) = try await RequestFixtures.officer(app, today: "2024-03-04")
        let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "officer").first())
        let (_, secret) = try await APITokenService.create(name: "door", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
        let api = TestClient(app)
        api.bearer = secret
        // Different information asked for, so the second is not flagged as a repeat of the first.
        for description in ["2023年城区道路改造工程的立项批复文件", "县第二中学新建教学楼工程的环境影响评价报告"] {
            try await RequestFixtures.register(browser, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-04",
                                                                                     description: description), agency: county.bureau)
        }
        app.settings.fixedToday = CivilDate(iso: "2024-03-25")
        let ids = try await DisclosureRequest.query(on: app.db).sort(\.$id).all().map { try $0.requireID() }
        return Pair(county: county, browser: browser, api: api, viaConsole: ids[0], viaAPI: ids[1])
    }

    /// A step as the console form posts it and as the API takes it (same field names).
    static func step(_ pair: Pair, _ fields: [(String, String)], door: String = "actions", on app: Application) async throws -> (TestClient.Page, TestClient.Page) {
        let v1 = String(try #require(try await DisclosureRequest.find(pair.viaConsole, on: app.db)).version)
        try await pair.browser.get("/console/requests/\(pair.viaConsole)")
        let console = try await pair.browser.post("/console/requests/\(pair.viaConsole)/\(door)", form: fields + [("version", v1)])
        let v2 = String(try #require(try await DisclosureRequest.find(pair.viaAPI, on: app.db)).version)
        let json = Dictionary(uniqueKeysWithValues: fields + [("version", v2)])
        let api = try await pair.api.api(.POST, "/api/v1/requests/\(pair.viaAPI)/\(door)", json: json)
        return (console, api)
    }

    /// What a step leaves behind, without the ids and times that differ between two requests.
    static func trace(_ id: Int, on app: Application) async throws -> [String] {
        let r = try #require(try await DisclosureRequest.find(id, on: app.db))
        var snapshot = r.auditSnapshot
        snapshot["tracking_number"] = nil
        snapshot["description"] = nil
        let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id).sort(\.$id).all()
            .map { "\($0.occurredOn.iso) \($0.kind.rawValue) \($0.summary.replacingOccurrences(of: r.trackingNumber, with: "#"))" }
        let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == AuditEntityType.disclosureRequest.rawValue)
            .filter(\.$entityID == String(id)).sort(\.$id).all()
            .map { "\($0.action) \($0.actorName) \($0.summary.replacingOccurrences(of: r.trackingNumber, with: "#"))" }
        return snapshot.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + events + audit
    }

    @Test func aStepThroughEitherDoorLeavesTheSameRecordAndAuditTrail() async throws {
        try await withTestApp { app in
            // given two requests alike
            let pair = try await Self.pair(app)
            // when the same steps are taken on one through the console and on the other through the API
            let steps: [[(String, String)]] = [
                [("action", "request_correction"), ("sent_on", "2024-03-05"), ("deadline", "2024-03-15"), ("items", "请写明工程名称")],
                [("action", "receive_correction"), ("received_on", "2024-03-08")],
                [("action", "request_extension"), ("days", "10"), ("reason", "需要调取档案")],
                [("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"), ("service_method", "post"),
                 ("served_on", "2024-03-20"), ("details", "见附件"), ("letter_number", "")],
            ]
            for fields in steps {
                let (console, api) = try await Self.step(pair, fields, on: app)
                #expect(console.status == .seeOther, "\(fields[0].1): \(console.body.prefix(300))")
                #expect(api.status == .ok, "\(fields[0].1): \(api.body.prefix(300))")
            }
            // then the records, their history and their audit entries are the same, step for step
            let a = try await Self.trace(pair.viaConsole, on: app)
            let b = try await Self.trace(pair.viaAPI, on: app)
            // The letter numbers differ (1号 and 2号): the only expected difference.
            let normalise = { (lines: [String]) in lines.map { $0.replacingOccurrences(of: "〔2024〕1号", with: "〔2024〕N号")
                .replacingOccurrences(of: "〔2024〕2号", with: "〔2024〕N号") } }
            #expect(normalise(a) == normalise(b))
            #expect(a.contains { $0.hasPrefix("concluded ") || $0.contains(" concluded ") })
        }
    }

    @Test("a bad call gets the same status at both doors", arguments: [
        // unknown and missing steps: 422
        ([("action", "teleport")], "actions", HTTPStatus.unprocessableEntity),
        ([("action", "")], "actions", .unprocessableEntity),
        // a head's step through the officer's door: 403 at both, before its fields are read
        ([("action", "approve_extension"), ("on", "not-a-date")], "actions", .forbidden),
        // an officer's step with bad fields: 422
        ([("action", "request_extension"), ("days", "99"), ("reason", "x")], "actions", .unprocessableEntity),
        // a head's door without the head's role: 403
        ([("action", "set_deferral")], "approvals", .forbidden),
    ])
    func badCallsAgree(fields: [(String, String)], door: String, expected: HTTPStatus) async throws {
        try await withTestApp { app in
            let pair = try await Self.pair(app)
            let (console, api) = try await Self.step(pair, fields, door: door, on: app)
            #expect(console.status == expected, "console: \(console.body.prefix(200))")
            #expect(api.status == expected, "api: \(api.body.prefix(200))")
        }
    }

    @Test func everyAuditEntryWrittenIsInTheVocabulary() async throws {
        try await withTestApp { app in
            // given the demo county: requests at every stage, challenge cases, users, agencies
            app.settings.fixedToday = CivilDate(iso: "2025-06-16")
            _ = try await DemoCounty.load(hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(), on: app.db)
            // then every action and entity type written is one the audit page can label and filter
            let entries = try await AuditEntry.query(on: app.db).all()
            #expect(entries.count > 20)
            let unknown = entries.filter { $0.knownAction == nil || $0.knownEntityType == nil }.map { "\($0.action)/\($0.entityType)" }
            #expect(unknown.isEmpty, "\(Set(unknown))")
            // and the codes are unambiguous
            #expect(Set(AuditAction.allCases.map(\.code)).count == AuditAction.allCases.count)
            for action in AuditAction.allCases { #expect(AuditAction(code: action.code) == action) }
        }
    }
}
