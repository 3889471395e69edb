/// Where a publication stands. Nothing is public unless `published`; a withdrawn publication
/// keeps its record and address, and its page says when and why it was withdrawn.
public enum PublicationState: String, Sendable, Codable, CaseIterable {
    /// Being written, or returned by a reviewer.
    case draft
    /// Passing the review chain step by step.
    case inReview = "in_review"
    /// Every step passed; goes public at its scheduled time.
    case scheduled
    case published
    /// Taken off the portal with a reason; the record and the URL stay.
    case withdrawn
    /// Every step passed, but its 公开属性 is 依申请公开 or 不予公开: kept on record, never on the portal.
    case filed

    public var chineseLabel: String {
        switch self {
        case .draft: return "草稿"
        case .inReview: return "审核中"
        case .scheduled: return "待定时发布"
        case .published: return "已发布"
        case .withdrawn: return "已撤回"
        case .filed: return "已归档（不主动公开）"
        }
    }
}
