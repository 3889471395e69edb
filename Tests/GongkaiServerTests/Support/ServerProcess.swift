import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
@testable import GongkaiServer
import Testing
import Vapor

/// A real `gongkai serve` process on a port of its own, as an operator runs it (issue #14: the
/// first-run link, one server per SQLite file, the crash test).
final class ServerProcess: @unchecked Sendable {
    private(set) var process = Process()
    private(set) var port: Int
    let output: URL
    let errors: URL
    private let database: String
    private let extra: [String: String]

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `gongkai serve` with the database URL and extra environment; standard output and
    /// error go to files (block-buffered unless the server flushes: what systemd or `> log` sees).
    init(database: String, environment extra: [String: String] = [:]) throws {
        self.database = database
        self.extra = extra
        port = Self.freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        output = folder.appendingPathComponent("stdout.log")
        errors = folder.appendingPathComponent("stderr.log")
        try launch()
    }

    /// Runs the server on `port`, its output files emptied (a `Process` runs once: a new one each time).
    private func launch() throws {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["serve", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database
        environment["GONGKAI_BCRYPT_COST"] = "4"
        environment["GONGKAI_LOG_LEVEL"] = "notice"
        environment.removeValue(forKey: "GONGKAI_TODAY")
        environment.merge(TestDatabase.keyEnvironment(for: database)) { $1 }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
    }

    var stdout: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Waits until `/healthz` answers, or the process ends, or 60 s pass. A server that could not
    /// bind its port starts again on another: the suites run side by side, and another test's server
    /// may take the port `freePort` found free before this one binds it (CI, 7 December).
    func waitUntilServing() async throws {
        var relaunches = 0
        for _ in 0..<600 {
            if !process.isRunning, relaunches < 5, stderr.contains("Address already in use") {
                relaunches += 1
                port = Self.freePort()
                try launch()
                continue
            }
            guard process.isRunning else { break }
            if let (_, response) = try? await get("/healthz"), response.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("gongkai serve did not start (status \(process.isRunning ? "running" : String(process.terminationStatus))): \(stderr)")
        throw CancellationError()
    }

    /// Waits until the process ends (up to 30 s) and returns its exit status.
    func waitForExit() async throws -> Int32 {
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        return process.isRunning ? -1 : process.terminationStatus
    }

    func stop(signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
    }

    func get(_ path: String, bearer: String? = nil) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        return try await Self.send(request)
    }

    func postJSON(_ path: String, _ body: [String: String], bearer: String) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.timeoutInterval = 30
        return try await Self.send(request)
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    private static func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        return (data, response as! HTTPURLResponse)
    }

    /// A port nobody listens on now: bind to port 0 and read what the kernel chose.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Runs `body` with an application configured on an existing database (one a `gongkai` process
/// also uses), shut down afterwards.
func withApp(on location: DatabaseLocation, _ body: (Application) async throws -> Void) async throws {
    var settings = Settings()
    settings.bcryptCost = 4
    settings.database = location
    if !location.isSQLite { settings.dataKey = TestDatabase.dataKey }
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
    if let failure { throw failure }
}

/// Removes a test database that servers ran on: on SQLite also the instance lock file they left
/// (`InstanceLock` keeps it: the kernel, not the file, holds the lock).
func removeServedDatabase(_ database: (location: DatabaseLocation, url: String, cleanup: @Sendable () async throws -> Void)) async {
    if case .sqlite(let path) = database.location { try? FileManager.default.removeItem(atPath: path + ".lock") }
    try? await database.cleanup()
}
