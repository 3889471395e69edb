/// Where a message was registered from.
enum MessageSource: String, Sendable, Codable, CaseIterable {
    /// The agency's mailbox on the portal.
    case mailbox
    /// Entered by staff (a call, a letter, a visit).
    case staff
    /// Imported from an export of another system (the 12345 hotline).
    case imported
    /// A disclosure request that was really a complaint or a petition.
    case request

    var chineseLabel: String {
        switch self {
        case .mailbox: return "网上信箱"
        case .staff: return "工作人员登记"
        case .imported: return "批量导入"
        case .request: return "依申请公开转来"
        }
    }
}
