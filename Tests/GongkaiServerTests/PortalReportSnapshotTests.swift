import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// The public report pages from fixed models (docs/testing.md: page snapshots).
@Suite("Published report pages, snapshots")
struct PortalReportSnapshotTests {
    static let agency = PortalLayout.Agency(
        name: "测试县城关镇人民政府", code: "t-town", address: "测试县城关镇中心街 8 号", phone: "0991-5031001",
        officeHours: "工作日 9:00–17:30", contactEmail: "")

    static func document(version: Int, scope: ReportDocument.Scope) -> ReportDocument {
        var report = GeneratedReport.make(.v2021, seed: 11)
        report.year = 2024
        report.issuer = agency.name
        return ReportDocument(
            report: report, agency: agency.name, agencyCode: agency.code, status: .published, scope: scope, version: version,
            publishedOn: version == 1 ? "2025-01-20" : "2025-02-03",
            correctionNote: version > 1 ? "表三第（三）项第4目数字录入有误，已更正。" : nil, findings: [])
    }

    static let versions = [
        PortalReportPage.Version(number: 2, publishedOn: "2025-02-03", correctionNote: "表三第（三）项第4目数字录入有误，已更正。"),
        PortalReportPage.Version(number: 1, publishedOn: "2025-01-20", correctionNote: ""),
    ]

    @Test func aCorrectedCountyWideReport() {
        let html = PortalReportPage.render(
            .init(
                agency: Self.agency, document: Self.document(version: 2, scope: .subtree), version: 2,
                versions: Self.versions, latest: 2))
        #expect(html.contains("全县汇总：含下属机关"))
        Snapshot.assertMatches(html, named: "portal-report")
    }

    @Test func aSupersededVersion() {
        let html = PortalReportPage.render(
            .init(
                agency: Self.agency, document: Self.document(version: 1, scope: .agency), version: 1,
                versions: Self.versions, latest: 2))
        #expect(html.contains("已被更正"))
        Snapshot.assertMatches(html, named: "portal-report-superseded")
    }

    @Test func theListFilteredByYear() {
        let listing = { (code: String, name: String, year: Int, version: Int, on: CivilDate) in
            PublishedReportQuery.Listing(agencyCode: code, agencyName: name, agencyKind: .township, year: year, versionNo: version, publishedOn: on)
        }
        let html = PortalReportListPage.render(
            .init(
                year: 2024, agency: nil, portalAgency: nil, years: [2024, 2023],
                reports: [listing("t-gov", "测试县人民政府", 2024, 1, "2025-02-18"), listing("t-town", Self.agency.name, 2024, 2, "2025-02-03")]))
        #expect(html.contains("第 2 版（已更正）"))
        Snapshot.assertMatches(html, named: "portal-report-list")
    }
}
