/// Where an agency's annual report stands.
public enum ReportStatus: String, Sendable, Codable, CaseIterable {
    /// Nothing written yet (no record): shown on the supervising office's dashboard.
    case notStarted = "not_started"
    case draft
    /// Sent to the supervising office for approval.
    case submitted
    /// Sent back with comments; edited like a draft.
    case returned
    /// Approved by the supervising office; the agency publishes it.
    case approved
    /// Public: a frozen version anyone can read.
    case published

    public var chineseLabel: String {
        switch self {
        case .notStarted: return "未开始"
        case .draft: return "起草中"
        case .submitted: return "已报送"
        case .returned: return "已退回"
        case .approved: return "已审核"
        case .published: return "已发布"
        }
    }

    /// Whether the text and figures may be edited.
    public var isEditable: Bool { self == .draft || self == .returned }
}
