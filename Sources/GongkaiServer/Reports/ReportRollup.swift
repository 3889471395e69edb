import Fluent
import GongkaiCore

/// A supervising office's view of its subtree for a year: every agency's report status and the
/// aggregate tables — 三 and 四 summed per cell over the subtree's records (R1–R5 hold by
/// construction, since each agency's table does), 二 summed over the figures entered.
struct ReportRollup {
    var rootName: String
    var progress: [ReportProgress]
    var aggregate: AnnualReport
    var checks: CrossChecks.Outcome
    /// Agencies of the subtree that entered no table-二 figure.
    var withoutFigures: [String]

    static func of(root: Int, year: Int, visible: Set<Int>, deadlines: ReportDeadlineRules, on db: any Database) async throws -> ReportRollup {
        guard let agency = try await Agency.find(root, on: db) else { throw AppError.notFound("机构") }
        let outline = try await AgencyTree.outline(of: [root], on: db).filter { visible.contains($0.agency.id ?? -1) }
        let ids = outline.compactMap(\.agency.id)
        var aggregate = try await RequestStatistics.report(agencyIDs: ids, year: year, on: db)
        aggregate.issuer = agency.name
        let register = try await PublicationFigures.reportPart(agencyIDs: ids, year: year, on: db)
        let two = try await ReportComposer.tableTwo(agencyIDs: ids, year: year, schema: aggregate.schema, register: register, on: db)
        let silent = two.silent
        for (cell, value) in two.figures { aggregate.cells[cell] = value }
        return ReportRollup(rootName: agency.name, progress: try await ReportProgressQuery.list(outline, year: year, deadlines: deadlines, on: db),
                            aggregate: aggregate, checks: CrossChecks.run(aggregate), withoutFigures: silent)
    }
}
