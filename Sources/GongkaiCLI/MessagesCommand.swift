import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer
#if canImport(Glibc)
import Glibc
#endif

/// `gongkai messages`: 政民互动 imports and figures (#12).
struct MessagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages", abstract: "政民互动：导入 12345 热线等导出文件、统计", subcommands: [Import.self, Stats.self, Sample.self])

    struct Import: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入政民互动导出文件（CSV，UTF-8 或 GBK）；有错误行时一行也不导入，除非 --skip-bad-rows",
            discussion: """
                表头用中文或英文：工单编号/source_id、渠道/channel、受理时间/received_at、标题/subject、内容/content、
                承办单位/handling_unit、办结时间/completed_at、办理结果/result、满意度/satisfaction（满意、基本满意、不满意或留空），
                可选 类型/kind。渠道须与该机关的渠道列表完全一致。再次导入同一文件按工单编号更新，不会重复。
                """)

        @Argument(help: "CSV 文件路径") var file: String
        @ArgumentParser.Option(help: "导入到的机构代号") var agency: String
        @Flag(help: "只检查，不写入") var dryRun = false
        @Flag(help: "跳过错误行，导入其余正确的行") var skipBadRows = false

        func execute() async throws {
            let settings = try settings()
            let bar = ProgressBar()
            let summary = try await Operations.importMessages(settings, path: file, agencyCode: agency, dryRun: dryRun, skipBadRows: skipBadRows) {
                rows, bytes, total, phase in bar.show(phase: phase, rows: rows, bytes: bytes, total: total)
            }
            bar.finish()
            print("共 \(summary.rows) 行（编码 \(summary.encoding)）：正确 \(summary.valid) 行，其中 \(summary.existing) 行的工单编号已导入过；错误 \(summary.errorCount) 行。")
            for line in summary.errors { print("  \(line)") }
            if summary.errors.count < summary.errorCount { print("  ……另有 \(summary.errorCount - summary.errors.count) 行错误") }
            if summary.imported {
                print("已导入：新增 \(summary.inserted) 条，更新 \(summary.updated) 条" + (summary.skipped > 0 ? "，跳过错误行 \(summary.skipped) 行" : "") + "。")
            } else if summary.errorCount > 0 {
                throw CommandError("文件有 \(summary.errorCount) 行错误，未导入任何一行" + (dryRun ? "" : "（改正后重新导入，或用 --skip-bad-rows 跳过错误行）"))
            } else {
                print("检查通过（--dry-run：未写入）。")
            }
        }
    }

    struct Stats: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "一年的政民互动统计：收到、办结、各渠道、办结率、满意率（按收到之日所在年度，北京时间）")

        @ArgumentParser.Option(help: "机构代号") var agency: String
        @ArgumentParser.Option(help: "年度") var year: Int
        @Flag(help: "含下属机关（汇总）") var subtree = false
        @Flag(help: "以 JSON 输出：received, completed, open, by_channel, rated, satisfied, basically_satisfied, dissatisfied, completion_rate, satisfaction_rate")
        var json = false

        func execute() async throws {
            let report = try await Operations.messageStats(try settings(), agencyCode: agency, year: year, subtree: subtree)
            print(json ? report.json : report.text)
        }
    }

    struct Sample: GongkaiCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-csv", abstract: "生成一份演示用的 12345 热线导出文件（UTF-8 CSV，确定性数据）")

        @Argument(help: "输出文件路径") var file: String
        @ArgumentParser.Option(help: "行数") var rows = 10_000
        @ArgumentParser.Option(help: "受理年度") var year = 2023
        @ArgumentParser.Option(help: "工单编号前缀") var prefix = "RX"

        func execute() async throws {
            guard (1...5_000_000).contains(rows) else { throw CommandError("行数应为 1–5000000") }
            try SyntheticMessages.write(rows: rows, year: year, to: file, sourcePrefix: prefix)
            print("已生成 \(rows) 行：\(file)")
        }
    }
}

/// A progress bar on standard error, only when it is a terminal (pipes and logs stay clean).
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = -1
    private var lastPhase = ""

    func show(phase: String, rows: Int, bytes: Int, total: Int) {
        guard enabled else { return }
        let percent = total > 0 ? min(100, bytes * 100 / total) : 0
        guard percent != last || phase != lastPhase else { return }
        last = percent
        lastPhase = phase
        let filled = percent * 30 / 100
        let line = "\r\(phase) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] \(percent)%  \(rows) 行"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, last >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
