import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Sign-in, sessions, lockout and CSRF")
struct AuthTests {
    @Test func signInOpensTheConsoleAndSignOutCloses() async throws {
        try await withTestApp { app in
            // given
            let county = try await County.make(on: app)
            try await county.user("zhang.san", [.caseOfficer], on: app)
            let browser = TestClient(app)
            // when
            let dashboard = try await browser.signIn("zhang.san", County.password)
            // then
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("测试zhang.san（zhang.san）"))
            #expect(dashboard.body.contains("依申请承办"))
            #expect(try await StaffSession.query(on: app.db).count() == 1)
            let stored = try await StaffSession.query(on: app.db).first()!
            #expect(stored.tokenHash != browser.cookies["gongkai_session"], "only the hash of the cookie is stored")
            // when signing out
            let out = try await browser.post("/logout")
            #expect(out.status == .seeOther)
            #expect(try await StaffSession.query(on: app.db).count() == 0)
            let after = try await browser.get("/console")
            #expect(after.status == .seeOther)
            #expect(after.location == "/login?next=/console")
        }
    }

    @Test func wrongPasswordAndUnknownUserGetTheSameAnswer() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("li.si", [.publisher], on: app)
            let browser = TestClient(app)
            try await browser.get("/login")
            let wrong = try await browser.post("/login", form: [("username", "li.si"), ("password", "not the password 1")])
            let unknown = try await browser.post("/login", form: [("username", "nobody"), ("password", "whatever 123456")])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.body.contains("用户名或密码错误"))
            #expect(unknown.body.contains("用户名或密码错误"))
            #expect(browser.cookies["gongkai_session"] == nil)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.one", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.one", County.password)
            let before = try await Agency.query(on: app.db).count()
            // no token at all
            let missing = try await browser.post("/console/agencies", form: [("name", "伪造机构"), ("code", "forged"), ("kind", "department")], csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("表单已过期或来源无法验证"))
            // a token that is not the cookie's
            let forged = try await browser.post("/console/agencies", form: [("_csrf", String(repeating: "x", count: 43)), ("name", "伪造机构"), ("code", "forged"), ("kind", "department")], csrf: false)
            #expect(forged.status == .forbidden)
            // sign-in itself is protected (login CSRF)
            let anonymous = TestClient(app)
            let login = try await anonymous.post("/login", form: [("username", "admin.one"), ("password", County.password)], csrf: false)
            #expect(login.status == .forbidden)
            #expect(try await Agency.query(on: app.db).count() == before)
        }
    }

    @Test func anIdleSessionExpires() async throws {
        try await withTestApp(configureSettings: { $0.sessionIdleMinutes = 30 }) { app in
            let county = try await County.make(on: app)
            try await county.user("zhao.liu", [.auditor], on: app)
            let browser = TestClient(app)
            try await browser.signIn("zhao.liu", County.password)
            #expect(try await browser.get("/console").status == .ok)
            // given the session was last seen 31 minutes ago
            let session = try await StaffSession.query(on: app.db).first()!
            session.lastSeenAt = Date().addingTimeInterval(-31 * 60)
            try await session.save(on: app.db)
            // then the next request is sent to sign in and the session is gone
            let page = try await browser.get("/console")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login") == true)
            #expect(try await StaffSession.query(on: app.db).count() == 0)
        }
    }

    @Test func aPasswordSetBySomeoneElseMustBeChangedFirst() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let (user, temporary) = try await UserService.create(
                UserInput(username: "new.user", displayName: "新用户", agencyID: try county.government.requireID(), roles: [.publisher]),
                password: nil, hasher: app.passwordHasher, by: .system, on: app.db)
            let browser = TestClient(app)
            let page = try await browser.signIn("new.user", try #require(temporary))
            #expect(page.body.contains("请先设置自己的新密码"))
            #expect(try await browser.get("/console").location == "/console/password")
            // a weak new password is refused with the rule
            let weak = try await browser.post("/console/password", form: [
                ("current_password", temporary!), ("new_password", "short"), ("password_confirmation", "short")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.contains("密码至少需要 10 位"))
            let changed = try await browser.post("/console/password", form: [
                ("current_password", temporary!), ("new_password", "Spring river 2024"), ("password_confirmation", "Spring river 2024")])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/console").status == .ok)
            #expect(try await StaffUser.find(user.id, on: app.db)?.mustChangePassword == false)
        }
    }

    @Test func signInOnlyFollowsConsolePaths() {
        #expect(SessionController.safeNext("/console/users") == "/console/users")
        #expect(SessionController.safeNext("https://evil.example/") == nil)
        #expect(SessionController.safeNext("//evil.example/console") == nil)
        #expect(SessionController.safeNext("/console//evil") == nil)
    }
}
