import Fluent
import Foundation
import SQLKit

/// `gongkai backup` and `gongkai restore`: a copy of the whole database in the database's own
/// format, and its checksums (docs/operations.md).
///
/// - SQLite: `VACUUM INTO` writes a consistent copy from one read transaction, so it is safe
///   while the server runs (in WAL mode writers go on meanwhile); the checksums are computed on
///   the copy, so they describe what was written. Restore puts a checked copy in place.
/// - PostgreSQL: `pg_dump --format=custom`, run with `--snapshot` on a snapshot exported by a
///   REPEATABLE READ transaction that then computes the checksums itself: the dump and the lines
///   printed describe one and the same state, whatever the server writes meanwhile. Restore is
///   `pg_restore` in one transaction.
enum DatabaseBackup {
    static func backup(_ location: DatabaseLocation, to out: String) async throws -> [TableChecksum] {
        if case .sqlite(let path) = location { try BackupDatabase.requireSQLiteFile(path) }
        try OwnerOnlyFile.createNew(out)
        do {
            switch location {
            case .sqlite:
                try await BackupDatabase.with(location) { sql in
                    try await sql.raw("VACUUM INTO \(bind: out)").run()
                }
                return try await BackupDatabase.with(.sqlite(path: out)) { sql in
                    try await integrityCheck(sql, file: out)
                    return try await BackupDatabase.snapshot(sql) { try await DatabaseChecksums.compute(on: $0) }
                }
            case .postgres(let url):
                let pgDump = try PostgresTool.find("pg_dump")
                let database = try PostgresTool.connection(url).database
                return try await BackupDatabase.with(location) { sql in
                    try await BackupDatabase.snapshot(sql) { tx in
                        let snapshot = try await tx.raw("SELECT pg_export_snapshot() AS id").first()?.decode(column: "id", as: String.self) ?? ""
                        try await pgDump.run(["--format=custom", "--snapshot=\(snapshot)", "--file=\(out)", "--dbname=\(database)"], databaseURL: url)
                        return try await DatabaseChecksums.compute(on: tx)
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: out)  // no half-written backup left looking like a good one
            throw error
        }
    }

    static func restore(_ location: DatabaseLocation, from file: String) async throws -> [TableChecksum] {
        guard FileManager.default.fileExists(atPath: file) else { throw BackupProblem("备份文件 \(file) 不存在") }
        let kind = try BackupDatabase.kind(of: file)
        switch (location, kind) {
        case (.sqlite(let path), .sqlite):
            return try await restoreSQLite(path: path, from: file)
        case (.postgres(let url), .postgresDump):
            return try await restorePostgres(url: url, location: location, from: file)
        case (_, .export):
            throw BackupProblem("\(file) 是 gongkai export 导出的文件，请用 gongkai import 导入")
        case (.sqlite, .postgresDump):
            throw BackupProblem("\(file) 是 PostgreSQL 的备份，不能恢复到 SQLite 数据库（在两种数据库之间迁移请用 gongkai export / gongkai import）")
        case (.postgres, .sqlite):
            throw BackupProblem("\(file) 是 SQLite 的备份，不能恢复到 PostgreSQL 数据库（在两种数据库之间迁移请用 gongkai export / gongkai import）")
        case (_, .unknown):
            throw BackupProblem("\(file) 不是 gongkai backup 生成的备份文件（既不是 SQLite 数据库，也不是 pg_dump 自定义格式）")
        }
    }

    /// The copy is checked (integrity, emptiness of the target) before it replaces anything, and
    /// moved into place by a rename, so the target is either untouched or the whole backup.
    private static func restoreSQLite(path: String, from file: String) async throws -> [TableChecksum] {
        let target = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: path) {
            try await BackupDatabase.with(.sqlite(path: path)) { sql in try await DatabaseCatalogue.requireEmpty(on: sql, .sqlite(path: path)) }
        }
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restoring-\(UUID().uuidString)").path
        do {
            try FileManager.default.copyItem(atPath: file, toPath: staging)
            try await BackupDatabase.with(.sqlite(path: staging)) { sql in try await integrityCheck(sql, file: file) }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(staging, path) == 0 else { throw BackupProblem("无法把恢复的数据库移到 \(path)：\(String(cString: strerror(errno)))") }
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
            throw error
        }
        return try await BackupDatabase.with(.sqlite(path: path)) { sql in
            try await BackupDatabase.snapshot(sql) { try await DatabaseChecksums.compute(on: $0) }
        }
    }

    /// A database that only `gongkai migrate` has run on holds the schema already: pg_restore
    /// then drops each object of the dump before creating it (`--clean --if-exists`).
    private static func restorePostgres(url: String, location: DatabaseLocation, from file: String) async throws -> [TableChecksum] {
        let pgRestore = try PostgresTool.find("pg_restore")
        let database = try PostgresTool.connection(url).database
        let migrated = try await BackupDatabase.with(location) { sql in
            try await DatabaseCatalogue.requireEmpty(on: sql, location)
            if try await DatabaseCatalogue.hasTable(DatabaseCatalogue.migrationTable, on: sql) { return true }
            return try await !DatabaseCatalogue.tables(on: sql).isEmpty
        }
        // Owners and grants are the source installation's: the restoring user owns what it creates.
        var arguments = ["--no-owner", "--no-privileges", "--no-comments", "--exit-on-error", "--single-transaction", "--dbname=\(database)"]
        if migrated { arguments += ["--clean", "--if-exists"] }
        try await pgRestore.run(arguments + [file], databaseURL: url)
        return try await BackupDatabase.with(location) { sql in
            try await BackupDatabase.snapshot(sql) { try await DatabaseChecksums.compute(on: $0) }
        }
    }

    private static func integrityCheck(_ sql: any SQLDatabase, file: String) async throws {
        let result = try await sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        guard result == ["ok"] else {
            throw BackupProblem("\(file) 未通过 SQLite 完整性检查：\(result.prefix(3).joined(separator: "；"))")
        }
    }
}
