import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The message benchmarks of issue #12, run by `gongkai-bench messages`: importing a generated
/// export (rows per second, the memory the process holds meanwhile), and a year's figures for
/// an agency with a million messages against the bare GROUP BY of the same year in the same run.
public enum MessageBenchmark {
    public static func run(settings: Settings, importRows: Int, figuresRows: Int, log: @escaping @Sendable (String) -> Void) async throws {
        try await Operations.withApplication(settings) { app in
            let db = app.db
            let actor = AuditActor.commandLine("bench")
            let context = try await app.messageContext()
            func agency(_ name: String) async throws -> Int {
                try await AgencyService.create(
                    AgencyFields(code: "bench-\(UInt32.random(in: 0...UInt32.max))", name: name, shortName: "基准县", kind: .government, creditCode: nil),
                    parentID: nil, by: actor, on: db).requireID()
            }

            if importRows > 0 {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-bench-hotline-\(UUID().uuidString).csv").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                try SyntheticMessages.write(rows: importRows, year: 2023, to: path)
                let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                log("generated an export of \(importRows) rows (\(size / 1_048_576) MB)")
                let agencyID = try await agency("基准测试县人民政府（导入）")
                let target = try await MessageImporter.target(agencyID: agencyID, context: context, on: db)
                let sampler = MemorySampler()
                let rssBefore = MemorySampler.rss()
                let sampling = Task { await sampler.run() }
                let check = try await measure { _ = try await MessageImporter.check(path: path, target: target, on: db) }
                // What `gongkai messages import` does: one pass, all or nothing.
                let apply = try await measure {
                    _ = try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil, actor: actor, on: db)
                }
                let again = try await measure {
                    _ = try await MessageImporter.apply(path: path, target: target, skipBadRows: true, jobID: nil, actor: actor, on: db)
                }
                sampling.cancel()
                let peak = await sampler.peak
                let count = try await PublicMessage.query(on: db).filter(\.$agency.$id == agencyID).count()
                precondition(count == importRows, "every row imported once")
                log(String(format: "check, as the console's preview does (read, validate, look up existing ids): %.2f s = %.0f rows/s",
                           seconds(check), Double(importRows) / seconds(check)))
                log(String(format: "import, as `gongkai messages import` does (one pass: read, validate, upsert in one transaction): %.2f s = %.0f rows/s (target ≥ 20,000 on SQLite)",
                           seconds(apply), Double(importRows) / seconds(apply)))
                log(String(format: "re-import of the same file (all updates): %.2f s = %.0f rows/s", seconds(again), Double(importRows) / seconds(again)))
                log("resident memory: \(rssBefore / 1024) MB before, at most \(peak / 1024) MB while importing (file \(size / 1_048_576) MB); process peak VmHWM \(MemorySampler.hwm() / 1024) MB")
            }

            if figuresRows > 0 {
                let agencyID = try await agency("基准测试县人民政府（统计）")
                let channels = try await MessageChannels.list(agencyID: agencyID, on: db).map(\.name)
                let insertion = try await measure { try await insertSynthetic(figuresRows, agencyID: agencyID, channels: channels, on: db) }
                log(String(format: "inserted %d messages (2019–2024) in %.1f s", figuresRows, seconds(insertion)))
                let sql = try db.requireSQL()
                try await sql.raw(db.isPostgres ? "VACUUM ANALYZE public_messages" : "ANALYZE").run()
                let inYear = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM public_messages WHERE agency_id = \(bind: agencyID) AND received_on >= '2024-01-01' AND received_on <= '2024-12-31'
                    """).first()?.decode(column: "n", as: Int.self) ?? 0
                log("\(inYear) of them received in 2024")
                func median(_ label: String, _ body: () async throws -> Void) async throws -> Double {
                    try await body()
                    var times: [Double] = []
                    for _ in 0..<7 { times.append(seconds(try await measure(body)) * 1000) }
                    let m = times.sorted()[3]
                    log(String(format: "%@: %.1f ms (median of 7)", label, m))
                    return m
                }
                let figures = try await median("figures for 2024 (MessageFigures.query: channels, rates, on time, months)") {
                    let f = try await MessageFigures.query(agencyIDs: [agencyID], from: CivilDate(year: 2024, month: 1, day: 1)!,
                                                              through: CivilDate(year: 2024, month: 12, day: 31)!, on: db)
                    precondition(f.total.received == inYear && f.channels.map(\.tally.received).reduce(0, +) == inYear)
                }
                let bare = try await median("bare GROUP BY channel_name over 2024's messages") {
                    _ = try await sql.raw("""
                        SELECT channel_name, COUNT(*) AS n FROM public_messages
                        WHERE agency_id = \(bind: agencyID) AND received_on >= '2024-01-01' AND received_on <= '2024-12-31'
                        GROUP BY channel_name
                        """).all()
                }
                log(String(format: "ratio: %.2f× the bare GROUP BY (target ≤ 2×)", figures / bare))
            }
        }
    }

    /// Messages spread over 2019–2024, inserted in multi-row statements (what the figures read).
    static func insertSynthetic(_ count: Int, agencyID: Int, channels: [String], on db: any Database) async throws {
        var random = SplitMix64(seed: 7)
        let first = CivilDate(year: 2019, month: 1, day: 1)!.dayNumber, last = CivilDate(year: 2024, month: 12, day: 31)!.dayNumber
        let columns = ["version", "agency_id", "source", "channel_name", "channel_kind", "kind", "sender_name", "sender_phone", "subject", "content",
                       "publication_allowed", "received_at", "received_on", "source_id", "time_limit_days", "time_limit_basis", "status",
                       "assigned_unit", "reply", "completed_on", "handling_days", "on_time", "publication", "satisfaction", "rated_on", "import_agency_id"]
        let satisfactions = ["satisfied", "satisfied", "satisfied", "basically_satisfied", "dissatisfied", nil, nil]
        let weights = [96, 1, 2, 1]
        let batch = 800
        var made = 0
        // Batches in their own statements (autocommit on PostgreSQL, a transaction per batch on SQLite).
        let sql = try db.requireSQL()
        do {
            while made < count {
                let n = min(batch, count - made)
                let rows: [any SQLExpression] = (0..<n).map { i in
                    let day = CivilDate(dayNumber: first + Int(random.next() % UInt64(last - first + 1)))
                    var pick = Int(random.next() % 100), c = 0
                    while c < weights.count - 1 && pick >= weights[c] { pick -= weights[c]; c += 1 }
                    let open = random.next() % 500 == 0
                    let days = Int(random.next() % 20)
                    let done = day.adding(days: days + days / 5 * 2)
                    let s = open ? nil : satisfactions[Int(random.next() % UInt64(satisfactions.count))]
                    let binds: [any Encodable & Sendable] = [
                        1, agencyID, "imported", channels[c % channels.count], "hotline_12345", "help", "", "", "工单", "", false,
                        Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400)), day.iso, "B\(made + i)", 15, "基准", open ? "accepted" : "completed",
                        "", "", open ? nil : done.iso, open ? nil : days, open ? nil : days <= 15, "not_allowed", s, s == nil ? nil : done.iso, agencyID,
                    ]
                    return SQLGroupExpression(binds.map { SQLBind($0) })
                }
                try await sql.raw("INSERT INTO public_messages (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(SQLList(rows))").run()
                made += n
            }
        }
    }

    static func measure(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
