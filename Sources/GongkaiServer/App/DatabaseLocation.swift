import Foundation
import GongkaiCore

/// Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `sqlite:///absolute/path.sqlite`, `sqlite://relative/path.sqlite` or `postgres://user:pass@host:5432/db`.
    public init(url: String) throws {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw SettingsError(variable: "DATABASE_URL", message: "sqlite:// 后缺少文件路径") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: url), components.host?.isEmpty == false,
                  components.path.count > 1 else {
                throw SettingsError(variable: "DATABASE_URL", message: "应为 postgres://用户:密码@主机:端口/数据库")
            }
            self = .postgres(url: url)
        } else {
            throw SettingsError(variable: "DATABASE_URL", message: "只支持 sqlite:// 或 postgres:// 开头的地址，实际为“\(url)”")
        }
    }

    public var isSQLite: Bool { if case .sqlite = self { return true } else { return false } }

    /// The location without its password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "postgres://…" }
            if c.password != nil { c.password = "***" }
            return c.string ?? "postgres://…"
        }
    }
}
