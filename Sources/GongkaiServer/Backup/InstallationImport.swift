import Fluent
import Foundation
import SQLKit
import Vapor

/// `gongkai import`: an export file into an empty database migrated by this version, in one
/// transaction. Rows go in table by table in the file's order (parents first); a reference to a
/// row not yet written (an agency's parent, a request's related request) is written NULL and set
/// once every row is in. SQLite's search tables are rebuilt and PostgreSQL's sequences moved past
/// the imported ids. Before committing, the target's checksums must equal those in the file;
/// otherwise nothing is kept.
enum InstallationImport {
    static func read(_ settings: Settings, from file: String) async throws -> [TableChecksum] {
        guard FileManager.default.fileExists(atPath: file) else { throw BackupProblem("文件 \(file) 不存在") }
        switch try BackupDatabase.kind(of: file) {
        case .export: break
        case .sqlite, .postgresDump: throw BackupProblem("\(file) 是 gongkai backup 生成的备份，请用 gongkai restore 恢复")
        case .unknown: throw BackupProblem("\(file) 不是 gongkai export 导出的文件")
        }
        let reader = try LineReader(path: file)
        let location = settings.database
        return try await Operations.withApplication(settings) { app in
            try await app.db.writeTransaction { tx in
                let checksums = try await load(reader, file: file, into: try tx.requireSQL(), location: location, fluent: tx)
                // The identity numbers and phones come sealed (#14): an installation whose key cannot
                // open them would refuse to start, so the import is undone with the reason now.
                let known = Set(try tx.personalDataKeys.all.map(\.id))
                if let unknown = try await PersonalDataEncryption.keyIDsInUse(on: tx).subtracting(known).sorted().first {
                    throw BackupProblem("导出文件中的证件号码和电话由密钥 \(unknown) 加密，与本安装的 GONGKAI_DATA_KEY 不同：请将 GONGKAI_DATA_KEY 设为原安装的密钥（SQLite 未设置时为数据库旁 .key 文件的内容）后再导入")
                }
                return checksums
            }
        }
    }

    /// A row's reference written once every row is in.
    private struct Deferred {
        let table: TableSchema
        let key: String?
        let column: String
        let value: String
    }

