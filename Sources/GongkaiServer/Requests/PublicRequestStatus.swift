import Fluent
import Foundation
import GongkaiCore

/// What an applicant learns from the tracking number and the last four digits of their phone:
/// where the request stands and its deadline, never personal data, names of consulted third
/// parties or internal notes.
struct PublicRequestStatus: Codable, Sendable {
    struct Step: Codable, Sendable {
        var date: String
        var label: String
    }

    var trackingNumber: String
    var agencyName: String
    var submittedOn: String
    var receivedOn: String?
    var status: String
    var statusLabel: String
    var dueOn: String?
    var concludedOn: String?
    var reply: String?
    var steps: [Step]

    /// History entries the applicant may see, by kind, with the words shown to them.
    static let publicSteps: [String: String] = [
        "registered": "提交申请", "receipt_confirmed": "确认收到申请（答复期限起算）", "correction_requested": "发出补正通知",
        "correction_received": "收到补正后的申请，答复期限重新计算", "consultation_sent": "书面征求意见（所需时间不计入答复期限）",
        "consultation_answered": "征求意见结束，恢复计时", "extension_granted": "延长答复期限并告知申请人", "deferral_set": "依法确定延迟答复期限",
        "fee_notice_sent": "发出信息处理费收费通知", "fee_paid": "缴纳信息处理费", "fee_waived": "减免信息处理费", "withdrawn": "撤回申请",
        "concluded": "作出答复", "deadline_recomputed": "节假日安排调整，重新计算答复期限", "reopened": "依行政复议或诉讼结果重新办理",
    ]

    /// The request with this tracking number whose phone ends in these digits; nil for any
    /// mismatch, so the lookup does not tell which of the two was wrong.
    static func find(trackingNumber: String, phoneLast4: String, on db: any Database) async throws -> PublicRequestStatus? {
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = phoneLast4.filter(\.isNumber)
        guard !tracking.isEmpty, digits.count == 4,
              let r = try await DisclosureRequest.query(on: db).filter(\.$trackingNumber == tracking).with(\.$agency).first(),
              String(r.phone.filter(\.isNumber).suffix(4)) == digits else { return nil }
        let events = try await RequestEvent.query(on: db).filter(\.$request.$id == r.requireID()).sort(\.$id).all()
        return PublicRequestStatus(
            trackingNumber: r.trackingNumber, agencyName: r.agency.name, submittedOn: r.submittedOn, receivedOn: r.receivedOn,
            status: r.status.rawValue, statusLabel: r.status == .awaitingReceipt ? "待确认收到（工作人员将与您联系确认）" : r.status.chineseLabel,
            dueOn: r.status == .concluded ? nil : r.dueOn, concludedOn: r.concludedOn,
            reply: r.replyType.map { $0.chineseLabel },
            steps: events.compactMap { e in publicSteps[e.kind].map { Step(date: e.occurredOn, label: $0) } })
    }
}
