import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("User management")
struct UserManagementTests {
    @Test func anAdministratorCreatesAUserWithSeveralRolesAndATemporaryPassword() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.u", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.u", County.password)
            try await browser.get("/console/users/new")
            let page = try await browser.post("/console/users", form: [
                ("username", "edu.clerk"), ("display_name", "教育局办事员"), ("agency_id", "\(try county.bureau.requireID())"),
                ("roles[]", "case_officer"), ("roles[]", "publisher")])
            #expect(page.status == .ok)
            #expect(page.body.contains("只显示这一次"))
            let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "edu.clerk").first())
            #expect(user.mustChangePassword)
            #expect(try await UserService.roles(of: try user.requireID(), on: app.db) == [.caseOfficer, .publisher])
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$entityID == String(try user.requireID()))
                .filter(\.$entityType == "staff_user").first())
            #expect(entry.summary == "新建用户 edu.clerk，角色：信息发布、依申请承办")
            #expect(entry.actorName.hasPrefix("admin.u"))
        }
    }

    @Test func aBureauAdministratorCannotManageTheCountysUsers() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("edu.admin", [.systemAdministrator], in: county.bureau, on: app)
            let countyUser = try await county.user("gov.clerk", [.publisher], on: app)
            let browser = TestClient(app)
            try await browser.signIn("edu.admin", County.password)
            #expect(try await browser.get("/console/users/\(try countyUser.requireID())/edit").status == .forbidden)
            let list = try await browser.get("/console/users")
            #expect(!list.body.contains("gov.clerk"))
            let create = try await browser.post("/console/users", form: [
                ("username", "sneaky"), ("display_name", "越权"), ("agency_id", "\(try county.government.requireID())"), ("roles[]", "auditor")])
            #expect(create.status == .unprocessableEntity)
            #expect(create.body.contains("请选择您有权管理的机构"))
        }
    }

    @Test func deactivatingAUserEndsTheirSessions() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.v", [.systemAdministrator], on: app)
            let clerk = try await county.user("clerk.v", [.publisher], on: app)
            let clerkBrowser = TestClient(app), adminBrowser = TestClient(app)
            try await clerkBrowser.signIn("clerk.v", County.password)
            try await adminBrowser.signIn("admin.v", County.password)
            try await adminBrowser.get("/console/users/\(try clerk.requireID())/edit")
            let saved = try await adminBrowser.post("/console/users/\(try clerk.requireID())", form: [
                ("version", "1"), ("display_name", "测试clerk.v"), ("agency_id", "\(try county.government.requireID())"), ("roles[]", "publisher")])
            #expect(saved.status == .seeOther)
            #expect(try await clerkBrowser.get("/console").status == .seeOther)
            #expect(try await StaffUser.find(clerk.id, on: app.db)?.isActive == false)
        }
    }
}
