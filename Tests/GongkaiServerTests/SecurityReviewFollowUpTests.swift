import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// The defects a cold review of the hardened platform found (issue #8): separate upload gates
/// for strangers and staff, the mailbox lookup counted before it runs, accounts made by an
/// administrator choosing their own password, and SafeText on the last forms without it.
@Suite("Security review follow-up")
struct SecurityReviewFollowUpTests {
    /// Four strangers' slow uploads once held every upload slot: no officer could attach a file.
    @Test func strangersUploadsDoNotHoldStaffUploads() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("officer.u", [.caseOfficer], on: app)
            let officer = TestClient(app)
            try await officer.signIn("officer.u", County.password)
            let stranger = TestClient(app)
            try await stranger.get("/check")
            try await officer.get("/console/check")
            // given every slot of the public gate held by slow anonymous uploads
            let gate = app.publicUploadGate
            let (entered, enter) = AsyncStream<Void>.makeStream()
            let (release, releaser) = AsyncStream<Void>.makeStream()
            let holders = (0..<app.settings.publicUploadConcurrency).map { n in
                Task {
                    try await gate.run(client: "203.0.113.\(n)") {
                        enter.yield()
                        for await _ in release { break }
                    }
                }
            }
            var arrivals = entered.makeAsyncIterator()
            for _ in holders { _ = await arrivals.next() }
            let report = "2023年政府信息公开工作年度报告"
            // then another anonymous upload is turned away, on the portal and the API
            let refused = try await stranger.postMultipart("/check", fields: [], files: [("file", "r.txt", report)])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
            let api = try await TestClient(app).sendRaw(.POST, "/api/v1/report-checks?name=r.txt", headers: [:], body: ByteBuffer(string: report))
            #expect(api.status == .tooManyRequests)
            // while a signed-in officer's upload goes through its own gate
            let staffUpload = try await officer.postMultipart("/console/check", fields: [], files: [("file", "r.txt", report)])
            #expect(staffUpload.status != .tooManyRequests, "\(staffUpload.status) \(staffUpload.body.prefix(300))")
            #expect(staffUpload.status == .ok || staffUpload.status == .unprocessableEntity)
            releaser.finish()
            for holder in holders { try await holder.value }
            let afterwards = try await stranger.postMultipart("/check", fields: [], files: [("file", "r.txt", report)])
            #expect(afterwards.status != .tooManyRequests)
        }
    }

    /// Thirty wrong guesses at once once had eighteen checked against a cap of ten: the check
    /// and the count were apart. Each lookup takes its slot before it runs now.
    @Test func mailboxGuessesSentAtOnceAreCountedLikeOneByOne() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            let (_, done) = try await MessageFlowTests.writeLetter(app)
            let tracking = try #require(MessageFlowTests.trackingNumber(in: done.body))
            let cap = app.settings.trackingFailuresPerHour
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for n in 0..<30 {
                    group.addTask {
                        let guesser = TestClient(app)
                        guesser.remoteAddress = try SocketAddress(ipAddress: "198.51.\(100 + n / 200).\(n % 200 + 1)", port: 40000)
                        try await guesser.get("/mailbox/track")
                        return try await guesser.post("/mailbox/track", form: [
                            ("tracking_number", tracking), ("phone_last4", String(format: "%04d", 1000 + n)),
                        ]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .notFound }.count == cap)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 30 - cap)
        }
    }

    @Test func aLookupThatFindsTheLetterGivesItsSlotBack() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0; $0.trackingFailuresPerHour = 3 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            let (citizen, done) = try await MessageFlowTests.writeLetter(app)
            let tracking = try #require(MessageFlowTests.trackingNumber(in: done.body))
            try await citizen.get("/mailbox/track")
            for _ in 0..<5 {
                #expect(try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "5678")]).status == .ok)
            }
            for _ in 0..<3 {
                #expect(try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "0000")]).status == .notFound)
            }
            #expect(try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "0001")]).status == .tooManyRequests)
        }
    }

    /// An administrator gave a case officer's account a password of his own choosing and could
    /// sign in as the officer: an account made by another user chooses its password at its first
    /// sign-in, whatever it was given.
    @Test func anAccountAnAdministratorMakesMustChooseItsOwnPassword() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.k", [.systemAdministrator], on: app)
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "k", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            let chosen = "Chosen by admin 7"
            let made = try await api.api(.POST, "/api/v1/users", rawBody: """
                {"username": "officer.k", "display_name": "办事员", "agency_id": \(try county.government.requireID()),
                 "roles": ["case_officer"], "password": "\(chosen)"}
                """, contentType: .json)
            #expect(made.status == .created, "\(made.body)")
            let object = try JSONSerialization.jsonObject(with: Data(made.body.utf8)) as? [String: Any]
            #expect((object?["user"] as? [String: Any])?["must_change_password"] as? Bool == true)
            let stored = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "officer.k").first())
            #expect(stored.mustChangePassword)
            // the password given opens only the password page
            let browser = TestClient(app)
            let signIn = try await browser.signInResponse("officer.k", chosen)
            #expect(signIn.status == .seeOther)
            #expect(signIn.location == SiteURL.password.path)
            #expect(try await browser.get("/console/requests").status != .ok)
            // the console's form gives a temporary password, which must be changed too
            let adminBrowser = TestClient(app)
            try await adminBrowser.signIn("admin.k", County.password)
            try await adminBrowser.get("/console/users/new")
            _ = try await adminBrowser.post("/console/users", form: [
                ("username", "officer.l"), ("display_name", "办事员二"), ("agency_id", String(try county.government.requireID())),
                ("roles", "case_officer"),
            ])
            if let consoleMade = try await StaffUser.query(on: app.db).filter(\.$username == "officer.l").first() {
                #expect(consoleMade.mustChangePassword)
            }
            // the operator's accounts (command line, fixtures) start with the password given
            #expect(try #require(try await StaffUser.find(try admin.requireID(), on: app.db)).mustChangePassword == false)
        }
    }

    /// Bidirectional overrides and control characters reached the public standard-catalogue page
    /// through the catalogue's import (the form and the CSV's cells) and the attachment form.
    @Test func catalogueAndAttachmentFormsRefuseUnsafeText() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let header = CatalogueImportTests.header
            let bidiCell = header + "1,财政预决算,部门\u{202E}预算,收支总表,《预算法》,每年,县教育局,政府网站,全社会,主动,县级\n"
            try await desk.publisher.get("/console/catalogue/import")
            let cell = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(desk.bureauID)), ("domain", "财政预决算"),
            ], files: [(field: "file", filename: "目录.csv", content: bidiCell)])
            #expect(cell.status == .unprocessableEntity)
            #expect(cell.body.contains("第 2 行"))
            #expect(cell.body.contains("文字方向控制字符"))
            let control = header + "1,财政预决算,部门预算,收支\u{0007}总表,《预算法》,每年,县教育局,政府网站,全社会,主动,县级\n"
            let controlPage = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(desk.bureauID)), ("domain", "财政预决算"),
            ], files: [(field: "file", filename: "目录.csv", content: control)])
            #expect(controlPage.status == .unprocessableEntity)
            #expect(controlPage.body.contains("控制字符"))
            // the domain typed in the form
            let good = header + "1,财政预决算,部门预算,收支总表,《预算法》,每年,县教育局,政府网站,全社会,主动,县级\n"
            let domain = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(desk.bureauID)), ("domain", "财政\u{202E}预决算"),
            ], files: [(field: "file", filename: "目录.csv", content: good)])
            #expect(domain.status == .unprocessableEntity)
            #expect(try await CatalogueItem.query(on: app.db).count() == 0)
            let publicPage = try await TestClient(app).get("/catalogues")
            #expect(!publicPage.body.contains("\u{202E}"))
            // an attachment's file name
            let id = try await desk.draft("关于路灯维修的通知", body: "<p>正文</p>")
            try await desk.publisher.get("/console/publications/\(id)")
            let attached = try await desk.publisher.postMultipart("/console/publications/\(id)/attachments", fields: [],
                                                                  files: [("file", "通知\u{202E}fdp.txt", "%PDF-1.4\n%%EOF\n")])
            #expect(attached.status == .unprocessableEntity)
            #expect(try await PublicationAttachment.query(on: app.db).count() == 0)
        }
    }
}
