/// A duty a staff member holds in one agency. Duties are separated (the publisher is not the
/// reviewer, the administrator does not read the audit log) so that every step has a second pair
/// of eyes; one user may hold several roles in the same agency.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case systemAdministrator = "system_administrator"
    case publisher
    case reviewer
    case confidentialityReviewer = "confidentiality_reviewer"
    case caseOfficer = "case_officer"
    case officeHead = "office_head"
    case supervisor
    case auditor

    public var chineseLabel: String {
        switch self {
        case .systemAdministrator: return "系统管理员"
        case .publisher: return "信息发布"
        case .reviewer: return "审核"
        case .confidentialityReviewer: return "保密审查"
        case .caseOfficer: return "依申请承办"
        case .officeHead: return "公开工作机构负责人"
        case .supervisor: return "监督"
        case .auditor: return "审计"
        }
    }

    /// What the role may do.
    public var permissions: Set<Permission> {
        switch self {
        case .systemAdministrator: return [.viewConsole, .viewAgencies, .manageAgencies, .manageUsers, .manageCalendar]
        // Publications: everyone in the chain reads the drafts of his agency; each acts at his step.
        case .publisher: return [.viewConsole, .viewPublications, .publish, .prepareReports]
        case .reviewer: return [.viewConsole, .viewPublications, .review]
        case .confidentialityReviewer: return [.viewConsole, .viewPublications, .confidentialityReview]
        case .caseOfficer: return [.viewConsole, .viewRequests, .handleRequests, .viewMessages, .handleMessages]
        // Regulation Art. 33: extensions need the consent of the head of the disclosure office.
        // The head also signs the annual report off: submits it and publishes it (Art. 49), and
        // approves replies to the public before they are published on the portal (#12).
        case .officeHead: return [.viewConsole, .viewRequests, .approveExtensionsAndFees, .prepareReports, .signOffReports,
                                  .viewMessages, .approveMessageReplies, .exportPersonalData]
        // A supervising office reviews the reports of the agencies below it (2021 format notice).
        case .supervisor: return [.viewConsole, .viewAgencies, .viewRequests, .viewPublications, .reviewReports, .viewMessages]
        case .auditor: return [.viewConsole, .readAuditLog]
        }
    }

    /// Whether a role held in an agency also reaches the agencies below it. A supervising office
    /// sees its subtree; an administrator of the county manages its bureaus; a case officer
    /// handles only his own agency's requests.
    public var coversSubtree: Bool {
        switch self {
        case .systemAdministrator, .supervisor, .auditor: return true
        case .publisher, .reviewer, .confidentialityReviewer, .caseOfficer, .officeHead: return false
        }
    }

    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let role = Role(rawValue: t.lowercased()) ?? Role.allCases.first(where: { $0.chineseLabel == t }) else { return nil }
        self = role
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Something a staff member may do; routes ask for a permission, roles grant them.
public enum Permission: String, Sendable, Codable, CaseIterable {
    case viewConsole = "view_console"
    case viewAgencies = "view_agencies"
    case manageAgencies = "manage_agencies"
    case manageUsers = "manage_users"
    case manageCalendar = "manage_calendar"
    case readAuditLog = "read_audit_log"
    case viewPublications = "view_publications"
    case publish
    case review
    case confidentialityReview = "confidentiality_review"
    case viewRequests = "view_requests"
    case handleRequests = "handle_requests"
    case approveExtensionsAndFees = "approve_extensions_and_fees"
    case prepareReports = "prepare_reports"
    case signOffReports = "sign_off_reports"
    case reviewReports = "review_reports"
    // 政民互动 (#12)
    case viewMessages = "view_messages"
    case handleMessages = "handle_messages"
    case approveMessageReplies = "approve_message_replies"
    // PIPL Art. 45: a person's copy of what is held about them, for the records of the office's agency (#14)
    case exportPersonalData = "export_personal_data"

    public var chineseLabel: String {
        switch self {
        case .viewConsole: return "进入工作台"
        case .viewAgencies: return "查看机构"
        case .manageAgencies: return "管理机构"
        case .manageUsers: return "管理用户"
        case .manageCalendar: return "管理节假日安排"
        case .readAuditLog: return "查阅审计日志"
        case .viewPublications: return "查看主动公开信息"
        case .publish: return "发布信息"
        case .review: return "审核信息"
        case .confidentialityReview: return "保密审查"
        case .viewRequests: return "查看依申请公开"
        case .handleRequests: return "办理依申请公开"
        case .approveExtensionsAndFees: return "审批延期和收费"
        case .prepareReports: return "编写年度报告"
        case .signOffReports: return "报送和发布年度报告"
        case .reviewReports: return "审核下级年度报告"
        case .viewMessages: return "查看政民互动"
        case .handleMessages: return "办理政民互动"
        case .approveMessageReplies: return "审批答复公开"
        case .exportPersonalData: return "导出本人个人信息"
        }
    }
}
