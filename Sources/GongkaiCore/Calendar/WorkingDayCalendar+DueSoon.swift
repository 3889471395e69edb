import Foundation

extension WorkingDayCalendar {
    /// The last due date that is "due soon" today: `workingDays` working days after today. When
    /// those reach into a year without a holiday notice (the last days of the last known year),
    /// fewer than `workingDays` working days are left in the known calendar, so every due date in
    /// it — and a due date is only ever computed in it — is within them: the last day of the run
    /// of known years from today's. Today itself when today's year is unknown. Requests and
    /// messages alike: a fallback to today hid, on 30 December, what is due on the 31st.
    public func dueSoonThrough(today: CivilDate, workingDays: Int) -> CivilDate {
        if let soon = try? addingWorkingDays(workingDays, to: today) { return soon }
        let known = Set(knownYears)
        guard known.contains(today.year) else { return today }
        var year = today.year
        while known.contains(year + 1) { year += 1 }
        return CivilDate(year: year, month: 12, day: 31) ?? today
    }
}
