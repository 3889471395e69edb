/// A step on an annual report.
public enum ReportStep: String, Sendable, Codable, CaseIterable {
    case submit
    case returnToAgency = "return"
    case approve
    case publish
    /// Reopens a published report for a correction, published as a new version.
    case correct

    public var chineseLabel: String {
        switch self {
        case .submit: return "报送上级审核"
        case .returnToAgency: return "退回修改"
        case .approve: return "审核通过"
        case .publish: return "发布"
        case .correct: return "更正（发布新版本）"
        }
    }
}
