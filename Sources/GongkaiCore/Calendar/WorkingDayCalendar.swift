import Foundation

/// How the first day of a period is treated.
///
/// No disclosure text states it (statute.md §1.13, UNCONFIRMED); the default follows the general
/// procedural rule that the day a period starts is not counted (民事诉讼法 Art. 85), so working
/// day 1 is the first working day after the start date.
public enum CountingConvention: String, Sendable, Codable, CaseIterable {
    case startDayExcluded = "start_day_excluded"
    /// The start date counts as working day 1 when it is a working day.
    case startDayIncluded = "start_day_included"

    public var chineseLabel: String {
        self == .startDayExcluded ? "起算日不计入（次日起算）" : "起算日计入（当日为第 1 个工作日）"
    }
}

/// A date the calendar cannot classify because no holiday notice for its year is loaded.
public struct CalendarError: Error, Equatable, LocalizedError {
    public let date: CivilDate
    public let knownYears: [Int]

    public var errorDescription: String? {
        let known = knownYears.isEmpty ? "无" : CalendarError.describe(years: knownYears)
        return "\(date.iso) 所在的 \(date.year) 年没有国务院节假日安排数据（已有：\(known)），无法按工作日计算。"
            + "请系统管理员先导入 \(date.year) 年的节假日安排。"
    }

    /// "2019–2026" for a run of years, "2019–2024、2026" otherwise.
    static func describe(years: [Int]) -> String {
        var runs: [ClosedRange<Int>] = []
        for y in years.sorted() {
            if let last = runs.last, last.upperBound + 1 == y { runs[runs.count - 1] = last.lowerBound...y } else { runs.append(y...y) }
        }
        return runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: "、")
    }
}

/// Working days (工作日): Monday to Friday, less declared holidays, plus weekend make-up days (调休).
///
/// Built once from a `HolidaySchedule` into flat tables, so that every question is answered in
/// constant or logarithmic time (a request list recomputes thousands of deadlines per page).
public struct WorkingDayCalendar: Sendable {
    public let schedule: HolidaySchedule
    public let convention: CountingConvention

    private let firstDay: Int            // day number of index 0 (1 Jan of the first known year)
    private let working: [Bool]          // per day in range
    private let known: [Bool]            // per day: its year has a schedule
    private let workingBefore: [Int]     // workingBefore[i] = working days in [0, i)
    private let unknownBefore: [Int]     // unknownBefore[i] = unknown days in [0, i)

    public init(schedule: HolidaySchedule = .bundled, convention: CountingConvention = .startDayExcluded) {
        self.schedule = schedule
        self.convention = convention
        let years = schedule.years.sorted()
        guard let firstYear = years.first, let lastYear = years.last else {
            firstDay = 0; working = []; known = []; workingBefore = [0]; unknownBefore = [0]
            return
        }
        let start = CivilDate(year: firstYear, month: 1, day: 1)!.dayNumber
        let end = CivilDate(year: lastYear, month: 12, day: 31)!.dayNumber
        var working = [Bool](repeating: false, count: end - start + 1)
        var known = working
        for index in working.indices {
            let date = CivilDate(dayNumber: start + index)
            known[index] = schedule.years.contains(date.year)
            switch schedule.entries[date]?.designation {
            case .holiday?: working[index] = false
            case .workday?: working[index] = true
            case nil: working[index] = !date.isWeekend
            }
        }
        var wb = [Int](repeating: 0, count: working.count + 1)
        var ub = wb
        for i in working.indices {
            wb[i + 1] = wb[i] + (working[i] ? 1 : 0)
            ub[i + 1] = ub[i] + (known[i] ? 0 : 1)
        }
        self.firstDay = start
        self.working = working
        self.known = known
        self.workingBefore = wb
        self.unknownBefore = ub
    }

    public func with(convention: CountingConvention) -> WorkingDayCalendar {
        WorkingDayCalendar(schedule: schedule, convention: convention)
    }

    public var knownYears: [Int] { schedule.years.sorted() }

    // MARK: questions

    public func isWorkingDay(_ date: CivilDate) throws -> Bool {
        working[try index(of: date)]
    }

