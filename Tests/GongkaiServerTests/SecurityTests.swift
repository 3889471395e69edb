import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// Issue #8: what an attacker tried, each now a test.
@Suite("Security: what an attacker tries")
struct SecurityTests {
    // MARK: high

    @Test("a huge page number is a page, not a crash", arguments: ["/console/requests", "/console/audit", "/api/v1/requests", "/api/v1/audit"])
    func hugePageNumbers(path: String) async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("probe", [.caseOfficer, .auditor], in: county.government, on: app)
            let browser = TestClient(app)
            try await browser.signIn("probe", County.password)
            let (_, secret) = try await APITokenService.create(name: "p", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            for page in ["9223372036854775807", "-9223372036854775808", "0", "-1", "abc", String(repeating: "9", count: 10_000)] {
                let response = path.hasPrefix("/api/")
                    ? try await browser.api(.GET, "\(path)?page=\(page)") : try await browser.get("\(path)?page=\(page)")
                #expect(response.status == .ok, "\(path)?page=\(page.prefix(20)): \(response.status)")
            }
        }
    }

    @Test func aNextAddressWithALineBreakCannotPlantHeaders() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("victim", [.caseOfficer], on: app)
            let browser = TestClient(app)
            try await browser.get("/login")
            let attack = "/console\r\nSet-Cookie: gongkai_session=attacker\r\n\r\n"
            let response = try await browser.post("/login", form: [("username", "victim"), ("password", County.password), ("next", attack)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/console")
            #expect(!response.headers[.setCookie].contains { $0.contains("attacker") })
            #expect(SessionController.safeNext("/console/requests?q=道路") == "/console/requests?q=%E9%81%93%E8%B7%AF")
            for bad in ["//evil.example/console", "/console\\..", "/console\u{0}", "/console\u{202E}", "/console%0d%0a", "https://evil/console"] {
                #expect(SessionController.safeNext(bad) == nil, "\(bad)")
            }
        }
    }

    @Test func aResponseHeaderWithALineBreakIsNeverSent() async throws {
        try await withTestApp { app in
            app.get("probe-header") { _ in Response(status: .ok, headers: ["X-Probe": "a\r\nSet-Cookie: x=y"]) }
            let response = try await TestClient(app).get("/probe-header")
            #expect(response.status == .internalServerError)
            #expect(response.headers["X-Probe"].isEmpty)
        }
    }

    // MARK: medium

    @Test func anAuditorReadsOnlyTheLogOfTheAgenciesBelowThem() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            // given changes in the bureau and in the township
            try await county.user("bureau.clerk", [.caseOfficer], in: county.bureau, on: app)
            try await county.user("town.clerk", [.caseOfficer], in: county.township, on: app)
            let bureauAuditor = try await county.user("bureau.auditor", [.auditor], in: county.bureau, on: app)
            try await county.user("county.auditor", [.auditor], in: county.government, on: app)
            // when each auditor reads the log, in the console and through the API
            func visible(_ username: String, _ user: StaffUser? = nil) async throws -> (page: String, api: [AuditEntryDTO]) {
                let browser = TestClient(app)
                try await browser.signIn(username, County.password)
                let page = try await browser.get("/console/audit")
                let id = try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first()).requireID()
                let (_, secret) = try await APITokenService.create(name: "a", userID: id, validDays: nil, by: .system, on: app.db)
                browser.bearer = secret
                return (page.body, try await browser.api(.GET, "/api/v1/audit").json(AuditPageDTO.self).entries)
            }
            let bureau = try await visible("bureau.auditor", bureauAuditor)
            let whole = try await visible("county.auditor")
            // then the bureau's auditor sees the bureau's users, not the township's
            #expect(bureau.page.contains("bureau.clerk") && !bureau.page.contains("town.clerk"))
            #expect(bureau.api.contains { $0.summary.contains("bureau.clerk") })
            #expect(!bureau.api.contains { $0.summary.contains("town.clerk") || $0.summary.contains("测试县城关镇") })
            // and the county's auditor sees both
            #expect(whole.api.contains { $0.summary.contains("town.clerk") } && whole.api.contains { $0.summary.contains("bureau.clerk") })
        }
    }

    @Test func anAdministratorCannotGiveHimselfRolesNorTheAuditDuty() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.a", [.systemAdministrator], on: app)
            let other = try await county.user("clerk.b", [.caseOfficer], on: app)
            let auditor = try await county.user("audit.c", [.auditor], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.a", County.password)
            func save(_ user: StaffUser, roles: [Role]) async throws -> TestClient.Page {
                try await browser.get("/console/users/\(try user.requireID())/edit")
                let fresh = try #require(try await StaffUser.find(user.id, on: app.db))
                return try await browser.post("/console/users/\(try user.requireID())", form: [
                    ("version", String(fresh.version)), ("display_name", fresh.displayName), ("agency_id", String(fresh.$agency.id)),
                    ("is_active", "1")] + roles.map { ("roles[]", $0.rawValue) })
            }
            // self-assignment of the case officer's or the auditor's duty is refused
            let selfGrant = try await save(admin, roles: [.systemAdministrator, .caseOfficer])
            #expect(selfGrant.status == .unprocessableEntity)
            #expect(selfGrant.body.contains("不能修改自己的角色"))
            // the audit duty is given and taken on the command line only
            #expect(try await save(other, roles: [.caseOfficer, .auditor]).body.contains("三员分立"))
            #expect(try await save(auditor, roles: [.caseOfficer]).body.contains("三员分立"))
            #expect(try await UserService.roles(of: try admin.requireID(), on: app.db) == [.systemAdministrator])
            #expect(try await UserService.roles(of: try other.requireID(), on: app.db) == [.caseOfficer])
            // nor can the administrator take over the auditor's account with a password reset
            try await browser.get("/console/users/\(try auditor.requireID())/edit")
            let reset = try await browser.post("/console/users/\(try auditor.requireID())/reset-password")
            #expect(reset.status == .forbidden)
            // while the operator's command line may create an auditor (UserService without a staff actor)
            let made = try await UserService.create(UserInput(username: "audit.d", displayName: "审计员", agencyID: try county.government.requireID(),
                                                              roles: [.auditor]), password: nil, hasher: app.passwordHasher, by: .system, on: app.db)
            #expect(made.temporaryPassword != nil)
        }
    }

    @Test func trackingNumbersCannotBeGuessedQuickly() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            let tracking = try #require(try await DisclosureRequest.query(on: app.db).first()).trackingNumber
            let stranger = TestClient(app)
            try await stranger.get("/track")
            // 10 wrong guesses of the last four digits are answered; the 11th waits
            for guess in 0..<10 {
                let page = try await stranger.post("/track", form: [("tracking_number", tracking), ("phone_last4", String(format: "%04d", guess))])
                #expect(page.status == .notFound)
            }
            let refused = try await stranger.post("/track", form: [("tracking_number", tracking), ("phone_last4", "5678")])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
            // the API takes the digits in the body and shares the limits
            let api = try await TestClient(app).api(.POST, "/api/v1/public/requests/status", json: ["tracking_number": tracking, "phone_last4": "5678"])
            #expect(api.status == .tooManyRequests)
            #expect(try await TestClient(app).api(.GET, "/api/v1/public/requests/\(tracking)?phone_last4=5678").status == .notFound)
        }
    }

    @Test func strangersSlowAnAccountDownButCannotLockItsOwnerOut() async throws {
        try await withTestApp(configureSettings: { $0.signInFailuresBeforeDelay = 3 }) { app in
            let county = try await County.make(on: app)
            try await county.user("wang.wu", [.reviewer], on: app)
            let attacker = TestClient(app)
            try await attacker.get("/login")
            for _ in 1...3 { try await attacker.post("/login", form: [("username", "wang.wu"), ("password", "guess guess 1")]) }
            // the attacker's fourth try waits, for a real and an unknown account alike
            let slowed = try await attacker.post("/login", form: [("username", "wang.wu"), ("password", County.password)])
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers.first(name: "Retry-After") != nil)
            for _ in 1...3 { try await attacker.post("/login", form: [("username", "nobody.here"), ("password", "guess guess 1")]) }
            let slowedUnknown = try await attacker.post("/login", form: [("username", "nobody.here"), ("password", "guess guess 1")])
            #expect(slowedUnknown.status == .tooManyRequests)
            #expect(slowed.body.contains("登录失败次数过多") && slowedUnknown.body.contains("登录失败次数过多"))
            // the account is not locked in the database, and an administrator's unlock clears the slowdown
            let stored = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "wang.wu").first())
            #expect(stored.lockedUntil == nil)
            let failures = try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.signInFailed.code).count()
            #expect(failures == 3)
            app.rateLimiter.reset(prefix: SignInService.failurePrefix("wang.wu"))
            let owner = TestClient(app)
            try await owner.signIn("wang.wu", County.password)
        }
    }

    @Test func aSignInFloodFromOneAddressIsTurnedAway() async throws {
        try await withTestApp(configureSettings: { $0.signInPerMinute = 5 }) { app in
            let browser = TestClient(app)
            try await browser.get("/login")
            var statuses: [HTTPStatus] = []
            for n in 0..<8 { statuses.append(try await browser.post("/login", form: [("username", "user\(n)"), ("password", "x")]).status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(3).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test func aPasswordChangeOrResetEndsOtherSessionsAndTokens() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("zhao.liu", [.caseOfficer], on: app)
            try await county.user("admin.x", [.systemAdministrator], on: app)
            let laptop = TestClient(app), phone = TestClient(app)
            try await laptop.signIn("zhao.liu", County.password)
            try await phone.signIn("zhao.liu", County.password)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            #expect(try await api.api(.GET, "/api/v1/me").status == .ok)
            // when the user changes the password on the laptop
            try await laptop.get("/console/password")
            let changed = try await laptop.post("/console/password", form: [
                ("current_password", County.password), ("new_password", "Another horse 43"), ("password_confirmation", "Another horse 43")])
            #expect(changed.status == .seeOther)
            // then the laptop stays signed in, the phone and the token are out
            #expect(try await laptop.get("/console").status == .ok)
            #expect(try await phone.get("/console").status == .seeOther)
            #expect(try await api.api(.GET, "/api/v1/me").status == .unauthorized)
            // an administrator's reset ends every session too, and the API refuses until the password is changed
            let (_, second) = try await APITokenService.create(name: "t2", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            _ = try await UserService.resetPassword(try user.requireID(), hasher: app.passwordHasher, by: .system, on: app.db)
            #expect(try await laptop.get("/console").status == .seeOther)
            let afterReset = TestClient(app)
            afterReset.bearer = second
            #expect(try await afterReset.api(.GET, "/api/v1/me").status == .unauthorized)
            let fresh = try await APITokenService.create(name: "t3", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            afterReset.bearer = fresh.1
            let mustChange = try await afterReset.api(.GET, "/api/v1/me")
            #expect(mustChange.status == .forbidden)
            #expect(try mustChange.json(APIErrorBody.self).error.code == "must_change_password")
        }
    }

    // MARK: low

    @Test func everyAnswerCarriesTheSecurityHeadersErrorPagesIncluded() async throws {
        try await withTestApp(configureSettings: { $0.secureCookies = true }) { app in
            let county = try await County.make(on: app)
            try await county.user("head.one", [.officeHead], on: app)
            let browser = TestClient(app)
            for path in ["/", "/no-such-page", "/api/v1/no-such-thing", "/login"] {
                let page = try await browser.get(path)
                #expect(page.headers.first(name: "Content-Security-Policy")?.contains("style-src 'self'") == true, "\(path)")
                #expect(page.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(page.headers.first(name: "Strict-Transport-Security") != nil, "\(path)")
            }
            try await browser.signIn("head.one", County.password)
            #expect(try await browser.get("/console").headers.first(name: .cacheControl) == "no-store")
            #expect(try await browser.get("/api/v1/calendar/years").headers.first(name: .cacheControl) == "no-store")
            // the session cookie lasts as long as the browser session, Secure behind HTTPS
            let login = try await TestClient(app).signInResponse("head.one", County.password)
            let cookie = try #require(login.headers[.setCookie].first { $0.hasPrefix("gongkai_session=") })
            #expect(!cookie.contains("Max-Age") && !cookie.contains("Expires") && cookie.contains("Secure") && cookie.contains("HttpOnly"))
        }
    }

    @Test func theFormTokenIsBoundToTheSession() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.one", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.one", County.password)
            let before = try await Agency.query(on: app.db).count()
            // a planted cookie and a matching field do not pass for a signed-in user
            browser.setCookie(CSRFMiddleware.cookieName, "a")
            let planted = try await browser.post("/console/agencies", form: [("_csrf", "a"), ("name", "伪造"), ("code", "f"), ("kind", "department")], csrf: false)
            #expect(planted.status == .forbidden)
            let wellFormed = Secrets.token()
            browser.setCookie(CSRFMiddleware.cookieName, wellFormed)
            let planted2 = try await browser.post("/console/agencies", form: [("_csrf", wellFormed), ("name", "伪造"), ("code", "f"), ("kind", "department")], csrf: false)
            #expect(planted2.status == .forbidden)
            #expect(try await Agency.query(on: app.db).count() == before)
            // before sign-in, a malformed planted cookie is never accepted either
            let anonymous = TestClient(app)
            anonymous.setCookie(CSRFMiddleware.cookieName, "a")
            let login = try await anonymous.post("/login", form: [("_csrf", "a"), ("username", "admin.one"), ("password", County.password)], csrf: false)
            #expect(login.status == .forbidden)
        }
    }

    @Test func logLinesCannotBeForged() {
        #expect(SafeText.logLine("wang\n2026-01-01 ERROR forged") == "wang\\n2026-01-01 ERROR forged")
        #expect(!SafeText.logLine("a\r\u{1B}[31mb").contains("\r"))
    }

    @Test func metricsAreForTheMonitoringSystemOnly() async throws {
        try await withTestApp(configureSettings: { (settings: inout Settings) in settings.metricsToken = "monitor-secret-123" }) { (app: Application) async throws in
            let client = TestClient(app)
            #expect(try await client.get("/metrics").status == .forbidden)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: "monitor-secret-123")
            #expect(try await client.get("/metrics", headers: headers).status == .ok)
            headers.bearerAuthorization = BearerAuthorization(token: "wrong")
            #expect(try await client.get("/metrics", headers: headers).status == .forbidden)
        }
    }

    @Test func textWithControlCharactersOrStackedMarksIsRefusedWhole() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            for (field, value) in [("applicant_name", "王\u{0}小明"), ("description", "申请\u{202E}公开文件"),
                                   ("applicant_name", "王" + String(repeating: "\u{0301}", count: 1000))] {
                let page = try await RequestFixtures.register(officer, RequestFixtures.registration().map { $0.0 == field ? ($0.0, value) : $0 },
                                                              agency: county.bureau)
                #expect(page.status == .unprocessableEntity, "\(field)")
            }
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
            // a line break in a multi-line field is fine
            #expect(SafeText.problem("第一行\n第二行") == nil)
        }
    }

    @Test func anExecutableIsNotAcceptedAsAPDF() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            try await officer.get("/console/requests/\(id)")
            let elf = "\u{7F}ELF\u{2}\u{1}\u{1}" + String(repeating: "\u{0}", count: 64)
            let page = try await officer.postMultipart("/console/requests/\(id)/attachments", fields: [], files: [("file", "scan.pdf", elf)])
            #expect(page.status == .unprocessableEntity)
            #expect(try await RequestAttachment.query(on: app.db).count() == 0)
            try await officer.get("/console/requests/\(id)")
            let pdf = try await officer.postMultipart("/console/requests/\(id)/attachments", fields: [], files: [("file", "scan.pdf", "%PDF-1.4\n%%EOF\n")])
            #expect(pdf.status == .seeOther)
        }
    }

    @Test func apiTokensExpireByDefault() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("t.user", [.caseOfficer], on: app)
            let (token, _) = try await APITokenService.create(name: "默认", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let days = try #require(token.expiresAt).timeIntervalSinceNow / 86_400
            #expect((89.9...90.1).contains(days))
            await #expect(throws: AppError.self) {
                _ = try await APITokenService.create(name: "太长", userID: try user.requireID(), validDays: 3650, by: .system, on: app.db)
            }
        }
    }

    @Test func theChallengeFormDoesNotTellWhetherAnotherAgencysTrackingNumberExists() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            let townOfficer = try await county.user("town.o", [.caseOfficer], in: county.township, on: app)
            _ = townOfficer
            let town = TestClient(app)
            try await town.signIn("town.o", County.password)
            try await RequestFixtures.register(town, RequestFixtures.registration(), agency: county.township)
            let townTracking = try #require(try await DisclosureRequest.query(on: app.db).first()).trackingNumber
            try await officer.get("/console/challenges")
            func attempt(_ tracking: String) async throws -> String {
                try await officer.get("/console/challenges")
                return try await officer.post("/console/challenges", form: [
                    ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-03-01"),
                    ("body", "测试县人民政府"), ("request_tracking_number", tracking)]).body
            }
            let existing = try await attempt(townTracking)
            let missing = try await attempt("GK240304-ZZZZZ")
            #expect(existing.contains("没有查询号为 \(townTracking) 的申请"))
            #expect(missing.contains("没有查询号为 GK240304-ZZZZZ 的申请"))
        }
    }

    /// Every route, with every number or text a stranger could put in its path, query or body:
    /// none may answer 500 or take the process down.
    @Test func everyRouteSurvivesExtremeParameters() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("fuzz", Set(Role.allCases), on: app)
            let browser = TestClient(app)
            try await browser.signIn("fuzz", County.password)
            let (_, secret) = try await APITokenService.create(name: "fuzz", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            let values = ["0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e99", "abc", "",
                          "2024-02-30", "%00", String(repeating: "9", count: 10_000)]
            let names = ["page", "year", "id", "agency_id", "case_officer_id", "filter", "q", "format", "name", "subtree", "next", "limit",
                         "date", "days", "start", "method", "quantity", "earlier_this_month", "entity_type", "action", "from", "through",
                         "version", "received_on", "served_on", "due_on"]
            // Signing out would leave the rest of the routes unauthenticated.
            let routes = app.routes.all.filter { $0.path.first?.description != "logout" }
            var requests = 0
            for route in routes {
                for value in values {
                    let encoded = TestClient.encode(value)
                    let path = "/" + route.path.map { component -> String in
                        if case .parameter = component { return encoded.isEmpty ? "x" : encoded }
                        return component.description
                    }.joined(separator: "/")
                    let query = names.map { "\($0)=\(encoded)" }.joined(separator: "&")
                    let response: TestClient.Page
                    switch (route.method, path.hasPrefix("/api/")) {
                    case (.GET, true), (.DELETE, true): response = try await browser.api(route.method, path + "?" + query)
                    case (.GET, false): response = try await browser.get(path + "?" + query)
                    case (_, true): response = try await browser.api(route.method, path + "?" + query, json: Dictionary(uniqueKeysWithValues: names.map { ($0, value) }))
                    default:
                        try await browser.get("/console")
                        response = try await browser.post(path + "?" + query, form: names.map { ($0, value) })
                    }
                    requests += 1
                    #expect(response.status.code < 500, "\(route.method) \(path.prefix(80)) with \(value.prefix(20)): \(response.status) \(response.body.prefix(200))")
                }
            }
            #expect(requests > 500)
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }
}
