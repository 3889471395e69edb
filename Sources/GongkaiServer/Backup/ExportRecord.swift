import Foundation

/// A line of an export file that is not a row (rows are JSON arrays of canonical values). The
/// file (docs/operations.md, "Export file"):
///
///     {"format":"gongkai-export","version":1,"database":"sqlite","migrations":[…]}
///     {"table":"agencies","columns":[{"name":"address","kind":"text"},…]}
///     ["…","12",null,…]                       one line per row, columns in the order above
///     {"end":"agencies","rows":19,"checksum":"…"}
///     …                                       every table, parents before the tables that refer to them
///     {"complete":true,"checksums":["_fluent_migrations 37 …","agencies 19 …",…]}
///
/// The last line proves the file was written to its end; the import compares the target's
/// checksums with it before committing.
struct ExportRecord: Codable, Sendable {
    struct Column: Codable, Sendable {
        let name: String
        let kind: ColumnKind
    }

    static let format = "gongkai-export"
    static let version = 1

    var format: String?
    var version: Int?
    var database: String?
    var migrations: [String]?
    var table: String?
    var columns: [Column]?
    var end: String?
    var rows: Int?
    var checksum: String?
    var complete: Bool?
    var checksums: [String]?
}
