/// Where a request was registered from: the public form or API, staff in the console, a staff
/// member's API client, a decision that reopened an earlier request, or records carried over
/// from an earlier system.
enum RequestSource: String, Sendable, Codable, CaseIterable {
    case publicForm = "public"
    case staff
    case api
    case reopened
    case migrated
    /// A public message that was really a disclosure request (政民互动, #12).
    case message

    var chineseLabel: String {
        switch self {
        case .publicForm: return "网上申请"
        case .staff: return "工作人员登记"
        case .api: return "接口登记"
        case .reopened: return "复议诉讼后重新办理"
        case .migrated: return "历史数据导入"
        case .message: return "政民互动转来"
        }
    }
}
