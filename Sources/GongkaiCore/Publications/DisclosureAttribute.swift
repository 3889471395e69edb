/// 公开属性: decided when a document is drafted and checked by the confidentiality review.
/// Only 主动公开 reaches the portal; the others are kept on record with their reason.
public enum DisclosureAttribute: String, Sendable, Codable, CaseIterable {
    case proactive
    case onRequest = "on_request"
    case notDisclosed = "not_disclosed"

    public var chineseLabel: String {
        switch self {
        case .proactive: return "主动公开"
        case .onRequest: return "依申请公开"
        case .notDisclosed: return "不予公开"
        }
    }
}

/// Why a document is not disclosed (Regulation Arts. 14–16), the legal reason 不予公开 needs.
public enum NonDisclosureReason: String, Sendable, Codable, CaseIterable {
    case stateSecret = "state_secret"
    case prohibitedByLaw = "prohibited_by_law"
    case threeSecurityOneStability = "three_security_one_stability"
    case thirdPartyRights = "third_party_rights"
    case internalAffairs = "internal_affairs"
    case processInformation = "process_information"
    case enforcementCaseFile = "enforcement_case_file"

    public var chineseLabel: String {
        switch self {
        case .stateSecret: return "依法确定为国家秘密的政府信息（条例第十四条）"
        case .prohibitedByLaw: return "法律、行政法规禁止公开的政府信息（条例第十四条）"
        case .threeSecurityOneStability: return "公开后可能危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）"
        case .thirdPartyRights: return "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（条例第十五条）"
        case .internalAffairs: return "人事管理、后勤管理、内部工作流程等内部事务信息（条例第十六条第一款）"
        case .processInformation: return "讨论记录、过程稿、磋商信函、请示报告等过程性信息（条例第十六条第二款）"
        case .enforcementCaseFile: return "行政执法案卷信息（条例第十六条第二款）"
        }
    }
}
