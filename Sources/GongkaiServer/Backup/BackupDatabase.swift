import Fluent
import Foundation
import SQLKit
import Vapor

/// A connection to a database for the backup commands, without migrating it: a backup before an
/// upgrade must copy the database as the old version left it (docs/operations.md, "Upgrading").
enum BackupDatabase {
    static func with<T: Sendable>(_ location: DatabaseLocation, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let app = try await Application.make(Environment(name: "production", arguments: ["gongkai"]))
        do {
            try useDatabase(location, on: app)
            let result = try await body(try app.db.requireSQL())
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Runs `body` in one transaction that sees one state of the database throughout: REPEATABLE
    /// READ on PostgreSQL; on SQLite a transaction's reads see one snapshot of the WAL anyway.
    static func snapshot<T: Sendable>(_ db: any SQLDatabase, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let fluent = db as? any Database else { throw BackupProblem("数据库连接不支持事务") }
        return try await fluent.transaction { tx in
            let sql = try tx.requireSQL()
            if sql.dialect.name == "postgresql" {
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            }
            return try await body(sql)
        }
    }

    /// The SQLite file must exist: opening a missing one would create an empty database.
    static func requireSQLiteFile(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BackupProblem("数据库文件 \(path) 不存在（检查 DATABASE_URL）")
        }
    }

    /// What kind of backup a file is, from its first bytes.
    enum FileKind { case sqlite, postgresDump, export, unknown }

    static func kind(of path: String) throws -> FileKind {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupProblem("无法读取文件 \(path)") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        if head.starts(with: Array("SQLite format 3\u{0}".utf8)) { return .sqlite }
        if head.starts(with: Array("PGDMP".utf8)) { return .postgresDump }
        // The header's keys are sorted: the format is not the first of them.
        let firstLine = head.prefix { $0 != 0x0A }
        if firstLine.first == UInt8(ascii: "{"), String(decoding: firstLine, as: UTF8.self).contains(#""format":"gongkai-export""#) { return .export }
        return .unknown
    }
}
