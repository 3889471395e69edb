import GongkaiCore

/// What a line of a request's history records. The same code names the step in the audit log
/// (`AuditAction.request`), and the applicant's tracking page shows some of them in its own words.
enum RequestEventKind: String, Sendable, Codable, CaseIterable {
    case registered
    /// A request opened again because a reconsideration or court decision corrected the reply.
    case reopened
    case receiptConfirmed = "receipt_confirmed"
    case assigned
    case correctionRequested = "correction_requested"
    case correctionReceived = "correction_received"
    case consultationSent = "consultation_sent"
    case consultationReceived = "consultation_received"
    case consultationAnswered = "consultation_answered"
    case extensionRequested = "extension_requested"
    case extensionGranted = "extension_granted"
    case deferralSet = "deferral_set"
    case feeNoticeSent = "fee_notice_sent"
    case feeNoticeReceived = "fee_notice_received"
    case feePaid = "fee_paid"
    case feeWaived = "fee_waived"
    case withdrawn
    case concluded
    /// Holiday data changed the due date.
    case deadlineRecomputed = "deadline_recomputed"
    /// The periodic refresh moved the due date (an estimate, a lapsed pause), not a holiday change.
    case deadlineUpdated = "deadline_updated"
    /// A second decision in the case that reopened the request changed its receipt or ordered period.
    case orderAmended = "order_amended"
    /// On the original request: a decision corrected its reply (the new request is `reopened`).
    case challengeCorrected = "challenge_corrected"

    var chineseLabel: String {
        switch self {
        case .registered: return "登记申请"
        case .reopened: return "复议诉讼后重新办理"
        case .receiptConfirmed: return RequestStep.confirmReceipt.chineseLabel
        case .assigned: return RequestStep.assign.chineseLabel
        case .correctionRequested: return RequestStep.requestCorrection.chineseLabel
        case .correctionReceived: return "收到补正"
        case .consultationSent: return "征求意见"
        case .consultationReceived: return "对方收到征求意见函"
        case .consultationAnswered: return "征求意见答复"
        case .extensionRequested: return "申请延期"
        case .extensionGranted: return "批准延期"
        case .deferralSet: return RequestStep.setDeferral.chineseLabel
        case .feeNoticeSent: return RequestStep.sendFeeNotice.chineseLabel
        case .feeNoticeReceived: return "申请人收到收费通知"
        case .feePaid: return "缴费"
        case .feeWaived: return "减免收费"
        case .withdrawn: return "撤回申请"
        case .concluded: return "作出答复"
        case .deadlineRecomputed: return "重新计算答复期限"
        case .deadlineUpdated: return "更新答复期限"
        case .orderAmended: return "复议诉讼决定信息更正"
        case .challengeCorrected: return "答复被复议诉讼纠正"
        }
    }

    /// The words the applicant's tracking page uses; nil for internal steps (who handles the
    /// request, requests for an extension not yet granted).
    var publicLabel: String? {
        switch self {
        case .registered: return "提交申请"
        case .receiptConfirmed: return "确认收到申请（答复期限起算）"
        case .correctionRequested: return "发出补正通知"
        case .correctionReceived: return "收到补正后的申请，答复期限重新计算"
        case .consultationSent: return "书面征求意见（所需时间不计入答复期限）"
        case .consultationAnswered: return "征求意见结束，恢复计时"
        case .extensionGranted: return "延长答复期限并告知申请人"
        case .deferralSet: return "依法确定延迟答复期限"
        case .feeNoticeSent: return "发出信息处理费收费通知"
        case .feeNoticeReceived: return "收到收费通知（缴费期限自次日起算）"
        case .feePaid: return "缴纳信息处理费"
        case .feeWaived: return "减免信息处理费"
        case .withdrawn: return "撤回申请"
        case .concluded: return "作出答复"
        case .deadlineRecomputed: return "节假日安排调整，重新计算答复期限"
        case .deadlineUpdated: return "答复期限更新"
        case .orderAmended: return "依行政复议或诉讼决定重新计算答复期限"
        case .reopened: return "依行政复议或诉讼结果重新办理"
        case .assigned, .extensionRequested, .challengeCorrected, .consultationReceived: return nil
        }
    }
}
