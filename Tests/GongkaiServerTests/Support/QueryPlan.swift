import FluentKit
import FluentSQL
import Foundation
import NIOCore
import SQLKit

/// A database that runs every query on `base` and keeps the SQL it sent: the app's own code
/// (Fluent query builders and raw SQL alike) runs unchanged, and a test can then ask the
/// database how it executes exactly those statements.
struct RecordingDatabase: Database, SQLDatabase {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [any SQLExpression] = []
        func append(_ e: any SQLExpression) { lock.withLock { entries.append(e) } }
        var statements: [any SQLExpression] { lock.withLock { entries } }
    }

    let base: any Database & SQLDatabase
    let log = Log()

    init(_ base: any Database) throws {
        guard let sql = base as? any Database & SQLDatabase else { throw UnsupportedDatabase() }
        self.base = sql
    }

    struct UnsupportedDatabase: Error {}

    /// The driver's converter delegates only name column types, which a query never uses: the SQL
    /// of a query is the same with this one.
    struct Converter: SQLConverterDelegate {
        func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
    }

    // Database
    var context: DatabaseContext { (base as any Database).context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        log.append(SQLQueryConverter(delegate: Converter()).convert(query))
        return base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction(closure)
    }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }

    // SQLDatabase
    var logger: Logger { (base as any SQLDatabase).logger }
    var eventLoop: any EventLoop { (base as any SQLDatabase).eventLoop }
    var dialect: any SQLDialect { base.dialect }
    var version: (any SQLDatabaseReportedVersion)? { base.version }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        log.append(query)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        log.append(query)
        try await base.execute(sql: query, onRow)
    }
}

/// How the database executes one statement, read from `EXPLAIN QUERY PLAN` (SQLite) or
/// `EXPLAIN` (PostgreSQL, text format).
struct QueryPlan: CustomStringConvertible {
    let sql: String
    let lines: [String]
    let isPostgres: Bool

    /// A statement prefixed with EXPLAIN, keeping its bound values.
    struct Explain: SQLExpression {
        let prefix: String
        let statement: any SQLExpression
        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(prefix)
            statement.serialize(to: &serializer)
        }
    }

    static func of(_ statement: any SQLExpression, on db: any SQLDatabase) async throws -> QueryPlan {
        let isPostgres = db.dialect.name == "postgresql"
        let column = isPostgres ? "QUERY PLAN" : "detail"
        let rows = try await db.raw("\(Explain(prefix: isPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ", statement: statement))").all()
        let lines = try rows.map { try $0.decode(column: column, as: String.self) }
        return QueryPlan(sql: db.serialize(statement).sql, lines: lines, isPostgres: isPostgres)
    }

    /// Whether the statement names `table` (no other table's name contains these).
    static func reads(_ table: String, _ statement: any SQLExpression, on db: any SQLDatabase) -> Bool {
        db.serialize(statement).sql.contains(table)
    }

    /// Plan lines that read every row of `table` (or of an index of it, in SQLite).
    func fullScans(of table: String) -> [String] {
        lines.filter { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            if isPostgres { return text.contains("Seq Scan on \(table)") }
            return text.hasPrefix("SCAN \(table)") || text.hasPrefix("SCAN TABLE \(table)")
        }
    }

    /// The indexes the plan reads, and those it reads without visiting the table.
    var indexes: Set<String> { Set(lines.compactMap(Self.index(in:))) }
    var coveringIndexes: Set<String> {
        Set(lines.filter { isPostgres ? $0.contains("Index Only Scan using ") : $0.contains("USING COVERING INDEX ") }.compactMap(Self.index(in:)))
    }

    /// Lines that read `table`'s rows without a covering index: its own pages are visited.
    func tableAccesses(of table: String) -> [String] {
        lines.filter { line in
            if isPostgres {
                return (line.contains(" on \(table)") && !line.contains("Index Only Scan")) && !line.contains("Bitmap Index Scan")
            }
            return (line.contains("SEARCH \(table)") || line.contains("SCAN \(table)")) && !line.contains("COVERING INDEX")
        }
    }

    /// `..._idx` after "INDEX " (SQLite), "using " or "Bitmap Index Scan on " (PostgreSQL).
    static func index(in line: String) -> String? {
        for marker in ["COVERING INDEX ", "USING INDEX ", "Scan using ", "Bitmap Index Scan on "] {
            if let range = line.range(of: marker) {
                let name = line[range.upperBound...].prefix { !$0.isWhitespace && $0 != "(" }
                if !name.isEmpty { return String(name) }
            }
        }
        return nil
    }

    /// The plan, then the statement with its column list shortened.
    var description: String {
        var statement = sql
        if statement.hasPrefix("SELECT \""), let from = statement.range(of: " FROM ") {
            statement = "SELECT … " + statement[from.lowerBound...].dropFirst()
        }
        return "plan:\n  " + lines.joined(separator: "\n  ") + "\nof: " + statement
    }
}
