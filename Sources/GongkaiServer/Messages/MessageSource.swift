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

/// Whether an import keeps every row or none when some are bad.
enum MessageImportMode: String, Sendable, Codable, CaseIterable {
    case allOrNothing = "all_or_nothing"
    case skipBadRows = "skip_bad_rows"

    var chineseLabel: String {
        self == .allOrNothing ? "全部正确才导入（有错误行则一行也不导入）" : "跳过错误行，导入其余正确的行"
    }
}

/// Where an import stands.
enum MessageImportStatus: String, Sendable, Codable, CaseIterable {
    case checking
    case checked
    case running
    case done
    case failed

    var chineseLabel: String {
        switch self {
        case .checking: return "正在检查"
        case .checked: return "已检查，待确认导入"
        case .running: return "正在导入"
        case .done: return "已导入"
        case .failed: return "失败"
        }
    }

    var isWorking: Bool { self == .checking || self == .running }
}
