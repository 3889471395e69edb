import Foundation

extension WorkingDayCalendar {
    /// The last due date that is certainly "due soon" today: `workingDays` working days after
    /// today. When those reach into a year without a holiday notice, each unknown day is at most
    /// one working day, so the limit is the last known day plus as many days as working days are
    /// still missing — every date up to it is within `workingDays` whatever the notice will say.
    /// Messages' due dates always lie in the known calendar; requests keep dates set without it
    /// (a reply date ordered by a decision, a deferral), which must not drop out of the list
    /// (review 12i). A fallback to today had hidden, on 30 December, what is due on the 31st.
    public func dueSoonThrough(today: CivilDate, workingDays: Int) -> CivilDate {
        if let soon = try? addingWorkingDays(workingDays, to: today) { return soon }
        // Under "start day included" today is the first of them.
        let first = convention == .startDayIncluded ? today : today.adding(days: 1)
        let known = Set(knownYears)
        guard known.contains(today.year) else { return first.adding(days: max(0, workingDays - 1)) }
        var year = today.year
        while known.contains(year + 1) { year += 1 }
        guard let lastKnown = CivilDate(year: year, month: 12, day: 31) else { return today }
        let left = (try? countWorkingDays(from: first, through: lastKnown)) ?? 0
        return lastKnown.adding(days: max(0, workingDays - left))
    }
}
