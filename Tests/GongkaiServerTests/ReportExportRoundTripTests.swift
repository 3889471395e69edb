import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// Reports made from random request counts: the tables add up by construction (R1–R5), as
/// they do when the database counts real requests; table 二 holds random valid figures.
enum GeneratedReport {
    static func make(_ version: ReportFormatVersion, seed: UInt64) -> AnnualReport {
        var rng = SplitMix64(seed: seed)
        func count(_ upTo: Int) -> Int { Int.random(in: 0...9, using: &rng) < 4 ? 0 : Int.random(in: 1...upTo, using: &rng) }
        var counts = RequestYearCounts()
        for kind in ApplicantKind.allCases {
            var concluded = 0
            for outcome in RequestOutcome.allCases {
                let n = count(kind == .naturalPerson ? 400 : 30)
                counts.results[outcome, default: [:]][kind] = n
                concluded += n
            }
            let carriedIn = count(60)
            var carriedOut = count(60)
            if concluded + carriedOut < carriedIn { carriedOut = carriedIn - concluded }
            counts.carriedOverIn[kind] = carriedIn
            counts.carriedOverOut[kind] = carriedOut
            counts.newReceived[kind] = concluded + carriedOut - carriedIn
        }
        var challenges = ChallengeYearCounts()
        for kind in ChallengeKind.allCases {
            for result in ChallengeResult.allCases { challenges.counts[kind, default: [:]][result] = count(12) }
        }
        let year = version == .v2021 ? 2021 + Int(seed % 5) : 2019 + Int(seed % 2)
        var report = AnnualReport(formatVersion: version, year: year, issuer: "示范县第\(seed % 89 + 1)局")
        report.cells = counts.t3Cells(version).merging(challenges.t4Cells()) { a, _ in a }
        let schema = report.schema
        for cell in schema.allCells where cell.rawValue.hasPrefix("t2.") {
            if schema.isDecimal(cell) {
                // 万元 with up to four decimals, as entered (e.g. 12.3456)
                report[cell] = Decimal(Int.random(in: 0...9_000_000, using: &rng)) / 10_000
            } else if schema.allowsNegative(cell) {
                report[cell] = Decimal(Int.random(in: -30...30, using: &rng))
            } else {
                report[cell] = Decimal(count(5_000))
            }
        }
        report.sections = [
            .overview: "（一）主动公开\n本年度，本机关认真贯彻落实政府信息公开条例，及时公开各类政府信息。\n（二）依申请公开\n本机关依法办理政府信息公开申请，均在法定期限内答复。",
            .problems: "存在的问题是政策解读形式较为单一。下一步将丰富解读方式，提升公开质量。",
            .other: "本机关本年度未收取信息处理费。",
        ]
        return report
    }
}

/// The tools the PDF round trip needs. CI sets GONGKAI_REQUIRE_BROWSER=1: there a missing
/// tool fails the test instead of leaving it skipped.
enum PDFTools {
    static let chromium = ReportPDF.locate(configured: ProcessInfo.processInfo.environment["GONGKAI_CHROMIUM"])
    static var available: Bool { chromium != nil && ReportFileLoader.pdfToText != nil }
    static var required: Bool { ProcessInfo.processInfo.environment["GONGKAI_REQUIRE_BROWSER"] == "1" }
}

/// Every export in the official layout, read back by the report check (`gongkai check`), gives
/// exactly the report's cells and no error (issue #13).
@Suite("Annual report exports read back by the report check")
struct ReportExportRoundTripTests {
    static let layouts: [ReportExport] = [.html, .txt, .docx]

    /// Writes the report in the format and reads the file back as `gongkai check` does.
    static func readBack(_ report: AnnualReport, as format: ReportExport, pdf: ReportPDF = ReportPDF(chromium: nil)) async throws
        -> ReportCheckResult
    {
        let document = ReportDocument(
            report: report, agency: report.issuer ?? "", agencyCode: "x", status: .published, scope: .agency,
            version: 1, publishedOn: CivilDate(iso: "2025-01-20"), findings: [])
        let data = try await format.data(document, pdf: pdf)
        if let folder = ProcessInfo.processInfo.environment["GONGKAI_KEEP_EXPORTS"] {
            try data.write(
                to: URL(fileURLWithPath: folder).appendingPathComponent("\(report.issuer ?? "")-\(report.formatVersion.rawValue).\(format.rawValue)"))
        }
        return try ReportChecker.check(try await ReportFileLoader.file(name: format.filename(document), data: data))
    }

