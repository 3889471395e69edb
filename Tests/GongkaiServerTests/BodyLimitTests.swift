import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// How much of a body the server reads (docs/security.md): 64 KB for forms and JSON, 16 KB for
/// the anonymous short forms, the upload limit only on the routes that take files — and those
/// only after the session, the permission and a slot among the uploads received at once.
@Suite("Body limits: small by default, uploads only where they belong")
struct BodyLimitTests {
    static func twoUploadsAtOnce(_ s: inout Settings) { s.uploadConcurrency = 2 }

    @Test func aFormLargerThanItsRouteReadsIsRefusedBeforeItsTokenIsRead() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.one", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.one", County.password)
            #expect(app.settings.bodyMaxBytes == 64 * 1024)
            // a user's form reads 64 KB: 10,000 characters of name are 90 KB encoded
            try await browser.get("/console/users/new")
            let huge = try await browser.post(
                "/console/users", form: [("username", "big.user"), ("display_name", String(repeating: "名", count: 10_000))])
            #expect(huge.status == .payloadTooLarge)
            // an agency's form carries its guide, 20,000 characters at most: it reads 1 MB
            try await browser.get("/console/agencies/new")
            let guide = try await browser.post(
                "/console/agencies",
                form: [("name", "指南局"), ("code", "guide"), ("kind", "department"), ("guide_text", String(repeating: "指", count: 20_000))])
            #expect(guide.status != .payloadTooLarge && guide.status.code < 500, "\(guide.status)")
            let over = try await browser.post(
                "/console/agencies", form: [("name", "指南局"), ("code", "guide"), ("guide_text", String(repeating: "指", count: 120_000))])
            #expect(over.status == .payloadTooLarge)
        }
    }

    @Test func theAnonymousShortFormsTakeSixteenKilobytes() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("someone", [.reviewer], on: app)
            let stranger = TestClient(app)
            try await stranger.get("/login")
            let big = try await stranger.post("/login", form: [("username", String(repeating: "a", count: 20_000)), ("password", "x")])
            #expect(big.status == .payloadTooLarge)
            let fits = try await stranger.post("/login", form: [("username", String(repeating: "a", count: 10_000)), ("password", "x")])
            #expect(fits.status == .unauthorized)
            try await stranger.get("/track")
            #expect(try await stranger.post("/track", form: [("tracking_number", String(repeating: "G", count: 20_000))]).status == .payloadTooLarge)
            let api = try await TestClient(app).api(
                .POST, "/api/v1/public/requests/status",
                json: ["tracking_number": String(repeating: "G", count: 20_000), "phone_last4": "1234"])
            #expect(api.status == .payloadTooLarge)
            let json = try await TestClient(app).api(.POST, "/api/v1/public/requests", json: ["description": String(repeating: "x", count: 70_000)])
            #expect(json.status == .payloadTooLarge)
        }
    }

    @Test func anAttachmentMayBeLargerThanAFormAfterTheSessionAndTokenAreChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            let id = try #require(try await DisclosureRequest.query(on: app.db).first()).requireID()
            let text = String(repeating: "扫描件文字\n", count: 100_000)  // 1.6 MB of text
            // a stranger's upload is sent to the sign-in page, not read
            let stranger = try await TestClient(app).postMultipart(
                "/console/requests/\(id)/attachments", fields: [],
                files: [("file", "scan.txt", text)])
            #expect(stranger.status == .seeOther && stranger.location?.hasPrefix("/login") == true)
            // the officer's without the form token is refused
            try await officer.get("/console/requests/\(id)")
            let forged = TestClient(app)
            for (name, value) in officer.cookies where name != CSRFMiddleware.cookieName { forged.setCookie(name, value) }
            #expect(
                try await forged.postMultipart("/console/requests/\(id)/attachments", fields: [], files: [("file", "scan.txt", text)]).status
                    == .forbidden)
            // with it, accepted
            let page = try await officer.postMultipart("/console/requests/\(id)/attachments", fields: [], files: [("file", "scan.txt", text)])
            #expect(page.status == .seeOther, "\(page.status) \(page.body.prefix(200))")
            #expect(try await RequestAttachment.query(on: app.db).count() == 1)
        }
    }

    @Test func aScriptMaySendTheFormTokenAsAHeader() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.one", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.one", County.password)
            try await browser.get("/console/agencies/new")
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: CSRFMiddleware.headerName, value: try #require(browser.csrfToken))
            let page = try await browser.sendRaw(
                .POST, "/console/agencies", headers: headers,
                body: ByteBuffer(string: "name=%E6%B5%8B%E8%AF%95%E5%B1%80&code=hdr&kind=department"))
            // past the CSRF check: the form's own validation answers
            #expect(page.status == .unprocessableEntity, "\(page.status) \(page.body.prefix(200))")
            headers.replaceOrAdd(name: CSRFMiddleware.headerName, value: "forged")
            #expect(try await browser.sendRaw(.POST, "/console/agencies", headers: headers, body: ByteBuffer(string: "name=x")).status == .forbidden)
        }
    }

    @Test func uploadsAreReceivedABoundedNumberAtATime() async throws {
        try await withTestApp(configureSettings: Self.twoUploadsAtOnce) { app in
            let gate = app.uploadGate
            let (entered, enter) = AsyncStream<Void>.makeStream()
            let (releaseA, releaserA) = AsyncStream<Void>.makeStream()
            let (releaseB, releaserB) = AsyncStream<Void>.makeStream()
            // given one upload from client A being received
            let holder = Task {
                try await gate.run(client: "A") {
                    enter.yield()
                    for await _ in releaseA { break }
                }
            }
            var arrivals = entered.makeAsyncIterator()
            _ = await arrivals.next()
            // then a second from A is refused, one from B taken, a third client refused (2 in all)
            await #expect(throws: AppError.self) { try await gate.run(client: "A") {} }
            let holderB = Task {
                try await gate.run(client: "B") {
                    enter.yield()
                    for await _ in releaseB { break }
                }
            }
            _ = await arrivals.next()
            await #expect(throws: AppError.self) { try await gate.run(client: "C") {} }
            releaserA.finish(); releaserB.finish()
            try await holder.value
            try await holderB.value
            try await gate.run(client: "C") {}
        }
    }
}
