import Foundation
import GongkaiCore

/// Reads a staff step's values from submitted fields (console form or API JSON, same names),
/// with a Chinese message for every field that is wrong.
enum StaffActionParser {
    /// The step named by `action`: a missing or unknown name is a validation error.
    static func step(_ f: FormFields) throws -> RequestStep {
        guard !f["action"].isEmpty else { throw AppError.validation(["action": "请选择要办理的事项"]) }
        guard let step = RequestStep(rawValue: f["action"]) else {
            throw AppError.validation(["action": "无法识别的办理事项“\(f["action"])”"])
        }
        return step
    }

    static func parse(_ step: RequestStep, _ f: FormFields, today: CivilDate, rules: ClockRules) throws -> StaffAction {
        var errors: [String: String] = [:]
        func date(_ name: String, _ label: String, default value: CivilDate? = nil) -> CivilDate {
            let text = f[name]
            if text.isEmpty, let value { return value }
            guard let d = CivilDate(iso: text) else {
                errors[name] = text.isEmpty ? "请填写\(label)" : "\(label)“\(text)”无效，应为 YYYY-MM-DD"
                return today
            }
            return d
        }
        func optionalDate(_ name: String, _ label: String) -> CivilDate? {
            f[name].isEmpty ? nil : date(name, label)
        }
        func int(_ name: String, _ label: String, in range: ClosedRange<Int>) -> Int {
            guard let n = f.int(name), range.contains(n) else {
                errors[name] = "\(label)应为 \(range.lowerBound)–\(range.upperBound) 之间的整数"
                return range.lowerBound
            }
            return n
        }
        /// A reason kept with the record (as an order's basis, at most 200 characters).
        func reason(_ name: String, _ label: String) -> String {
            let text = f[name]
            if text.count > 200 { errors[name] = "\(label)不能超过 200 个字" }
            return text
        }
        let action: StaffAction
        switch step {
        case .confirmReceipt:
            action = .confirmReceipt(on: date("received_on", "收到申请之日（确认日期）"), reason: reason("reason", "未能当日确认的原因"))
        case .assign:
            action = .assign(officerID: int("case_officer_id", "承办人", in: 1...Int(Int32.max)))
        case .requestCorrection:
            action = .requestCorrection(sentOn: date("sent_on", "发出补正通知日期", default: today), deadline: date("deadline", "补正期限"), items: f["items"])
        case .receiveCorrection:
            action = .receiveCorrection(on: date("received_on", "收到补正日期", default: today), lateReason: reason("reason", "逾期补正的理由"))
        case .sendConsultation:
            guard let kind = RequestTimeline.ConsultationKind(rawValue: f["kind"]) else {
                throw AppError.validation(["kind": "请选择征求第三方意见或征求其他机关意见"])
            }
            action = .sendConsultation(kind: kind, party: f["party"], sentOn: date("sent_on", "发函日期", default: today),
                                       partyReceivedOn: optionalDate("party_received_on", "对方收到日期"))
        case .recordConsultationReceipt:
            action = .recordConsultationReceipt(consultationID: int("consultation_id", "征求意见记录", in: 1...Int(Int32.max)),
                                                on: date("party_received_on", "对方收到日期"))
        case .answerConsultation:
            action = .answerConsultation(consultationID: int("consultation_id", "征求意见记录", in: 1...Int(Int32.max)),
                                         on: date("answered_on", "答复日期", default: today), summary: f["summary"])
        case .requestExtension:
            action = .requestExtension(days: int("days", "延长工作日数", in: 1...rules.maxExtensionDays), reason: f["reason"])
        case .approveExtension:
            action = .approveExtension(on: date("on", "批准日期", default: today))
        case .setDeferral:
            action = .setDeferral(on: date("on", "确定日期", default: today), dueOn: date("due_on", "延迟答复期限"), reason: f["reason"])
        case .sendFeeNotice:
            guard let method = FeeMethod(rawValue: f["method"]) else { throw AppError.validation(["method": "请选择按件或按量计收"]) }
            action = .sendFeeNotice(method: method, quantity: int("quantity", method == .pages ? "页数" : "件数", in: 1...1_000_000),
                                    earlierThisMonth: f["earlier_this_month"].isEmpty ? nil : int("earlier_this_month", "本月此前件数", in: 0...100_000),
                                    earlierReason: f["earlier_reason"],
                                    sentOn: date("sent_on", "发出收费通知日期", default: today),
                                    applicantReceivedOn: optionalDate("applicant_received_on", "申请人收到通知日期"))
        case .recordFeeNoticeReceipt:
            action = .recordFeeNoticeReceipt(on: date("applicant_received_on", "申请人收到收费通知日期"))
        case .recordPayment:
            action = .recordPayment(on: date("paid_on", "缴费日期", default: today), receiptNumber: f["receipt_number"])
        case .waiveFee:
            action = .waiveFee(on: date("on", "减免日期", default: today), reason: f["reason"])
        case .withdraw:
            action = .withdraw(on: date("on", "撤回日期", default: today), note: f["note"])
        case .conclude:
            guard let outcome = RequestOutcome(rawValue: f["outcome"]) else { throw AppError.validation(["outcome": "请选择办理结果"]) }
            let reply = ReplyType(rawValue: f["reply_type"]) ?? outcome.replyTypes[0]
            guard let method = ServiceMethod(rawValue: f["service_method"]) else {
                throw AppError.validation(["service_method": "请选择送达方式（直接送达以签收之日、邮寄以交邮之日为答复日）"])
            }
            action = .conclude(.init(servedOn: date("served_on", "答复（送达）日期", default: today), outcome: outcome, replyType: reply,
                                     legalBasis: f["legal_basis"].isEmpty ? nil : f["legal_basis"], details: f["details"],
                                     serviceMethod: method, letterNumber: f["letter_number"],
                                     earlierReplyOn: optionalDate("earlier_reply_on", "前次答复日期")))
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return action
    }
}
