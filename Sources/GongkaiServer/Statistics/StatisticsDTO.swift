import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Tables 三 and 四 of a year, computed from the records, with the cross-checks' verdict.
struct StatisticsDTO: Content {
    var year: Int
    var formatVersion: ReportFormatVersion
    var agencyIds: [Int]
    /// Cell id (`t3.new_received.total`, `t4.admin_review.upheld` …) → count.
    var cells: [String: Int]
    var findings: [Finding]
    var passed: [PassedCheck]
}
