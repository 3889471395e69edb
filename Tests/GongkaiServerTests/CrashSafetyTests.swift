import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

/// Nothing acknowledged is lost (issue #14): a write load through the API against the real
/// server, `kill -9` in the middle of it, a restart, and then every write that was answered 2xx is
/// there with its history and audit entry, and nothing is half-written.
@Suite("Crash safety")
struct CrashSafetyTests {
    @Test func killingTheServerMidLoadLosesNoAcknowledgedWrite() async throws {
        let database = try await makeTestDatabase()
        defer { Task { await removeServedDatabase(database) } }
        // given a county with a case officer holding an API token
        var agencyID = 0
        var secret = ""
        try await withApp(on: database.location) { app in
            let county = try await County.make(on: app)
            let officer = try await county.user("crash.officer", [.caseOfficer], in: county.bureau, on: app)
            secret = try await APITokenService.create(name: "crash", userID: try officer.requireID(), validDays: nil, by: .system, on: app.db).1
            agencyID = try county.bureau.requireID()
        }
        let environment = ["GONGKAI_TODAY": "2024-03-04", "GONGKAI_LOG_LEVEL": "warning"]
        let server = try ServerProcess(database: database.url, environment: environment)
        defer { server.stop() }
        try await server.waitUntilServing()

        // when six clients register requests as fast as they can and the server is killed mid-load
        let acknowledged = NIOLockedValueBox<[Int]>([])
        let token = secret, agency = agencyID
        let clients = (0..<6).map { client in
            Task {
                for n in 0..<10_000 {
                    let input = Self.request(agency: agency, description: "崩溃测试 客户\(client) 第\(n)件：2023年城区道路改造工程招标文件")
                    guard let (data, response) = try? await server.postJSON("/api/v1/requests", input, bearer: token) else { return }
                    guard response.statusCode == 201 else { continue }
                    let created = try JSONCoding.decoder().decode(RequestDetailDTO.self, from: data)
                    acknowledged.withLockedValue { $0.append(created.request.id) }
                }
            }
        }
        for _ in 0..<600 where acknowledged.withLockedValue({ $0.count }) < 40 { try await Task.sleep(for: .milliseconds(50)) }
        server.stop(signal: SIGKILL)
        for client in clients { try await client.value }
        let ids = acknowledged.withLockedValue { $0 }
        #expect(ids.count >= 40, "the load ran before the kill")

        // then, after a restart, the server answers for every acknowledged request
        let restarted = try ServerProcess(database: database.url, environment: environment)
        defer { restarted.stop() }
        try await restarted.waitUntilServing()
        for id in ids {
            let (_, response) = try await restarted.get("/api/v1/requests/\(id)", bearer: secret)
            #expect(response.statusCode == 200, "acknowledged request \(id) lost")
        }
        restarted.stop()
        // and every request in the database, acknowledged or not, is whole: its history and audit entry
        try await withApp(on: database.location) { app in
            let sql = try app.db.requireSQL()
            let rows = try await sql.raw(
                """
                SELECT r.id AS id,
                       (SELECT count(*) FROM request_events e WHERE e.request_id = r.id) AS events,
                       (SELECT count(*) FROM audit_entries a WHERE a.entity_type = 'disclosure_request'
                            AND a.entity_id = CAST(r.id AS TEXT)) AS audits
                FROM disclosure_requests r
                """
            ).all()
            let stored = try Dictionary(
                uniqueKeysWithValues: rows.map { row in
                    (
                        try row.decode(column: "id", as: Int.self),
                        (try row.decode(column: "events", as: Int.self), try row.decode(column: "audits", as: Int.self))
                    )
                })
            #expect(Set(ids).isSubset(of: Set(stored.keys)), "missing: \(Set(ids).subtracting(stored.keys).sorted())")
            for (id, counts) in stored {
                #expect(counts.0 == 1 && counts.1 == 1, "request \(id) half-written: \(counts.0) history entries, \(counts.1) audit entries")
            }
            #expect(stored.count >= ids.count)
        }
    }

    static func request(agency: Int, description: String) -> [String: String] {
        [
            "agency_id": String(agency), "channel": "post_signed", "submitted_on": "2024-03-04",
            "applicant_kind": "commercial_enterprise", "applicant_name": "某建设工程有限公司", "id_type": "credit_code",
            "id_number": "91350100M000100Y43", "contact_person": "陈经理", "phone": "0591-87654321", "description": description,
            "provision_form": "paper", "delivery_method": "post",
        ]
    }
}
