import Foundation
@testable import GongkaiCore
import Testing

/// The Word export of a report, read back by the report check: the same cells, nothing found.
@Suite("Report as a Word document")
struct ReportDocxTests {
    @Test("a generated report's Word file reads back cell for cell", arguments: Array(UInt64(1)...12))
    func roundTrip(_ seed: UInt64) throws {
        for version in ReportFormatVersion.allCases {
            // given a consistent report
            let report = ReportGenerator.consistent(version, seed: seed)
            // when written as .docx and read by the checker
            let data = try ReportDocx.data(report, signedOn: CivilDate(iso: "2025-01-20"))
            let result = try ReportChecker.check(ReportFile(name: "report.docx", data: data))
            // then every cell comes back, with no finding
            #expect(result.formatVersion == version)
            #expect(result.year == report.year)
            #expect(result.issuer == report.issuer)
            #expect(ReportFixtures.values(result) == report.cells, "seed \(seed) \(version)")
            #expect(result.findings.isEmpty, "seed \(seed) \(version): \(result.findings.map(\.message))")
        }
    }

    @Test func mergedCellsAreMergedInWord() throws {
        let report = ReportGenerator.consistent(.v2021, seed: 3)
        let xml = DocxWriter.grid(ReportDocx.table(ReportTableLayout.t3(report), widths: [640, 900, 2380] + Array(repeating: 690, count: 7)))
        // 三、本年度办理结果 merged down over the 22 result rows, 申请人情况 across seven columns
        #expect(xml.components(separatedBy: "<w:vMerge w:val=\"restart\"/>").count - 1 == 1 + 1 + 1 + 4 + 1)
        #expect(xml.contains("<w:gridSpan w:val=\"7\"/>"))
        #expect(xml.components(separatedBy: "<w:tr>").count - 1 == ReportTableLayout.t3(report).count)
    }
}
