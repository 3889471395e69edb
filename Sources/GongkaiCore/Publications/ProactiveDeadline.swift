/// Regulation Art. 26: information to be published proactively is published within 20 working
/// days of the day it was formed or changed (形成或者变更之日起20个工作日内), unless a law or
/// regulation sets another period. Counted on the platform's working-day calendar with its
/// start-day convention (statute §1.13), like every other period.
public enum ProactiveDeadline {
    public static let workingDays = 20
    /// A draft is “due soon” within this many working days of its deadline.
    public static let dueSoonWorkingDays = 5

    public static func due(formedOn: CivilDate, calendar: WorkingDayCalendar) throws -> CivilDate {
        try calendar.addingWorkingDays(workingDays, to: formedOn)
    }

    public enum Standing: String, Sendable, Equatable {
        case onTime = "on_time", dueSoon = "due_soon", overdue

        public var chineseLabel: String {
            switch self {
            case .onTime: return "期限内"
            case .dueSoon: return "即将到期"
            case .overdue: return "已超期"
            }
        }
    }

    /// Where an unpublished item stands on `today`: overdue after its due date; due soon when at
    /// most `dueSoonWorkingDays` working days remain (today not counted).
    public static func standing(due: CivilDate, today: CivilDate, calendar: WorkingDayCalendar) throws -> Standing {
        if today > due { return .overdue }
        let remaining = try calendar.countWorkingDays(from: today.adding(days: 1), through: due)
        return remaining <= dueSoonWorkingDays ? .dueSoon : .onTime
    }

    /// 20 working days never span more than this many calendar days (4 weeks and the longest
    /// holiday runs of 8–9 days, less their adjusted working days): an item formed longer ago than
    /// that is overdue whatever the holiday schedule says.
    public static let longestSpanInDays = 60

    /// The due date and standing of an unpublished item, also where the calendar has no data
    /// (formed before 2019, or a year whose holidays are not announced yet): then the due date is
    /// nil and the standing is `.overdue` when it must be, otherwise nil ("cannot be computed").
    public static func assess(formedOn: CivilDate, today: CivilDate, calendar: WorkingDayCalendar) -> (due: CivilDate?, standing: Standing?) {
        if let due = try? due(formedOn: formedOn, calendar: calendar) {
            return (due, try? standing(due: due, today: today, calendar: calendar))
        }
        return (nil, today > formedOn.adding(days: longestSpanInDays) ? .overdue : nil)
    }

    /// The year whose holiday schedule the due date needs and the calendar lacks (the year the 20
    /// working days run into, e.g. 2027 for an item formed in December 2026; the formed date's own
    /// year when it is before the calendar), or nil when the due date can be computed. The
    /// console names it, so the administrator knows which year to import.
    public static func missingYear(formedOn: CivilDate, calendar: WorkingDayCalendar) -> Int? {
        do {
            _ = try due(formedOn: formedOn, calendar: calendar)
            return nil
        } catch let error as CalendarError {
            return error.date.year
        } catch {
            return formedOn.year
        }
    }

    /// Whether a publication went out in time: published on or before its due date.
    public static func wasTimely(formedOn: CivilDate, publishedOn: CivilDate, calendar: WorkingDayCalendar) throws -> Bool {
        publishedOn <= (try due(formedOn: formedOn, calendar: calendar))
    }
}
