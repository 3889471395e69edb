import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

/// Several servers on one database, or exactly one on SQLite; the first-run link where the
/// operator sees it (issue #14).
@Suite("Instances and the first-run link")
struct InstancesTests {
    @Test func theSetupLinkReachesAFileAndTheLogAndWorks() async throws {
        let database = try await makeTestDatabase()
        defer { Task { await removeServedDatabase(database) } }
        // given an empty database, when the server starts with its output going to files
        let server = try ServerProcess(database: database.url)
        defer { server.stop() }
        try await server.waitUntilServing()
        // then standard output holds the link while the server still runs (flushed, not buffered)
        let link = try #require(
            server.stdout.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/setup\/(setup_[A-Za-z0-9_-]+)/),
            "stdout: \(server.stdout)")
        // and so does the log, at notice level, with the link as structured metadata
        #expect(server.stderr.contains("notice"), "stderr: \(server.stderr)")
        #expect(server.stderr.contains("setup_url=\(link.0)") || server.stderr.contains("\(link.0)"))
        // and the link opens the setup form
        let (body, response) = try await server.get("/setup/\(link.1)")
        #expect(response.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("本级机关"))
        server.stop()
        // with JSON logs the link is a field of its own, on a notice line
        let json = try ServerProcess(database: database.url, environment: ["GONGKAI_LOG_FORMAT": "json"])
        defer { json.stop() }
        try await json.waitUntilServing()
        let fresh = try #require(json.stdout.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/setup\/setup_[A-Za-z0-9_-]+/)).0
        let line = try #require(json.stderr.split(separator: "\n").first { $0.contains("setup_url") }, "stderr: \(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["setup_url"] as? String == String(fresh))
        #expect(object["level"] as? String == "notice")
    }

    @Test func setupLinkGivesAWorkingLinkOnlyWhileNobodyCanSignIn() async throws {
        let database = try await makeTestDatabase()
        defer { Task { await removeServedDatabase(database) } }
        let cli = CLITests()
        // given an empty database: a link, through a pipe
        let issued = try await cli.gongkai(["setup-link"], database: database.url)
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = String(try #require(issued.stdout.firstMatch(of: /\/setup\/(setup_[A-Za-z0-9_-]+)/), "\(issued.stdout)").1)
        // a second one spends the first
        let again = try await cli.gongkai(["setup-link"], database: database.url)
        let fresh = String(try #require(again.stdout.firstMatch(of: /\/setup\/(setup_[A-Za-z0-9_-]+)/)).1)
        try await withApp(on: database.location) { app in
            #expect(try await TestClient(app).get("/setup/\(token)").status == .notFound, "an older link stops working")
            // when the fresh link is used, the administrator exists
            let browser = TestClient(app)
            #expect(try await browser.get("/setup/\(fresh)").status == .ok)
            let done = try await browser.post(
                "/setup/\(fresh)",
                form: [
                    ("agency_name", "样本县人民政府"), ("agency_code", "yb-gov"), ("agency_kind", "government"),
                    ("username", "yb.admin"), ("display_name", "管理员"), ("password", "First light 2025"),
                    ("password_confirmation", "First light 2025"),
                ])
            #expect(done.status == .seeOther)
            #expect(try await StaffUser.query(on: app.db).count() == 1)
        }
        // then no more links: refused with the reason, non-zero
        let refused = try await cli.gongkai(["setup-link"], database: database.url)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("错误：数据库中已有 1 个用户，不再发放初始化链接"), "\(refused.stderr)")
    }

    @Test(.enabled(if: !TestDatabase.isPostgres, "SQLite only: PostgreSQL serves several instances"))
    func aSecondServerOnTheSameSQLiteFileIsRefused() async throws {
        let database = try await makeTestDatabase()
        defer { Task { await removeServedDatabase(database) } }
        let first = try ServerProcess(database: database.url)
        defer { first.stop() }
        try await first.waitUntilServing()
        // when a second server starts on the same file
        let second = try ServerProcess(database: database.url)
        defer { second.stop() }
        // then it exits non-zero with the reason in Chinese and English
        let status = try await second.waitForExit()
        #expect(status == 1)
        #expect(second.stderr.contains("另一个 gongkai serve（进程 \(first.process.processIdentifier)）正在使用数据库"), "\(second.stderr)")
        #expect(second.stderr.contains("use PostgreSQL for several"))
        // while one-shot commands still work beside the running server
        let migrate = try await CLITests().gongkai(["migrate"], database: database.url)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        // and once the first has gone (even killed), a server starts again
        first.stop(signal: SIGKILL)
        let third = try ServerProcess(database: database.url)
        defer { third.stop() }
        try await third.waitUntilServing()
    }

    @Test func sqliteCommitsAreSyncedInFull() async throws {
        try await withTestApp { app in
            guard app.settings.database.isSQLite else { return }
            // every connection the pool holds: FULL (2), and the journal is the write-ahead log
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase)
                let synchronous = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                #expect(synchronous == 2)
                let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                #expect(mode == "wal")
            }
        }
    }

    @Test(.enabled(if: TestDatabase.isPostgres, "PostgreSQL: the advisory lock"))
    func twoInstancesRunABackgroundPassOnce() async throws {
        let database = try await makeTestDatabase()
        defer { Task { await removeServedDatabase(database) } }
        // given two instances (two applications, two connection pools) on one database
        try await withApp(on: database.location) { first in
            try await withApp(on: database.location) { second in
                let passes = NIOLockedValueBox(0)
                let pass: @Sendable () async throws -> Void = { passes.withLockedValue { $0 += 1 } }
                // A pass that holds the job until the other instance's attempt has come back, so
                // that the two overlap however slow the machine (a fixed sleep did not on a loaded
                // one). Were the lock not taken, both passes would wait out the bound: 2 passes.
                let returned = NIOLockedValueBox(0)
                let held: @Sendable () async throws -> Void = {
                    passes.withLockedValue { $0 += 1 }
                    let bound = ContinuousClock.now + .seconds(60)
                    while returned.withLockedValue({ $0 }) == 0, ContinuousClock.now < bound {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                }
                @Sendable func attempt(_ app: Application) async throws -> Bool {
                    let ran = try await JobLock.run(.clockRefresh, on: app.db, logger: app.logger, held)
                    returned.withLockedValue { $0 += 1 }
                    return ran
                }
                // when both run the job at the same moment
                async let a = attempt(first)
                async let b = attempt(second)
                let ran = try await [a, b]
                // then exactly one did the work
                #expect(ran.filter { $0 }.count == 1)
                #expect(passes.withLockedValue { $0 } == 1)
                // a different job is not blocked by it, and the lock ended with the pass
                #expect(try await JobLock.run(.publicationScheduler, on: first.db, logger: first.logger, pass))
                #expect(try await JobLock.run(.clockRefresh, on: second.db, logger: second.logger, pass))
                #expect(passes.withLockedValue { $0 } == 3)
                // a pass that fails releases the lock too
                struct Boom: Error {}
                await #expect(throws: Boom.self) { try await JobLock.run(.clockRefresh, on: first.db, logger: first.logger) { throw Boom() } }
                #expect(try await JobLock.run(.clockRefresh, on: second.db, logger: second.logger, pass))
            }
        }
    }
}
