import Fluent
import SQLKit

/// Refuses the second of two concurrent edits of the same record.
///
/// Every editable table has a `version` column; an edit form carries the version it was opened
/// with. Claiming bumps the version only if it is still the one the editor saw, in one
/// statement, so two transactions cannot both succeed (on SQLite and PostgreSQL alike).
enum OptimisticLock {
    static func claim(table: String, id: Int, expectedVersion: Int, what: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw AppError.badRequest("数据库不支持此操作") }
        let rows = try await sql.update(table)
            .set("version", to: SQLBind(expectedVersion + 1))
            .where("id", .equal, SQLBind(id))
            .where("version", .equal, SQLBind(expectedVersion))
            .returning("id")
            .all()
        guard !rows.isEmpty else { throw AppError.conflict(what) }
    }
}