    /// The date on which a period of `days` working days starting at `start` ends
    /// (e.g. the reply deadline: receipt date + 20 working days).
    public func addingWorkingDays(_ days: Int, to start: CivilDate) throws -> CivilDate {
        precondition(days >= 0, "a period has a non-negative length")
        let startIndex = try index(of: start)
        // Working days already "used" before the first countable day.
        let firstCountable = convention == .startDayIncluded ? startIndex : startIndex + 1
        if days == 0 { return start }
        let target = workingBefore[firstCountable] + days  // we want the index i with workingBefore[i+1] == target, working[i]
        guard target <= workingBefore[working.count] else {
            throw CalendarError(date: lastKnownDate.adding(days: 1), knownYears: knownYears)
        }
        // Smallest i such that workingBefore[i + 1] >= target.
        var low = firstCountable, high = working.count - 1
        while low < high {
            let mid = (low + high) / 2
            if workingBefore[mid + 1] >= target { high = mid } else { low = mid + 1 }
        }
        try requireKnown(from: startIndex, through: low)
        return CivilDate(dayNumber: firstDay + low)
    }

    /// Working days in the closed interval [from, through] (0 when through < from).
    public func countWorkingDays(from: CivilDate, through: CivilDate) throws -> Int {
        guard from <= through else { return 0 }
        let a = try index(of: from), b = try index(of: through)
        try requireKnown(from: a, through: b)
        return workingBefore[b + 1] - workingBefore[a]
    }

    /// How many working days of a period starting at `start` have elapsed by `date`
    /// (by the calendar's convention): 0 on the start date itself when it is excluded.
    public func workingDaysElapsed(since start: CivilDate, asOf date: CivilDate) throws -> Int {
        let first = convention == .startDayIncluded ? start : start.adding(days: 1)
        return try countWorkingDays(from: first, through: date)
    }

    // MARK: explanations

    /// Every day from `start` to the computed due date, each with why it counted or not.
    public func explainAddingWorkingDays(_ days: Int, to start: CivilDate) throws -> DeadlineExplanation {
        let due = try addingWorkingDays(days, to: start)
        return DeadlineExplanation(
            start: start, days: days, due: due, convention: convention,
            lines: try explainDays(from: start, through: due, countStart: convention == .startDayIncluded))
    }

    /// Every day of a closed interval, each with why it counted or not.
    public func explainCount(from: CivilDate, through: CivilDate) throws -> [ExplainedDay] {
        try explainDays(from: from, through: through, countStart: true)
    }

    private func explainDays(from start: CivilDate, through end: CivilDate, countStart: Bool) throws -> [ExplainedDay] {
        var lines: [ExplainedDay] = []
        var counted = 0
        var date = start
        while date <= end {
            let entry = schedule.entries[date]
            let isWorking = try isWorkingDay(date)
            if date == start && !countStart {
                lines.append(ExplainedDay(date: date, kind: .startDay, countedAs: nil, note: entry?.name))
            } else if isWorking {
                counted += 1
                lines.append(ExplainedDay(
                    date: date, kind: entry?.designation == .workday ? .adjustedWorkingDay : .workingDay,
                    countedAs: counted, note: entry?.name))
            } else if entry?.designation == .holiday {
                lines.append(ExplainedDay(date: date, kind: .holiday, countedAs: nil, note: entry?.name))
            } else {
                lines.append(ExplainedDay(date: date, kind: .weekend, countedAs: nil, note: nil))
            }
            date = date.adding(days: 1)
        }
        return lines
    }

    // MARK: tables

    private var lastKnownDate: CivilDate { CivilDate(dayNumber: firstDay + working.count - 1) }

    private func index(of date: CivilDate) throws -> Int {
        let i = date.dayNumber - firstDay
        guard i >= 0, i < working.count, known[i] else {
            throw CalendarError(date: date, knownYears: knownYears)
        }
        return i
    }

    private func requireKnown(from a: Int, through b: Int) throws {
        guard unknownBefore[b + 1] - unknownBefore[a] > 0 else { return }
        let gap = (a...b).first { !known[$0] }!
        throw CalendarError(date: CivilDate(dayNumber: firstDay + gap), knownYears: knownYears)
    }
}
