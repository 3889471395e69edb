/// The kinds of record the audit log speaks of, with the names an auditor reads.
enum AuditEntityType: String, Sendable, Codable, CaseIterable {
    case agency
    case staffUser = "staff_user"
    case apiToken = "api_token"
    case holidaySchedule = "holiday_schedule"
    case disclosureRequest = "disclosure_request"
    case challengeCase = "challenge_case"
    // proactive disclosure (issue #11)
    case publication
    case publishingProfile = "publishing_profile"
    case topicColumn = "topic_column"
    case catalogueItem = "catalogue_item"

    var chineseLabel: String {
        switch self {
        case .agency: return "机构"
        case .staffUser: return "用户"
        case .apiToken: return "接口令牌"
        case .holidaySchedule: return "节假日安排"
        case .disclosureRequest: return "依申请公开"
        case .challengeCase: return "复议诉讼案件"
        case .publication: return "主动公开信息"
        case .publishingProfile: return "发布设置（索引号、审核流程）"
        case .topicColumn: return "专题专栏"
        case .catalogueItem: return "标准目录事项"
        }
    }

    /// Codes written by earlier versions, read as today's type.
    static let legacyCodes: [String: AuditEntityType] = ["review_case": .challengeCase]

    init?(code: String) {
        guard let type = AuditEntityType(rawValue: code) ?? Self.legacyCodes[code] else { return nil }
        self = type
    }

    /// Every code stored for this type, for filtering old and new entries alike.
    var storedCodes: [String] { [rawValue] + Self.legacyCodes.filter { $0.value == self }.map(\.key) }
}
