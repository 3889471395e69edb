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
