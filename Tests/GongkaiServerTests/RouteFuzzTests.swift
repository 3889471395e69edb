import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Every route, with one parameter at a time set to a number or text a stranger could send and
/// all the others valid — real ids, the record's current version, a step the request allows: none
/// may answer 500 or take the process down.
///
/// One at a time matters. With every parameter extreme at once, `action` was never a known step,
/// so a request stopped at 422 before reaching its version, and `version=9223372036854775807`
/// with a valid step, which trapped in `expectedVersion + 1` and ended the server, went unseen
/// (issue #8 review).
@Suite("Routes under extreme parameters")
struct RouteFuzzTests {
    /// A fixed day, and no rate limit in the way of thousands of requests from one client.
    static func unlimited(_ s: inout Settings) {
        s.fixedToday = "2024-03-04"
        s.signInPerMinute = 100_000
        s.signInPerNetworkPerMinute = 100_000
        s.trackingPerMinute = 100_000
        s.trackingFailuresPerHour = 100_000
        s.applicationsPerHour = 100_000
        s.mailboxMinSeconds = 0
        s.mailboxPerAddressPerHour = 100_000
        s.messageLookupsPerHour = 100_000
    }

    static let extremes = [
        "0", "-1", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e99", "abc",
        "", "2024-02-30", "%00", String(repeating: "9", count: 10_000),
    ]

    /// The values one route's parameter gets. A number (a path id, or a parameter whose valid
    /// value is an integer) gets the four that overflow — the largest integer, minus one, zero,
    /// 2^31 (PostgreSQL's int4) — and one other in turn; a text gets two of the others in turn,
    /// turned per parameter name, so every extreme meets every parameter across the routes while
    /// the run stays within minutes (all twelve on every pair was some 150,000 requests).
    static func values(turn: Int, numeric: Bool) -> [String] {
        let always = ["9223372036854775807", "-1", "0", "2147483648"]
        let others = extremes.filter { !always.contains($0) }
        return numeric ? always + [others[turn % others.count]] : [others[(2 * turn) % others.count], others[(2 * turn + 1) % others.count]]
    }

    /// Parameters sent as JSON numbers to the API when they are written as integers.
    static let numeric: Set<String> = [
        "page", "year", "agency_id", "parent_id", "case_officer_id", "limit", "days", "quantity",
        "earlier_this_month", "version", "valid_days", "request_id", "ordered_days",
    ]

    struct World {
        var requestID: Int, agencyID: Int, plainUserID: Int, challengeID: Int, tokenID: Int
        var publicationID: Int, messageID: Int
        var tracking: String, agencyCode: String
        var baseline: [String: String]
    }

    /// The routes are dealt to this many runs of the test, each with a world of its own, so that
    /// the thousands of requests go in parallel rather than one after another (in one run they
    /// were the last quarter of an hour of each suite's run, alone on one core).
    static let shards = 4

