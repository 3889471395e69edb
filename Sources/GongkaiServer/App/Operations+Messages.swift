import Fluent
import Foundation
import GongkaiCore
import Vapor

/// What `gongkai messages …` asks of the platform (#12), through the same services as the console.
extension Operations {
    public struct MessageImportSummary: Sendable {
        public let encoding: String
        public let rows: Int
        public let valid: Int
        public let existing: Int
        public let errorCount: Int
        /// The first row errors, `第 N 行：…`.
        public let errors: [String]
        public let inserted: Int
        public let updated: Int
        public let skipped: Int
        public let imported: Bool
    }

    /// Imports the file (or, with `dryRun`, only checks it); without `skipBadRows` a bad row
    /// imports nothing, and the summary lists the problems.
    /// `progress(rows, bytesRead, fileSize, phase)` is called as the file is read.
    public static func importMessages(
        _ settings: Settings, path: String, agencyCode: String, dryRun: Bool, skipBadRows: Bool,
        progress: @escaping @Sendable (Int, Int, Int, String) -> Void = { _, _, _, _ in }
    ) async throws -> MessageImportSummary {
        guard FileManager.default.isReadableFile(atPath: path) else { throw CommandError("无法读取文件 \(path)") }
        return try await withApplication(settings) { app in
            let agency = try await agency(code: agencyCode, on: app.db)
            do {
                let target = try await MessageImporter.target(agencyID: try agency.requireID(), context: try await app.messageContext(), on: app.db)
                func checked() async throws -> MessageImportSummary {
                    let check = try await MessageImporter.check(path: path, target: target, on: app.db) { p in progress(p.rows, p.bytes, p.totalBytes, "检查") }
                    return MessageImportSummary(encoding: check.encoding.rawValue, rows: check.rows, valid: check.valid, existing: check.existing,
                                                errorCount: check.errorCount, errors: check.errors.prefix(50).map(\.description),
                                                inserted: 0, updated: 0, skipped: 0, imported: false)
                }
                if dryRun { return try await checked() }
                // One pass: the import checks every row as it writes; only when a bad row stops
                // it is the file read again, to list every problem.
                let outcome: MessageImporter.Outcome
                do {
                    outcome = try await MessageImporter.apply(path: path, target: target, skipBadRows: skipBadRows, jobID: nil,
                                                              actor: .commandLine("messages import"), on: app.db) { p in
                        progress(p.rows, p.bytes, p.totalBytes, "导入")
                    }
                } catch let error as AppError where error.code == "import_rows_invalid" {
                    return try await checked()
                }
                return MessageImportSummary(encoding: outcome.encoding.rawValue, rows: outcome.inserted + outcome.updated + outcome.skipped,
                                            valid: outcome.inserted + outcome.updated, existing: outcome.updated, errorCount: outcome.skipped,
                                            errors: outcome.errors.prefix(50).map(\.description), inserted: outcome.inserted,
                                            updated: outcome.updated, skipped: outcome.skipped, imported: true)
            } catch let error as AppError {
                throw CommandError(error.fields.isEmpty ? error.message : error.fields.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；"))
            }
        }
    }

    public struct MessageStatsReport: Sendable {
        /// The keys of #12: received, completed, open, by_channel, rated, satisfied,
        /// basically_satisfied, dissatisfied, completion_rate, satisfaction_rate.
        public let json: String
        public let text: String
    }

    /// The year's figures of an agency (with `subtree`, of the agencies below it too).
    public static func messageStats(_ settings: Settings, agencyCode: String, year: Int, subtree: Bool) async throws -> MessageStatsReport {
        guard let period = MessagePeriod.year(year), (2000...9999).contains(year) else { throw CommandError("年份 \(year) 无效") }
        return try await withApplication(settings) { app in
            let agency = try await agency(code: agencyCode, on: app.db)
            let id = try agency.requireID()
            let ids = subtree ? try await AgencyTree.subtreeIDs(of: [id], on: app.db) : [id]
            let figures = try await MessageFigures.query(agencyIDs: ids, from: period.from, through: period.through, on: app.db)
            let json = String(decoding: try JSONCoding.encoder(pretty: true).encode(MessageStatsJSON(figures)), as: UTF8.self)
            let t = figures.total
            var lines = ["\(agency.name)\(subtree ? "（含下属机关）" : "") \(year) 年政民互动：收到 \(t.received) 件，已办结 \(t.completed) 件，未办结 \(t.open) 件"]
            for c in figures.channels { lines.append("  \(c.name)：\(c.tally.received) 件（办结 \(c.tally.completed)，未办结 \(c.tally.open)）") }
            lines.append("办结率 \(MessageTally.percent(t.completionRate))；满意率 \(MessageTally.percent(t.satisfactionRate))（已评价 \(t.rated) 件，占已办结的 \(MessageTally.percent(t.ratedShare))）")
            lines.append("按期办结率 \(MessageTally.percent(t.onTimeRate))；平均办理用时 \(t.averageHandlingDays.map { String(format: "%.1f", $0) } ?? "—") 个工作日")
            return MessageStatsReport(json: json, text: lines.joined(separator: "\n"))
        }
    }

    static func agency(code: String, on db: any Database) async throws -> Agency {
        guard let agency = try await Agency.query(on: db).filter(\.$code == code.lowercased()).first() else {
            let known = try await Agency.query(on: db).sort(\.$code).all().map(\.code)
            throw CommandError(known.isEmpty ? "机构“\(code)”不存在：数据库中还没有机构"
                : "机构“\(code)”不存在（已有：\(known.prefix(8).joined(separator: "、"))\(known.count > 8 ? "…" : "")）")
        }
        return agency
    }
}
