import Fluent
import SQLKit

/// An attachment's number is never handed out twice (issue #11). SQLite gives a new row the
/// number after the largest in the table, so once the newest file was removed the next upload took
/// its number — and its public address (`/publications/7/attachments/12`) served a different
/// file. `AUTOINCREMENT` never reuses a number, but SQLite cannot add it to a table: the table is
/// rebuilt from its own definition, rows and numbers kept, in one transaction. A number freed
/// before this migration ran can still come back once. PostgreSQL's sequences never reuse a
/// number; nothing changes there.
struct NeverReuseAttachmentIDs: AsyncMigration {
    static let table = PublicationAttachment.schema

    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            guard sql.dialect.name == "sqlite" else { return }
            let definition = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: Self.table)")
                .first(decodingColumn: "sql", as: String.self)
            guard let definition, !definition.contains("AUTOINCREMENT") else { return }
            let rebuilt =
                definition
                .replacingOccurrences(of: "CREATE TABLE \"\(Self.table)\"", with: "CREATE TABLE \"\(Self.table)_rebuilt\"")
                .replacingOccurrences(of: "\"id\" INTEGER PRIMARY KEY", with: "\"id\" INTEGER PRIMARY KEY AUTOINCREMENT")
            guard rebuilt.contains("_rebuilt"), rebuilt.contains("AUTOINCREMENT") else {
                throw UnexpectedDefinition(definition: definition)
            }
            try await sql.raw(SQLQueryString(rebuilt)).run()
            let rebuiltTable = Self.table + "_rebuilt"
            try await sql.raw("INSERT INTO \(ident: rebuiltTable) SELECT * FROM \(ident: Self.table)").run()
            try await sql.raw("DROP TABLE \(ident: Self.table)").run()
            try await sql.raw("ALTER TABLE \(ident: rebuiltTable) RENAME TO \(ident: Self.table)").run()
            try await tx.sqlIndex(on: Self.table, "publication_id")
        }
    }

    struct UnexpectedDefinition: Error, CustomStringConvertible {
        let definition: String
        var description: String { "\(NeverReuseAttachmentIDs.table) 的表定义与预期不符，无法重建：\(definition)" }
    }

    /// Nothing to undo: a table that never reuses a number is what the platform needs anyway.
    func revert(on database: any Database) async throws {}
}
