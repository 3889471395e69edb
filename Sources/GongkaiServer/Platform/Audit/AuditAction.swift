import GongkaiCore

/// What an audit entry says was done. A step on a disclosure request is audited under its
/// history kind, so the log and the request's history use one vocabulary.
enum AuditAction: Hashable, Sendable {
    case create
    case update
    case importData
    case signIn
    case signInFailed
    case changePassword
    case resetPassword
    case unlock
    case revoke
    case attach
    case viewFullID
    case recomputeDeadline
    case decide
    // The second factor (#14).
    case enrolSecondFactor
    case disableSecondFactor
    case resetSecondFactor
    case useRecoveryCode
    /// Personal data anonymised once its retention period passed (issue #14).
    case anonymise
    /// One person's data exported for their access request (PIPL Art. 45).
    case exportPersonalData
    /// Every identity number and phone sealed again under a new key (`gongkai keys rotate`).
    case rotateDataKey
    case request(RequestEventKind)
    /// A step on an annual report (submitted, returned, approved, published, corrected).
    case report(ReportStep)
    /// A step on a public message (#12), under its history kind, coded `message_<kind>`.
    case message(MessageEventKind)
    /// A change to a publication, by its history kind (codes prefixed `publication_`).
    case publication(PublicationEventKind)

    static let general: [AuditAction] = [
        .create, .update, .importData, .signIn, .signInFailed, .changePassword, .resetPassword, .unlock, .revoke, .attach, .viewFullID,
        .recomputeDeadline, .decide, .enrolSecondFactor, .disableSecondFactor, .resetSecondFactor, .useRecoveryCode,
        .anonymise, .exportPersonalData, .rotateDataKey,
    ]
    static var allCases: [AuditAction] {
        general + RequestEventKind.allCases.map(AuditAction.request) + ReportStep.allCases.map(AuditAction.report)
            + MessageEventKind.allCases.map(AuditAction.message) + PublicationEventKind.allCases.map(AuditAction.publication)
    }

    /// The code stored in `audit_entries.action`.
    var code: String {
        switch self {
        case .create: return "create"
        case .update: return "update"
        case .importData: return "import"
        case .signIn: return "login"
        case .signInFailed: return "login_failed"
        case .changePassword: return "change_password"
        case .resetPassword: return "reset_password"
        case .unlock: return "unlock"
        case .revoke: return "revoke"
        case .attach: return "attach"
        case .viewFullID: return "view_full_id"
        case .recomputeDeadline: return "recompute_deadline"
        case .decide: return "decide"
        case .enrolSecondFactor: return "enrol_second_factor"
        case .disableSecondFactor: return "disable_second_factor"
        case .resetSecondFactor: return "reset_second_factor"
        case .useRecoveryCode: return "use_recovery_code"
        case .anonymise: return "anonymise"
        case .exportPersonalData: return "export_personal_data"
        case .rotateDataKey: return "rotate_data_key"
        case .request(let kind): return kind.rawValue
        case .report(let step): return "report_" + step.rawValue
        case .message(let kind): return "message_" + kind.rawValue
        case .publication(let kind): return "publication_" + kind.rawValue
        }
    }

    init?(code: String) {
        if let action = Self.general.first(where: { $0.code == code }) {
            self = action
        } else if let kind = RequestEventKind(rawValue: code) {
            self = .request(kind)
        } else if code.hasPrefix("report_"), let step = ReportStep(rawValue: String(code.dropFirst("report_".count))) {
            self = .report(step)
        } else if code.hasPrefix("message_"), let kind = MessageEventKind(rawValue: String(code.dropFirst("message_".count))) {
            self = .message(kind)
        } else if code.hasPrefix("publication_"), let kind = PublicationEventKind(rawValue: String(code.dropFirst("publication_".count))) {
            self = .publication(kind)
        } else {
            return nil
        }
    }

    var chineseLabel: String {
        switch self {
        case .create: return "新建"
        case .update: return "修改"
        case .importData: return "导入"
        case .signIn: return "登录"
        case .signInFailed: return "登录失败"
        case .changePassword: return "修改密码"
        case .resetPassword: return "重置密码"
        case .unlock: return "解除锁定"
        case .revoke: return "撤销"
        case .attach: return "上传附件"
        case .viewFullID: return "查看完整证件号码"
        case .recomputeDeadline: return "重算期限"
        case .decide: return "记录审理结果"
        case .enrolSecondFactor: return "启用两步验证"
        case .disableSecondFactor: return "停用两步验证"
        case .resetSecondFactor: return "重置两步验证"
        case .useRecoveryCode: return "使用恢复码登录"
        case .anonymise: return "按保存期限匿名化个人信息"
        case .exportPersonalData: return "导出本人个人信息"
        case .rotateDataKey: return "轮换个人信息加密密钥"
        case .request(let kind): return kind.chineseLabel
        case .report(let step): return "年度报告" + step.chineseLabel
        case .message(let kind): return "政民互动：" + kind.chineseLabel
        case .publication(let kind): return "主动公开：" + kind.chineseLabel
        }
    }
}
