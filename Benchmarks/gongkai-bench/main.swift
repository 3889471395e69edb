import Foundation
import GongkaiCore
import GongkaiServer

// Benchmarks of Gongkai, run in release mode: `swift run -c release gongkai-bench [name…]`.
// Targets live in the issues; results are recorded in docs/benchmarks.md. Names: calendar,
// report-check, requests, messages, publications (default: all; `requests`, `messages` and
// `publications` need a database: BENCH_DATABASE_URL, else a fresh SQLite file).

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
}

if wants("requests") {
    // BENCH_DATABASE_URL selects PostgreSQL; by default a fresh SQLite file in the temp directory.
    var settings = Settings()
    settings.logLevel = "warning"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString).sqlite").path
    settings.database = try DatabaseLocation(url: ProcessInfo.processInfo.environment["BENCH_DATABASE_URL"] ?? "sqlite://" + path)
    let n = Int(ProcessInfo.processInfo.environment["BENCH_REQUESTS"] ?? "") ?? 1_000_000
    print("requests: \(n) generated requests of one agency on \(settings.database)")
    _ = try await RequestBenchmark.run(settings: settings, count: n) { print("  " + $0) }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

if wants("messages") {
    // #12: importing a generated hotline export (BENCH_IMPORT_ROWS, default 100,000) and a year's
    // figures among BENCH_MESSAGES (default 1,000,000) messages of one agency.
    var settings = Settings()
    settings.logLevel = "warning"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString).sqlite").path
    settings.database = try DatabaseLocation(url: ProcessInfo.processInfo.environment["BENCH_DATABASE_URL"] ?? "sqlite://" + path)
    let importRows = Int(ProcessInfo.processInfo.environment["BENCH_IMPORT_ROWS"] ?? "") ?? 100_000
    let figuresRows = Int(ProcessInfo.processInfo.environment["BENCH_MESSAGES"] ?? "") ?? 1_000_000
    print("messages: import of \(importRows) rows, figures among \(figuresRows) messages, on \(settings.database)")
    try await MessageBenchmark.run(settings: settings, importRows: importRows, figuresRows: figuresRows) { print("  " + $0) }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

if wants("publications") {
    // Issue #11. BENCH_DATABASE_URL selects the database (PostgreSQL, or a SQLite file kept for the
    // HTTP measurement); by default a fresh SQLite file, removed afterwards. BENCH_PUBLICATIONS sets the size.
    var settings = Settings()
    settings.logLevel = "warning"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-\(UUID().uuidString).sqlite").path
    let named = ProcessInfo.processInfo.environment["BENCH_DATABASE_URL"]
    settings.database = try DatabaseLocation(url: named ?? "sqlite://" + path)
    let n = Int(ProcessInfo.processInfo.environment["BENCH_PUBLICATIONS"] ?? "") ?? 1_000_000
    print("publications: \(n) generated publications (bodies drawn from the demo corpus) on \(settings.database)")
    _ = try await PublicationBenchmark.run(settings: settings, count: n) { print("  " + $0) }
    if named == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
}
