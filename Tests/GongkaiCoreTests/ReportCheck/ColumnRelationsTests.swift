import Foundation
import Testing
@testable import GongkaiCore

/// A table-三 row still ambiguous after its own total may be read by assuming the column
/// relations R1 and R2: the result says so, and those relations are then no evidence.
@Suite("Report check: column relations as assumptions")
struct ColumnRelationsTests {
    /// base-2022's tables with 予以公开 = 11 0 0 0 0 0 11, printed as `110000011` (which R4
    /// alone also reads as 1 10 0 0 0 0 11); `adjust` may plant a printing error first.
    static func report(adjust: (inout AnnualReport) -> Void = { _ in }) -> (text: String, printed: AnnualReport) {
        var report = AnnualReport(formatVersion: .v2021, year: 2022, issuer: "示范县教育局", cells: ReportFixtures.baseCells)
        report.sections = [.overview: "本年度，本局认真落实政府信息公开条例。", .problems: "存在的问题是更新不够及时，下一步将建立提醒机制。",
                           .other: "本机关未收取信息处理费。"]
        let schema = report.schema
        for (c, col) in schema.t3Columns.enumerated() { report[.t3("result_disclosed", col.id)] = [11, 0, 0, 0, 0, 0, 11][c] }
        for col in schema.t3Columns.map(\.id) {
            let total = schema.resultLeaves.map { report[.t3($0.id, col)]! }.reduce(0, +)
            report[.t3("result_total", col)] = total
            report[.t3("new_received", col)] = total + report[.t3("carried_over_out", col)]! - report[.t3("carried_over_in", col)]!
        }
        adjust(&report)
        let text = ReportRenderer.text(report).replacingOccurrences(of: "（一）予以公开\t11\t0\t0\t0\t0\t0\t11", with: "（一）予以公开\t110000011")
        return (text, report)
    }

    @Test func anAmbiguousRowIsReadByAssumingR2AndSaysSo() {
        let (text, printed) = Self.report()
        #expect(text.contains("110000011"))
        let result = ReportChecker.check(text: text)
        #expect(ReportFixtures.values(result) == printed.cells, "every cell read, each as printed")
        let r2 = result.assumptions.filter { $0.rule == "R2" }
        #expect(r2.count == 1)
        // the natural persons' column alone rules out 1 10 … and the readings with a value lost
        // (the run follows its label's tab in a table printed apart: review 10n H1; 1 10 0 0 0 ? 11,
        // 11 0 0 0 0 11 ? …); that decides the cells where they differ
        #expect(r2.first?.scope == ["natural_person"])
        let decided = ["natural_person", "commercial_enterprise", "legal_service_org", "other_org", "total"]
        #expect(r2.first?.cells == decided.map { .t3("result_disclosed", $0) })
        #expect(r2.first?.message.contains("不计为通过") == true)
        // R2 holds, but is not counted where it was assumed (自然人) nor where a cell it decided
        // stands (商业企业, 法律服务机构, 其他, 总计): two columns
        #expect(!result.findings.contains { $0.rule == "R2" })
        #expect(result.passed.first { $0.rule == "R2" }?.checked == 2)
        #expect(result.repairs.first { $0.cells.contains(.t3("result_disclosed", "total")) }?.message.contains("再假定表三列间勾稽关系 R2 成立") == true)
    }

    @Test func aRelationBrokenInTheReportIsNotAssumedAndIsStillReported() {
        // the printed （七）总计 of natural persons is one too many: R2 cannot hold in that column
        let (text, printed) = Self.report { $0[.t3("result_total", "natural_person")]! += 1 }
        let result = ReportChecker.check(text: text)
        let values = ReportFixtures.values(result)
        for (cell, value) in printed.cells where values[cell] != nil { #expect(values[cell] == value, "\(cell)") }
        // (the readings with a value lost, review 10n H1, are told apart in three columns)
        #expect(result.assumptions.filter { $0.rule == "R2" }.flatMap(\.scope) == ["commercial_enterprise", "legal_service_org", "other_org"])
        #expect(result.findings.contains { $0.rule == "R2" && $0.cells.first == .t3("result_total", "natural_person") })
    }

    @Test func nothingAmbiguousNothingAssumed() throws {
        let result = try ReportFixtures.check("base-2022.txt")
        #expect(result.assumptions.isEmpty)
        #expect(result.passed.first { $0.rule == "R2" }?.checked == 7)
    }
}
