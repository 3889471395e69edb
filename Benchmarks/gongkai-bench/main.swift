import Foundation
import GongkaiCore
import GongkaiServer

// Benchmarks of Gongkai, run in release mode: `swift run -c release gongkai-bench [name…]`.
// Targets live in the issues; results are recorded in docs/benchmarks.md. Names: calendar,
// report-check, report-render, requests, messages, reports, publications (default: all; `requests`,
// `messages`, `reports` and `publications` need a database: BENCH_DATABASE_URL, else SQLite).

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func measure(_ label: String, count: Int, unit: String, target: String, _ body: () throws -> Void) rethrows {
    let elapsed = try ContinuousClock().measure { try body() }
    let s = seconds(elapsed)
    print("\(label): \(count) \(unit) in \(String(format: "%.3f", s)) s = \(String(format: "%.0f", Double(count) / s)) per second (target: \(target))")
}

let selected = Set(CommandLine.arguments.dropFirst())
func wants(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

/// The settings of a benchmark on a database: BENCH_DATABASE_URL (PostgreSQL, or a SQLite file
/// to keep), else a fresh SQLite file in the temporary directory, removed by `cleanup`.
/// PostgreSQL refuses to start without a data key (docs/security.md); generated records hold no
/// real personal data, so GONGKAI_DATA_KEY when set, else a fresh key, serves.
func benchSettings() throws -> (settings: Settings, cleanup: () -> Void) {
    var settings = Settings()
    settings.logLevel = "warning"
    let environment = ProcessInfo.processInfo.environment
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString).sqlite").path
    let named = environment["BENCH_DATABASE_URL"]
    settings.database = try DatabaseLocation(url: named ?? "sqlite://" + path)
    settings.dataKey =
        environment["GONGKAI_DATA_KEY"]
        ?? Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
    let cleanup = { if named == nil { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
    return (settings, cleanup)
}

if wants("calendar") {
    let calendar = WorkingDayCalendar()
    let start = CivilDate(iso: "2019-01-02")!.dayNumber
    let span = CivilDate(iso: "2026-11-30")!.dayNumber - start
    var checksum = 0
    try measure("calendar: due date = receipt + 20 working days", count: 1_000_000, unit: "computations", target: "1M in < 1 s") {
        for i in 0..<1_000_000 {
            checksum &+= try calendar.addingWorkingDays(20, to: CivilDate(dayNumber: start + i % span)).day
        }
    }
    print("  (checksum \(checksum))")
}

if wants("report-check") {
    let seedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/GongkaiCoreTests/Fixtures/reports/seed-xinyuan-2023.txt").path
    guard let data = FileManager.default.contents(atPath: seedPath) else { fatalError("seed report not found at \(seedPath)") }
    let file = ReportFile(name: "seed.txt", data: data)
    var findings = 0
    let n = Int(ProcessInfo.processInfo.environment["BENCH_REPORTS"] ?? "") ?? 2_000
    try measure("report check: the seed report (\(data.count / 1024) KB text), one core", count: n, unit: "reports",
                target: "≥ 1,000 per second") {
        for _ in 0..<n { findings += try ReportChecker.check(file).findings.count }
    }
    print("  (\(findings / n) findings per report)")
    // A folder of reports is checked on every core at once (`gongkai check FOLDER`, `ReportBatch`).
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let start = ContinuousClock.now
    let counts = await ReportBatch.map(count: n) { _ in (try? ReportChecker.check(file).findings.count) ?? -1 }
    let s = seconds(ContinuousClock.now - start)
    precondition(!counts.contains(-1), "the seed report could not be read")
    let rate = String(format: "%.0f", Double(n) / s)
    print("report check: the seed report, \(cores) cores at once (ReportBatch): \(n) reports in \(String(format: "%.3f", s)) s = \(rate) per second")
}

if wants("requests") {
    // BENCH_DATABASE_URL selects PostgreSQL; by default a fresh SQLite file in the temp directory.
    let (settings, cleanup) = try benchSettings()
    let n = Int(ProcessInfo.processInfo.environment["BENCH_REQUESTS"] ?? "") ?? 1_000_000
    print("requests: \(n) generated requests of one agency on \(settings.database)")
    _ = try await RequestBenchmark.run(settings: settings, count: n) { print("  " + $0) }
    cleanup()
}

if wants("messages") {
    // #12: importing a generated hotline export (BENCH_IMPORT_ROWS, default 100,000) and a year's
    // figures among BENCH_MESSAGES (default 1,000,000) messages of one agency.
    let (settings, cleanup) = try benchSettings()
    let importRows = Int(ProcessInfo.processInfo.environment["BENCH_IMPORT_ROWS"] ?? "") ?? 100_000
    let figuresRows = Int(ProcessInfo.processInfo.environment["BENCH_MESSAGES"] ?? "") ?? 1_000_000
    print("messages: import of \(importRows) rows, figures among \(figuresRows) messages, on \(settings.database)")
    try await MessageBenchmark.run(settings: settings, importRows: importRows, figuresRows: figuresRows) { print("  " + $0) }
    cleanup()
}

if wants("report-render") {
    // A full 2021-format report: every table filled, the sections of a county department.
    var counts = RequestYearCounts()
    for (i, kind) in ApplicantKind.allCases.enumerated() {
        counts.newReceived[kind] = 40 * (i + 1)
        counts.carriedOverIn[kind] = i
        var concluded = 0
        for (j, outcome) in RequestOutcome.allCases.enumerated() {
            counts.results[outcome, default: [:]][kind] = (i + j) % 5
            concluded += (i + j) % 5
        }
        counts.carriedOverOut[kind] = 40 * (i + 1) + i - concluded
    }
    var report = AnnualReport(
        formatVersion: .v2021, year: 2024, issuer: "示范县教育局",
        cells: counts.t3Cells(.v2021).merging(ChallengeYearCounts().t4Cells()) { a, _ in a })
    for cell in ReportSchema.v2021.allCells where cell.rawValue.hasPrefix("t2.") { report[cell] = 12 }
    report.sections = [
        .overview: String(repeating: "（一）主动公开\n本年度，本机关认真贯彻落实政府信息公开条例，及时公开各类政府信息。\n", count: 6),
        .problems: "存在的问题是政策解读形式较为单一。下一步将丰富解读方式，提升公开质量。", .other: "本机关本年度未收取信息处理费。",
    ]
    let n = Int(ProcessInfo.processInfo.environment["BENCH_RENDERS"] ?? "") ?? 200
    var bytes = 0
    for (label, render) in [
        ("HTML page (ReportRenderer.htmlDocument)", { bytes += ReportRenderer.htmlDocument(report).utf8.count }),
        ("Word .docx (ReportDocx.data)", { bytes += try! ReportDocx.data(report, signedOn: CivilDate(iso: "2025-01-20")).count }),
    ] {
        render()  // warm-up
        var times: [Double] = []
        for _ in 0..<n { times.append(seconds(ContinuousClock().measure { render() }) * 1000) }
        times.sort()
        print(
            String(
                format: "report render: %@: median %.2f ms, 95th percentile %.2f ms over %d (target: < 20 ms each)",
                label, times[n / 2], times[n * 95 / 100], n))
    }
    print("  (\(bytes / (2 * (n + 1)) / 1024) KB on average)")
}

if wants("reports") {
    let (settings, cleanup) = try benchSettings()
    let n = Int(ProcessInfo.processInfo.environment["BENCH_REQUESTS"] ?? "") ?? 1_000_000
    print("reports: one agency with \(n) requests, then a county of 500 agencies, on \(settings.database)")
    try await ReportBenchmark.run(settings: settings, requests: n) { print("  " + $0) }
    cleanup()
}

if wants("publications") {
    // Issue #11. BENCH_DATABASE_URL selects the database (PostgreSQL, or a SQLite file kept for the
    // HTTP measurement); by default a fresh SQLite file, removed afterwards. BENCH_PUBLICATIONS sets the size.
    let (settings, cleanup) = try benchSettings()
    let n = Int(ProcessInfo.processInfo.environment["BENCH_PUBLICATIONS"] ?? "") ?? 1_000_000
    print("publications: \(n) generated publications (bodies drawn from the demo corpus) on \(settings.database)")
    _ = try await PublicationBenchmark.run(settings: settings, count: n) { print("  " + $0) }
    cleanup()
}
