import Fluent
import Foundation
import SQLKit

/// The application's tables on either database, read from the database's own catalogue, and
/// which of them a backup's checksums and an export leave out, with the reason.
enum DatabaseCatalogue {
    /// Fluent's record of the migrations that ran. Its ids are random and its timestamps and
    /// batches say when each installation was migrated, so they differ between two databases
    /// holding the same data: only the migration names are compared (`migrationNames`).
    static let migrationTable = "_fluent_migrations"

    /// Tables the migrations themselves fill (the CSRF key, the portal's change counter) or that
    /// a server started on an empty database fills (the first-run link): a database holding rows
    /// only there is still empty, and an import replaces those rows with the source's.
    static let seededTables: Set<String> = ["server_secrets", "portal_state", "setup_tokens"]

    /// The application tables, in name order. Left out: Fluent's migration record (above),
    /// SQLite's own tables (`sqlite_*`), and SQLite's FTS5 search tables with their shadow
    /// tables — an index derived from `publications` that PostgreSQL keeps as GIN indexes
    /// instead; an import into SQLite rebuilds it.
    static func tables(on sql: any SQLDatabase) async throws -> [TableSchema] {
        switch sql.dialect.name {
        case "sqlite": return try await sqliteTables(on: sql)
        case "postgresql": return try await postgresTables(on: sql)
        default: throw BackupProblem("不支持的数据库：\(sql.dialect.name)")
        }
    }

    /// The names of the migrations that ran, sorted; empty when the database was never migrated.
    static func migrationNames(on sql: any SQLDatabase) async throws -> [String] {
        guard try await hasTable(migrationTable, on: sql) else { return [] }
        return try await sql.raw("SELECT name FROM \(ident: migrationTable)").all()
            .map { try $0.decode(column: "name", as: String.self) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func hasTable(_ name: String, on sql: any SQLDatabase) async throws -> Bool {
        if sql.dialect.name == "sqlite" {
            return try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)").first() != nil
        }
        return try await sql.raw("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: name)
            """).first() != nil
    }

    /// Tables outside `seededTables` that hold rows, with their counts: why a database is not
    /// empty. Empty when nothing but the migrations' own rows is there.
    static func occupiedTables(on sql: any SQLDatabase) async throws -> [(table: String, rows: Int)] {
        var occupied: [(String, Int)] = []
        for table in try await tables(on: sql) where !seededTables.contains(table.name) {
            let rows = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table.name)").first()?.decode(column: "n", as: Int.self) ?? 0
            if rows > 0 { occupied.append((table.name, rows)) }
        }
        return occupied
    }

    /// The refusal for a database that already holds data (restore and import write only into
    /// an empty one, so that nothing there is silently mixed with or replaced by the file).
    static func requireEmpty(on sql: any SQLDatabase, _ location: DatabaseLocation) async throws {
        let occupied = try await occupiedTables(on: sql)
        guard !occupied.isEmpty else { return }
        let listed = occupied.prefix(5).map { "\($0.table) 有 \($0.rows) 行" }.joined(separator: "，")
        throw BackupProblem("目标数据库 \(location) 不是空的（\(listed)\(occupied.count > 5 ? "……" : "")）：只能恢复或导入到空数据库（新建的数据库，或只运行过 gongkai migrate 的数据库）")
    }

    // MARK: SQLite

    private static func sqliteTables(on sql: any SQLDatabase) async throws -> [TableSchema] {
        let master = try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all()
        var names: [String] = [], virtual: [String] = []
        for row in master {
            let name = try row.decode(column: "name", as: String.self)
            let text = try row.decode(column: "sql", as: String?.self) ?? ""
            if text.uppercased().hasPrefix("CREATE VIRTUAL TABLE") { virtual.append(name) } else { names.append(name) }
        }
        let application = names.filter { name in
            name != migrationTable && !name.hasPrefix("sqlite_") && !virtual.contains { name.hasPrefix($0 + "_") }
        }
        var schemas: [TableSchema] = []
        for name in application.sorted(by: byteOrder) {
            var columns: [TableSchema.Column] = [], key: [(Int, String)] = []
            for row in try await sql.raw("SELECT name, type, \"notnull\" AS required, pk FROM pragma_table_info(\(bind: name))").all() {
                let column = try row.decode(column: "name", as: String.self)
                let type = try row.decode(column: "type", as: String.self)
                do {
                    columns.append(.init(name: column, kind: try ColumnKind(sqliteDeclaredType: type),
                                         nullable: try row.decode(column: "required", as: Int.self) == 0))
                } catch let problem as BackupProblem {
                    throw BackupProblem("\(name).\(column)：\(problem.message)")
                }
                let position = try row.decode(column: "pk", as: Int.self)
                if position > 0 { key.append((position, column)) }
            }
            let foreignKeys = try await sql.raw("SELECT \"from\" AS col, \"table\" AS target FROM pragma_foreign_key_list(\(bind: name))").all().map {
                TableSchema.ForeignKey(column: try $0.decode(column: "col", as: String.self), table: try $0.decode(column: "target", as: String.self))
            }
            schemas.append(TableSchema(name: name, columns: columns.sorted { byteOrder($0.name, $1.name) },
                                       primaryKey: key.sorted { $0.0 < $1.0 }.map(\.1), foreignKeys: foreignKeys, generatedColumn: nil))
        }
        return schemas
    }

    // MARK: PostgreSQL

    private static func postgresTables(on sql: any SQLDatabase) async throws -> [TableSchema] {
        let names = try await sql.raw("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> \(bind: migrationTable)
            """).all().map { try $0.decode(column: "table_name", as: String.self) }
        var schemas: [TableSchema] = []
        for name in names.sorted(by: byteOrder) {
            var columns: [TableSchema.Column] = [], generated: String?
            for row in try await sql.raw("""
                SELECT column_name, data_type, is_nullable, is_identity, COALESCE(column_default, '') AS fallback
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: name)
                """).all() {
                let column = try row.decode(column: "column_name", as: String.self)
                do {
                    columns.append(.init(name: column, kind: try ColumnKind(postgresDataType: try row.decode(column: "data_type", as: String.self)),
                                         nullable: try row.decode(column: "is_nullable", as: String.self) == "YES"))
                } catch let problem as BackupProblem {
                    throw BackupProblem("\(name).\(column)：\(problem.message)")
                }
                if try row.decode(column: "is_identity", as: String.self) == "YES"
                    || row.decode(column: "fallback", as: String.self).hasPrefix("nextval(") { generated = column }
            }
            let key = try await sql.raw("""
                SELECT k.column_name FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k
                  ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND c.table_name = \(bind: name) AND c.constraint_type = 'PRIMARY KEY'
                ORDER BY k.ordinal_position
                """).all().map { try $0.decode(column: "column_name", as: String.self) }
            let foreignKeys = try await sql.raw("""
                SELECT a.attname AS col, t.relname AS target FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_class t ON t.oid = c.confrelid
                WHERE c.contype = 'f' AND c.conrelid = quote_ident(\(bind: name))::regclass
                """).all().map {
                TableSchema.ForeignKey(column: try $0.decode(column: "col", as: String.self), table: try $0.decode(column: "target", as: String.self))
            }
            schemas.append(TableSchema(name: name, columns: columns.sorted { byteOrder($0.name, $1.name) },
                                       primaryKey: key, foreignKeys: foreignKeys, generatedColumn: generated))
        }
        return schemas
    }

    /// Byte order of the UTF-8 text: the same on every database and in every locale.
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }
}
