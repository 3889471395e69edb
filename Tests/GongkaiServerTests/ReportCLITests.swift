import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// `gongkai report show`, run as the real executable against a database prepared here.
@Suite("gongkai report show")
struct ReportCLITests {
    func gongkai(_ arguments: [String], _ url: String) async throws -> CLITests.Run {
        try await CLITests().gongkai(arguments, database: url)
    }

    struct Prepared {
        var url: String
        var cleanup: @Sendable () async throws -> Void
        /// The bureau's 2024 tables as the statistics compute them.
        var bureauCells: [String: Decimal]
        /// The township's published 2024 report.
        var published: ReportDocument
    }

    /// The test county: 300 generated requests of the bureau (2023–2024), no report started;
    /// the township's 2024 report published (version 1); the county's being corrected after
    /// its publication.
    static func prepare() async throws -> Prepared {
        let database = try await makeTestDatabase()
        let app = try await Application.make(.testing)
        do {
            var settings = Settings()
            settings.database = database.location
            settings.bcryptCost = 4
            if TestDatabase.isPostgres { settings.dataKey = TestDatabase.dataKey }
            try configure(app, settings: settings)
            try await prepareDatabase(app)
            let county = try await County.make(on: app)
            let bureauID = try county.bureau.requireID()
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let rows = SyntheticRequests.generate(
                count: 300, agencyIDs: [bureauID], years: 2023...2024, today: "2025-01-15", calendar: calendar, seed: 5)
            try await SyntheticRequests.insert(rows, on: app.db)
            let bureau = try await RequestStatistics.report(agencyIDs: [bureauID], year: 2024, on: app.db)
            var published: ReportDocument?
            for (agency, status) in [(county.township, ReportStatus.published), (county.government, .draft)] {
                let record = AgencyReport(agencyID: try agency.requireID(), year: 2024, sections: [.other: "本机关本年度未收取信息处理费。"])
                record.status = status
                record.publishedVersion = 1
                try await record.create(on: app.db)
                let p = try await PortalReportTests.publish(agency, year: 2024, version: 1, on: "2025-01-20", seed: 9, on: app.db)
                if agency.code == "t-town" { published = try p.document }
            }
            try await app.asyncShutdown()
            return Prepared(
                url: database.url, cleanup: database.cleanup,
                bureauCells: Dictionary(uniqueKeysWithValues: bureau.cells.map { ($0.key.rawValue, $0.value) }), published: published!)
        } catch {
            try? await app.asyncShutdown()
            try? await database.cleanup()
            throw error
        }
    }

