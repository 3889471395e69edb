import Foundation

/// `pg_dump` and `pg_restore`, found on this machine and run against the configured database.
/// The password goes to the tool in `PGPASSWORD`, never on its command line (which every user
/// of the machine can read in `ps`); host, port, user and TLS mode likewise in `PG*` variables.
struct PostgresTool: Sendable {
    let executable: String

    /// The newest PostgreSQL's tool under /usr/lib/postgresql (Debian's layout; a dump must be
    /// made by a pg_dump at least as new as the server), else the first on PATH.
    static func find(_ name: String) throws -> PostgresTool {
        let fm = FileManager.default
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted(by: >)
        let candidates = versions.map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
        guard let path = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) else {
            throw BackupProblem("找不到 \(name)：PostgreSQL 的备份和恢复需要它（Debian/Ubuntu：apt-get install postgresql-client）")
        }
        return PostgresTool(executable: path)
    }

    /// The connection of `url` as libpq's environment variables, and the database's name.
    static func connection(_ url: String) throws -> (environment: [String: String], database: String) {
        guard let c = URLComponents(string: url), let host = c.host, c.path.count > 1 else {
            throw BackupProblem("DATABASE_URL 应为 postgres://用户:密码@主机:端口/数据库")
        }
        var environment = ["PGHOST": host, "PGPORT": String(c.port ?? 5432)]
        if let user = c.percentEncodedUser?.removingPercentEncoding { environment["PGUSER"] = user }
        if let password = c.percentEncodedPassword?.removingPercentEncoding { environment["PGPASSWORD"] = password }
        for item in c.queryItems ?? [] where item.name == "sslmode" { environment["PGSSLMODE"] = item.value }
        return (environment, String(c.path.dropFirst()))
    }

    /// Runs the tool to the end; throws with its own error output when it fails.
    func run(_ arguments: [String], databaseURL: String) async throws {
        let (environment, _) = try Self.connection(databaseURL)
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: BackupProblem("无法运行 \(executable)：\(error.localizedDescription)"))
            }
        }
        guard status == 0 else {
            let output = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw BackupProblem("\(name) 失败（退出状态 \(status)）：\(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
