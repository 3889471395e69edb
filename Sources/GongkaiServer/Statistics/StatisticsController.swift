import Fluent
import GongkaiCore
import Vapor

/// Tables 三 and 四 of a year as computed from the records, with the cross-checks run on them.
enum StatisticsController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewRequests)
        let year = try StatisticsScope.year(req.query[Int.self, at: "year"], today: req.application.settings.today)
        let scope = try await StatisticsScope.resolve(staff, agencyID: req.query[Int.self, at: "agency"],
                                                      includeSubtree: req.query[String.self, at: "subtree"] == "1", on: req.db)
        let report = try await RequestStatistics.report(agencyIDs: scope.agencyIDs, year: year, on: req.db)
        let model = StatisticsPage.Model(
            context: try req.consoleContext(.statistics), year: year, agencyID: scope.agencyID, includeSubtree: scope.includeSubtree,
            agencies: scope.choices, report: report, checks: CrossChecks.run(report))
        return .html(StatisticsPage.View(model: model).render())
    }
}
