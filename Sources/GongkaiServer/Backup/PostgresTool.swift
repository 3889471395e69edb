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

    /// What a dump or restore may take: generous for a county's database (an hour, 2 GB of
    /// address space), but bounded, and run like every external tool — on a thread of its own,
    /// never the event loop, killed when the command is interrupted (`ExternalTool`). The tool
    /// writes its data to a file (`-f`) or reads it from one; its standard output is capped.
    static let limits = ExternalTool.Limits(wallSeconds: 3600, cpuSeconds: 3600, memoryBytes: 2 << 30, outputBytes: 1 << 20)

    /// Runs the tool to the end; throws with (the start of) its own error output when it fails.
    func run(_ arguments: [String], databaseURL: String) async throws {
        let (environment, _) = try Self.connection(databaseURL)
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: errors) }
        let name = URL(fileURLWithPath: executable).lastPathComponent
        var tool = ExternalTool(executable: executable, arguments: arguments, limits: Self.limits, environment: environment)
        tool.errorFile = errors.path
        do {
            _ = try await tool.run()
        } catch let failure as ExternalTool.Failure {
            let head = (try? FileHandle(forReadingFrom: errors))?.readData(ofLength: 16 << 10) ?? Data()
            let said = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch failure {
            case .failed(let status): throw BackupProblem("\(name) 失败（退出状态 \(status)）：\(said)")
            case .overLimit: throw BackupProblem("\(name) 超过时间（1 小时）或内存（2 GB）限制，已停止")
            case .outputTooLarge: throw BackupProblem("\(name) 的输出超过上限，已停止")
            case .cannotStart(let why): throw BackupProblem("无法运行 \(executable)：\(why)")
            case .cancelled: throw BackupProblem("\(name) 已中止")
            }
        }
    }
}
