import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "工作日历：期限计算、是否工作日、导入节假日安排",
        subcommands: [Due.self, IsWorkday.self, Import.self])

    struct Due: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "计算期限届满日期并逐日说明",
            discussion: "例如：gongkai calendar due 2023-09-27 --days 20（收到申请之日起 20 个工作日）")

        @Argument(help: "起算日期 YYYY-MM-DD") var start: String
        @Option(help: "工作日数") var days: Int
        @Flag(help: "起算日当天计入（默认不计入，次日起算）") var includeStartDay = false
        @Flag(help: "以 JSON 输出") var json = false

        func execute() async throws {
            let settings = try settings()
            guard let date = CivilDate(iso: start) else { throw CommandError("起算日期“\(start)”无效，应为 YYYY-MM-DD，例如 2023-09-27") }
            guard (0...400).contains(days) else { throw CommandError("工作日数 \(days) 无效，应为 0–400") }
            var calendar = try await Operations.calendar(settings)
            if includeStartDay { calendar = calendar.with(convention: .startDayIncluded) }
            let explanation = try calendar.explainAddingWorkingDays(days, to: date)
            if json { return try Output.json(explanation) }
            print("起算日期：\(date.iso)（\(date.chineseWeekday)）")
            print("期限：\(days) 个工作日，\(explanation.convention.chineseLabel)")
            print("届满日期：\(explanation.due.iso)（\(explanation.due.chineseWeekday)）\n")
            print("逐日说明：")
            for line in explanation.lines { print("  " + line.chineseLine) }
            print("\n" + explanation.chineseSummary)
        }
    }

    struct IsWorkday: GongkaiCommand {
        static let configuration = CommandConfiguration(commandName: "is-workday", abstract: "某日是否工作日（含节假日和调休说明）")

        @Argument(help: "日期 YYYY-MM-DD") var date: String
        @Flag(help: "以 JSON 输出") var json = false

        func execute() async throws {
            guard let day = CivilDate(iso: date) else { throw CommandError("日期“\(date)”无效，应为 YYYY-MM-DD") }
            let status = try await Operations.calendar(try settings()).status(of: day)
            if json { return try Output.json(status) }
            print(status.chineseLine)
        }
    }

    struct Import: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入某一年的节假日安排（整体替换该年的内置数据）",
            discussion: "文件格式同内置 holidays.tsv：每行 日期、类型（holiday/workday）、节日、依据，制表符或逗号分隔。")

        @Option(help: "年份") var year: Int
        @Argument(help: "TSV/CSV 文件路径（UTF-8）") var file: String

        func execute() async throws {
            let settings = try settings()
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("无法读取文件 \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw CommandError("文件 \(file) 不是 UTF-8 编码") }
            let imported = try await Operations.importHolidayYear(settings, year: String(year), content: text)
            print("已导入 \(imported) 年节假日安排。")
        }
    }
}
