import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Glibc

/// The real `gongkai` executable, run as a user runs it.
@Suite("gongkai command line")
struct CLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gongkai")
    }

    /// Runs the executable on a thread of its own: waiting for it on the cooperative pool (two
    /// threads on a two-core machine) once starved the rest of the suite for half a minute.
    func gongkai(_ arguments: [String], database: String?, stdin: String? = nil, environment extra: [String: String] = [:]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try Self.run(arguments, database: database, stdin: stdin, environment: extra) })
            }.start()
        }
    }

    private static func run(_ arguments: [String], database: String?, stdin: String?, environment extra: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database ?? "sqlite://" + FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-absent-\(UUID().uuidString).sqlite").path
        environment["GONGKAI_BCRYPT_COST"] = "4"
        environment.merge(TestDatabase.keyEnvironment(for: database ?? "")) { $1 }
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The export's rule for what may be looked for is the console's and registration's (#14
    /// reviews 14d, 14e): an identity number over 40 characters or with a control or format
    /// character, a phone of 21 digits or in other digits, is refused with a precise message and
    /// exit status 1, before any database is opened (no file made).
    @Test func personalDataExportRefusesHostileInput() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.sqlite").path
        for (arguments, message) in [
            (["--id-number", String(repeating: "1", count: 50)], "证件号码不能超过 40 个字符（现为 50 个）"),
            (["--id-number", "11010519\u{1B}[2J491231002X"], "证件号码不能含控制字符或格式字符（U+001B"),
            (["--id-number", "110105\u{200B}19491231002X"], "U+200B"),
            (["--id-number", ""], "请填写证件号码"),
            (["--id-number", "110105194912310021", "--phone", String(repeating: "8", count: 21)], "电话号码不超过 20 位数字"),
            (["--id-number", "110105194912310021", "--phone", "１２３"], "电话号码至少 7 位数字"),
            (["--id-number", "110105194912310021", "--phone", ""], "电话号码至少 7 位数字"),
            (["--id-number", "110105194912310021", "--phone", "一三八一二三四五六七八"], "“一”不是阿拉伯数字"),
        ] {
            let run = try await gongkai(["personal-data", "export"] + arguments, database: "sqlite://" + path)
            #expect(run.status == 1 && run.stdout.isEmpty, "\(arguments): \(run.status)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(arguments): the database was made")
        }
        // what registration stores for a passport or another document is looked for; full-width folded
        for number in ["军字第2001988号", "E1234", "AB/123/456", "110105' OR '1'='1"] {
            let run = try await gongkai(["personal-data", "export", "--id-number", number], database: "sqlite://" + path)
            #expect(run.status == 0, "\(number): \(run.stderr)")
        }
        let fine = try await gongkai(["personal-data", "export", "--id-number", "１１０１０５１９４９１２３１００２ｘ"], database: "sqlite://" + path)
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("\"id_number\" : \"11010519491231002X\""), "\(fine.stdout.prefix(300))")
    }

    /// `personal-data export --out` writes identity numbers and phones in plaintext: the file is
    /// its owner's only whatever the umask, and an existing file is refused, left as it was, with
    /// exit status 1 — as `backup --out` (#14 review 14e).
    @Test func personalDataExportFileIsTheOwnersOnlyAndReplacesNothing() async throws {
        let old = umask(0o022)
        defer { umask(old) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = "sqlite://" + dir.appendingPathComponent("g.sqlite").path
        let out = dir.appendingPathComponent("export.json").path
        let run = try await gongkai(["personal-data", "export", "--id-number", "11010519491231002X", "--out", out], database: db)
        #expect(run.status == 0, "\(run.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        #expect(mode == 0o600, "the export file has mode \(String(mode, radix: 8))")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"id_number\" : \"11010519491231002X\""))
        // an existing file: refused and untouched
        let precious = dir.appendingPathComponent("backup.dump").path
        try Data("PGDMP precious".utf8).write(to: URL(fileURLWithPath: precious))
        let again = try await gongkai(["personal-data", "export", "--id-number", "11010519491231002X", "--out", precious], database: db)
        #expect(again.status == 1)
        #expect(again.stderr == "错误：文件 \(precious) 已存在，不会覆盖：请指定新的文件名\n", "\(again.stderr)")
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "PGDMP precious")
    }

    @Test func theFeeCalculatorPrintsTheBreakdown() async throws {
        let pages = try await gongkai(["fee", "--pages", "2219", "--json"], database: nil)
        #expect(pages.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(pages.stdout.utf8)) as? [String: Any])
        #expect(object["method"] as? String == "pages")
        #expect(object["amount"] as? Int == 83460)
        #expect((object["breakdown"] as? [[String: Any]])?.compactMap { $0["amount"] as? Int } == [0, 700, 2000, 80760])
        let pieces = try await gongkai(["fee", "--pieces", "5", "--earlier-this-month", "27", "--json"], database: nil)
        let quote = try JSONCoding.decoder().decode(FeeQuote.self, from: Data(pieces.stdout.utf8))
        #expect(quote.amount == 700)
        #expect(quote.breakdown.map { [$0.from, $0.to, $0.rate] } == [[28, 30, 100], [31, 32, 200]])
        let text = try await gongkai(["fee", "--pieces", "1", "--earlier-this-month", "40"], database: nil)
        #expect(text.stdout.contains("合计：300 元（按件计收）"))
        let both = try await gongkai(["fee", "--pages", "3", "--pieces", "2"], database: nil)
        #expect(both.status == 1)
        #expect(both.stderr == "错误：同一申请只能选择一种计收方式：--pages 与 --pieces 不能同时使用\n")
        let neither = try await gongkai(["fee"], database: nil)
        #expect(neither.status == 1)
        #expect(neither.stderr.contains("请指定 --pages"))
    }

    @Test func theDeadlineCalculatorPrintsJSON() async throws {
        let run = try await gongkai(["calendar", "due", "2023-09-27", "--days", "20", "--json"], database: nil)
        #expect(run.status == 0)
        let explanation = try JSONCoding.decoder().decode(DeadlineExplanation.self, from: Data(run.stdout.utf8))
        #expect(explanation.start == CivilDate(iso: "2023-09-27"))
        #expect(explanation.days == 20)
        #expect(explanation.due == CivilDate(iso: "2023-10-31"))
        #expect(explanation.lines.filter { $0.kind == .adjustedWorkingDay }.count == 2)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(Set((object ?? [:]).keys).isSuperset(of: ["start", "days", "due", "explanation"]))
    }

    @Test func theTextOutputExplainsEveryDay() async throws {
        let run = try await gongkai(["calendar", "due", "2023-09-27", "--days", "20"], database: nil)
        #expect(run.stdout.contains("届满日期：2023-10-31（星期二）"))
        #expect(run.stdout.contains("2023-10-08 星期日 调休上班（中秋节、国庆节），第 3 个工作日"))
        let workday = try await gongkai(["calendar", "is-workday", "2020-02-01", "--json"], database: nil)
        #expect(workday.stdout.contains("\"working_day\" : false"))
    }

    @Test func errorsAreOneLineAndNonZero() async throws {
        let beyond = try await gongkai(["calendar", "is-workday", "2027-01-04"], database: nil)
        #expect(beyond.status == 1)
        #expect(beyond.stderr.hasPrefix("错误：2027-01-04 所在的 2027 年没有国务院节假日安排数据"))
        #expect(beyond.stderr.split(separator: "\n").count == 1)
        let badDate = try await gongkai(["calendar", "due", "2023-02-30", "--days", "1"], database: nil)
        #expect(badDate.status == 1)
        #expect(badDate.stderr == "错误：起算日期“2023-02-30”无效，应为 YYYY-MM-DD，例如 2023-09-27\n")
        let badRole = try await gongkai(["user", "create", "--agency", "x", "--role", "boss", "--username", "u", "--name", "n"], database: nil)
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("角色“boss”无效"))
        let badURL = try await gongkai(["agency", "list"], database: "mysql://nope")
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("DATABASE_URL"))
    }

    @Test func agenciesAndUsersThroughTheCLI() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("agencies-\(UUID().uuidString).csv")
        try """
            code,name,kind,parent_code,credit_code
            cli-gov,命令行县人民政府,government,,11653125010183690X
            cli-edu,命令行县教育局,department,cli-gov,
            """.write(to: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: csv) }
        let imported = try await gongkai(["agency", "import", csv.path], database: database.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("已导入 2 个机构"))
        let list = try await gongkai(["agency", "list", "--json"], database: database.url)
        let agencies = try JSONCoding.decoder().decode([Operations.AgencyListing].self, from: Data(list.stdout.utf8))
        #expect(agencies.map(\.code) == ["cli-gov", "cli-edu"])
        #expect(agencies.map(\.parent) == [nil, "cli-gov"])
        // the same file again: refused, nothing duplicated
        let again = try await gongkai(["agency", "import", csv.path], database: database.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("第 2 行：机构代号“cli-gov”已被“命令行县人民政府”使用"))
        // a user with a generated password
        let user = try await gongkai(
            [
                "user", "create", "--agency", "cli-edu", "--role", "case_officer", "--role", "publisher",
                "--username", "cli.clerk", "--name", "命令行办事员",
            ],
            database: database.url)
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("临时密码"))
        // a user with a password from standard input, checked against the policy
        let weak = try await gongkai(
            [
                "user", "create", "--agency", "cli-gov", "--role", "system_administrator", "--username", "cli.admin",
                "--name", "管理员", "--password-stdin",
            ],
            database: database.url, stdin: "short\n")
        #expect(weak.status == 1)
        #expect(weak.stderr == "错误：密码至少需要 10 位\n")
        let unknownAgency = try await gongkai(
            ["user", "create", "--agency", "nowhere", "--role", "auditor", "--username", "cli.x", "--name", "某"],
            database: database.url)
        #expect(unknownAgency.stderr.contains("机构“nowhere”不存在（已有：cli-edu、cli-gov）"))
    }
}