    @Test(arguments: 0..<shards)
    func everyRouteSurvivesExtremeParameters(shard: Int) async throws {
        try await withTestApp(configureSettings: Self.unlimited) { app in
            // given a county with a request, a challenge case, a token, a publication, a public
            // message and a catalogue item, and a user for each duty
            let county = try await County.make(on: app)
            let worker = try await county.user(
                "fuzz.data",
                [
                    .caseOfficer, .officeHead, .supervisor, .publisher, .reviewer,
                    .confidentialityReviewer,
                ], on: app)
            let admin = try await county.user("fuzz.admin", [.systemAdministrator], on: app)
            let auditor = try await county.user("fuzz.audit", [.auditor], on: app)
            let plain = try await county.user("fuzz.plain", [.reviewer], on: app)
            var clients: [String: TestClient] = [:]
            for user in [worker, admin, auditor] {
                let client = TestClient(app)
                try await client.signIn(user.username, County.password)
                client.bearer = try await APITokenService.create(
                    name: "fuzz", userID: try user.requireID(), validDays: nil, by: .system,
                    on: app.db
                ).1
                clients[user.username] = client
            }
            let w = try #require(clients["fuzz.data"])
            let registered = try await RequestFixtures.register(
                w, RequestFixtures.registration(channel: "in_person", receivedOn: "2024-03-01"),
                agency: county.government)
            #expect(registered.status == .seeOther, "\(registered.body.prefix(300))")
            let request = try #require(try await DisclosureRequest.query(on: app.db).first())
            try await w.get("/console/challenges")
            try await w.post(
                "/console/challenges",
                form: [
                    ("agency_id", String(try county.government.requireID())), ("kind", "admin_review"),
                    ("filed_on", "2024-03-01"), ("body", "测试市人民政府"),
                    ("request_tracking_number", request.trackingNumber),
                ])
            let challenge = try #require(try await ChallengeCase.query(on: app.db).first())
            let (token, _) = try await APITokenService.create(
                name: "revocable", userID: try worker.requireID(), validDays: 30, by: .system, on: app.db)
            // so that the publications', messages' and catalogue's routes meet a real record, not only 404
            try await w.get("/console/publications/new")
            let drafted = try await w.post(
                "/console/publications",
                form: PublicationDesk.form(title: "关于道路维修的通知", body: "道路维修期间请绕行。", agencyID: try county.government.requireID(),
                                           formedOn: "2024-03-01"))
            let publicationID = try #require(drafted.location?.split(separator: "/").last.flatMap { Int($0) }, "\(drafted.status)")
            _ = try await MessageFlowTests.writeLetter(app, agency: county.government.code)
            let message = try #require(try await PublicMessage.query(on: app.db).first())
            try await w.get("/console/catalogue/import")
            let preview = try await w.postMultipart(
                "/console/catalogue/import", fields: [("agency_id", String(try county.government.requireID())), ("domain", "交通")],
                files: [(field: "file", filename: "目录.csv", content: CatalogueImportTests.header
                            + "1,道路交通,道路维修,维修路段和时间,《公路法》,每次,测试县人民政府,政府网站,全社会,主动,县级\n")])
            let payload = try #require(preview.body.range(of: "name=\"payload\" value=\"").map { r in
                String(preview.body[r.upperBound...].prefix(while: { $0 != "\"" }))
            }, "\(preview.status) \(preview.body.prefix(300))")
            try await w.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(try county.government.requireID())), ("domain", "交通"), ("payload", payload), ("confirm", "1"),
            ])
            #expect(try await CatalogueItem.query(on: app.db).count() == 1)
            let world = World(
                requestID: try request.requireID(), agencyID: try county.bureau.requireID(), plainUserID: try plain.requireID(),
                challengeID: try challenge.requireID(), tokenID: try token.requireID(), publicationID: publicationID,
                messageID: try message.requireID(), tracking: request.trackingNumber,
                agencyCode: county.bureau.code,
                baseline: [
                    "page": "1", "year": "2024", "agency_id": String(try county.government.requireID()),
                    "case_officer_id": String(try worker.requireID()), "filter": "open", "q": "道路", "format": "html", "name": "测试",
                    "subtree": "1", "next": "/console", "limit": "10", "date": "2024-03-04", "days": "5", "start": "2024-03-04",
                    "method": "pages", "quantity": "10", "earlier_this_month": "0", "entity_type": "request",
                    // a step the request allows, so the version is reached
                    "action": "assign", "from": "2024-01-01", "through": "2024-12-31", "received_on": "2024-03-01",
                    "served_on": "2024-03-04", "due_on": "2024-04-01", "reason": "测试", "display_name": "测试用户", "is_active": "1",
                    "roles": "reviewer", "kind": "department", "code": "fuzz-x", "result": "upheld", "decided_on": "2024-03-04",
                    "filed_on": "2024-03-01", "body": "测试市人民政府", "valid_days": "30", "tracking_number": request.trackingNumber,
                    "phone_last4": "5678", "step": "submit", "content": "2024-10-01\t国庆节\tholiday",
                ])

            // then the step with every parameter valid is taken: the fuzz reaches the version check
            let valid = try await send(
                .POST, "/console/requests/\(world.requestID)/actions", world: world, app: app, clients: clients,
                vary: nil)
            #expect(valid.status == .seeOther, "the baseline step is refused: \(valid.status) \(valid.body.prefix(300))")

            // when each route gets one extreme parameter at a time
            let routes = app.routes.all.filter { $0.path.first?.description != "logout" && $0.method != .HEAD }
            var requests = 0
            var planned = 0
            var turns: [String: Int] = [:]
            for (index, route) in routes.enumerated() {
                let names = Set(world.baseline.keys).union(["version"])
                    .union(route.path.compactMap { if case .parameter(let p) = $0 { return ":" + p } else { return nil } })
                for name in names.sorted() {
                    // every run takes the turns of every route, so a route's values do not depend on the shards
                    turns[name, default: 0] += 1
                    let numeric = name.hasPrefix(":") || Self.numeric.contains(name) || Int(world.baseline[name] ?? "") != nil
                    let values = Self.values(turn: turns[name]!, numeric: numeric)
                    planned += values.count
                    guard index % Self.shards == shard else { continue }
                    for value in values {
                        let path = try await Self.path(
                            of: route, world: world, app: app, vary: name.hasPrefix(":") ? (String(name.dropFirst()), value) : nil)
                        let response = try await send(
                            route.method, path, world: world, app: app, clients: clients,
                            vary: name.hasPrefix(":") ? nil : (name, value))
                        requests += 1
                        #expect(
                            response.status.code < 500,
                            "\(route.method) \(path.prefix(80)) with \(name)=\(value.prefix(20)): \(response.status) \(response.body.prefix(200))")
                    }
                }
            }
            // then the server still answers (the runs send more than 5,000 requests in all)
            #expect(planned > 5_000)
            #expect(requests > planned / (2 * Self.shards))
            #expect(try await TestClient(app).get("/healthz").status == .ok)
        }
    }

    /// The route's path with real ids, one of them replaced by `vary`.
    static func path(of route: Route, world: World, app: Application, vary: (String, String)?) async throws -> String {
        let text = "/" + route.path.map(\.description).joined(separator: "/")
        let components = route.path.map { component -> String in
            guard case .parameter(let name) = component else { return component.description }
            if let vary, vary.0 == name { return vary.1.isEmpty ? "x" : TestClient.encode(vary.1) }
            switch name {
            case "id" where text.contains("/users"): return String(world.plainUserID)
            case "id" where text.contains("/agencies"): return String(world.agencyID)
            case "id" where text.contains("challenge") || text.contains("reviews"): return String(world.challengeID)
            case "id" where text.contains("/tokens"): return String(world.tokenID)
            case "id" where text.contains("publications"): return String(world.publicationID)
            case "id" where text.contains("messages") && !text.contains("imports"): return String(world.messageID)
            case "id": return String(world.requestID)
            case "year": return "2024"
            case "name": return "app.css"
            case "code", "agency": return world.agencyCode
            default: return "1"
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Sends the baseline with `vary` replacing one field, as the route's user would: the
    /// administrator for users, agencies and holiday schedules, the auditor for the log, the
    /// worker for the rest. The version is the record's current one.
    func send(
        _ method: HTTPMethod, _ path: String, world: World, app: Application, clients: [String: TestClient],
        vary: (String, String)?
    ) async throws -> TestClient.Page {
        let writes = method != .GET
        let user =
            path.contains("/audit")
            ? "fuzz.audit"
            : path.contains("/users") || path.contains("/calendar") && writes || path.contains("/agencies") && writes ? "fuzz.admin" : "fuzz.data"
        let client = clients[user]!
        var fields = world.baseline
        fields["version"] = String(try await currentVersion(path, world: world, app: app))
        if let vary { fields[vary.0] = vary.1 }
        let query = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(TestClient.encode($0.value))" }.joined(separator: "&")
        switch (method, path.hasPrefix("/api/")) {
        case (.GET, true), (.DELETE, true): return try await client.api(method, path + "?" + query)
        case (.GET, false): return try await client.get(path + "?" + query)
        case (_, true): return try await client.api(method, path, rawBody: Self.json(fields), contentType: .json)
        default:
            var form = fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if let roles = fields["roles"] { form.append(("roles[]", roles)) }
            return try await client.post(path, form: form)
        }
    }

    /// The version the record at `path` has now.
    func currentVersion(_ path: String, world: World, app: Application) async throws -> Int {
        if path.contains("/users/") { return try await StaffUser.find(world.plainUserID, on: app.db)?.version ?? 1 }
        if path.contains("/agencies/") { return try await Agency.find(world.agencyID, on: app.db)?.version ?? 1 }
        if path.contains("challenge") { return try await ChallengeCase.find(world.challengeID, on: app.db)?.version ?? 1 }
        if path.contains("publications") { return try await Publication.find(world.publicationID, on: app.db)?.version ?? 1 }
        if path.contains("messages") { return try await PublicMessage.find(world.messageID, on: app.db)?.version ?? 1 }
        return try await DisclosureRequest.find(world.requestID, on: app.db)?.version ?? 1
    }

    /// A flat JSON object; integers of the numeric fields as numbers (so `version` is decoded as an Int).
    static func json(_ fields: [String: String]) -> String {
        let members = fields.sorted { $0.key < $1.key }.map { key, value -> String in
            let isInteger =
                !value.isEmpty && value.count <= 40 && value.drop(while: { $0 == "-" }).allSatisfy(\.isASCII)
                && value.drop(while: { $0 == "-" }).allSatisfy(\.isNumber) && !value.hasPrefix("--")
            let encoded =
                numeric.contains(key) && (isInteger || value == "1e99")
                ? value
                : String(data: try! JSONEncoder().encode(value), encoding: .utf8)!
            return "\(String(data: try! JSONEncoder().encode(key), encoding: .utf8)!):\(encoded)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
