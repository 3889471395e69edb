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
            case .dueSoon: return "\(RequestListQuery.dueSoonDays) 个工作日内到期"
            case .overdue: return "已逾期"
            case .waitingOnApplicant: return "等待申请人"
            case .waitingOnThirdParty: return "征求意见中"
            case .awaitingReceipt: return "待确认收到"
            case .concluded: return "已办结"
            case .all: return "全部"
            }
        }

        /// The lists counted on the tabs: all of them are subsets of the open requests.
        static let counted: [Filter] = [.open, .dueSoon, .overdue, .waitingOnApplicant, .waitingOnThirdParty, .awaitingReceipt]
    }

    static let openPhases: [ClockState.Phase] = [.awaitingReceipt, .running, .waitingOnApplicant, .waitingOnThirdParty, .waitingOnFee]
    /// "Due soon": due within this many working days.
    static let dueSoonDays = 5
    static let pageSize = 50

    var agencyIDs: [Int]
    var filter: Filter = .open
    var officerID: Int?
    var search: String?
    var page = 1

    struct Result {
        let requests: [DisclosureRequest]
        let total: Int
        /// Open requests per counted list.
        let counts: [Filter: Int]
        /// Display names of the requests' officers.
        let officerNames: [Int: String]
    }

    /// A page of the list, its total, the counts of the tabs and the officers' names.
    func run(context: RequestContext, on db: any Database) async throws -> Result {
        let dueSoon = context.calendar.dueSoonThrough(today: context.today, workingDays: Self.dueSoonDays)
        let query = filtered(on: db, today: context.today, dueSoonLimit: dueSoon)
        let total = try await query.count()
        if filter == .concluded || filter == .all {
            query.sort(\.$id, .descending)
        } else {
            query.sort(\.$dueOn).sort(\.$id)
        }
        let rows = try await query.range(PageNumber.range(page: page, size: Self.pageSize)).all()
        let officerIDs = Array(Set(rows.compactMap { $0.$caseOfficer.id }))
        let officers = officerIDs.isEmpty ? [] : try await StaffUser.query(on: db).filter(\.$id ~~ officerIDs).all()
        return Result(
            requests: rows, total: total,
            counts: try await counts(today: context.today, dueSoonLimit: dueSoon, on: db),
            officerNames: Dictionary(uniqueKeysWithValues: officers.compactMap { u in u.id.map { ($0, u.displayName) } }))
    }

    /// The tabs' counts in one pass over the agencies' open requests (the `agency_id, status,
    /// due_on` index), rather than one COUNT per tab.
    func counts(today: CivilDate, dueSoonLimit: CivilDate, on db: any Database) async throws -> [Filter: Int] {
        guard !agencyIDs.isEmpty else { return Dictionary(uniqueKeysWithValues: Filter.counted.map { ($0, 0) }) }
        let phases = Self.openPhases.map(\.rawValue)
        let row = try await db.requireSQL().raw("""
            SELECT COUNT(*) AS open,
                   COALESCE(SUM(CASE WHEN due_on >= \(bind: today.iso) AND due_on <= \(bind: dueSoonLimit.iso) THEN 1 ELSE 0 END), 0) AS due_soon,
                   COALESCE(SUM(CASE WHEN due_on < \(bind: today.iso) THEN 1 ELSE 0 END), 0) AS overdue,
                   COALESCE(SUM(CASE WHEN status = \(bind: ClockState.Phase.waitingOnApplicant.rawValue) THEN 1 ELSE 0 END), 0) AS waiting_on_applicant,
                   COALESCE(SUM(CASE WHEN status = \(bind: ClockState.Phase.waitingOnThirdParty.rawValue) THEN 1 ELSE 0 END), 0) AS waiting_on_third_party,
                   COALESCE(SUM(CASE WHEN status = \(bind: ClockState.Phase.awaitingReceipt.rawValue) THEN 1 ELSE 0 END), 0) AS awaiting_receipt
            FROM disclosure_requests
            WHERE agency_id IN (\(binds: agencyIDs)) AND status IN (\(binds: phases))
            """).first()
        var counts: [Filter: Int] = [:]
        for filter in Filter.counted { counts[filter] = try row?.decode(column: filter.rawValue, as: Int.self) ?? 0 }
        return counts
    }

    private func filtered(on db: any Database, today: CivilDate, dueSoonLimit: CivilDate) -> QueryBuilder<DisclosureRequest> {
        let query = DisclosureRequest.query(on: db).filter(\.$agency.$id ~~ agencyIDs)
        // Open phases by name (not "!= concluded") so the (agency, status, due date) index serves.
        let open = Self.openPhases
        switch filter {
        case .open: query.filter(\.$status ~~ open)
        case .dueSoon:
            query.filter(\.$status ~~ open).filter(\.$dueOn >= today).filter(\.$dueOn <= dueSoonLimit)
        case .overdue: query.filter(\.$status ~~ open).filter(\.$dueOn < today)
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