    static func expectSame(_ result: ReportCheckResult, _ report: AnnualReport, _ what: String) {
        var read: [CellID: Decimal] = [:]
        for (key, value) in result.cells { if let value { read[CellID(key)] = value } }
        #expect(result.formatVersion == report.formatVersion, "\(what)")
        #expect(result.year == report.year, "\(what)")
        let missing = report.cells.keys.filter { read[$0] == nil }.map(\.rawValue).sorted()
        let extra = read.keys.filter { report.cells[$0] == nil }.map(\.rawValue).sorted()
        let wrong = read.filter { report.cells[$0.key] != nil && report.cells[$0.key] != $0.value }
            .map { "\($0.key.rawValue) read \($0.value.plain), is \(report.cells[$0.key]!.plain)" }.sorted()
        #expect(
            missing.isEmpty && extra.isEmpty && wrong.isEmpty,
            "\(what): not read \(missing.prefix(10)), read but absent \(extra.prefix(10)), misread \(wrong.prefix(10))")
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(what): \(errors.map { "\($0.rule) \($0.message)" })")
        #expect(result.repairs.isEmpty, "\(what): \(result.repairs.map(\.message))")
    }

    @Test("generated reports, 2021 and 2019 formats, as web page, text and Word", arguments: Array(UInt64(1)...16))
    func generated(_ seed: UInt64) async throws {
        for version in ReportFormatVersion.allCases {
            let report = GeneratedReport.make(version, seed: seed)
            #expect(CrossChecks.run(report).findings.isEmpty, "seed \(seed): the generator must make consistent reports")
            for format in Self.layouts {
                Self.expectSame(try await Self.readBack(report, as: format), report, "seed \(seed) \(version.rawValue) \(format.rawValue)")
            }
        }
    }

    @Test(
        "generated reports as PDF (Chromium, read back through pdftotext)",
        .enabled(if: PDFTools.available || PDFTools.required, "needs chromium and pdftotext (poppler-utils)"),
        .timeLimit(.minutes(30)))
    func generatedPDF() async throws {
        guard let chromium = PDFTools.chromium, ReportFileLoader.pdfToText != nil else {
            Issue.record("GONGKAI_REQUIRE_BROWSER=1 but chromium or pdftotext is missing (apt-get install chromium poppler-utils fonts-noto-cjk)")
            return
        }
        // One Chromium at a time: each takes seconds of CPU on a shared machine.
        for (version, seed) in [(ReportFormatVersion.v2021, UInt64(1)), (.v2021, 2), (.v2021, 3), (.v2019, 4), (.v2019, 5)] {
            let report = GeneratedReport.make(version, seed: seed)
            let result = try await Self.readBack(report, as: .pdf, pdf: ReportPDF(chromium: chromium))
            Self.expectSame(result, report, "seed \(seed) \(version.rawValue) pdf")
        }
    }

    @Test("the demo county's reports: its published ones, a township's, a bureau's and the county-wide one")
    func demoCounty() async throws {
        try await withTestApp { app in
            // given the demo county in June 2025: most reports on 2024 published, table 二 entered by every agency
            app.settings.fixedToday = CivilDate(iso: "2025-06-16")
            _ = try await DemoCounty.load(
                hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(),
                on: app.db)
            let year = 2024
            var reports = try await PublishedReport.query(on: app.db).all().map { try $0.document.report }
            #expect(reports.count >= 5, "the demo publishes most of its 2024 reports")
            // and the three it has not started, written now (the county's county-wide)
            for (code, subtree) in [("sfx-cgz", false), ("sfx-jyj", false), ("sfx-gov", true)] {
                let agency = try #require(try await Agency.query(on: app.db).filter(\.$code == code).first())
                let record = AgencyReport(
                    agencyID: try agency.requireID(), year: year,
                    sections: [
                        .overview: "（一）主动公开\n本年度依法主动公开政府信息。\n（二）依申请公开\n本年度新收政府信息公开申请{{requests.new_received}}件。",
                        .problems: "存在的问题是公开内容不够全面。下一步将加强培训。", .other: "本机关本年度未收取信息处理费。",
                    ])
                record.includeSubtree = subtree
                try await record.create(on: app.db)
                let composed = try await ReportComposer.compose(
                    agency: agency, year: year, record: record, deadlines: app.settings.reportDeadlines,
                    on: app.db)
                #expect(composed.readiness.errors.isEmpty, "\(code): \(composed.readiness.errors.map(\.message))")
                #expect(composed.report.cells[.t3("new_received", "total")] ?? 0 > 0, "\(code): the demo has requests in \(year)")
                reports.append(composed.report)
            }
            // when each is exported and read back, then it gives its own cells
            for report in reports {
                for format in Self.layouts {
                    Self.expectSame(try await Self.readBack(report, as: format), report, "\(report.issuer ?? "") \(format.rawValue)")
                }
            }
            if let chromium = PDFTools.chromium, ReportFileLoader.pdfToText != nil {
                // One Chromium at a time: the county-wide report and one published.
                for report in [reports[reports.count - 1], reports[0]] {
                    Self.expectSame(
                        try await Self.readBack(report, as: .pdf, pdf: ReportPDF(chromium: chromium)), report, "\(report.issuer ?? "") pdf")
                }
            } else if PDFTools.required {
                Issue.record("GONGKAI_REQUIRE_BROWSER=1 but chromium or pdftotext is missing")
            }
        }
    }
}
