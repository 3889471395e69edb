import Fluent
import GongkaiCore

/// Who may do what with an agency's annual report. The office writes (`prepareReports`) and
/// signs off (`signOffReports`) its own report; a supervising office reviews the reports of the
/// agencies below it — never its own agency's, even when the role reaches it.
enum ReportAccess {
    static func canView(_ staff: StaffPrincipal, agencyID: Int) -> Bool {
        staff.can(.prepareReports, inAgency: agencyID) || staff.can(.signOffReports, inAgency: agencyID)
            || staff.can(.reviewReports, inAgency: agencyID)
    }

    static func requireView(_ staff: StaffPrincipal, agencyID: Int) throws {
        guard canView(staff, agencyID: agencyID) else { throw AppError.forbidden("您不能查看该机关的年度报告") }
    }

    /// Whether the user holds the reviewing duty in an agency strictly above this one.
    static func canReview(_ staff: StaffPrincipal, agencyID: Int, on db: any Database) async throws -> Bool {
        let reviewing = Set(staff.assignments.filter { $0.role.permissions.contains(.reviewReports) }.map(\.agencyID))
        guard !reviewing.isEmpty else { return false }
        let above = try await AgencyTree.ancestry(of: agencyID, on: db).dropLast().compactMap(\.id)
        return above.contains(where: reviewing.contains)
    }

    /// The permission a step needs in the report's own agency (review steps are checked by
    /// `canReview` instead).
    static func permission(for step: ReportStep) -> Permission? {
        switch step {
        case .submit, .publish, .correct: return .signOffReports
        case .returnToAgency, .approve: return nil
        }
    }
}
