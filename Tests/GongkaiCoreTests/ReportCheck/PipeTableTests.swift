import Foundation
import Testing
@testable import GongkaiCore

/// Tables written as Markdown-like pipes (`| 本年新收政府信息公开申请数量 | 12 | 1 | … ||`),
/// with headings inside bars or after `#`, rules under the headers and double bars.
@Suite("Report check: Markdown-like pipe tables")
struct PipeTableTests {
    /// The values printed in pipes-2023.txt (rows not listed are all zero).
    static let t3: [String: [Decimal]] = [
        "new_received": [12, 1, 0, 1, 1, 0, 15], "carried_over_in": [1, 0, 0, 0, 0, 0, 1],
        "result_disclosed": [4, 1, 0, 0, 0, 0, 5], "result_partially_disclosed": [2, 0, 0, 0, 0, 0, 2],
        "withheld_third_party_rights": [1, 0, 0, 0, 0, 0, 1], "unable_not_held": [3, 0, 0, 0, 1, 0, 4],
        "unable_needs_creation": [1, 0, 0, 0, 0, 0, 1], "not_processed_duplicate": [1, 0, 0, 0, 0, 0, 1],
        "other_misc": [0, 0, 0, 1, 0, 0, 1], "result_total": [12, 1, 0, 1, 1, 0, 15], "carried_over_out": [1, 0, 0, 0, 0, 0, 1],
    ]

    @Test func readsEveryCellAndEverySection() throws {
        let result = try ReportFixtures.check("pipes-2023.txt")
        #expect(result.sectionsFound == ReportSection.allCases, "headings inside bars and after # are headings")
        #expect(result.tablesFound == ["二", "三", "四"])
        #expect(result.issuer == "示范县水利局")
        #expect(result.year == 2023)
        let values = ReportFixtures.values(result)
        for row in ReportSchema.v2021.t3Rows {
            let expected = Self.t3[row.id] ?? Array(repeating: 0, count: 7)
            #expect(ReportSchema.v2021.t3Columns.map { values[.t3(row.id, $0.id)] } == expected, "\(row.id)")
        }
        #expect(values[.t2("art20_1", "normative_docs", "in_force")] == 14)
        #expect(values[.t2("art20_5", "admin_licensing", "decisions_this_year")] == 96)
        #expect(values[.t4("litigation_direct", "total")] == 1)
        #expect(result.repairs.isEmpty, "the rules under the headers are not missing markers")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test func theOverviewIsComparedWithTheTableNotCalledUnfilled() throws {
        let result = try ReportFixtures.check("pipes-2023.txt")
        // received 15, carried over 1, 予以公开及部分公开 7, 无法提供 5, 不予处理 1, 其他处理 1,
        // carried to next year 1, litigation 1
        #expect(result.passed.first { $0.rule == "N1" }?.checked == 8)
        #expect(!result.findings.contains { $0.rule == "N1" })
    }

    @Test func aMarkdownRuleIsNotARowOfMissingMarkers() {
        let tokens = ReportTokenizer.tokens("|---|:---:|---|\n| 规章 | 0 | - |")
        #expect(tokens.filter { $0.kind == .missingMarker }.map(\.text) == ["-"])
    }
}
