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
