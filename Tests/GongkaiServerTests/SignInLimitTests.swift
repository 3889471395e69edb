import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOConcurrencyHelpers
import NIOCore
import Testing
import Vapor

/// The limits on what strangers do quickly (docs/security.md, issue #8 and its review): counted
/// before the work they limit, per address and per target, never a lock on an account's owner.
@Suite("Limits on strangers: counted first, never a lock")
struct SignInLimitTests {
    static func networkBudgetOfThree(_ s: inout Settings) { s.signInPerNetworkPerMinute = 3 }

    static func twoApplicationsAnHour(_ s: inout Settings) {
        s.applicationsPerHour = 2
        s.fixedToday = "2024-03-04"
    }

    static func oneApplicationAnHour(_ s: inout Settings) {
        s.applicationsPerHour = 1
        s.fixedToday = "2024-03-04"
    }

    static func tenFailedLookups(_ s: inout Settings) {
        s.trackingPerMinute = 1000
        s.trackingFailuresPerHour = 10
    }

    /// A request as if it came from `address` (the limits key on the client address).
    static func request(_ app: Application, from address: String, path: String = "/login") throws -> Request {
        Request(
            application: app, method: .POST, url: URI(path: path),
            remoteAddress: try SocketAddress(ipAddress: address, port: 40000), on: app.eventLoopGroup.next())
    }

    static func isSignedIn(_ outcome: SignInService.Outcome) -> Bool {
        if case .signedIn = outcome { return true }
        return false
    }

    static func isRefused(_ outcome: SignInService.Outcome) -> Bool {
        if case .refused = outcome { return true }
        return false
    }

    static func isThrottled(_ outcome: SignInService.Outcome) -> Bool {
        if case .throttled = outcome { return true }
        return false
    }

