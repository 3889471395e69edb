import Foundation

/// One day of a working-day computation and why it counted or not.
public struct ExplainedDay: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The start date, not counted under `CountingConvention.startDayExcluded`.
        case startDay = "start_day"
        case workingDay = "working_day"
        /// A Saturday or Sunday declared a working day (调休): counted.
        case adjustedWorkingDay = "adjusted_working_day"
        case weekend
        case holiday
    }

    public let date: CivilDate
    public let kind: Kind
    /// The ordinal of this working day within the period (1…n), nil when not counted.
    public let countedAs: Int?
    /// The festival behind a holiday or 调休 day.
    public let note: String?

    /// `2023-10-07 星期六 调休上班（国庆节），第 2 个工作日`.
    public var chineseLine: String {
        let head = "\(date.iso) \(date.chineseWeekday) "
        switch kind {
        case .startDay: return head + "起算日，不计入"
        case .workingDay: return head + "第 \(countedAs ?? 0) 个工作日"
        case .adjustedWorkingDay: return head + "调休上班（\(note ?? "")），第 \(countedAs ?? 0) 个工作日"
        case .weekend: return head + "周末，不计入"
        case .holiday: return head + "法定节假日（\(note ?? "")），不计入"
        }
    }
}

/// Why a deadline falls where it does: the answer staff and applicants ask for.
public struct DeadlineExplanation: Equatable, Sendable, Codable {
    public let start: CivilDate
    public let days: Int
    public let due: CivilDate
    public let convention: CountingConvention
    public let lines: [ExplainedDay]

    enum CodingKeys: String, CodingKey {
        case start, days, due, convention
        case lines = "explanation"
    }

    /// The holidays and 调休 days the period crossed, e.g. `国庆节、中秋节`.
    public var festivalsCrossed: [String] {
        var names: [String] = []
        for line in lines where line.kind == .holiday || line.kind == .adjustedWorkingDay {
            if let name = line.note, !name.isEmpty, !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    /// A short summary: `自 2023-09-27 起 20 个工作日，至 2023-10-31（星期二）届满；跳过周末 6 天、法定节假日 8 天，调休上班 2 天计入。`
    public var chineseSummary: String {
        let weekends = lines.filter { $0.kind == .weekend }.count
        let holidays = lines.filter { $0.kind == .holiday }.count
        let adjusted = lines.filter { $0.kind == .adjustedWorkingDay }.count
        var text = "自 \(start.iso) 起 \(days) 个工作日，至 \(due.iso)（\(due.chineseWeekday)）届满"
        text += "；跳过周末 \(weekends) 天、法定节假日 \(holidays) 天"
        if adjusted > 0 { text += "，调休上班 \(adjusted) 天计入" }
        return text + "。"
    }
}

/// What one date is: the answer to "is this a working day, and why".
public struct DayStatus: Equatable, Sendable, Codable {
    public let date: CivilDate
    public let weekday: String
    public let workingDay: Bool
    public let kind: ExplainedDay.Kind
    /// The festival behind a holiday or 调休 day.
    public let note: String?

    public var chineseLine: String {
        let head = "\(date.iso) \(weekday)："
        switch kind {
        case .holiday: return head + "法定节假日（\(note ?? "")），非工作日"
        case .adjustedWorkingDay: return head + "调休上班（\(note ?? "")），工作日"
        case .weekend: return head + "周末，非工作日"
        case .workingDay, .startDay: return head + "工作日"
        }
    }
}

extension WorkingDayCalendar {
    public func status(of date: CivilDate) throws -> DayStatus {
        let working = try isWorkingDay(date)
        let entry = schedule.entries[date]
        let kind: ExplainedDay.Kind = entry?.designation == .holiday ? .holiday
            : entry?.designation == .workday ? .adjustedWorkingDay : date.isWeekend ? .weekend : .workingDay
        return DayStatus(date: date, weekday: date.chineseWeekday, workingDay: working, kind: kind, note: entry?.name)
    }
}
