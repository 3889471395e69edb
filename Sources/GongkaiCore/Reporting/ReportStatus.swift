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

/// Which step is allowed from which status, with the reason when not. An agency with no
/// supervising agency in the platform (the county itself) publishes without approval.
public enum ReportWorkflow {
    public static func problem(with step: ReportStep, status: ReportStatus, hasSupervisingAgency: Bool,
                               blockingFindings: Int, unacknowledgedWarnings: Int) -> String? {
        switch step {
        case .submit:
            guard hasSupervisingAgency else { return "本机关没有上级审核机关，审核无误后可直接发布" }
            guard status.isEditable else { return "只有起草中或已退回的报告才能报送（当前：\(status.chineseLabel)）" }
            return readiness(blockingFindings, unacknowledgedWarnings)
        case .approve:
            return status == .submitted ? nil : "只有已报送的报告才能\(step.chineseLabel)（当前：\(status.chineseLabel)）"
        case .returnToAgency:
            // An approved report not yet published may be sent back too (the records changed).
            return status == .submitted || status == .approved ? nil : "只有已报送或已审核未发布的报告才能退回（当前：\(status.chineseLabel)）"
        case .publish:
            if hasSupervisingAgency, status != .approved { return "报告须经上级审核通过后才能发布（当前：\(status.chineseLabel)）" }
            if !hasSupervisingAgency, !status.isEditable { return "只有起草中的报告才能发布（当前：\(status.chineseLabel)）" }
            return readiness(blockingFindings, unacknowledgedWarnings)
        case .correct:
            return status == .published ? nil : "只有已发布的报告才能更正"
        }
    }

    static func readiness(_ errors: Int, _ warnings: Int) -> String? {
        if errors > 0 { return "报告还有 \(errors) 处错误（勾稽关系、叙述数字或缺失的数据），改正后才能报送或发布" }
        if warnings > 0 { return "报告还有 \(warnings) 项提示未确认：请逐项写明理由后再报送或发布" }
        return nil
    }
}
