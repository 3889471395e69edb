/// A step staff take on a publication, by the name forms and the API use (`action`).
public enum PublicationStep: String, Sendable, Codable, CaseIterable {
    /// Send the draft (or the revision of a published item) into the review chain.
    case submit
    /// Pass the step of the chain that is waiting (the door is the step's permission).
    case pass
    /// Return the item to its author with reasons; the round ends.
    case returnToAuthor = "return"
    /// Take a published item off the portal, with a reason; record and address stay.
    case withdraw
    /// Stop a scheduled publication; the item goes back to draft.
    case unschedule
    /// Register the repeal, amendment or end of validity of a regulation or normative document.
    case registerValidity = "register_validity"

    public var chineseLabel: String {
        switch self {
        case .submit: return "提交审核"
        case .pass: return "审核通过"
        case .returnToAuthor: return "退回修改"
        case .withdraw: return "撤回发布"
        case .unschedule: return "取消定时发布"
        case .registerValidity: return "登记废止、修改或有效期"
        }
    }

    /// Steps the publisher takes; `pass` and `return` are taken at the waiting step's permission.
    public var isReviewDecision: Bool { self == .pass || self == .returnToAuthor }
}

/// A revision of a published item: its new text waits beside the public one until the chain
/// has passed it (the public keeps seeing the version in force).
public enum RevisionState: String, Sendable, Codable, CaseIterable {
    case none
    case draft
    case inReview = "in_review"
}

/// Which step is allowed in which state, with the reason when not.
public enum PublicationWorkflow {
    public static func problem(_ step: PublicationStep, status: PublicationState, revision: RevisionState,
                               isNormative: Bool) -> String? {
        switch step {
        case .submit:
            if status == .draft { return nil }
            if status == .published && revision == .draft { return nil }
            if status == .published && revision == .none { return "已发布的信息须先修改（填写修改说明）形成修订稿，再提交审核" }
            if revision == .inReview || status == .inReview { return "该信息已在审核中" }
            return "“\(status.chineseLabel)”的信息不能提交审核"
        case .pass, .returnToAuthor:
            return status == .inReview || (status == .published && revision == .inReview) ? nil : "该信息当前不在审核中"
        case .withdraw:
            // Also while a revision is in review: an urgent takedown (wrong or secret content
            // found) cannot wait for a reviewer; the revision is closed with it (cold review 11n, L5).
            return status == .published ? nil : "只有已发布的信息可以撤回"
        case .unschedule:
            return status == .scheduled ? nil : "该信息没有待定时发布"
        case .registerValidity:
            guard isNormative else { return "只有规章和行政规范性文件登记有效性" }
            return status == .published || status == .withdrawn ? nil : "规章和规范性文件发布后才能登记废止或修改"
        }
    }

    /// Whether the item's text may be edited now (a draft, or a published item's revision).
    public static func canEdit(status: PublicationState, revision: RevisionState) -> Bool {
        status == .draft || (status == .published && revision != .inReview)
    }
}
