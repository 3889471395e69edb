/// What a message from the public asks for (诉求类型). The time limit may differ by kind.
public enum MessageKind: String, Sendable, Codable, CaseIterable {
    case consultation
    case suggestion
    case complaint
    case report
    case help
    case praise
    case other

    public var chineseLabel: String {
        switch self {
        case .consultation: return "咨询"
        case .suggestion: return "建议"
        case .complaint: return "投诉"
        case .report: return "举报"
        case .help: return "求助"
        case .praise: return "表扬"
        case .other: return "其他"
        }
    }

    /// The code or its Chinese label (import files, forms typed by hand).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let kind = MessageKind(rawValue: t.lowercased()) ?? MessageKind.allCases.first(where: { $0.chineseLabel == t }) else { return nil }
        self = kind
    }
}

/// The channels an agency's list is seeded with. The list itself is per agency (rows), and an
/// agency may rename or add channels; every channel keeps one of these kinds, which decides its
/// default time limit and whether it is the agency's public mailbox.
public enum MessageChannelKind: String, Sendable, Codable, CaseIterable {
    case hotline12345 = "hotline_12345"
    /// 县长信箱 / 局长信箱 / 镇长信箱: the agency's mailbox on the portal.
    case headMailbox = "head_mailbox"
    case governmentServiceSite = "government_service_site"
    case wechat
    case phone
    case letter
    case visit

    public var chineseLabel: String {
        switch self {
        case .hotline12345: return "12345热线"
        case .headMailbox: return "领导信箱"
        case .governmentServiceSite: return "政务服务网"
        case .wechat: return "微信公众号"
        case .phone: return "电话"
        case .letter: return "来信"
        case .visit: return "来访"
        }
    }

    /// The name the channel is seeded with for an agency of this kind (the mailbox is named
    /// after the agency's head: 县长信箱, 局长信箱, 镇长信箱).
    public func seedName(for agency: AgencyKind) -> String {
        guard self == .headMailbox else { return chineseLabel }
        switch agency {
        case .government: return "县长信箱"
        case .department: return "局长信箱"
        case .township: return "镇长信箱"
        case .other: return "主任信箱"
        }
    }

    /// Written messages that reach the agency online or by post (a disclosure request made
    /// through them is received under Art. 31's confirmation rule).
    public var isWritten: Bool {
        switch self {
        case .headMailbox, .governmentServiceSite, .wechat, .letter: return true
        case .hotline12345, .phone, .visit: return false
        }
    }
}

/// Where a message stands.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    /// Arrived, not yet triaged (待受理).
    case received
    /// Accepted, being handled (办理中).
    case accepted
    /// Answered and closed (已办结).
    case completed
    /// Closed without handling, the reason told to the sender (不予受理).
    case notAccepted = "not_accepted"
    /// Really a disclosure request: registered as one and counted there, not here.
    case convertedToRequest = "converted_to_request"

    public var chineseLabel: String {
        switch self {
        case .received: return "待受理"
        case .accepted: return "办理中"
        case .completed: return "已办结"
        case .notAccepted: return "不予受理"
        case .convertedToRequest: return "已转为依申请公开"
        }
    }

    public var isOpen: Bool { self == .received || self == .accepted }
    /// Closed as far as the figures go: 办结 includes 不予受理 (the sender is told why).
    public var isClosed: Bool { self == .completed || self == .notAccepted }

    public static let open: [MessageStatus] = [.received, .accepted]
}

/// Why a message is not accepted (不予受理), chosen from a list.
public enum NotAcceptedReason: String, Sendable, Codable, CaseIterable {
    case notOurDuty = "not_our_duty"
    case duplicate
    case abusive
    case unclear
    case legalProceedings = "legal_proceedings"
    case other

    public var chineseLabel: String {
        switch self {
        case .notOurDuty: return "不属于本机关职责范围"
        case .duplicate: return "重复反映，已答复"
        case .abusive: return "含有辱骂、攻击等内容"
        case .unclear: return "内容不清，无法办理"
        case .legalProceedings: return "已进入诉讼、仲裁、行政复议等法定程序"
        case .other: return "其他"
        }
    }
}

/// The sender's rating of a reply.
public enum Satisfaction: String, Sendable, Codable, CaseIterable {
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case dissatisfied

    public var chineseLabel: String {
        switch self {
        case .satisfied: return "满意"
        case .basicallySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        }
    }

    /// Counts towards the satisfaction rate (满意 + 基本满意).
    public var isSatisfied: Bool { self != .dissatisfied }

    /// `满意`, `基本满意`, `不满意` or the codes.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let s = Satisfaction(rawValue: t.lowercased()) ?? Satisfaction.allCases.first(where: { $0.chineseLabel == t }) else { return nil }
        self = s
    }
}

/// How a rating was given.
public enum RatingSource: String, Sendable, Codable, CaseIterable {
    /// By the sender on the tracking page.
    case sender
    /// Told to staff by phone and recorded by them.
    case phone
    /// Carried in an imported export.
    case imported

    public var chineseLabel: String {
        switch self {
        case .sender: return "来信人网上评价"
        case .phone: return "电话回访（工作人员记录）"
        case .imported: return "导入"
        }
    }
}

/// Whether a reply is on the portal.
public enum PublicationStatus: String, Sendable, Codable, CaseIterable {
    /// The sender did not allow publication (or there is no reply to publish).
    case notAllowed = "not_allowed"
    /// Allowed by the sender, waiting for the office head.
    case pending
    case published
    case refused

    public var chineseLabel: String {
        switch self {
        case .notAllowed: return "不公开"
        case .pending: return "待负责人审批公开"
        case .published: return "已公开"
        case .refused: return "负责人决定不公开"
        }
    }
}

/// A step staff take on a message, by the name forms and the API use (`action`). Who may take
/// it is `requiredPermission` (Access/MessageStep+Permission.swift).
public enum MessageStep: String, Sendable, Codable, CaseIterable {
    case accept
    case transfer
    case notAccept = "not_accept"
    case assign
    case reply
    case recordRating = "record_rating"
    case approvePublication = "approve_publication"
    case refusePublication = "refuse_publication"

    public var chineseLabel: String {
        switch self {
        case .accept: return "受理"
        case .transfer: return "转办其他机关"
        case .notAccept: return "不予受理"
        case .assign: return "交办（承办单位、承办人）"
        case .reply: return "答复并办结"
        case .recordRating: return "记录电话回访评价"
        case .approvePublication: return "批准公开答复"
        case .refusePublication: return "决定不公开答复"
        }
    }

    /// The title of the step's form on the message's page.
    public var formTitle: String {
        switch self {
        case .approvePublication: return "批准在网站公开答复"
        case .refusePublication: return "决定不公开"
        default: return chineseLabel
        }
    }
}
