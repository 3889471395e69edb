import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Audit log")
struct AuditTests {
    @Test func everyChangeRecordsWhoWhenAndBeforeAfter() async throws {
        try await withTestApp { app in
            // given
            let county = try await County.make(on: app)
            try await county.user("admin.a", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.a", County.password)
            let id = try county.bureau.requireID()
            // when the bureau's phone is changed through the console
            try await browser.get("/console/agencies/\(id)/edit")
            let saved = try await browser.post("/console/agencies/\(id)", form: [
                ("version", "1"), ("name", "测试县教育局"), ("code", "t-edu"), ("kind", "department"),
                ("parent_id", "\(try county.government.requireID())"), ("phone", "0999-1234567")])
            #expect(saved.status == .seeOther)
            // then one update entry names the actor and the old and new values
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entityType == "agency").filter(\.$action == "update").all()
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.actorName == "admin.a（测试admin.a）")
            #expect(entry.entityID == String(id))
            let changes = entry.changes
            #expect(changes.contains { $0.field == "phone" && $0.before == "" && $0.after == "0999-1234567" })
            #expect(changes.contains { $0.field == "version" && $0.before == "1" && $0.after == "2" })
        }
    }

    @Test func theAuditLogCannotBeEditedOrDeletedEvenInSQL() async throws {
        try await withTestApp { app in
            _ = try await County.make(on: app)
            let sql = try app.db.requireSQL()
            let count = try await AuditEntry.query(on: app.db).count()
            #expect(count == 3)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_entries SET summary = 'tampered'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_entries").run() }
            #expect(try await AuditEntry.query(on: app.db).count() == count)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$summary == "tampered").count() == 0)
        }
    }

    @Test func passwordsNeverReachTheAuditLog() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("secret.keeper", [.publisher], on: app)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entityType == "staff_user").all()
            #expect(!entries.isEmpty)
            for entry in entries {
                #expect(entry.afterJSON?.contains(user.passwordHash) == false)
                #expect(entry.afterJSON?.contains(County.password) == false)
            }
        }
    }

    @Test func theAuditorFiltersTheLog() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("auditor.a", [.auditor], on: app)
            try await county.user("admin.b", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("auditor.a", County.password)
            let page = try await browser.get("/console/audit?entity_type=agency&action=create")
            #expect(page.status == .ok)
            #expect(page.body.contains("新建机构 测试县教育局"))
            #expect(!page.body.contains("新建用户"))
            let bad = try await browser.get("/console/audit?from=2024-13-01")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("起始日期“2024-13-01”无效"))
            // and through the API
            let (_, secret) = try await APITokenService.create(name: "audit", userID: try await StaffUser.query(on: app.db)
                .filter(\.$username == "auditor.a").first()!.requireID(), validDays: 30, by: .system, on: app.db)
            browser.bearer = secret
            let json = try await browser.api(.GET, "/api/v1/audit?entity_type=staff_user&actor=系统")
            #expect(json.status == .ok)
            let decoded = try json.json(AuditPageDTO.self)
            #expect(decoded.total == 2)
            #expect(decoded.entries.allSatisfy { $0.entityType == "staff_user" })
        }
    }
}
