/// Who asks (申请人): a natural person, or one of the kinds of organisation the annual report
/// counts separately (report table 三's columns, statute §2.4).
public enum ApplicantKind: String, Sendable, Codable, CaseIterable {
    case naturalPerson = "natural_person"
    case commercialEnterprise = "commercial_enterprise"
    case researchInstitution = "research_institution"
    case publicWelfareOrg = "public_welfare_org"
    case legalServiceOrg = "legal_service_org"
    case otherOrg = "other_org"

    public var chineseLabel: String {
        switch self {
        case .naturalPerson: return "自然人"
        case .commercialEnterprise: return "商业企业"
        case .researchInstitution: return "科研机构"
        case .publicWelfareOrg: return "社会公益组织"
        case .legalServiceOrg: return "法律服务机构"
        case .otherOrg: return "其他组织"
        }
    }

    public var isOrganisation: Bool { self != .naturalPerson }

    /// The column of report table 三 (the raw values are the spec's column ids).
    public var reportColumn: String { rawValue }
}

/// How an application reached the agency; decides the receipt date (Regulation Art. 31).
public enum RequestChannel: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case postSigned = "post_signed"
    case postUnsigned = "post_unsigned"
    case internet
    case fax
    case other

    public var chineseLabel: String {
        switch self {
        case .inPerson: return "当面提交"
        case .postSigned: return "邮寄（需签收）"
        case .postUnsigned: return "平常信函"
        case .internet: return "互联网（在线平台、电子邮件）"
        case .fax: return "传真"
        case .other: return "其他渠道"
        }
    }

    /// Art. 31: for ordinary letters the disclosure office confirms with the applicant on the
    /// day it receives the letter; for the internet and fax the receipt date is the day both
    /// parties confirm. Until the confirmation is recorded the clock does not start.
    public var receiptNeedsConfirmation: Bool {
        switch self {
        case .inPerson, .postSigned: return false
        case .postUnsigned, .internet, .fax, .other: return true
        }
    }

    /// What the receipt date is for this channel, as staff see it on the registration form.
    public var receiptRule: String {
        switch self {
        case .inPerson: return "以提交之日为收到申请之日"
        case .postSigned: return "以本机关签收之日为收到申请之日"
        case .postUnsigned: return "须于收到信函当日与申请人确认，以确认之日为收到申请之日"
        case .internet, .fax: return "以双方确认之日为收到申请之日"
        case .other: return "以本机关规定的时间或双方确认之日为收到申请之日"
        }
    }
}

/// How the applicant wants the information (Art. 29(三), Art. 40).
public enum ProvisionForm: String, Sendable, Codable, CaseIterable {
    case paper, electronic, inspection

    public var chineseLabel: String {
        switch self {
        case .paper: return "纸质"
        case .electronic: return "电子"
        case .inspection: return "当场查阅"
        }
    }
}

/// How the applicant wants to obtain it.
public enum DeliveryMethod: String, Sendable, Codable, CaseIterable {
    case collect, post, email, online

    public var chineseLabel: String {
        switch self {
        case .collect: return "自行领取"
        case .post: return "邮寄"
        case .email: return "电子邮件"
        case .online: return "网上获取"
        }
    }
}
