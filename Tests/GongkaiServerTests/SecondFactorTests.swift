import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Issue #14, staff accounts: a TOTP second factor with recovery codes, required of system
/// administrators, auditors and office heads. The server has no injectable clock: codes are
/// computed from the real time, for the step after the one used last (the ±1 window accepts it).
@Suite("Second factor (TOTP): enrolment, sign-in, replay, recovery codes, reset")
struct SecondFactorTests {
    static func privileged(_ s: inout Settings) { s.secondFactorPolicy = .privilegedRoles }

    /// Enrols the signed-in client on the console page; returns the key and the recovery codes.
    static func enrol(_ client: TestClient) async throws -> (totp: TOTPRule, recoveryCodes: [String]) {
        let page = try await client.get("/console/second-factor")
        #expect(page.status == .ok)
        #expect(page.body.contains("在身份验证器应用中手动输入密钥") || page.body.contains("手动输入密钥"))
        let uri = try #require(page.body.range(of: "otpauth://totp/%E5%85%AC%E5%BC%80:").map { String(page.body[$0.lowerBound...].prefix(while: { $0 != "<" })) })
        let secretText = try #require(uri.components(separatedBy: "secret=").last?.components(separatedBy: "&").first)
        let secret = try #require(Base32.decode(secretText))
        #expect(secret.count == 20)
        let totp = TOTPRule(secret: secret, hmac: SecondFactorService.hmac)
        let wrong = try await client.post("/console/second-factor", form: [("action", "confirm"), ("code", "12345")])
        #expect(wrong.status == .unprocessableEntity)
        let done = try await client.post("/console/second-factor", form: [("action", "confirm"), ("code", totp.code(at: Date()))])
        #expect(done.status == .ok)
        let codes = done.body.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix(11)) }
        #expect(codes.count == 10)
        return (totp, codes)
    }

    static func code(_ totp: TOTPRule, stepsAhead: Int64) -> String {
        totp.code(counter: TOTPRule.counter(at: Date()) + stepsAhead)
    }

    /// Password, then the second step with `code`.
    static func signIn(_ client: TestClient, _ username: String, code: String) async throws -> TestClient.Page {
        let first = try await client.signInResponse(username, County.password)
        #expect(first.status == .seeOther)
        #expect(first.location == "/login/second-factor")
        #expect(try await client.get("/console").status == .seeOther, "no session before the second factor")
        _ = try await client.get("/login/second-factor")
        return try await client.post("/login/second-factor", form: [("code", code)])
    }

    @Test func enrolmentThenSignInNeedsACodeUsableOnceAndRecoveryCodesWorkOnce() async throws {
        try await withTestApp(configureSettings: Self.privileged) { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let browser = TestClient(app)
            let console = try await browser.signIn("officer", County.password)
            #expect(console.status == .ok, "optional for a case officer: signed in with the password alone")
            let (totp, recovery) = try await Self.enrol(browser)
            try await browser.post("/logout")

            // a wrong code is refused and opens no session
            let wrong = try await Self.signIn(browser, "officer", code: "000000" == Self.code(totp, stepsAhead: 1) ? "111111" : "000000")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("验证码不正确"))
            #expect(try await browser.get("/console").status == .seeOther)

            // the right code (the next step's: the current one was spent by enrolment) passes
            let next = Self.code(totp, stepsAhead: 1)
            let right = try await browser.post("/login/second-factor", form: [("code", next)])
            #expect(right.status == .seeOther)
            #expect(right.location == "/console")
            #expect(try await browser.get("/console").status == .ok)
            try await browser.post("/logout")

            // the same code again: refused, even in a new sign-in
            let replay = try await Self.signIn(browser, "officer", code: next)
            #expect(replay.status == .unauthorized)
            #expect(try await browser.get("/console").status == .seeOther)

            // a recovery code (typed in capitals) works once
            let viaRecovery = try await browser.post("/login/second-factor", form: [("code", recovery[3].uppercased())])
            #expect(viaRecovery.status == .seeOther)
            #expect(try await browser.get("/console").status == .ok)
            try await browser.post("/logout")
            let again = try await Self.signIn(browser, "officer", code: recovery[3])
            #expect(again.status == .unauthorized)
            let other = try await browser.post("/login/second-factor", form: [("code", recovery[4])])
            #expect(other.status == .seeOther)

            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(actions.filter { $0 == AuditAction.enrolSecondFactor.code }.count == 1)
            #expect(actions.filter { $0 == AuditAction.useRecoveryCode.code }.count == 2)
            #expect(actions.filter { $0 == AuditAction.signInFailed.code }.count == 3, "wrong, replayed, spent recovery code")
            let factor = try #require(try await SecondFactor.query(on: app.db).first())
            #expect(factor.lastUsedStep ?? 0 >= TOTPRule.counter(at: Date()), "the last step used is remembered")
            #expect(try await RecoveryCodeHash.query(on: app.db).all().allSatisfy { !$0.codeHash.contains("-") && $0.codeHash.count == 64 },
                    "stored hashed")
        }
    }

    @Test func codeAttemptsAreLimitedPerAccount() async throws {
        try await withTestApp(configureSettings: Self.privileged) { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let browser = TestClient(app)
            try await browser.signIn("officer", County.password)
            let (totp, _) = try await Self.enrol(browser)
            try await browser.post("/logout")
            _ = try await Self.signIn(browser, "officer", code: "999999x")
            var statuses: [HTTPStatus] = []
            for _ in 0..<app.settings.signInFailuresBeforeDelay + 1 {
                statuses.append(try await browser.post("/login/second-factor", form: [("code", "abcdef")]).status)
            }
            #expect(statuses.last == .tooManyRequests)
            let right = try await browser.post("/login/second-factor", form: [("code", Self.code(totp, stepsAhead: 1))])
            #expect(right.status == .tooManyRequests, "even the right code waits once the limit is reached")
        }
    }

    @Test func aSystemAdministratorWithoutASecondFactorMustEnrolFirstAndHisTokenIsRefused() async throws {
        try await withTestApp(configureSettings: Self.privileged) { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin", [.systemAdministrator], on: app)
            let token = try await APITokenService.create(name: "t", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            let browser = TestClient(app)
            let first = try await browser.signInResponse("admin", County.password)
            #expect(first.location == "/console", "no factor yet: the password opens the session")
            for path in ["/console", "/console/users", "/console/tokens"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/console/second-factor", "\(path) leads to enrolment")
            }
            let api = TestClient(app)
            api.bearer = token
            let refused = try await api.api(.GET, "/api/v1/me")
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("second_factor_required"))
            let page = try await browser.get("/console/second-factor")
            #expect(page.body.contains("您的角色要求使用两步验证"))

            _ = try await Self.enrol(browser)
            #expect(try await browser.get("/console/users").status == .ok)
            #expect(try await api.api(.GET, "/api/v1/me").status == .ok)
        }
    }

    @Test func theSettingRequiresItOfEveryone() async throws {
        #expect(try Settings.fromEnvironment([:]).secondFactorPolicy == .privilegedRoles, "the production default")
        #expect(try Settings.fromEnvironment(["GONGKAI_REQUIRE_TOTP_FOR_ALL": "true"]).secondFactorPolicy == .everyone)
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["GONGKAI_REQUIRE_TOTP_FOR_ALL": "maybe"]) }
        try await withTestApp(configureSettings: { $0.secondFactorPolicy = .everyone }) { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let browser = TestClient(app)
            try await browser.signInResponse("officer", County.password)
            #expect(try await browser.get("/console/requests").location == "/console/second-factor")
        }
    }

    @Test func disablingNeedsACodeOrThePassword() async throws {
        try await withTestApp(configureSettings: Self.privileged) { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let browser = TestClient(app)
            try await browser.signIn("officer", County.password)
            _ = try await Self.enrol(browser)
            let refused = try await browser.post("/console/second-factor", form: [("action", "disable"), ("proof", "wrong password")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await SecondFactor.query(on: app.db).count() == 1)
            let done = try await browser.post("/console/second-factor", form: [("action", "disable"), ("proof", County.password)])
            #expect(done.status == .seeOther)
            #expect(try await SecondFactor.query(on: app.db).count() == 0)
            #expect(try await RecoveryCodeHash.query(on: app.db).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.disableSecondFactor.code).count() == 1)
            // re-enrolment: a new key
            #expect(try await browser.get("/console/second-factor").body.contains("otpauth://"))
        }
    }

    @Test func anAdministratorResetsAUsersSecondFactorButNotHisOwnNorAnAuditors() async throws {
        try await withTestApp(configureSettings: Self.privileged) { app in
            let county = try await County.make(on: app)
            try await county.user("admin", [.systemAdministrator], on: app)
            let officer = try await county.user("officer", [.caseOfficer], on: app)
            let auditor = try await county.user("auditor", [.auditor], on: app)
            let officerBrowser = TestClient(app), adminBrowser = TestClient(app)
            try await officerBrowser.signIn("officer", County.password)
            _ = try await Self.enrol(officerBrowser)
            try await adminBrowser.signInResponse("admin", County.password)
            _ = try await Self.enrol(adminBrowser)

            _ = try await adminBrowser.get("/console/users/\(try officer.requireID())/edit")
            let reset = try await adminBrowser.post("/console/users/\(try officer.requireID())/reset-second-factor")
            #expect(reset.status == .seeOther)
            #expect(try await officerBrowser.get("/console").status == .seeOther, "the officer's sessions ended")
            #expect(try await SecondFactor.query(on: app.db).filter(\.$user.$id == officer.requireID()).count() == 0)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.resetSecondFactor.code).first())
            #expect(entry.summary == "重置用户 officer 的两步验证")
            let signIn = try await officerBrowser.signInResponse("officer", County.password)
            #expect(signIn.location == "/console", "the password alone again")

            let ownID = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "admin").first()?.requireID())
            #expect(try await adminBrowser.post("/console/users/\(ownID)/reset-second-factor").status == .forbidden)
            #expect(try await adminBrowser.post("/console/users/\(try auditor.requireID())/reset-second-factor").status == .forbidden,
                    "an auditor's account is reset on the command line only (三员分立)")
        }
    }
}
