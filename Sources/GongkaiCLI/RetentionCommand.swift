import ArgumentParser
import Foundation
import GongkaiServer

/// `gongkai retention run`: anonymise personal data past its retention period (issue #14).
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "个人信息保存期限：匿名化办结已满期限的申请和留言中的个人信息", subcommands: [Run.self])

    struct Run: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "匿名化办结满 GONGKAI_RETENTION_YEARS 年的依申请公开和政民互动中的个人信息（统计数字不变），写入审计日志")

        @ArgumentParser.Option(help: "保存年数（默认取 GONGKAI_RETENTION_YEARS）") var years: Int?
        @Flag(help: "只统计将被匿名化的数量，不写入") var dryRun = false

        func execute() async throws {
            let s = try await Operations.runRetention(try settings(), years: years, dryRun: dryRun)
            let verb = dryRun ? "将匿名化（--dry-run：未写入）" : "已匿名化"
            print("保存期限 \(s.years) 年：\(s.cutoff) 及以前办结的记录\(verb)")
            print("requests \(s.requests)")
            print("letters \(s.letters)")
            print("attachments \(s.attachments)")
            print("messages \(s.messages)")
        }
    }
}