    @Test func strangersFromFourAddressesCannotKeepTheOwnerOut() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("owner", [.caseOfficer], on: app)
            // given four strangers' addresses, five wrong passwords each (every account-wide failure counted)
            for a in 1...4 {
                for _ in 1...5 {
                    _ = try await SignInService.signIn(
                        username: "owner", password: "wrong wrong 1", on: try Self.request(app, from: "198.51.100.\(a)"))
                }
            }
            // then each stranger's address waits before its next try of the account
            let sixth = try await SignInService.signIn(username: "owner", password: County.password, on: try Self.request(app, from: "198.51.100.1"))
            #expect(Self.isThrottled(sixth))
            // and the owner, from her own office, with the right password, is in (slowed, not refused)
            let owner = try await SignInService.signIn(username: "owner", password: County.password, on: try Self.request(app, from: "203.0.113.7"))
            #expect(Self.isSignedIn(owner), "the owner was kept out by strangers: \(owner)")
        }
    }

    @Test func concurrentGuessesFromOneAddressAreCountedBeforeTheyAreChecked() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("victim", [.caseOfficer], on: app)
            // when one address sends 20 guesses at once
            let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<20 {
                    let r = try Self.request(app, from: "198.51.100.9")
                    group.addTask { Self.isRefused(try await SignInService.signIn(username: "victim", password: "guess \(n) guess", on: r)) }
                }
                var count = 0
                for try await wasChecked in group where wasChecked { count += 1 }
                return count
            }
            // then no more passwords were checked than one address may try one by one
            #expect(refused == app.settings.signInFailuresBeforeDelay, "\(refused) passwords were checked")
        }
    }

    @Test func aHugeUserNameIsNotKeptAsAKey() async throws {
        try await withTestApp { app in
            let name = String(repeating: "a", count: 1_000_000)
            let before = app.rateLimiter.size
            let outcome = try await SignInService.signIn(username: name, password: "x", on: try Self.request(app, from: "198.51.100.20"))
            #expect(Self.isRefused(outcome))
            // only the address and its network were counted: nothing keyed by the name is held
            let keys = SignInService.failureKeys(address: "198.51.100.20", username: name)
            #expect(app.rateLimiter.count(keys.account) == 0 && app.rateLimiter.count(keys.both) == 0)
            #expect(app.rateLimiter.size == before + 2)
        }
    }

    /// Six addresses sending twenty sign-ins each at once once spent a budget shared by the whole
    /// site, and the right password of a real user got 429. There is no such budget now: the
    /// flood is limited per address and per network, and the owner signs in.
    @Test func aFloodFromSixAddressesDoesNotKeepStaffOut() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("real.user", [.caseOfficer], on: app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for a in 1...6 {
                    for n in 0..<20 {
                        group.addTask {
                            let stranger = TestClient(app)
                            stranger.remoteAddress = try SocketAddress(ipAddress: "203.0.\(100 + a).9", port: 40000)
                            try await stranger.get("/login")
                            return try await stranger.post("/login", form: [("username", "guess\(n)"), ("password", "wrong wrong 1")]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 120)
            #expect(!statuses.contains(.internalServerError))
            let owner = TestClient(app)
            owner.remoteAddress = try SocketAddress(ipAddress: "192.0.2.77", port: 40000)
            let response = try await owner.signInResponse("real.user", County.password)
            #expect(response.status == .seeOther)
        }
    }

    /// Addresses of one network (IPv4 /24, IPv6 /48) share a budget; another network has its own.
    @Test func addressesOfOneNetworkCountTogether() async throws {
        try await withTestApp(configureSettings: Self.networkBudgetOfThree) { app in
            var outcomes: [SignInService.Outcome] = []
            for a in 1...4 {
                outcomes.append(
                    try await SignInService.signIn(username: "user\(a)", password: "x", on: try Self.request(app, from: "198.51.100.\(a)")))
            }
            #expect(outcomes.prefix(3).allSatisfy(Self.isRefused))
            #expect(Self.isThrottled(outcomes[3]))
            let elsewhere = try await SignInService.signIn(username: "user5", password: "x", on: try Self.request(app, from: "198.51.101.1"))
            #expect(Self.isRefused(elsewhere))
            for a in 1...3 {
                _ = try await SignInService.signIn(username: "user\(a)", password: "x", on: try Self.request(app, from: "2001:db8:7:\(a)::1"))
            }
            let sameSlash48 = try await SignInService.signIn(username: "user4", password: "x", on: try Self.request(app, from: "2001:db8:7:ff::1"))
            #expect(Self.isThrottled(sameSlash48))
            let otherSlash48 = try await SignInService.signIn(username: "user4", password: "x", on: try Self.request(app, from: "2001:db8:8::1"))
            #expect(Self.isRefused(otherSlash48))
        }
    }

    /// bcrypt has threads of its own. Every one of them is held busy (as by a flood of sign-ins,
    /// with more work queued behind), and a page's database query still completes. On the
    /// shared thread pool, as before the review, SQLite's query waited behind every hash: here it
    /// would wait for ever, so the wait is bounded and then counted as a failure. Ordering, not
    /// speed: the machine may be slow.
    @Test func theDatabaseAnswersWhileEveryPasswordThreadIsBusy() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("someone", [.reviewer], on: app)
            let pool = app.passwordHasher.threadPool
            #expect(pool !== app.threadPool)
            let release = DispatchSemaphore(value: 0)
            let busy = PasswordHasher.threadCount + 4  // every thread, and a queue behind them
            let held = (0..<busy).map { _ in Task { try await pool.runIfActive { release.wait() } } }
            // when a page's query runs while every password thread is held
            let answered = NIOLockedValueBox(false)
            let query = Task {
                let count = try await StaffUser.query(on: app.db).count()
                answered.withLockedValue { $0 = true }
                return count
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while !answered.withLockedValue({ $0 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let inTime = answered.withLockedValue { $0 }
            for _ in 0..<busy { release.signal() }
            for task in held { _ = try? await task.value }
            // then it was answered without waiting for them
            #expect(inTime, "the database query waited for the password threads")
            #expect(try await query.value == 1)
        }
    }

    @Test func concurrentApplicationsFromOneAddressKeepTheHourlyLimit() async throws {
        try await withTestApp(configureSettings: Self.twoApplicationsAnHour) { app in
            let county = try await County.make(on: app)
            let agencyID = try county.bureau.requireID()
            let context = try await app.requestContext()
            let fields = FormFields(
                Dictionary(
                    uniqueKeysWithValues: RequestFixtures.registration(submittedOn: "2024-03-04")
                        .filter { $0.0 != "agency_id" }.map { ($0.0, [$0.1]) }))
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await RequestIntake.registerOnline(
                                fields: fields, agencyID: agencyID, client: "198.51.100.30", app: app,
                                context: context, by: .system, on: app.db)
                            return 201
                        } catch let error as AppError {
                            return Int(error.status.code)
                        }
                    }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            // two registered, the others refused by the limit: none failed in the database
            #expect(results.filter { $0 == 201 }.count == 2, "\(results)")
            #expect(results.filter { $0 == 429 }.count == 4, "\(results)")
            #expect(try await DisclosureRequest.query(on: app.db).count() == 2)
        }
    }

    @Test func aRefusedApplicationIsNotCounted() async throws {
        try await withTestApp(configureSettings: Self.oneApplicationAnHour) { app in
            let county = try await County.make(on: app)
            let context = try await app.requestContext()
            let valid = Dictionary(
                uniqueKeysWithValues: RequestFixtures.registration(submittedOn: "2024-03-04")
                    .filter { $0.0 != "agency_id" }.map { ($0.0, [$0.1]) })
            var invalid = valid
            invalid["applicant_name"] = [""]
            await #expect(throws: AppError.self) {
                _ = try await RequestIntake.registerOnline(
                    fields: FormFields(invalid), agencyID: try county.bureau.requireID(), client: "198.51.100.31",
                    app: app, context: context, by: .system, on: app.db)
            }
            _ = try await RequestIntake.registerOnline(
                fields: FormFields(valid), agencyID: try county.bureau.requireID(), client: "198.51.100.31",
                app: app, context: context, by: .system, on: app.db)
        }
    }

    @Test func concurrentLookupsOfOneTrackingNumberAreCountedBeforeTheyAreChecked() async throws {
        try await withTestApp(configureSettings: Self.tenFailedLookups) { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            let tracking = try #require(try await DisclosureRequest.query(on: app.db).first()).trackingNumber
            // when 40 guesses of the phone's last digits arrive at once from four addresses
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        do {
                            let found = try await PublicRequestStatus.lookup(
                                trackingNumber: tracking, phoneLast4: String(format: "%04d", n),
                                client: "198.51.100.\(n % 4)", app: app, on: app.db)
                            return found == nil ? 404 : 200
                        } catch let error as AppError {
                            return Int(error.status.code)
                        }
                    }
                }
                var all: [Int] = []
                for try await s in group { all.append(s) }
                return all
            }
            // then only ten were looked up
            #expect(statuses.filter { $0 == 404 }.count == 10, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 30)
        }
    }

    @Test func aHugeTrackingNumberIsAMismatchWithoutACounter() async throws {
        try await withTestApp { app in
            let before = app.rateLimiter.size
            let found = try await PublicRequestStatus.lookup(
                trackingNumber: String(repeating: "G", count: 1_000_000), phoneLast4: "1234",
                client: "198.51.100.40", app: app, on: app.db)
            #expect(found == nil)
            #expect(app.rateLimiter.size == before + 1)  // the address only
        }
    }
}
