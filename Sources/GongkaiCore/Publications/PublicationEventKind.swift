/// What a line of a publication's history records. The same code names the change in the audit
/// log, so the log and the history speak one vocabulary.
public enum PublicationEventKind: String, Sendable, Codable, CaseIterable {
    case drafted
    case edited
    case attached
    /// A file that was never public deleted at once (a draft's, or one added with the revision).
    case attachmentRemoved = "attachment_removed"
    /// A public file marked to go when the revision passes; it stays public until then.
    case attachmentRemovalMarked = "attachment_removal_marked"
    /// The mark taken back while the revision is a draft (保留).
    case attachmentKept = "attachment_kept"
    case submitted
    case stepPassed = "step_passed"
    case returned
    case scheduled
    /// A scheduled publication called back to a draft: not a change to its text.
    case unscheduled
    case published
    case filed
    case revisionDrafted = "revision_drafted"
    case revised
    case withdrawn
    case repealed

    public var chineseLabel: String {
        switch self {
        case .drafted: return "起草"
        case .edited: return "修改草稿"
        case .attached: return "上传附件"
        case .attachmentRemoved: return "删除附件"
        case .attachmentRemovalMarked: return "附件随修订稿删除"
        case .attachmentKept: return "保留附件"
        case .submitted: return "提交审核"
        case .stepPassed: return "审核通过一步"
        case .returned: return "退回修改"
        case .scheduled: return "定时发布"
        case .unscheduled: return "取消定时发布"
        case .published: return "发布"
        case .filed: return "归档（不主动公开）"
        case .revisionDrafted: return "起草修订"
        case .revised: return "发布修订版本"
        case .withdrawn: return "撤回"
        case .repealed: return "登记废止、修改或失效"
        }
    }
}
