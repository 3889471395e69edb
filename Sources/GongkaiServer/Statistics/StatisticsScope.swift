import Fluent
import GongkaiCore
import Vapor

/// Which agencies a statistics request covers: one the user may see, alone or with the
/// agencies below it (those the user may see).
struct StatisticsScope {
    var agencyID: Int
    var includeSubtree: Bool
    var agencyIDs: [Int]
    /// The agencies to choose from, indented by depth.
    var choices: [(Int, String)]

    /// The year asked for (this year by default): from 2019, when the present tables began
    /// (earlier years are refused with the reason, not shown in the wrong layout), to next year.
    static func year(_ requested: Int?, today: CivilDate) throws -> Int {
        let year = requested ?? today.year
        try RequestStatistics.checkYear(year)
        guard year <= today.year + 1 else { throw AppError.validation(["year": "年份应在 \(RequestStatistics.firstYear)–\(today.year + 1) 之间"]) }
        return year
    }

    static func resolve(_ staff: StaffPrincipal, agencyID requested: Int?, includeSubtree: Bool, on db: any Database) async throws -> StatisticsScope {
        let reach = staff.agencies(with: .viewRequests)
        let outline = try await AgencyTree.outline(of: Array(reach), on: db).filter { $0.agency.id.map(reach.contains) ?? false }
        guard let agencyID = requested ?? (reach.contains(staff.homeAgencyID) ? staff.homeAgencyID : outline.first?.agency.id),
              reach.contains(agencyID) else { throw AppError.forbidden("您不能查看该机关的统计") }
        let ids = includeSubtree ? try await AgencyTree.subtreeIDs(of: [agencyID], on: db).filter(reach.contains) : [agencyID]
        return StatisticsScope(agencyID: agencyID, includeSubtree: includeSubtree, agencyIDs: ids,
                               choices: outline.compactMap { item in item.agency.id.map { ($0, String(repeating: "　", count: item.depth) + item.agency.name) } })
    }
}