    private static func load(_ reader: LineReader, file: String, into sql: any SQLDatabase, location: DatabaseLocation, fluent: any Database) async throws -> [TableChecksum] {
        let decoder = JSONDecoder()
        func problem(_ text: String) -> BackupProblem { BackupProblem("\(file) 第 \(reader.lineNumber) 行：\(text)") }
        guard let first = try reader.next(), let header = try? decoder.decode(ExportRecord.self, from: first),
              header.format == ExportRecord.format, let migrations = header.migrations else {
            throw BackupProblem("\(file) 不是 gongkai export 导出的文件")
        }
        guard header.version == ExportRecord.version else { throw problem("导出文件格式版本 \(header.version ?? 0) 不受支持（本程序读取版本 \(ExportRecord.version)）") }
        let targetMigrations = try await DatabaseCatalogue.migrationNames(on: sql)
        guard migrations == targetMigrations else {
            let missing = targetMigrations.filter { !migrations.contains($0) }, extra = migrations.filter { !targetMigrations.contains($0) }
            throw BackupProblem("导出文件与目标数据库的版本不同（文件缺少 \(missing.count) 个迁移\(missing.first.map { "，如 \($0)" } ?? "")；文件多出 \(extra.count) 个\(extra.first.map { "，如 \($0)" } ?? "")）：请用与导出时相同版本的 gongkai 导入，再运行 gongkai migrate")
        }
        try await DatabaseCatalogue.requireEmpty(on: sql, location)
        let postgres = sql.dialect.name == "postgresql"
        let tables = Dictionary(uniqueKeysWithValues: try await DatabaseCatalogue.tables(on: sql).map { ($0.name, $0) })
        for table in DatabaseCatalogue.seededTables.sorted() where tables[table] != nil {
            try await sql.raw("DELETE FROM \(ident: table)").run()  // the source's rows replace what the migrations seeded
        }

        var written: Set<String> = [], deferred: [Deferred] = []
        var current: (table: TableSchema, columns: [String], later: Set<String>, rows: Int)?
        var batch: [[String?]] = []
        var expected: [String]?

        func flush() async throws {
            guard let open = current, !batch.isEmpty else { return }
            let (table, columns, later) = (open.table, open.columns, open.later)
            var query: SQLQueryString = "INSERT INTO \(ident: table.name) (\(idents: columns, joinedBy: ", ")) VALUES "
            for (r, row) in batch.enumerated() {
                query.appendLiteral(r == 0 ? "(" : ", (")
                for (c, value) in row.enumerated() {
                    if c > 0 { query.appendLiteral(", ") }
                    let column = columns[c]
                    if later.contains(column), let value {
                        let key = table.primaryKey.first.flatMap { k in columns.firstIndex(of: k).flatMap { row[$0] } }
                        deferred.append(Deferred(table: table, key: key, column: column, value: value))
                        query.appendLiteral("NULL")
                    } else {
                        query += try CanonicalValue.bindable(value, as: table.column(column)!.kind, postgres: postgres)
                    }
                }
                query.appendLiteral(")")
            }
            try await sql.raw(query).run()
            batch.removeAll(keepingCapacity: true)
        }

        while let line = try reader.next() {
            if line.first == UInt8(ascii: "[") {
                guard let open = current else { throw problem("数据行不属于任何表") }
                guard let values = try? decoder.decode([String?].self, from: line), values.count == open.columns.count else {
                    throw problem("\(open.table.name) 的数据行应有 \(open.columns.count) 列")
                }
                batch.append(values)
                current?.rows += 1
                // PostgreSQL binds at most 65535 values in a statement, SQLite 32766.
                if batch.count >= max(1, min(500, 30_000 / open.columns.count)) { try await flush() }
                continue
            }
            guard let record = try? decoder.decode(ExportRecord.self, from: line) else { throw problem("无法读取") }
            if let name = record.table, let columns = record.columns {
                guard current == nil else { throw problem("表 \(current!.table.name) 没有结尾记录") }
                guard let table = tables[name] else { throw problem("目标数据库没有表 \(name)") }
                let names = columns.map(\.name)
                guard Set(names) == Set(table.columns.map(\.name)), names.count == table.columns.count else {
                    throw problem("表 \(name) 的列与目标数据库不同")
                }
                // References to rows not yet written: to this table itself, or to a table later in the file.
                var later: Set<String> = []
                for key in table.foreignKeys where key.table == name || (tables[key.table] != nil && !written.contains(key.table)) {
                    guard table.column(key.column)?.nullable == true, table.primaryKey.count == 1 else {
                        throw problem("表 \(name) 的 \(key.column) 引用尚未导入的 \(key.table)，且不能暂为空")
                    }
                    later.insert(key.column)
                }
                current = (table, names, later, 0)
            } else if let name = record.end {
                guard let open = current, open.table.name == name else { throw problem("结尾记录 \(name) 与所在的表不符") }
                try await flush()
                guard record.rows == open.rows else { throw problem("表 \(name) 应有 \(record.rows ?? 0) 行，文件中有 \(open.rows) 行") }
                written.insert(name)
                current = nil
            } else if record.complete == true {
                guard current == nil else { throw problem("表 \(current!.table.name) 没有结尾记录") }
                expected = record.checksums
                break
            } else {
                throw problem("无法识别的记录")
            }
        }
        guard let expected else { throw BackupProblem("\(file) 不完整（没有结尾记录），可能在复制中被截断：没有导入任何数据") }
        if let missing = tables.keys.sorted().first(where: { !written.contains($0) }) {
            throw BackupProblem("\(file) 中没有表 \(missing)：没有导入任何数据")
        }

        for reference in deferred {
            let table = reference.table, key = table.primaryKey[0]
            try await sql.raw("""
                UPDATE \(ident: table.name) SET \(ident: reference.column) = \(try CanonicalValue.bindable(reference.value, as: table.column(reference.column)!.kind, postgres: postgres))
                WHERE \(ident: key) = \(try CanonicalValue.bindable(reference.key, as: table.column(key)!.kind, postgres: postgres))
                """).run()
        }
        if postgres {
            for table in tables.values.sorted(by: { $0.name < $1.name }) {
                guard let column = table.generatedColumn else { continue }
                try await sql.raw("""
                    SELECT setval(pg_get_serial_sequence(quote_ident(\(bind: table.name)), \(bind: column)),
                                  COALESCE((SELECT MAX(\(ident: column)) FROM \(ident: table.name)), 0) + 1, false)
                    """).run()
            }
        } else {
            for publication in try await Publication.query(on: fluent).filter(\.$status == .published).all() {
                try await PublicationSearchIndex.put(publication, on: fluent)
            }
        }

        let checksums = try await DatabaseChecksums.compute(on: sql)
        guard checksums.map(\.line) == expected else {
            let before = Set(expected)
            let differing = checksums.filter { !before.contains($0.line) }.map(\.table)
            throw BackupProblem("导入后的校验和与导出文件不符（\(differing.joined(separator: "、"))）：已撤销，没有导入任何数据")
        }
        return checksums
    }
}
