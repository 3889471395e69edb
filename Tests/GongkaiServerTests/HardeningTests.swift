import Fluent
import FluentSQLiteDriver
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor
import ZIPFoundation

/// The smaller promises of docs/security.md: ids, redirects, text in JSON, form tokens, token
/// expiry, sessions after a password change, a busy database, uploads judged by their directory.
@Suite("Hardening: ids, redirects, text, tokens, sessions, a busy database, file types")
struct HardeningTests {
    static func manyApplications(_ s: inout Settings) {
        s.applicationsPerHour = 100
        s.fixedToday = "2024-03-04"
    }

    @Test func aRequestIDIsAUUIDOrANewOne() async throws {
        try await withTestApp { app in
            let client = TestClient(app)
            let uuid = UUID().uuidString
            #expect(try await client.get("/healthz", headers: ["X-Request-Id": uuid]).headers.first(name: "X-Request-Id") == uuid.lowercased())
            for sent in ["forged\u{2028}entry", String(repeating: "a", count: 300), "1234", "\(uuid)x"] {
                let echoed = try #require(try await client.get("/healthz", headers: ["X-Request-Id": sent]).headers.first(name: "X-Request-Id"))
                #expect(echoed != sent && UUID(uuidString: echoed) != nil, "\(sent.prefix(20))")
            }
        }
    }

