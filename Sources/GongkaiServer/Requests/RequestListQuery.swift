import Fluent
import GongkaiCore
import SQLKit

/// The work lists of the console and the API.
struct RequestListQuery: Sendable {
    enum Filter: String, Sendable, CaseIterable {
        case open, dueSoon = "due_soon", overdue, waitingOnApplicant = "waiting_on_applicant",
             waitingOnThirdParty = "waiting_on_third_party", awaitingReceipt = "awaiting_receipt", concluded, all

        var chineseLabel: String {
            switch self {
            case .open: return "办理中"
            case .dueSoon: return "5 个工作日内到期"
            case .overdue: return "已逾期"
            case .waitingOnApplicant: return "等待申请人"
            case .waitingOnThirdParty: return "征求意见中"
            case .awaitingReceipt: return "待确认收到"
            case .concluded: return "已办结"
            case .all: return "全部"
            }
        }
    }

    static let openPhases: [ClockState.Phase] = [.awaitingReceipt, .running, .waitingOnApplicant, .waitingOnThirdParty, .waitingOnFee]

    var agencyIDs: [Int]
    var filter: Filter = .open
    var officerID: Int?
    var search: String?
    var page = 1
    static let pageSize = 50

    /// How many requests the list holds.
    func count(on db: any Database, today: CivilDate, dueSoonLimit: CivilDate?) async throws -> Int {
        try await filtered(on: db, today: today, dueSoonLimit: dueSoonLimit).count()
    }

    /// A page of the list and its total. Open requests due by `dueSoonLimit` (today + 5 working
    /// days) are "due soon".
    func run(on db: any Database, today: CivilDate, dueSoonLimit: CivilDate?) async throws -> (requests: [DisclosureRequest], total: Int) {
        let query = filtered(on: db, today: today, dueSoonLimit: dueSoonLimit)
        let total = try await query.count()
        if filter == .concluded || filter == .all {
            query.sort(\.$id, .descending)
        } else {
            query.sort(\.$dueOn).sort(\.$id)
        }
        let rows = try await query.range(((page - 1) * Self.pageSize)..<(page * Self.pageSize)).all()
        return (rows, total)
    }

    private func filtered(on db: any Database, today: CivilDate, dueSoonLimit: CivilDate?) -> QueryBuilder<DisclosureRequest> {
        let query = DisclosureRequest.query(on: db).filter(\.$agency.$id ~~ agencyIDs)
        // Open phases by name (not "!= concluded") so the (agency, status, due date) index serves.
        let open = Self.openPhases
        switch filter {
        case .open: query.filter(\.$status ~~ open)
        case .dueSoon:
            query.filter(\.$status ~~ open).filter(\.$dueOn >= today.iso).filter(\.$dueOn <= (dueSoonLimit ?? today).iso)
        case .overdue: query.filter(\.$status ~~ open).filter(\.$dueOn < today.iso)
        case .waitingOnApplicant: query.filter(\.$status == .waitingOnApplicant)
        case .waitingOnThirdParty: query.filter(\.$status == .waitingOnThirdParty)
        case .awaitingReceipt: query.filter(\.$status == .awaitingReceipt)
        case .concluded: query.filter(\.$status == .concluded)
        case .all: break
        }
        if let officerID { query.filter(\.$caseOfficer.$id == officerID) }
        if let search, !search.isEmpty {
            let term = "%" + search.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.group(.or) { or in
                or.filter(\.$trackingNumber, .custom("LIKE"), term)
                or.filter(\.$applicantName, .custom("LIKE"), term)
                or.filter(\.$description, .custom("LIKE"), term)
            }
        }
        return query
    }
}
