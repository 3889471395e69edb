import Fluent
import Foundation
import GongkaiCore

/// What the clock needs from the installation: the calendar in force, the rules, today.
struct RequestContext: Sendable {
    var calendar: WorkingDayCalendar
    var rules: ClockRules
    var today: CivilDate
}