    static func object(_ run: CLITests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    @Test func jsonHasTheIssuesShapeFromTheRecordsOrThePublishedVersion() async throws {
        let db = try await Self.prepare()
        defer { Task { try? await db.cleanup() } }
        // given a bureau that has not started its report: the tables from the records now
        let run = try await gongkai(["report", "show", "--agency", "t-edu", "--year", "2024"], db.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.object(run)
        #expect(Set(object.keys).isSuperset(of: ["agency", "year", "format_version", "status", "cells", "findings"]))
        #expect(object["agency"] as? String == "测试县教育局")
        #expect(object["year"] as? Int == 2024)
        #expect(object["format_version"] as? String == "2021")
        #expect(object["status"] as? String == "not_started")
        let cells = try #require(object["cells"] as? [String: Any])
        #expect(
            (cells["t3.new_received.total"] as? NSNumber)?.intValue == NSDecimalNumber(decimal: db.bureauCells["t3.new_received.total"]!).intValue)
        #expect((cells["t3.new_received.total"] as? NSNumber)?.intValue ?? 0 > 0)
        let document = try JSONCoding.decoder().decode(ReportDocument.self, from: Data(run.stdout.utf8))
        for (cell, value) in db.bureauCells { #expect(document.cells[cell] == value, "\(cell)") }
        // table 二 was not entered: the findings say so, each with the issue's keys
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(Set(finding.keys).isSuperset(of: ["rule", "severity", "cells", "message"]), "\(finding.keys)")
        }
        #expect(document.findings.contains { $0.cells.contains(.t2("art20_6", "admin_penalty", "decisions_this_year")) })

        // given the township's published report: that version, as published
        let published = try await gongkai(["report", "show", "--agency", "T-TOWN", "--year", "2024", "--format", "json"], db.url)
        #expect(try JSONCoding.decoder().decode(ReportDocument.self, from: Data(published.stdout.utf8)) == db.published)
        #expect(try Self.object(published)["status"] as? String == "published")

        // given the county's report reopened for a correction: the draft from the records, not the old version
        let correcting = try await gongkai(["report", "show", "--agency", "t-gov", "--year", "2024"], db.url)
        #expect(try Self.object(correcting)["status"] as? String == "draft")
        #expect(try Self.object(correcting)["version"] == nil)
    }

    @Test func everyFormatIsWrittenAndTheLayoutsReadBack() async throws {
        let db = try await Self.prepare()
        defer { Task { try? await db.cleanup() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var formats = ["docx", "html", "txt"]
        if PDFTools.available { formats.append("pdf") }
        for format in formats {
            let out = folder.appendingPathComponent("report.\(format)").path
            let run = try await gongkai(["report", "show", "--agency", "t-town", "--year", "2024", "--format", format, "--out", out], db.url)
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("已写入 \(out)"))
            // read back as `gongkai check --json` reads it
            let check = try await gongkai(["check", out, "--json"], db.url)
            #expect(check.status == 0, "\(format): \(check.stderr)")
            let result = try JSONCoding.decoder().decode(ReportCheckResult.self, from: Data(check.stdout.utf8))
            #expect(result.cells.compactMapValues { $0 } == db.published.cells, "\(format)")
            #expect(result.errorCount == 0, "\(format): \(result.findings.map(\.message))")
        }
        // text formats go to standard output
        let text = try await gongkai(["report", "show", "--agency", "t-town", "--year", "2024", "--format", "txt"], db.url)
        #expect(text.stdout.hasPrefix("测试县城关镇人民政府2024年政府信息公开工作年度报告\n"))
        let csv = try await gongkai(["report", "show", "--agency", "t-town", "--year", "2024", "--format", "csv"], db.url)
        #expect(csv.stdout.contains("t3.new_received.total,表三 / 一、本年新收政府信息公开申请数量 / 总计,"))
        let html = try await gongkai(["report", "show", "--agency", "t-town", "--year", "2024", "--format", "html"], db.url)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func mistakesAreOneChineseLine() async throws {
        let db = try await Self.prepare()
        defer { Task { try? await db.cleanup() } }
        let cases: [([String], String)] = [
            (["--agency", "nowhere", "--year", "2024"], "错误：机构“nowhere”不存在（已有：t-edu、t-gov、t-town）\n"),
            (["--agency", "t-edu", "--year", "2017"], "错误：2019 年以前的年度报告使用另一套统计表（2007 年条例），本系统不生成\n"),
            (["--agency", "t-edu", "--year", "二〇二四"], "错误：年度“二〇二四”无效，应为四位数字（如 2024）\n"),
            (["--agency", "t-edu", "--year", "2024", "--format", "xls"], "错误：格式“xls”无效，应为 docx、pdf、json、csv、html、txt 之一\n"),
        ]
        for (arguments, message) in cases {
            let run = try await gongkai(["report", "show"] + arguments, db.url)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr == message, "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
        let unwritable = try await gongkai(
            ["report", "show", "--agency", "t-edu", "--year", "2024", "--format", "docx", "--out", "/nonexistent/dir/r.docx"], db.url)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasPrefix("错误：无法写入 /nonexistent/dir/r.docx"))
    }

    @Test(
        "a Word or PDF file is not written to a terminal",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script (util-linux) for a terminal"))
    func binaryFormatsRefuseATerminal() async throws {
        let db = try await Self.prepare()
        defer { Task { try? await db.cleanup() } }
        // given standard output on a terminal (script gives the command a pseudo-terminal)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = [CLITests.executable.path, "report", "show", "--agency", "t-town", "--year", "2024", "--format", "docx"].joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = db.url
        environment.merge(TestDatabase.keyEnvironment(for: db.url)) { $1 }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // then the command refuses, saying how to write the file
        #expect(process.terminationStatus == 1)
        #expect(printed.contains("错误：docx 是二进制文件，不能输出到终端：请用 --out 文件名 写入文件（或重定向到文件）"))
    }
}
