import Fluent
import Foundation
import SQLKit

/// Computes `TableChecksum`s on either database, reading each table in primary-key order.
///
/// What is hashed, per table (version 1 of the format, docs/operations.md): the line
/// `gongkai-table-checksum/1 TABLE`, the column names in byte order joined by commas, then each
/// row as its columns' canonical values (`CanonicalValue`) in that order, each written `-` for
/// NULL or `LENGTH:TEXT` (length in UTF-8 bytes, so no value can be mistaken for two), the row
/// ended by a line feed. Fluent's `_fluent_migrations` is hashed as its sorted migration names
/// only (`DatabaseCatalogue.migrationTable`).
enum DatabaseChecksums {
    static func compute(on sql: any SQLDatabase) async throws -> [TableChecksum] {
        var result: [TableChecksum] = []
        if let migrations = try await migrationChecksum(on: sql) { result.append(migrations) }
        for table in try await DatabaseCatalogue.tables(on: sql) {
            result.append(try await checksum(of: table, on: sql))
        }
        return result
    }

    /// The line of `_fluent_migrations`: its sorted names; nil when the database was never migrated.
    static func migrationChecksum(on sql: any SQLDatabase) async throws -> TableChecksum? {
        guard try await DatabaseCatalogue.hasTable(DatabaseCatalogue.migrationTable, on: sql) else { return nil }
        var digest = RowDigest(table: DatabaseCatalogue.migrationTable, columns: ["name"])
        for name in try await DatabaseCatalogue.migrationNames(on: sql) { digest.add([name]) }
        return digest.finish()
    }

    static func checksum(of table: TableSchema, on sql: any SQLDatabase) async throws -> TableChecksum {
        let digest = DigestBox(RowDigest(table: table.name, columns: table.columns.map(\.name)))
        let columns = table.columns
        try await sql.raw(rowsQuery(table, dialect: sql.dialect.name)).run { row in
            digest.add { try columns.map { try CanonicalValue.read(row, $0.name, as: $0.kind) } }
        }
        return try digest.finish()
    }

    /// `SELECT … ORDER BY` the primary key; a text key in byte order (`COLLATE "C"` on PostgreSQL,
    /// SQLite's default BINARY), so no locale decides the order. A table without a key is read
    /// in the order of all its columns.
    static func rowsQuery(_ table: TableSchema, dialect: String) -> SQLQueryString {
        let keys = table.primaryKey.isEmpty ? table.columns.map(\.name) : table.primaryKey
        let order = keys.map { key -> String in
            let quoted = "\"\(key)\""
            return dialect == "postgresql" && table.column(key)?.kind == .text ? quoted + " COLLATE \"C\"" : quoted
        }
        return "SELECT \(idents: table.columns.map(\.name), joinedBy: ", ") FROM \(ident: table.name) ORDER BY \(unsafeRaw: order.joined(separator: ", "))"
    }
}
