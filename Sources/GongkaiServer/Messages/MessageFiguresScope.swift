import Fluent
import GongkaiCore
import Vapor

/// Which agencies and which days a figures request covers: an agency the user may see, alone
/// or with those below it (that he may see), and a period (a year by default).
struct MessageFiguresScope {
    var agencyID: Int
    var includeSubtree: Bool
    var agencyIDs: [Int]
    /// Agencies below the chosen one the user may not see, so not summed (the page says so).
    var unseenAgencies = 0
    var from: CivilDate
    var through: CivilDate
    var choices: [(Int, String)]

    /// `agency_id`, `subtree`, and `year` or `from`/`through` (YYYY-MM-DD), the same names at both doors.
    static func resolve(_ staff: StaffPrincipal, query: (String) -> String?, today: CivilDate, on db: any Database) async throws -> MessageFiguresScope {
        let reach = staff.agencies(with: .viewMessages)
        let outline = try await AgencyTree.outline(of: Array(reach), on: db).filter { $0.agency.id.map(reach.contains) ?? false }
        var requested: Int?
        if let text = query("agency_id"), !text.isEmpty {
            guard let id = Int(text) else { throw AppError.validation(["agency_id": "agency_id 应为整数"]) }
            requested = id
        }
        guard let agencyID = requested ?? (reach.contains(staff.homeAgencyID) ? staff.homeAgencyID : outline.first?.agency.id),
              reach.contains(agencyID) else { throw AppError.forbidden("您不能查看该机关的统计") }
        let subtree = ["1", "true", "on", "yes"].contains(query("subtree")?.lowercased() ?? "")
        let whole = subtree ? try await AgencyTree.subtreeIDs(of: [agencyID], on: db) : [agencyID]
        let ids = whole.filter(reach.contains)
        var from: CivilDate, through: CivilDate
        if let f = query("from"), !f.isEmpty {
            guard let a = CivilDate(iso: f) else { throw AppError.validation(["from": "起始日期“\(f)”无效，应为 YYYY-MM-DD"]) }
            let t = query("through") ?? ""
            guard let b = t.isEmpty ? today : CivilDate(iso: t) else { throw AppError.validation(["through": "截止日期“\(t)”无效，应为 YYYY-MM-DD"]) }
            (from, through) = (a, b)
        } else {
            let text = query("year") ?? ""
            guard let year = text.isEmpty ? today.year : Int(text), (2000...9999).contains(year), let p = MessagePeriod.year(year) else {
                throw AppError.validation(["year": "年份“\(text)”无效"])
            }
            (from, through) = (p.from, p.through)
        }
        guard from <= through else { throw AppError.validation(["through": "截止日期不能早于起始日期"]) }
        guard through.dayNumber - from.dayNumber <= 3660 else { throw AppError.validation(["from": "统计期间不能超过 10 年"]) }
        return MessageFiguresScope(
            agencyID: agencyID, includeSubtree: subtree, agencyIDs: ids, unseenAgencies: whole.count - ids.count,
            from: from, through: through,
            choices: outline.compactMap { item in item.agency.id.map { ($0, String(repeating: "　", count: item.depth) + item.agency.name) } })
    }
}
