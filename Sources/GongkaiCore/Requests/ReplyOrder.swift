/// The new reply ordered when a reconsideration decision or a judgment corrects a disclosure
/// decision (结果纠正). The decision's own period governs, shorter or longer than the
/// Regulation's; when it sets none, the ordinary reply period (Art. 33) runs. Either way the
/// period is counted from the day the agency receives the decision, or for a judgment the day
/// it takes effect — not the day it was made.
public enum ReplyOrder {
    /// What the decision says about time.
    public enum Period: Sendable, Equatable {
        /// "于 2024 年 6 月 18 日前重新答复"
        case byDate(CivilDate)
        /// "十五日内": calendar days.
        case calendarDays(Int)
        /// "十五个工作日内"
        case workingDays(Int)
        /// Nothing said: the Regulation's period.
        case none

        /// From a number of days and the words of their kind, as registered (`calendar`, `working`).
        public init(days: Int, kind: DaysKind) {
            self = kind == .working ? .workingDays(days) : .calendarDays(days)
        }

        /// The days of a period in days, and their kind; nil for a date or nothing.
        public var days: (count: Int, kind: DaysKind)? {
            switch self {
            case .calendarDays(let n): return (n, .calendar)
            case .workingDays(let n): return (n, .working)
            case .byDate, .none: return nil
            }
        }

        /// "于 2024-06-18 前", "在收到决定（判决生效）后 15 日内".
        public func chineseLabel(received: CivilDate) -> String {
            switch self {
            case .byDate(let date): return "于 \(date.iso) 前"
            case .calendarDays(let n): return "在收到决定（判决生效）之日（\(received.iso)）后 \(n) 日内"
            case .workingDays(let n): return "在收到决定（判决生效）之日（\(received.iso)）后 \(n) 个工作日内"
            case .none: return "在收到决定（判决生效）之日（\(received.iso)）后按条例第三十三条的期限"
            }
        }
    }

    /// How a decision counts its days: 日 (calendar days) or 工作日.
    public enum DaysKind: String, Sendable, Codable, CaseIterable {
        case calendar, working

        public var chineseLabel: String { self == .calendar ? "日（自然日）" : "工作日" }
    }

    /// The day the new reply is due, and whether that date is the decision's own (true) or the
    /// Regulation's ordinary period (false).
    ///
    /// A period in calendar days whose last day is a holiday or weekend ends on the next working
    /// day (the procedural rule of 民事诉讼法 Art. 85, applied in administrative cases):
    /// decision received 2024-06-03, "15 日内" → 2024-06-18 (a Tuesday).
    public static func dueOn(received: CivilDate, period: Period, calendar: WorkingDayCalendar,
                             rules: ClockRules) throws -> (dueOn: CivilDate, isOrdered: Bool) {
        switch period {
        case .byDate(let date):
            return (date, true)
        case .calendarDays(let days):
            var due = received.adding(days: days)
            while try !calendar.isWorkingDay(due) { due = due.adding(days: 1) }
            return (due, true)
        case .workingDays(let days):
            return (try calendar.addingWorkingDays(days, to: received), true)
        case .none:
            return (try calendar.addingWorkingDays(rules.replyDays, to: received), false)
        }
    }
}
