import Fluent
import SQLKit

/// Refuses the second of two concurrent edits of the same record.
///
/// Every editable table has a `version` column; an edit form carries the version it was opened
/// with. Claiming bumps the version only if it is still the one the editor saw, in one
/// statement, so two transactions cannot both succeed (on SQLite and PostgreSQL alike).
///
/// The increment is done by the database (`version = version + 1`), never in Swift on the
/// number a client sent: `expectedVersion + 1` on `9223372036854775807` once trapped and took
/// the server down (issue #8 review).
enum OptimisticLock {
    /// Versions a client may send. A record starts at 1 and gains one per edit, so anything else
    /// is not a version the server gave out; Int32 leaves room for billions of edits.
    static let acceptedVersions = 1...Int(Int32.max)

    /// The version a form or JSON body names: 422 when it is missing or not one the server could
    /// have given out.
    static func version(_ value: Int?) throws -> Int {
        guard let value else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        guard acceptedVersions.contains(value) else {
            throw AppError.validation(["version": "version 应为 1–\(acceptedVersions.upperBound) 之间的整数（最近一次读取到的版本号）"])
        }
        return value
    }

    /// Claims the record for this edit and returns its new version, for the model to carry.
    @discardableResult
    static func claim(table: String, id: Int, expectedVersion: Int, what: String, on db: any Database) async throws -> Int {
        let expected = try version(expectedVersion)
        guard let sql = db as? any SQLDatabase else { throw AppError.badRequest("数据库不支持此操作") }
        let row = try await sql.raw(
            """
            UPDATE \(ident: table) SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: expected) RETURNING version
            """
        ).first()
        guard let row else { throw AppError.conflict(what) }
        return try row.decode(column: "version", as: Int.self)
    }
}
