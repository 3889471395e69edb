import FluentKit
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
    /// The agency the record `entityID` belongs to now, written on its audit entry
    /// (`audit_entries.agency_id`). Each type finds it in its own table; the holiday calendar
    /// belongs to the installation (nil), and so does an entry about many records (`*`).
    func agency(ofRecord entityID: String, on db: any Database) async throws -> Int? {
        guard let id = Int(entityID) else { return nil }
        let query: SQLQueryString
        switch self {
        case .agency, .messageChannel, .catalogueItem:
            // Channels and time limits, and a catalogue import, are recorded under the agency.
            return id
        case .holidaySchedule, .personalData:
            // The installation's calendar; retention runs and exports span agencies.
            return nil
        case .staffUser: query = "SELECT agency_id AS agency FROM staff_users WHERE id = \(bind: id)"
        case .apiToken: query = "SELECT u.agency_id AS agency FROM api_tokens t JOIN staff_users u ON u.id = t.user_id WHERE t.id = \(bind: id)"
        case .disclosureRequest: query = "SELECT agency_id AS agency FROM disclosure_requests WHERE id = \(bind: id)"
        case .challengeCase: query = "SELECT agency_id AS agency FROM challenge_cases WHERE id = \(bind: id)"
        case .agencyReport: query = "SELECT agency_id AS agency FROM agency_reports WHERE id = \(bind: id)"
        case .reportFigure: query = "SELECT agency_id AS agency FROM report_figure_entries WHERE id = \(bind: id)"
        case .publicMessage: query = "SELECT agency_id AS agency FROM public_messages WHERE id = \(bind: id)"
        case .messageImport: query = "SELECT agency_id AS agency FROM message_import_jobs WHERE id = \(bind: id)"
        case .publication: query = "SELECT agency_id AS agency FROM publications WHERE id = \(bind: id)"
        case .publishingProfile: query = "SELECT agency_id AS agency FROM publishing_profiles WHERE id = \(bind: id)"
        case .topicColumn: query = "SELECT agency_id AS agency FROM topic_columns WHERE id = \(bind: id)"
        }
        return try await db.requireSQL().raw(query).first()?.decode(column: "agency", as: Int?.self)
    }

    /// Which entries an auditor reads, as a condition on `audit_entries`: those written in the
    /// subtree of an agency where the auditor's role covers the subtree (`subtreeRoots`) as the
    /// tree stood when the entry was written (`agency_path` contains `/root/`: an agency moved
    /// under another parent leaves its past entries with the old parent's auditor and brings
    /// none to the new one's), those about the records of an agency held without its subtree
    /// (`agencyIDs`, by `agency_id`), those of a record or agency leaving one of them
    /// (`former_agency_path`/`former_agency_id`: a user moved away, an agency moved to another
    /// parent), and the installation's holiday calendar. An entry with an agency but no path (written
    /// by an instance of the previous version still running beside the migrated database) is
    /// matched by today's tree (`subtreeToday`, the roots' subtrees now) rather than hidden from
    /// every auditor. Entries of no agency (the installation's: retention runs, key rotations, an
    /// export that found nothing, or written before the column existed about records since gone)
    /// only when `includingUnassigned`: the auditor reaches every agency. A personal-data export
    /// is written once per agency whose records it took, so it follows that agency's scope.
    /// Paths are digits and slashes only, so the pattern is matched literally.
    static func scope(subtreeRoots: [Int], subtreeToday: [Int], agencyIDs: [Int], includingUnassigned: Bool) -> SQLQueryString {
        let ids = agencyIDs.isEmpty ? [-1] : agencyIDs
        let today = subtreeToday.isEmpty ? [-1] : subtreeToday
        let holidays = AuditEntityType.holidaySchedule.storedCodes
        var condition: SQLQueryString = "(agency_id IN (\(binds: ids)) OR former_agency_id IN (\(binds: ids))"
        condition.appendInterpolation(unsafeRaw: " OR (agency_path IS NULL AND agency_id IN (")
        condition.appendInterpolation(binds: today)
        condition.appendInterpolation(unsafeRaw: ")) OR (former_agency_path IS NULL AND former_agency_id IN (")
        condition.appendInterpolation(binds: today)
        condition.appendInterpolation(unsafeRaw: "))")
        for root in Set(subtreeRoots).sorted() {
            let pattern = "%/\(root)/%"
            condition.appendInterpolation(unsafeRaw: " OR agency_path LIKE ")
            condition.appendInterpolation(bind: pattern)
            condition.appendInterpolation(unsafeRaw: " OR former_agency_path LIKE ")
            condition.appendInterpolation(bind: pattern)
        }
        if includingUnassigned { condition.appendInterpolation(unsafeRaw: " OR agency_id IS NULL") }
        condition.appendInterpolation(unsafeRaw: " OR entity_type IN (")
        condition.appendInterpolation(binds: holidays)
        condition.appendInterpolation(unsafeRaw: "))")
        return condition
    }
}
