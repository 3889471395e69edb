import Foundation

/// What the State Council's holiday notice says about one date.
public enum DayDesignation: String, Sendable, Codable, CaseIterable {
    /// A declared holiday (including weekend days inside a declared range).
    case holiday
    /// A weekend day declared a working day (调休 make-up day).
    case workday

    public var chineseLabel: String { self == .holiday ? "放假" : "调休上班" }
}

/// One line of a holiday notice: a date and what it became.
public struct ScheduleEntry: Hashable, Sendable, Codable {
    public let date: CivilDate
    public let designation: DayDesignation
    /// The festival, e.g. 春节.
    public let name: String
    /// The notice that declared it, e.g. 国办发明电〔2022〕16号.
    public let source: String
    /// The year whose notice declared it: usually the date's own year, but the notice for 2023
    /// made 2022-12-31 a holiday. Replacing a year's notice replaces exactly its entries.
    public let scheduleYear: Int

    public init(date: CivilDate, designation: DayDesignation, name: String, source: String, scheduleYear: Int? = nil) {
        self.date = date
        self.designation = designation
        self.name = name
        self.source = source
        self.scheduleYear = scheduleYear ?? date.year
    }
}

/// The official holiday arrangements for a set of years (国务院办公厅关于某年部分节假日安排的通知).
///
/// `years` are the years whose whole schedule is known; an entry may lie just outside them when a
/// notice reaches across New Year (the 2023 notice made 2022-12-31 a holiday), but a date is
/// only computable when its own year is in `years`.
public struct HolidaySchedule: Sendable, Equatable {
    public private(set) var years: Set<Int>
    public private(set) var entries: [CivilDate: ScheduleEntry]

    public init(years: Set<Int>, entries: [ScheduleEntry]) {
        self.years = years
        self.entries = Dictionary(entries.map { ($0.date, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Replaces whole years' notices with another schedule: every entry of `other` wins, and the
    /// entries of `self` declared by a notice of a year that `other` covers are dropped (a
    /// corrected notice replaces the old one entirely). Entries of that year declared by the
    /// next year's notice (2022-12-31, from the 2023 notice) stay.
    public func overlaid(with other: HolidaySchedule) -> HolidaySchedule {
        var merged = self
        merged.years.formUnion(other.years)
        merged.entries = entries.filter { !other.years.contains($0.value.scheduleYear) }
        merged.entries.merge(other.entries) { _, replacement in replacement }
        return merged
    }

    public func entries(inYear year: Int) -> [ScheduleEntry] {
        entries.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// The schedule shipped with Gongkai: ../shared/spec/holidays.tsv, 2019–2026.
    public static let bundled: HolidaySchedule = {
        guard let url = Bundle.module.url(forResource: "holidays", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let schedule = try? HolidayScheduleParser.parse(text) else {
            // The file is part of the package; failing to read it is a broken build, not bad input.
            preconditionFailure("GongkaiCore resource holidays.tsv is missing or invalid")
        }
        return schedule
    }()
}
