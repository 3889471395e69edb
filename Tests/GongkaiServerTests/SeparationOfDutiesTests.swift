import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// 三员分立 (docs/security.md): the audit duty is the operator's to give, change or take; the
/// auditor's and the administrator's roles are held alone.
@Suite("Separation of duties: the auditor's account is the operator's")
struct SeparationOfDutiesTests {
    @Test func anAdministratorCannotNarrowTheAuditorsReach() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.a", [.systemAdministrator], on: app)
            let auditor = try await county.user("county.auditor", [.auditor], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            // when the administrator moves the county's auditor to a township with nothing in it
            let input = UserInput(
                username: "county.auditor", displayName: "审计员", agencyID: try county.township.requireID(),
                roles: [.auditor], isActive: true)
            await #expect(throws: AppError.self, "an administrator moved the auditor out of the county") {
                _ = try await UserService.update(
                    try auditor.requireID(), input, expectedVersion: auditor.version, staff: principal,
                    by: .system, on: app.db)
            }
            // nor renames, unlocks or resets the account
            var renamed = input
            renamed.agencyID = try county.government.requireID()
            renamed.displayName = "别人"
            await #expect(throws: AppError.self) {
                _ = try await UserService.update(
                    try auditor.requireID(), renamed, expectedVersion: auditor.version, staff: principal, by: .system, on: app.db)
            }
            await #expect(throws: AppError.self) {
                try await UserService.unlock(try auditor.requireID(), staff: principal, by: .system, on: app.db)
            }
            await #expect(throws: AppError.self) {
                _ = try await UserService.resetPassword(
                    try auditor.requireID(), hasher: app.passwordHasher, staff: principal, by: .system, on: app.db)
            }
            let stored = try #require(try await StaffUser.find(auditor.id, on: app.db))
            #expect(stored.$agency.id == (try county.government.requireID()) && stored.displayName == auditor.displayName)
        }
    }

    @Test func anAuditorCannotBeMadeAnAdministratorToo() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.b", [.systemAdministrator], on: app)
            let auditor = try await county.user("aud.b", [.auditor], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            let input = UserInput(
                username: "aud.b", displayName: "审计员", agencyID: try county.government.requireID(),
                roles: [.auditor, .systemAdministrator, .caseOfficer], isActive: true)
            await #expect(throws: AppError.self, "the auditor now also administers users and handles requests") {
                _ = try await UserService.update(
                    try auditor.requireID(), input, expectedVersion: auditor.version, staff: principal,
                    by: .system, on: app.db)
            }
            #expect(try await UserService.roles(of: try auditor.requireID(), on: app.db) == [.auditor])
        }
    }

    @Test func theAuditorsAndTheAdministratorsRolesAreHeldAloneEvenByTheOperator() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            for roles: Set<Role> in [[.auditor, .reviewer], [.systemAdministrator, .caseOfficer], [.systemAdministrator, .supervisor]] {
                let input = UserInput(username: "two.hats", displayName: "两顶帽子", agencyID: try county.government.requireID(), roles: roles)
                await #expect(throws: AppError.self, "\(roles)") {
                    _ = try await UserService.create(input, password: nil, hasher: app.passwordHasher, by: .commandLine("user create"), on: app.db)
                }
            }
            #expect(SeparationOfDuties.problem(holding: [.caseOfficer, .officeHead, .supervisor, .publisher]) == nil)
            // and an administrator cannot give a case officer the administrator's role
            let admin = try await county.user("admin.c", [.systemAdministrator], on: app)
            let officer = try await county.user("clerk.c", [.caseOfficer], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            let input = UserInput(
                username: "clerk.c", displayName: "承办人", agencyID: try county.government.requireID(),
                roles: [.caseOfficer, .systemAdministrator], isActive: true)
            await #expect(throws: AppError.self) {
                _ = try await UserService.update(
                    try officer.requireID(), input, expectedVersion: officer.version, staff: principal, by: .system, on: app.db)
            }
        }
    }

    /// The risk left (docs/security.md): an administrator may reset a case officer's password.
    /// The officer must then choose a new one at the next sign-in, and the reset is in the log
    /// the auditor reads.
    @Test func aResetOfADataAccountForcesAChangeAndIsInTheAuditorsLog() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.d", [.systemAdministrator], on: app)
            let officer = try await county.user("clerk.d", [.caseOfficer], on: app)
            try await county.user("aud.d", [.auditor], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            let temporary = try await UserService.resetPassword(
                try officer.requireID(), hasher: app.passwordHasher, staff: principal,
                by: .system, on: app.db)
            let browser = TestClient(app)
            try await browser.get("/login")
            let signIn = try await browser.post("/login", form: [("username", "clerk.d"), ("password", temporary)])
            #expect(signIn.location == "/console/password")
            #expect(try await browser.get("/console/requests").location == "/console/password")
            let auditorView = TestClient(app)
            try await auditorView.signIn("aud.d", County.password)
            #expect(try await auditorView.get("/console/audit").body.contains("重置用户 clerk.d 的密码"))
        }
    }
}
