import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The county roll-up: the aggregate is the cell-by-cell sum of the subtree's own tables, and a
/// county-wide report is made of it.
@Suite("Annual report roll-up")
struct ReportRollupTests {
    @Test func theAggregateIsTheSumOfTheSubtreesTables() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 300)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            try await f.enterFigures(agencyID: f.bureau, by: "edu.head")
            for year in [2024, 2025] {
                // when each agency's tables are made alone, and the roll-up over the county
                var sum: [CellID: Decimal] = [:]
                for id in [f.government, f.bureau, f.township] {
                    let agency = try await Agency.find(id, on: app.db)!
                    let alone = try await ReportComposer.compose(agency: agency, year: year, record: nil, deadlines: ReportDeadlineRules(), on: app.db)
                    for (cell, value) in alone.report.cells { sum[cell, default: 0] += value }
                }
                let rollup = try await ReportRollup.of(root: f.government, year: year, visible: [f.government, f.bureau, f.township],
                                                       deadlines: ReportDeadlineRules(), on: app.db)
                // then every cell of tables 三 and 四, and every entered 二 cell, is the sum
                for cell in rollup.aggregate.schema.allCells where !cell.rawValue.hasPrefix("t2.") {
                    #expect(rollup.aggregate.cells[cell] == sum[cell], "\(year) \(cell.rawValue)")
                }
                for (cell, value) in sum where cell.rawValue.hasPrefix("t2.") {
                    #expect(rollup.aggregate.cells[cell] == value, "\(year) \(cell.rawValue)")
                }
                // and the cross-checks hold on the aggregate by construction
                #expect(rollup.checks.findings.filter { ["R1", "R2", "R3", "R4", "R5"].contains($0.rule) }.isEmpty)
                #expect(rollup.aggregate.t3("new_received", "total")! > 0)
            }
        }
    }

    @Test func aCountyWideReportUsesTheAggregateAndSaysSo() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 120)
            try await f.enterFigures(agencyID: f.government, by: "gov.head")
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.government, by: "gov.head")
            let own = try await f.composed(report)
            #expect(own.scope == .agency)
            // when the county chooses the county-wide report
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "include_subtree": ["0", "1"]]),
                                                  staff: try await f.staff("gov.head"), by: f.actor("gov.head"), on: app.db)
            let wide = try await f.composed(report)
            let rollup = try await ReportRollup.of(root: f.government, year: 2025, visible: [f.government, f.bureau, f.township],
                                                   deadlines: ReportDeadlineRules(), on: app.db)
            // then its tables are the roll-up's, table 二 adds the entered figures (12 + 12 penalties)
            #expect(wide.scope == .subtree)
            #expect(wide.report.t3("new_received", "total") == rollup.aggregate.t3("new_received", "total"))
            #expect(wide.report.cells[.t2("art20_6", "admin_penalty", "decisions_this_year")] == 24)
            // and the bureau that entered nothing is named in a warning to acknowledge
            #expect(wide.readiness.warnings.contains { $0.message.contains("县教育局") })
            // the choice is undone by the form's hidden 0 alone (the box unticked)
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "include_subtree": ["0"]]),
                                                  staff: try await f.staff("gov.head"), by: f.actor("gov.head"), on: app.db)
            #expect(report.includeSubtree == false)
            // published, the document says it is county-wide
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "include_subtree": ["1"]]),
                                                  staff: try await f.staff("gov.head"), by: f.actor("gov.head"), on: app.db)
            let warnings = try await f.composed(report).unacknowledged
            var acks: [String: [String]] = ["version": [String(report.version)]]
            for w in warnings { acks["ack.\(ReportReadiness.key(w))"] = ["教育局本年度无行政执法数据"] }
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(acks), staff: try await f.staff("gov.head"),
                                                  by: f.actor("gov.head"), on: app.db)
            report = try await f.step(report, .publish, by: "gov.head")
            let published = try await PublishedReportQuery.latest(agencyID: f.government, year: 2025, on: app.db)!
            #expect(try published.document.scope == .subtree)
        }
    }
}
