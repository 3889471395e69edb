import Fluent
import GongkaiCore
import SQLKit

/// Gives out index numbers (索引号), unique and never reused, also when several publishers
/// publish at the same moment on several server instances.
///
/// Each prefix of the agency's rule (`IndexNumberRule.counterKey`: agency, category, year …)
/// has a counter row, incremented by one atomic upsert in the publishing transaction. On
/// PostgreSQL the row lock makes a concurrent publisher of the same prefix wait for the first
/// to commit and then take the next number; on SQLite writers are serialised by the database.
/// A rolled-back transaction takes its increment with it, so no number is skipped by a failed
/// publication; a counter never goes down, so a number once public (even withdrawn) is never
/// given again. The unique index on `publications.index_number` is the last guard; a number
/// already taken (a rule changed into another's prefix) is skipped.
enum IndexNumberAllocator {
    static func next(rule: IndexNumberRule, values: IndexNumberRule.Values, on db: any Database) async throws -> String {
        let sql = try db.requireSQL()
        let key = rule.counterKey(values)
        for _ in 0..<1000 {
            let row = try await sql.raw("""
                INSERT INTO index_number_counters (counter_key, last_value) VALUES (\(bind: key), 1)
                ON CONFLICT (counter_key) DO UPDATE SET last_value = index_number_counters.last_value + 1
                RETURNING last_value
                """).first()
            guard let sequence = try row?.decode(column: "last_value", as: Int.self) else {
                throw AppError(status: .internalServerError, code: "index_number", message: "索引号计数器没有返回值")
            }
            let number = rule.number(values, sequence: sequence)
            let taken = try await Publication.query(on: db).filter(\.$indexNumber == number).count() > 0
            if !taken { return number }
        }
        throw AppError(status: .conflict, code: "index_number", message: "索引号规则产生的编号均已被占用，请检查本机关的索引号规则")
    }
}
