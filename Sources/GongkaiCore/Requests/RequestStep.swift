/// A step staff take on a disclosure request, by the name forms and the API use (`action`).
/// Which role may take it is `requiredPermission` (Access/RequestStep+Permission.swift).
public enum RequestStep: String, Sendable, Codable, CaseIterable {
    case confirmReceipt = "confirm_receipt"
    case assign
    case requestCorrection = "request_correction"
    case receiveCorrection = "receive_correction"
    case sendConsultation = "send_consultation"
    case recordConsultationReceipt = "record_consultation_receipt"
    case answerConsultation = "answer_consultation"
    case requestExtension = "request_extension"
    case approveExtension = "approve_extension"
    case setDeferral = "set_deferral"
    case sendFeeNotice = "send_fee_notice"
    case recordFeeNoticeReceipt = "record_fee_notice_receipt"
    case recordPayment = "record_payment"
    case waiveFee = "waive_fee"
    case withdraw
    case conclude

    public var chineseLabel: String {
        switch self {
        case .confirmReceipt: return "确认收到申请之日"
        case .assign: return "指定承办人"
        case .requestCorrection: return "发出补正通知"
        case .receiveCorrection: return "登记收到补正"
        case .sendConsultation: return "征求第三方或其他机关意见"
        case .recordConsultationReceipt: return "登记对方收到征求意见函之日"
        case .answerConsultation: return "登记征求意见的答复"
        case .requestExtension: return "申请延长答复期限"
        case .approveExtension: return "批准延长答复期限"
        case .setDeferral: return "确定延迟答复期限"
        case .sendFeeNotice: return "发出收费通知"
        case .recordFeeNoticeReceipt: return "登记申请人收到收费通知之日"
        case .recordPayment: return "登记缴费"
        case .waiveFee: return "减免信息处理费"
        case .withdraw: return "申请人撤回申请"
        case .conclude: return "作出答复并办结"
        }
    }

    /// The title of the step's form on the request's page: the label, with what the form names
    /// (the party consulted, the days asked for), the rule it rests on or the decision it records.
    public func formTitle(party: String? = nil, days: Int? = nil) -> String {
        switch self {
        case .requestCorrection: return chineseLabel + "（一次性告知）"
        case .recordConsultationReceipt: return party.map { "登记\($0)收到征求意见函之日" } ?? chineseLabel
        case .answerConsultation: return party.map { "登记\($0)的答复" } ?? chineseLabel
        case .approveExtension: return days.map { "批准延长 \($0) 个工作日" } ?? chineseLabel
        case .setDeferral: return chineseLabel + "（条例第三十五条）"
        case .sendFeeNotice: return "决定收取信息处理费并" + chineseLabel
        default: return chineseLabel
        }
    }
}
