import Fluent
import Foundation
@testable import GongkaiServer
import Testing
import Vapor

/// Issue #14, staff accounts: "Sessions listed on the user's page with 'sign out everywhere'".
@Suite("Staff sessions: the signed-in browsers, and signing out of them")
struct StaffSessionTests {
    @Test func aUserSeesHisBrowsersAndSignsOutTheOthers() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("colleague", [.caseOfficer], on: app)
            let office = TestClient(app), home = TestClient(app), colleague = TestClient(app)
            for client in [office, home] { try await client.signIn("officer", County.password) }
            try await colleague.signIn("colleague", County.password)

            let page = try await office.get("/console/sessions")
            #expect(page.status == .ok)
            #expect(page.body.components(separatedBy: "<tr>").count - 2 == 2, "two browsers of officer, none of colleague")
            #expect(page.body.components(separatedBy: "（本设备）").count - 1 == 1)
            #expect(page.body.contains("退出其他所有设备"))

            let ended = try await office.post("/console/sessions/end", form: [("scope", "others")])
            #expect(ended.status == .seeOther)
            #expect(ended.location == "/console/sessions")
            #expect(try await office.get("/console").status == .ok)
            #expect(try await home.get("/console").status == .seeOther, "the other browser is signed out")
            #expect(try await colleague.get("/console").status == .ok, "another user's sessions are not touched")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.revoke.code).all()
            #expect(audit.map(\.summary) == ["用户 officer 退出其他所有设备：结束 1 个登录"])

            // everywhere: this browser too
            try await home.signIn("officer", County.password)
            let all = try await office.post("/console/sessions/end", form: [("scope", "all")])
            #expect(all.status == .seeOther)
            #expect(all.location?.hasPrefix("/login") == true)
            #expect(try await office.get("/console").status == .seeOther)
            #expect(try await home.get("/console").status == .seeOther)
            #expect(try await StaffSession.query(on: app.db).count() == 1, "only the colleague's")

            let bad = try await colleague.post("/console/sessions/end", form: [("scope", "everyone")])
            #expect(bad.status == .unprocessableEntity)

            // a session idle past the limit is dead (the next request would end it): not listed
            let colleagueID = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "colleague").first()?.requireID())
            let stale = StaffSession(tokenHash: "stale", userID: colleagueID, now: Date().addingTimeInterval(-3 * 3600),
                                     expiresAt: Date().addingTimeInterval(3600), ipAddress: "10.0.0.9", userAgent: "curl/8")
            try await stale.create(on: app.db)
            let listed = try await StaffSessionService.list(userID: colleagueID, currentToken: nil,
                                                            idleMinutes: app.settings.sessionIdleMinutes, on: app.db)
            #expect(listed.count == 1)
            #expect(!listed.contains { $0.ipAddress == "10.0.0.9" })
        }
    }

    @Test("a browser named as people know it", arguments: [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "Chrome · Windows"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge · Windows"),
        ("Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.44", "微信 · Android"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1", "Safari · iPhone"),
        ("curl/7.88.1", "curl"),
        ("", "未知浏览器"),
    ])
    func browserNames(_ agent: String, _ name: String) {
        #expect(SessionIndexPage.View.browser(agent) == name)
    }
}
