import Fluent
import GongkaiCore
import Vapor

/// The two inputs of a deadline question, checked with messages a user can act on.
enum DeadlineInput {
    struct Problem: Error, LocalizedError {
        let field: String
        let message: String
        var errorDescription: String? { message }
    }

    static func parse(start: String, days: String) throws -> (CivilDate, Int) {
        guard let date = CivilDate(iso: start.trimmingCharacters(in: .whitespaces)) else {
            throw Problem(field: "start", message: "起算日期“\(start)”无效，应为 YYYY-MM-DD，例如 2023-09-27")
        }
        guard let n = Int(days.trimmingCharacters(in: .whitespaces)), (0...400).contains(n) else {
            throw Problem(field: "days", message: "工作日数“\(days)”无效，应为 0–400 之间的整数")
        }
        return (date, n)
    }
}
