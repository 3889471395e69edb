import Foundation

/// What a column holds, independent of the database: the checksums and the export file write
/// every value in the canonical form of its kind (`CanonicalValue`), so that the same data gives
/// the same text on SQLite and on PostgreSQL.
enum ColumnKind: String, Sendable, Codable, CaseIterable {
    case integer, boolean, real, timestamp, blob, uuid, text

    /// The kind of an SQLite column from its declared type. Fluent declares `.datetime` as REAL
    /// (fluent-sqlite-driver's converter), and Gongkai keeps no fractional numbers: REAL is a
    /// timestamp (seconds since 1970). `.bool` is declared INTEGER and stored 0/1.
    init(sqliteDeclaredType declared: String) throws {
        let type = declared.uppercased()
        if type == "REAL" || type.contains("TIMESTAMP") || type.contains("DATETIME") {
            self = .timestamp
        } else if type.contains("BOOL") {
            self = .boolean
        } else if type.contains("INT") {
            self = .integer
        } else if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") {
            self = .text
        } else if type.contains("BLOB") {
            self = .blob
        } else if type.contains("DOUB") || type.contains("FLOA") {
            self = .real
        } else if type == "UUID" {
            self = .uuid
        } else {
            throw BackupProblem("不支持的 SQLite 列类型“\(declared)”")
        }
    }

    /// The kind of a PostgreSQL column from `information_schema.columns.data_type`. An unknown
    /// type stops the command rather than being written in a form the other database reads back
    /// differently.
    init(postgresDataType type: String) throws {
        switch type {
        case "bigint", "integer", "smallint": self = .integer
        case "boolean": self = .boolean
        case "double precision", "real": self = .real
        case "timestamp with time zone", "timestamp without time zone": self = .timestamp
        case "bytea": self = .blob
        case "uuid": self = .uuid
        case "text", "character varying", "character": self = .text
        default: throw BackupProblem("不支持的 PostgreSQL 列类型“\(type)”")
        }
    }
}