    @Test func theSignInPageReturnsToTheEncodedAddressRequireStaffMade() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("li.si", [.caseOfficer], on: app)
            let browser = TestClient(app)
            let sent = try await browser.get("/console/requests?q=%E9%81%93%E8%B7%AF&page=2")
            let location = try #require(sent.location)
            let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value)
            try await browser.get(location)
            let signedIn = try await browser.post("/login", form: [("username", "li.si"), ("password", County.password), ("next", next)])
            #expect(signedIn.location == "/console/requests?q=%E9%81%93%E8%B7%AF&page=2")
            for bad in [
                "/console/../login", "/console/%2e%2e/setup/x", "/console/%252e%252e/x", "/console/./x", "/consolex", "/console%2F%2Fevil",
                "/console/%E2%80%AE", "/console/%",
            ] {
                #expect(SessionController.safeNext(bad) == nil, "\(bad)")
            }
            #expect(SessionController.safeNext("/console") == "/console")
        }
    }

    @Test func textInJSONIsCheckedLikeForms() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.j", [.systemAdministrator], on: app)
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "j", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            let user = try await api.api(
                .POST, "/api/v1/users",
                rawBody: """
                    {"username": "bidi.user", "display_name": "王\\u202E小明", "agency_id": \(try county.government.requireID()), "roles": ["reviewer"]}
                    """, contentType: .json)
            #expect(user.status == .unprocessableEntity, "\(user.body)")
            let agency = try await api.api(
                .POST, "/api/v1/agencies", rawBody: #"{"name": "测试\u0000局", "code": "nul", "kind": "department"}"#,
                contentType: .json)
            #expect(agency.status == .unprocessableEntity, "\(agency.body)")
            #expect(try await StaffUser.query(on: app.db).filter(\.$username == "bidi.user").count() == 0)
        }
    }

    @Test func aSessionsFormTokenIsKeyedByTheInstallation() async throws {
        try await withTestApp { app in
            let one = SymmetricKey(size: .bits256), two = SymmetricKey(size: .bits256)
            #expect(CSRFMiddleware.token(forSession: "s", key: one) != CSRFMiddleware.token(forSession: "s", key: two))
            #expect(CSRFMiddleware.token(forSession: "s", key: one) != "csrf:s".sha256Hex)
            // the key is the installation's: stored once, read by every instance
            let stored = try #require(try await ServerSecret.find(ServerSecret.csrf, on: app.db))
            #expect(stored.value.count >= 43)
            #expect(try await ServerSecret.value(ServerSecret.csrf, on: app.db) == stored.value)
        }
    }

    /// Found by schemathesis (scripts/check-api): a multipart body with no part was a 500, and a
    /// path id that is not a number a 422 with Vapor's English reason.
    @Test func aBrokenUploadIsA400AndAnIdThatIsNoNumberA404() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let officer = try await county.user("li.si", [.caseOfficer], on: app)
            let client = TestClient(app)
            let broken = try await client.sendRaw(.POST, "/api/v1/report-checks",
                                                  headers: ["Content-Type": "multipart/form-data; boundary=c637e12e"],
                                                  body: ByteBuffer(string: "--c637e12e--\r\n"))
            #expect(broken.status == .badRequest)
            #expect(broken.body.contains("\"code\":\"bad_request\""), "\(broken.body)")
            client.bearer = try await APITokenService.create(name: "t", userID: try officer.requireID(), validDays: 1, by: .system, on: app.db).1
            for path in ["/api/v1/requests/null%2Cnull", "/api/v1/requests/abc/reply-letter", "/api/v1/messages/1.5"] {
                let page = try await client.api(.GET, path)
                #expect(page.status == .notFound, "\(path): \(page.status)")
                #expect(page.body.contains("\"code\":\"not_found\""), "\(path): \(page.body)")
            }
        }
    }

    @Test func tokensMadeWithoutAnExpiryGetOne() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("old.token", [.caseOfficer], on: app)
            let old = APIToken(tokenHash: "x".sha256Hex, name: "旧令牌", userID: try user.requireID(), createdAt: Date(), expiresAt: nil)
            try await old.create(on: app.db)
            try await ExpireUnlimitedAPITokens().prepare(on: app.db)
            let days = try #require(try await APIToken.find(old.id, on: app.db)?.expiresAt).timeIntervalSinceNow / 86_400
            #expect((89.9...90.1).contains(days))
        }
    }

    @Test func aPasswordChangeGivesTheBrowserANewSession() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("zhou.qi", [.caseOfficer], on: app)
            let laptop = TestClient(app)
            try await laptop.signIn("zhou.qi", County.password)
            let before = try #require(laptop.cookies[SessionAuthenticator.cookieName])
            try await laptop.get("/console/password")
            let changed = try await laptop.post(
                "/console/password",
                form: [
                    ("current_password", County.password), ("new_password", "Another horse 43"), ("password_confirmation", "Another horse 43"),
                ])
            #expect(changed.status == .seeOther)
            let after = try #require(laptop.cookies[SessionAuthenticator.cookieName])
            #expect(after != before)
            #expect(try await laptop.get("/console").status == .ok)
            // the old session secret is worthless
            let copy = TestClient(app)
            copy.setCookie(SessionAuthenticator.cookieName, before)
            #expect(try await copy.get("/console").status == .seeOther)
        }
    }

    /// SQLite has one writer: the application's write transactions take turns, so concurrent
    /// writes are not refused with "database is locked" (once a 500).
    @Test func concurrentWritesAreAllTaken() async throws {
        try await withTestApp(configureSettings: Self.manyApplications) { app in
            _ = try await County.make(on: app)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<12 {
                    group.addTask {
                        let page = try await TestClient(app).api(
                            .POST, "/api/v1/public/requests",
                            json: [
                                "agency_code": "t-edu", "applicant_kind": "natural_person", "applicant_name": "王小明", "id_type": "resident_id",
                                "id_number": RequestFixtures.idNumber, "phone": "13812345678", "description": "2023年学校布局调整方案 \(n)",
                                "provision_form": "electronic", "delivery_method": "email",
                            ])
                        return page.status.code
                    }
                }
                var all: [UInt] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
        }
    }

    /// Another process holding SQLite's write lock past the busy timeout: 503 with Retry-After.
    @Test(.enabled(if: !TestDatabase.isPostgres)) func aBusyDatabaseIsA503() async throws {
        try await withTestApp { app in
            let loops = Array(app.eventLoopGroup.makeIterator())
            guard loops.count >= 2, let holder = app.databases.database(logger: app.logger, on: loops[0]) as? any SQLDatabase,
                let waiter = app.databases.database(logger: app.logger, on: loops[1])
            else { return }
            let (locked, lock) = AsyncStream<Void>.makeStream()
            let holding = Task {
                try await holder.raw("BEGIN IMMEDIATE").run()
                lock.yield()
                try await Task.sleep(for: .milliseconds(Double(sqliteBusyTimeoutMilliseconds) * 1.6))
                try await holder.raw("COMMIT").run()
            }
            for await _ in locked { break }
            do {
                _ = try await Agency.query(on: waiter).set(\.$name, to: "忙").update()
                Issue.record("the write did not wait for the busy timeout")
            } catch {
                let answer = GongkaiErrorMiddleware.appError(for: error)
                #expect(answer.status == .serviceUnavailable, "\(error)")
                #expect(answer.headers.first(name: "Retry-After") != nil)
            }
            try await holding.value
        }
    }
    /// A ZIP archive is a Word document when its directory lists `word/document.xml`, not when
    /// those bytes merely occur in it (an executable stored beside a text naming them passed).
    @Test func anArchiveIsAWordDocumentOnlyWhenItsDirectoryListsTheBody() throws {
        func archive(_ entries: [(String, String)]) throws -> Data {
            let archive = try Archive(accessMode: .create)
            for (name, text) in entries {
                let body = Data(text.utf8)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(body.count), compressionMethod: .none) { position, size in
                    body.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            return try #require(archive.data)
        }
        let disguised = try archive([("setup.exe", "MZ\u{90} word/document.xml"), ("readme.txt", "see word/document.xml")])
        #expect(disguised.range(of: Data("word/document.xml".utf8)) != nil)
        #expect(FileType.sniff(disguised) == nil)
        #expect(FileType.checked(disguised, filename: "scan.docx") == nil)
        let word = try archive([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(FileType.checked(word, filename: "reply.docx") == .docx)
        // a damaged directory is no document either
        var cut = word
        cut.removeLast(10)
        #expect(FileType.sniff(cut) == nil)
    }
}
