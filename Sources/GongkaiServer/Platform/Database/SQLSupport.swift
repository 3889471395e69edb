import Fluent
import SQLKit

struct UnsupportedDialect: Error, CustomStringConvertible {
    let name: String
    var description: String { "不支持的数据库类型：\(name)（支持 SQLite 与 PostgreSQL）" }
}

extension Database {
    /// The SQLKit view of a Fluent database; both supported drivers provide one.
    func requireSQL() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw UnsupportedDialect(name: "\(type(of: self))") }
        return sql
    }

    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// A plain index `<table>_<columns>_idx`.
    func sqlIndex(on table: String, _ columns: String...) async throws {
        var builder = try requireSQL().create(index: "\(table)_\(columns.joined(separator: "_"))_idx").on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
