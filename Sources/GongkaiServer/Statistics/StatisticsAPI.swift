import Fluent
import Foundation
import GongkaiCore
import Vapor


enum StatisticsAPI {
    static func show(req: Request) async throws -> StatisticsDTO {
        let staff = try req.requireStaff(.viewRequests)
        let year = try StatisticsScope.year(try req.parameters.require("year", as: Int.self), today: req.application.settings.today)
        let scope = try await StatisticsScope.resolve(staff, agencyID: req.query[Int.self, at: "agency_id"],
                                                      includeSubtree: req.query[Bool.self, at: "subtree"] ?? false, on: req.db)
        let report = try await RequestStatistics.report(agencyIDs: scope.agencyIDs, year: year, on: req.db)
        let checks = CrossChecks.run(report)
        return StatisticsDTO(year: year, formatVersion: report.formatVersion, agencyIds: scope.agencyIDs,
                             cells: Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, NSDecimalNumber(decimal: $0.value).intValue) }),
                             findings: checks.findings, passed: checks.passed)
    }
}
