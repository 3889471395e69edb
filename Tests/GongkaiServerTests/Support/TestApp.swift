import FluentKit
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Which database the suite runs on: SQLite by default, PostgreSQL when `TEST_DATABASE_URL`
/// names one (CI runs the suite once on each). Each test gets a database of its own: a fresh
/// SQLite file, or a PostgreSQL database copied from a migrated template.
enum TestDatabase {
    static let postgresURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        return url
    }()

    static var isPostgres: Bool { postgresURL != nil }

    /// The personal-data key of every PostgreSQL test database and of the commands run on one
    /// (PostgreSQL requires GONGKAI_DATA_KEY; on SQLite each test's file gets a key file of its own).
    static let dataKey = "dGVzdC1vbmx5LWtleS1mb3ItZ29uZ2thaS10ZXN0cyE="

    /// GONGKAI_DATA_KEY for a command run on this database URL.
    static func keyEnvironment(for url: String) -> [String: String] {
        url.hasPrefix("postgres") ? ["GONGKAI_DATA_KEY": dataKey] : [:]
    }
}

/// Limits how many test applications exist at once, so parallel tests do not exhaust
/// PostgreSQL's connections or the machine's two cores. A test's wall time includes its wait
/// here — behind hundreds of others in a full run (the PDF test waited 15 minutes on CI's
/// PostgreSQL run) — so tests that use `withTestApp` carry no `.timeLimit`; what they start
/// outside the process (Chromium, pdftotext) is bounded by `ExternalTool.Limits`.
actor TestGate {
    static let shared = TestGate(limit: 4)
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { available = limit }

    func enter() async {
        if available > 0 { available -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { available += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Where a full run's time goes: with GONGKAI_TEST_TIMINGS=FILE, each `withTestApp` appends a
/// line "seconds held, seconds queued, test" (what to shorten when CI nears its time limit).
enum TestTimings {
    static let path = ProcessInfo.processInfo.environment["GONGKAI_TEST_TIMINGS"]

    static func record(queued: ContinuousClock.Instant, entered: ContinuousClock.Instant) {
        guard let path else { return }
        let seconds = { (d: Duration) in String(format: "%.1f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
        let line = "\(seconds(ContinuousClock.now - entered))\t\(seconds(entered - queued))\t\(Test.current?.name ?? "?")\n"
        // O_APPEND: tests end at once in parallel, and each line must land whole
        let file = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard file >= 0 else { return }
        _ = Array(line.utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
    }
}

/// Creates the migrated PostgreSQL template once per test process.
actor PostgresTemplate {
    static let shared = PostgresTemplate()
    /// One creation shared by every caller: the actor is re-entered while it awaits.
    private var creation: Task<String, any Error>?
    private var counter = 0

    /// A new database copied from the template; returns its URL and name.
    func makeDatabase() async throws -> (url: String, name: String) {
        let template = try await ensureTemplate()
        counter += 1
        let database = "gk_test_\(ProcessInfo.processInfo.processIdentifier)_\(counter)"
        try await Self.admin { sql in
            try await sql.raw("CREATE DATABASE \(ident: database) TEMPLATE \(ident: template)").run()
        }
        return (Self.url(replacingDatabaseWith: database), database)
    }

    /// Drops a test's database once its application has shut down. A connection the pool was
    /// still opening may linger for a moment: wait for it rather than kill it, since PostgresNIO
    /// asserts (in debug builds) when a connection dies during its start-up.
    func drop(_ database: String) async throws {
        try await Self.admin { sql in
            for _ in 0..<20 {
                let others = try await sql.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(bind: database)").first()
                if try others?.decode(column: "n", as: Int.self) ?? 0 == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await sql.raw("DROP DATABASE IF EXISTS \(ident: database) WITH (FORCE)").run()
        }
    }

    private func ensureTemplate() async throws -> String {
        if creation == nil { creation = Task { try await Self.createTemplate() } }
        return try await creation!.value
    }

    private static func createTemplate() async throws -> String {
        let template = "gk_template_\(ProcessInfo.processInfo.processIdentifier)"
        try await admin { sql in
            // Leftovers of earlier runs of this suite: only those of processes that have ended, so
            // that two suites running at once against one cluster leave each other alone.
            let old = try await sql.raw("SELECT datname FROM pg_database WHERE datname LIKE 'gk\\_t%'").all()
            for row in old {
                let db = try row.decode(column: "datname", as: String.self)
                guard let pid = Self.processID(inDatabaseName: db), !Self.isRunning(pid) else { continue }
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: db) WITH (FORCE)").run()
            }
            try await sql.raw("CREATE DATABASE \(ident: template)").run()
        }
        let app = try await Application.make(.testing)
        do {
            var settings = Settings()
            settings.database = .postgres(url: Self.url(replacingDatabaseWith: template))
            settings.dataKey = TestDatabase.dataKey
            settings.bcryptCost = 4
            try configure(app, settings: settings)
            try await prepareDatabase(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return template
    }

    private static func admin(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try useDatabase(.postgres(url: TestDatabase.postgresURL!), on: app)
            try await body(app.db.requireSQL())
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// `gk_template_123` and `gk_test_123_7` were made by process 123.
    static func processID(inDatabaseName name: String) -> pid_t? {
        let parts = name.split(separator: "_")
        guard parts.count >= 3 else { return nil }
        return pid_t(parts[2])
    }

    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func url(replacingDatabaseWith name: String) -> String {
        var components = URLComponents(string: TestDatabase.postgresURL!)!
        components.path = "/" + name
        return components.string!
    }
}

/// A database of this test's own: its location and how to remove it.
func makeTestDatabase() async throws -> (location: DatabaseLocation, url: String, cleanup: @Sendable () async throws -> Void) {
    if TestDatabase.isPostgres {
        let (url, name) = try await PostgresTemplate.shared.makeDatabase()
        return (.postgres(url: url), url, { try await PostgresTemplate.shared.drop(name) })
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-test-\(UUID().uuidString).sqlite").path
    return (.sqlite(path: path), "sqlite://" + path, {
        for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    })
}

/// Runs `body` against a fully configured application with a database of its own.
func withTestApp(
    configureSettings: (inout Settings) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let queued = ContinuousClock.now
    await TestGate.shared.enter()
    let entered = ContinuousClock.now
    defer { TestTimings.record(queued: queued, entered: entered) }
    var settings = Settings()
    settings.bcryptCost = 4
    // Most tests sign administrators, auditors and heads in to test something else; the second
    // factor those roles require in production is tested with `.privilegedRoles` in
    // SecondFactorTests (and the production default by SettingsTests-style checks there).
    settings.secondFactorPolicy = .nobody
    let database: (location: DatabaseLocation, url: String, cleanup: @Sendable () async throws -> Void)
    do {
        database = try await makeTestDatabase()
    } catch {
        await TestGate.shared.leave()
        throw error
    }
    settings.database = database.location
    if TestDatabase.isPostgres { settings.dataKey = TestDatabase.dataKey }
    configureSettings(&settings)
    let app = try await Application.make(.testing)
    var failure: (any Error)?
    do {
        try configure(app, settings: settings)
        try await prepareDatabase(app)
        try await body(app)
    } catch {
        failure = error
    }
    try? await app.asyncShutdown()
    try? await database.cleanup()
    await TestGate.shared.leave()
    if let failure { throw failure }
}
