import SQLKit

/// The kinds of record the audit log speaks of, with the names an auditor reads.
enum AuditEntityType: String, Sendable, Codable, CaseIterable {
    case agency
    case staffUser = "staff_user"
    case apiToken = "api_token"
    case holidaySchedule = "holiday_schedule"
    case disclosureRequest = "disclosure_request"
    case challengeCase = "challenge_case"
    case agencyReport = "agency_report"
    case reportFigure = "report_figure"
    // 政民互动 (#12)
    case publicMessage = "public_message"
    case messageImport = "message_import"
    case messageChannel = "message_channel"
    // proactive disclosure (issue #11)
    case publication
    case publishingProfile = "publishing_profile"
    case topicColumn = "topic_column"
    case catalogueItem = "catalogue_item"
    /// Applicants' and senders' personal data as a whole: retention runs and exports (#14).
    case personalData = "personal_data"

    var chineseLabel: String {
        switch self {
        case .agency: return "机构"
        case .staffUser: return "用户"
        case .apiToken: return "接口令牌"
        case .holidaySchedule: return "节假日安排"
        case .disclosureRequest: return "依申请公开"
        case .challengeCase: return "复议诉讼案件"
        case .agencyReport: return "年度报告"
        case .reportFigure: return "年度报告表二数据"
        case .publicMessage: return "政民互动"
        case .messageImport: return "政民互动导入"
        case .messageChannel: return "政民互动渠道和时限"
        case .publication: return "主动公开信息"
        case .publishingProfile: return "发布设置（索引号、审核流程）"
        case .topicColumn: return "专题专栏"
        case .catalogueItem: return "标准目录事项"
        case .personalData: return "个人信息"
        }
    }

    /// Codes written by earlier versions, read as today's type.
    static let legacyCodes: [String: AuditEntityType] = ["review_case": .challengeCase]

    init?(code: String) {
        guard let type = AuditEntityType(rawValue: code) ?? Self.legacyCodes[code] else { return nil }
        self = type
    }

    /// Every code stored for this type, for filtering old and new entries alike.
    var storedCodes: [String] { [rawValue] + Self.legacyCodes.filter { $0.value == self }.map(\.key) }
}

extension AuditEntityType {
    /// Which entries of this type concern the given agencies, as a condition on `audit_entries`:
    /// each type finds its record's agency in its own table, so an auditor of a bureau reads the
    /// bureau's log, not the county's. The holiday calendar belongs to the installation and is
    /// visible to every auditor.
    func scope(to agencyIDs: [Int]) -> SQLQueryString {
        let ids = agencyIDs.isEmpty ? [-1] : agencyIDs
        let records: SQLQueryString
        switch self {
        case .agency:
            records = "SELECT CAST(id AS TEXT) FROM agencies WHERE id IN (\(binds: ids))"
        case .staffUser:
            records = "SELECT CAST(id AS TEXT) FROM staff_users WHERE agency_id IN (\(binds: ids))"
        case .apiToken:
            records = "SELECT CAST(t.id AS TEXT) FROM api_tokens t JOIN staff_users u ON u.id = t.user_id WHERE u.agency_id IN (\(binds: ids))"
        case .holidaySchedule, .personalData:
            // Retention runs and exports span agencies: every auditor sees that they happened.
            return "entity_type IN (\(binds: storedCodes))"
        case .disclosureRequest:
            records = "SELECT CAST(id AS TEXT) FROM disclosure_requests WHERE agency_id IN (\(binds: ids))"
        case .challengeCase:
            records = "SELECT CAST(id AS TEXT) FROM challenge_cases WHERE agency_id IN (\(binds: ids))"
        case .agencyReport:
            records = "SELECT CAST(id AS TEXT) FROM agency_reports WHERE agency_id IN (\(binds: ids))"
        case .reportFigure:
            records = "SELECT CAST(id AS TEXT) FROM report_figure_entries WHERE agency_id IN (\(binds: ids))"
        case .publicMessage:
            // A transferred message stays in the log of the agency it came from.
            records = "SELECT CAST(id AS TEXT) FROM public_messages WHERE agency_id IN (\(binds: ids)) OR transferred_from_id IN (\(binds: ids))"
        case .messageImport:
            records = "SELECT CAST(id AS TEXT) FROM message_import_jobs WHERE agency_id IN (\(binds: ids))"
        case .messageChannel:
            // Recorded under the agency whose channels and time limits changed.
            records = "SELECT CAST(id AS TEXT) FROM agencies WHERE id IN (\(binds: ids))"
        case .publication:
            records = "SELECT CAST(id AS TEXT) FROM publications WHERE agency_id IN (\(binds: ids))"
        case .publishingProfile:
            records = "SELECT CAST(id AS TEXT) FROM publishing_profiles WHERE agency_id IN (\(binds: ids))"
        case .topicColumn:
            records = "SELECT CAST(id AS TEXT) FROM topic_columns WHERE agency_id IN (\(binds: ids))"
        case .catalogueItem:
            // An import replaces the agency's items: it is recorded under the agency.
            records = "SELECT CAST(id AS TEXT) FROM agencies WHERE id IN (\(binds: ids))"
        }
        return "(entity_type IN (\(binds: storedCodes)) AND entity_id IN (\(records)))"
    }

    /// Entries of any type that concern the given agencies.
    static func scope(to agencyIDs: [Int]) -> SQLQueryString {
        var condition: SQLQueryString = "("
        for (index, type) in allCases.enumerated() {
            if index > 0 { condition.appendLiteral(" OR ") }
            condition.appendInterpolation(type.scope(to: agencyIDs))
        }
        condition.appendLiteral(")")
        return condition
    }
}
