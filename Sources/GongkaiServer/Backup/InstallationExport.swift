import Foundation
import SQLKit

/// `gongkai export`: every application table in canonical form (`ExportRecord`), read in one
/// snapshot, with the checksums of what was written. The file is the same whichever database it
/// came from, so it moves an installation from SQLite to PostgreSQL (or back).
enum InstallationExport {
    static func write(_ location: DatabaseLocation, to out: String) async throws -> [TableChecksum] {
        if case .sqlite(let path) = location { try BackupDatabase.requireSQLiteFile(path) }
        try OwnerOnlyFile.createNew(out)
        guard let handle = FileHandle(forWritingAtPath: out) else {
            throw BackupProblem("无法创建文件 \(out)")
        }
        let writer = ExportWriter(handle)
        do {
            let checksums = try await BackupDatabase.with(location) { sql in
                try await BackupDatabase.snapshot(sql) { tx in try await write(tx, writer) }
            }
            try writer.close()
            return checksums
        } catch {
            try? writer.close()
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }

    private static func write(_ sql: any SQLDatabase, _ writer: ExportWriter) async throws -> [TableChecksum] {
        let migrations = try await DatabaseCatalogue.migrationNames(on: sql)
        guard !migrations.isEmpty else { throw BackupProblem("数据库还没有运行过迁移，没有可导出的数据") }
        try writer.record(ExportRecord(format: ExportRecord.format, version: ExportRecord.version, database: sql.dialect.name, migrations: migrations))
        var checksums = [try await DatabaseChecksums.migrationChecksum(on: sql)].compactMap { $0 }
        for table in InsertionOrder.sorted(try await DatabaseCatalogue.tables(on: sql)) {
            try writer.record(ExportRecord(table: table.name, columns: table.columns.map { .init(name: $0.name, kind: $0.kind) }))
            let digest = DigestBox(RowDigest(table: table.name, columns: table.columns.map(\.name)))
            let columns = table.columns
            try await sql.raw(DatabaseChecksums.rowsQuery(table, dialect: sql.dialect.name)).run { row in
                digest.add {
                    let values = try columns.map { try CanonicalValue.read(row, $0.name, as: $0.kind) }
                    try writer.row(values)
                    return values
                }
            }
            let checksum = try digest.finish()
            try writer.record(ExportRecord(end: table.name, rows: checksum.rows, checksum: checksum.checksum))
            checksums.append(checksum)
        }
        checksums.sort { DatabaseCatalogue.byteOrder($0.table, $1.table) }
        try writer.record(ExportRecord(complete: true, checksums: checksums.map(\.line)))
        return checksums
    }
}
