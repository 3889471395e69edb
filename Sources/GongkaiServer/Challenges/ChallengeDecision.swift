import Fluent
import Foundation
import GongkaiCore

/// The decision in a case: a result, the date it was made, and for a correction the new reply
/// it orders (its own date or period, counted from when the agency received the decision).
struct ChallengeDecision: Sendable {
    var result: ChallengeResult
    var decidedOn: CivilDate?
    var summary: String?
    /// The day the agency received the decision (a judgment: the day it took effect).
    var receivedOn: CivilDate?
    var replyPeriod: ReplyOrder.Period = .none
    var orderBasis: String?

    init(form f: FormFields, today: CivilDate) throws {
        guard let result = ChallengeResult(rawValue: f["result"]) else { throw AppError.validation(["result": "请选择审理结果"]) }
        self.result = result
        self.summary = f["summary"].isEmpty ? nil : f["summary"]
        guard result != .pending else { decidedOn = nil; return }
        var errors: [String: String] = [:]
        func date(_ name: String, _ label: String) -> CivilDate? {
            guard !f[name].isEmpty else { return nil }
            guard let d = CivilDate(iso: f[name]) else { errors[name] = "\(label)“\(f[name])”无效，应为 YYYY-MM-DD"; return nil }
            if d > today { errors[name] = "\(label)不能晚于今天" }
            return d
        }
        let decided = date("decided_on", "决定日期")
        if decided == nil, errors["decided_on"] == nil { errors["decided_on"] = "请填写决定或判决日期" }
        let received = date("decision_received_on", "收到决定书（判决生效）日期")
        if let decided, let received, received < decided { errors["decision_received_on"] = "收到决定书之日不能早于决定日期" }
        if result == .corrected {
            let orderedOn = f["ordered_reply_on"].isEmpty ? nil : CivilDate(iso: f["ordered_reply_on"])
            if !f["ordered_reply_on"].isEmpty, orderedOn == nil { errors["ordered_reply_on"] = "重新答复期限“\(f["ordered_reply_on"])”无效，应为 YYYY-MM-DD" }
            let days = f["ordered_days"].isEmpty ? nil : f.int("ordered_days")
            if !f["ordered_days"].isEmpty, !(1...365).contains(days ?? 0) { errors["ordered_days"] = "决定确定的天数应为 1–365 之间的整数" }
            if orderedOn != nil, days != nil { errors["ordered_days"] = "重新答复的期限只填一种：日期或天数" }
            if let orderedOn, let start = received ?? decided, orderedOn < start {
                errors["ordered_reply_on"] = "重新答复期限不能早于收到决定之日"
            }
            // 日 or 工作日: a value that is neither is refused, not read as calendar days.
            let kind = ReplyOrder.DaysKind(rawValue: f["ordered_days_kind"])
            if days != nil, kind == nil {
                let given = f["ordered_days_kind"]
                let unknown = "天数的计算“\(given)”无效，应为 calendar（日）或 working（工作日）"
                errors["ordered_days_kind"] = given.isEmpty ? "请选择决定确定的天数是日（calendar）还是工作日（working）" : unknown
            }
            if let orderedOn { replyPeriod = .byDate(orderedOn) }
            if let days, let kind { replyPeriod = .init(days: days, kind: kind) }
            let basis = f["order_basis"].trimmingCharacters(in: .whitespaces)
            if basis.count > 200 { errors["order_basis"] = "依据不能超过 200 个字" }
            orderBasis = basis.isEmpty ? nil : basis
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        self.decidedOn = decided
        self.receivedOn = received
    }
}
