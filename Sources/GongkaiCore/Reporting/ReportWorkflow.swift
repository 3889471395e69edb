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
