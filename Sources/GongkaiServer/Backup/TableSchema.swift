import Foundation

/// An application table as the database describes it: what the checksums read and the import
/// writes. Columns in name order, so a table rebuilt with its columns in another order (SQLite's
/// way of changing a table) reads the same.
struct TableSchema: Sendable {
    struct Column: Sendable {
        let name: String
        let kind: ColumnKind
        let nullable: Bool
    }

    struct ForeignKey: Sendable {
        let column: String
        let table: String
    }

    let name: String
    let columns: [Column]
    /// Primary-key columns in key order: the order rows are read and hashed in.
    let primaryKey: [String]
    let foreignKeys: [ForeignKey]
    /// A PostgreSQL column filled from a sequence (identity or serial), reset after an import.
    let generatedColumn: String?

    func column(_ name: String) -> Column? { columns.first { $0.name == name } }
}