@Suite("gongkai check")
struct CheckCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GongkaiCoreTests/Fixtures/reports")

    func gongkai(_ arguments: [String]) async throws -> CLITests.Run {
        try await CLITests().gongkai(arguments, database: nil)
    }

    @Test func theSeedReportSummaryListsWhatTheIssueAsks() async throws {
        let run = try await gongkai(["check", Self.fixtures.appendingPathComponent("seed-xinyuan-2023.txt").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("表四“行政复议”有 5 格"))
        #expect(run.stdout.contains("表三“(一)予以公开”一行 7 列只印出 6 个数"))
        #expect(run.stdout.contains("7518 + 98 + 191 + 14 = 7821"))
        for rule in ["R1", "R2", "R3", "R4", "R5", "R6"] { #expect(run.stdout.contains("✓ \(rule) ")) }
        let json = try await gongkai(["check", "--json", Self.fixtures.appendingPathComponent("seed-xinyuan-2023.txt").path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let cells = object?["cells"] as? [String: Any]
        #expect(cells?.count == 200)
        #expect(cells?["t4.admin_review.upheld"] is NSNull)
        #expect((object?["repairs"] as? [Any])?.count == 8)
    }

    @Test func aFolderOfMixedFilesGivesACSVSummary() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["seed-xinyuan-2023.txt", "base-2022.html", "base-2022.docx", "report-2018.txt"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data([0, 1, 2, 3]).write(to: folder.appendingPathComponent("broken.docx"))
        let run = try await gongkai(["check", folder.path])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "file,issuer,year,format,tables_found,errors,warnings,status")
        #expect(lines.contains("base-2022.docx,示范县教育局,2022,2021,二三四,0,0,read"))
        #expect(lines.contains("base-2022.html,示范县教育局,2022,2021,二三四,0,0,read"))
        #expect(lines.contains("seed-xinyuan-2023.txt,新源县,2023,2021,二三四,0,3,read"))
        #expect(lines.contains("report-2018.txt,示范县,2018,unsupported,,0,1,read"))
        #expect(lines.contains { $0.hasPrefix("broken.docx,,,,,,,unreadable: ") })
        // Checked side by side, listed in name order.
        let order = ["base-2022.docx", "base-2022.html", "broken.docx", "report-2018.txt", "seed-xinyuan-2023.txt"]
        #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == order)
        #expect(run.status == 1, "one file could not be read")
    }

    @Test func anUnreadableFileExitsNonZeroWithAClearLine() async throws {
        let run = try await gongkai(["check", "/nonexistent/report.txt"])
        #expect(run.status == 1)
        #expect(run.stderr == "错误：/nonexistent/report.txt：文件不存在\n")
    }
}

extension CheckCommandTests {
    @Test func aPDFIsReadThroughPdftotextOrRefusedWithTheReason() async throws {
        let run = try await gongkai(["check", "--json", Self.fixtures.appendingPathComponent("base-2022.pdf").path])
        if ReportFileLoader.pdfToText != nil {
            #expect(run.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let cells = (object?["cells"] as? [String: Any])?.filter { !($0.value is NSNull) }
            #expect(cells?.count == 200)
            #expect((object?["findings"] as? [Any])?.isEmpty == true)
        } else {
            #expect(run.status == 1)
            #expect(run.stderr.contains("poppler-utils"))
        }
    }

    /// A PDF printed by Chromium from the official table with narrow label cells: read by its
    /// layout, wrapped labels gave rows their neighbours' values; its text in content order reads
    /// every cell as printed (review 16, `PDFTextChoice`).
    @Test(.enabled(if: ReportFileLoader.pdfToText != nil, "needs pdftotext (poppler-utils)"))
    func aPDFWithWrappedRowLabelsReadsEveryCellAsPrinted() async throws {
        let folder = Self.fixtures.deletingLastPathComponent().appendingPathComponent("pdf-text")
        let run = try await gongkai(["check", "--json", folder.appendingPathComponent("chromium-wrapped-labels.pdf").path])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let cells = (object?["cells"] as? [String: Any])?.compactMapValues { $0 as? NSNumber } ?? [:]
        let truth = try Data(contentsOf: folder.appendingPathComponent("chromium-wrapped-labels-truth.json"))
        let printed = try JSONSerialization.jsonObject(with: truth) as? [String: NSNumber] ?? [:]
        #expect(printed.count == 200)
        #expect(cells.count == printed.count)
        #expect(printed.keys.sorted().filter { cells[$0]?.decimalValue != printed[$0]?.decimalValue } == [])
        #expect((object?["findings"] as? [[String: Any]])?.filter { $0["severity"] as? String == "error" }.isEmpty == true)
    }
}
