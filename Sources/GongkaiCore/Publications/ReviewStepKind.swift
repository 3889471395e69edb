/// A step of the review chain a publication passes before it is public (审核). Agencies choose
/// their chain from these (the seed's office runs seven: “七审七校”); 保密审查 is in every chain.
public enum ReviewStepKind: String, Sendable, Codable, CaseIterable {
    /// 初审: the disclosure office reads the draft (content, wording, metadata).
    case preliminary
    /// 复审: a second reading.
    case secondary
    /// 合法性审核: legality, above all for normative documents.
    case legality
    /// 保密审查: no state secret, personal data or other exempt information — mandatory.
    case confidentiality
    /// 政策解读审核: the interpretation published with the policy says what the policy says.
    case interpretation
    /// 终审: the head signs off (领导签发).
    case final

    public var chineseLabel: String {
        switch self {
        case .preliminary: return "初审"
        case .secondary: return "复审"
        case .legality: return "合法性审核"
        case .confidentiality: return "保密审查"
        case .interpretation: return "解读审核"
        case .final: return "终审"
        }
    }
}
