import Foundation

/// A holiday schedule file that cannot be used, with the line that is wrong.
public struct HolidayScheduleError: Error, Equatable, LocalizedError {
    /// 1-based line number in the file, or nil for a problem with the file as a whole.
    public let line: Int?
    public let message: String

    public var errorDescription: String? {
        line.map { "第 \($0) 行：\(message)" } ?? message
    }
}

/// Reads holiday schedules as published in `holidays.tsv` or as an administrator types them.
///
/// Accepted: tab- or comma-separated lines `date, kind, name, source` with an optional header
/// line; kind is `holiday`/`workday` or 放假/休/上班/班/补班/调休.
public enum HolidayScheduleParser {
    /// Parses a multi-year file; the years covered are the years its entries fall in. Each
    /// entry belongs to the year of its notice: the year most of that notice's dates fall in.
    public static func parse(_ text: String) throws -> HolidaySchedule {
        let parsed = try parseEntries(text).map(\.entry)
        guard !parsed.isEmpty else { throw HolidayScheduleError(line: nil, message: "文件中没有任何日期") }
        var noticeYear: [String: Int] = [:]
        for (source, group) in Dictionary(grouping: parsed, by: \.source) where !source.isEmpty {
            let counts = Dictionary(grouping: group, by: \.date.year).mapValues(\.count)
            noticeYear[source] = counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        }
        let entries = parsed.map { e in
            ScheduleEntry(date: e.date, designation: e.designation, name: e.name, source: e.source, scheduleYear: noticeYear[e.source])
        }
        return HolidaySchedule(years: Set(entries.map(\.date.year)), entries: entries)
    }

    /// Parses one year's notice. Dates may reach one month into the neighbouring years (a notice
    /// for 2023 declared 2022-12-31 a holiday), but the schedule covers `year` only.
    public static func parse(_ text: String, year: Int) throws -> HolidaySchedule {
        let numbered = try parseEntries(text)
        let entries = numbered.map(\.entry)
        guard let first = CivilDate(year: year, month: 1, day: 1),
              let last = CivilDate(year: year, month: 12, day: 31) else {
            throw HolidayScheduleError(line: nil, message: "年份 \(year) 无效")
        }
        let earliest = first.adding(days: -31), latest = last.adding(days: 31)
        for (line, entry) in numbered where entry.date < earliest || entry.date > latest {
            throw HolidayScheduleError(
                line: line,
                message: "日期 \(entry.date.iso) 不属于 \(year) 年的节假日安排")
        }
        guard entries.contains(where: { $0.date.year == year }) else {
            throw HolidayScheduleError(line: nil, message: "文件中没有 \(year) 年的日期")
        }
        guard entries.contains(where: { $0.designation == .holiday && $0.date.year == year }) else {
            throw HolidayScheduleError(line: nil, message: "\(year) 年的安排中没有任何放假日期，请检查文件")
        }
        return HolidaySchedule(years: [year], entries: entries.map { e in
            ScheduleEntry(date: e.date, designation: e.designation, name: e.name, source: e.source, scheduleYear: year)
        })
    }

    /// Serialises a schedule in the bundled TSV format (header included).
    public static func tsv(_ entries: [ScheduleEntry]) -> String {
        var out = "date\tkind\tname\tsource\n"
        for e in entries.sorted(by: { $0.date < $1.date }) {
            out += "\(e.date.iso)\t\(e.designation.rawValue)\t\(e.name)\t\(e.source)\n"
        }
        return out
    }

    private static func dataLines(_ text: String) -> [(number: Int, fields: [String])] {
        var result: [(Int, [String])] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            var line = String(raw)
            if index == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let separator: Character = line.contains("\t") ? "\t" : ","
            let fields = line.split(separator: separator, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let first = fields[0].lowercased()
            if result.isEmpty, first == "date" || first == "日期" { continue }  // header
            result.append((index + 1, fields))
        }
        return result
    }

    private static func parseEntries(_ text: String) throws -> [(line: Int, entry: ScheduleEntry)] {
        var seen: [CivilDate: Int] = [:]
        var entries: [(line: Int, entry: ScheduleEntry)] = []
        for (number, fields) in dataLines(text) {
            guard fields.count >= 2 else {
                throw HolidayScheduleError(line: number, message: "至少需要“日期”和“类型”两列，用制表符或逗号分隔")
            }
            guard let date = CivilDate(iso: fields[0]) else {
                throw HolidayScheduleError(line: number, message: "日期“\(fields[0])”无效，应为 YYYY-MM-DD")
            }
            guard let designation = designation(fields[1]) else {
                throw HolidayScheduleError(
                    line: number, message: "类型“\(fields[1])”无效，应为 holiday（放假）或 workday（调休上班）")
            }
            if designation == .workday, !date.isWeekend {
                throw HolidayScheduleError(
                    line: number, message: "\(date.iso) 是\(date.chineseWeekday)，调休上班日只能是周六或周日")
            }
            if let previous = seen[date] {
                throw HolidayScheduleError(line: number, message: "日期 \(date.iso) 与第 \(previous) 行重复")
            }
            seen[date] = number
            let name = fields.count > 2 ? fields[2] : ""
            let source = fields.count > 3 ? fields[3...].joined(separator: ",") : ""
            entries.append((number, ScheduleEntry(date: date, designation: designation, name: name, source: source)))
        }
        return entries
    }

    private static func designation(_ text: String) -> DayDesignation? {
        switch text.lowercased() {
        case "holiday", "放假", "休", "假": return .holiday
        case "workday", "上班", "班", "补班", "调休", "调休上班": return .workday
        default: return nil
        }
    }
}
