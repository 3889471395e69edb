/// Who may take each step on a message, beside `Role.permissions`: staff handling messages
/// triage, assign, reply and record ratings; the head of the office decides what is published.
extension MessageStep {
    public var requiredPermission: Permission {
        switch self {
        case .approvePublication, .refusePublication: return .approveMessageReplies
        case .accept, .transfer, .notAccept, .assign, .reply, .recordRating: return .handleMessages
        }
    }
}
