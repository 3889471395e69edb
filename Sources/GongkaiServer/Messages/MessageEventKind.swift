import GongkaiCore

/// What a line of a message's history records. The same code, prefixed `message_`, names the
/// step in the audit log (`AuditAction.message`); the tracking page shows some in its own words.
enum MessageEventKind: String, Sendable, Codable, CaseIterable {
    case received
    case accepted
    case transferredOut = "transferred_out"
    case transferredIn = "transferred_in"
    case notAccepted = "not_accepted"
    case assigned
    case replied
    case rated
    case ratingRecorded = "rating_recorded"
    case publicationApproved = "publication_approved"
    case publicationRefused = "publication_refused"
    case convertedToRequest = "converted_to_request"
    case convertedFromRequest = "converted_from_request"
    /// Copies of one imported item merged into one (MergeDuplicateImportedMessages).
    case merged

    var chineseLabel: String {
        switch self {
        case .received: return "登记来信"
        case .accepted: return MessageStep.accept.chineseLabel
        case .transferredOut: return MessageStep.transfer.chineseLabel
        case .transferredIn: return "其他机关转来"
        case .notAccepted: return MessageStep.notAccept.chineseLabel
        case .assigned: return "交办"
        case .replied: return MessageStep.reply.chineseLabel
        case .rated: return "来信人评价"
        case .ratingRecorded: return MessageStep.recordRating.chineseLabel
        case .publicationApproved: return MessageStep.approvePublication.chineseLabel
        case .publicationRefused: return MessageStep.refusePublication.chineseLabel
        case .convertedToRequest: return "转为依申请公开"
        case .convertedFromRequest: return "由依申请公开转来"
        case .merged: return "合并重复导入"
        }
    }

    /// The words of the sender's tracking page; nil for internal steps.
    var publicLabel: String? {
        switch self {
        case .received: return "收到来信"
        case .accepted: return "已受理，正在办理"
        case .transferredOut: return "转有关机关办理"
        case .transferredIn: return "有关机关收到转办，正在办理"
        case .notAccepted: return "不予受理（原因见答复）"
        case .replied: return "已答复"
        case .rated: return "您已评价"
        case .ratingRecorded: return "电话回访，已记录评价"
        case .publicationApproved: return "答复已在网站公开（已隐去姓名和电话）"
        case .convertedToRequest: return "按政府信息公开申请办理"
        case .convertedFromRequest: return "按政民互动事项办理"
        case .assigned, .publicationRefused, .merged: return nil
        }
    }
}
