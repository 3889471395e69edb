/// Who may take each step of a publication's review chain, beside `Role.permissions`: the
/// confidentiality review needs its own permission (保密审查员); every other step is a reviewer's.
extension ReviewStepKind {
    public var requiredPermission: Permission {
        switch self {
        case .confidentiality: return .confidentialityReview
        case .preliminary, .secondary, .legality, .interpretation, .final: return .review
        }
    }
}
