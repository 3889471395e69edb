import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Two editors of one record: the second save is refused. The version a client sends is only
/// compared, never computed with (issue #8 review: `expectedVersion + 1` on 2^63−1 trapped).
@Suite("Optimistic lock: versions compared, incremented by the database")
struct OptimisticLockTests {
    @Test func aHugeVersionIsRefusedNotACrash() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.c", [.systemAdministrator], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            let target = try await county.user("plain", [.reviewer], on: app)
            let input = UserInput(
                username: "plain", displayName: "改名", agencyID: try county.government.requireID(), roles: [.reviewer],
                isActive: true)
            for version in [Int.max, Int(Int32.max) + 1, 0, -1, Int.min] {
                await #expect(throws: AppError.self, "\(version)") {
                    _ = try await UserService.update(
                        try target.requireID(), input, expectedVersion: version, staff: principal, by: .system,
                        on: app.db)
                }
            }
            // the same through the console and the API: 422
            let browser = TestClient(app)
            try await browser.signIn("admin.c", County.password)
            try await browser.get("/console/users/\(try target.requireID())/edit")
            let page = try await browser.post(
                "/console/users/\(try target.requireID())",
                form: [
                    ("version", "9223372036854775807"), ("display_name", "改名"), ("agency_id", String(try county.government.requireID())),
                    ("is_active", "1"), ("roles[]", "reviewer"),
                ])
            #expect(page.status == .unprocessableEntity)
            browser.bearer = try await APITokenService.create(name: "t", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            let api = try await browser.api(
                .PUT, "/api/v1/agencies/\(try county.bureau.requireID())",
                rawBody: #"{"name": "改名", "code": "edu", "kind": "department", "version": 2147483648}"#, contentType: .json)
            #expect(api.status == .unprocessableEntity, "\(api.body)")
        }
    }

    @Test func aStepWithAHugeVersionIsRefused() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(
                officer, RequestFixtures.registration(channel: "in_person", receivedOn: "2024-03-01"), agency: county.bureau)
            let request = try #require(try await DisclosureRequest.query(on: app.db).first())
            let clerk = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "officer").first())
            try await officer.get("/console/requests/\(try request.requireID())")
            for version in ["9223372036854775807", "2147483648", "0"] {
                let page = try await officer.post(
                    "/console/requests/\(try request.requireID())/actions",
                    form: [
                        ("action", "assign"), ("case_officer_id", String(try clerk.requireID())), ("version", version),
                    ])
                #expect(page.status == .unprocessableEntity, "\(version): \(page.status)")
            }
            // the current version is taken and the database increments it
            let taken = try await officer.post(
                "/console/requests/\(try request.requireID())/actions",
                form: [
                    ("action", "assign"), ("case_officer_id", String(try clerk.requireID())), ("version", String(request.version)),
                ])
            #expect(taken.status == .seeOther)
            #expect(try await DisclosureRequest.find(request.id, on: app.db)?.version == request.version + 1)
            // and the version seen before is now a conflict
            let stale = try await officer.post(
                "/console/requests/\(try request.requireID())/actions",
                form: [
                    ("action", "assign"), ("case_officer_id", String(try clerk.requireID())), ("version", String(request.version)),
                ])
            #expect(stale.status == .conflict)
        }
    }

    @Test func twoConcurrentClaimsOfOneVersionMeetOneConflict() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let id = try county.bureau.requireID()
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            try await app.db.writeTransaction { tx in
                                _ = try await OptimisticLock.claim(table: Agency.schema, id: id, expectedVersion: 1, what: "机构", on: tx)
                            }
                            return true
                        } catch let error as AppError where error.code == "edit_conflict" {
                            return false
                        }
                    }
                }
                var all: [Bool] = []
                for try await o in group { all.append(o) }
                return all
            }
            #expect(outcomes.filter { $0 }.count == 1 && outcomes.count == 2)
            #expect(try await Agency.find(id, on: app.db)?.version == 2)
        }
    }
}
