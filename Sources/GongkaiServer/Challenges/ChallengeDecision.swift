import Fluent
import Foundation
import GongkaiCore

/// The decision in a case: a result and the date it was made.
struct ChallengeDecision: Sendable {
    var result: ChallengeResult
    var decidedOn: CivilDate?
    var summary: String?

    init(form f: FormFields, today: CivilDate) throws {
        guard let result = ChallengeResult(rawValue: f["result"]) else { throw AppError.validation(["result": "请选择审理结果"]) }
        self.result = result
        self.summary = f["summary"].isEmpty ? nil : f["summary"]
        guard result != .pending else { decidedOn = nil; return }
        guard let decided = CivilDate(iso: f["decided_on"]) else {
            throw AppError.validation(["decided_on": f["decided_on"].isEmpty ? "请填写决定或判决日期" : "决定日期“\(f["decided_on"])”无效，应为 YYYY-MM-DD"])
        }
        if decided > today { throw AppError.validation(["decided_on": "决定日期不能晚于今天"]) }
        self.decidedOn = decided
    }
}
