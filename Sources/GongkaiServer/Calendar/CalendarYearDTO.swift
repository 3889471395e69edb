import Foundation
import GongkaiCore
import Vapor

struct CalendarYearDTO: Content {
    var year: Int
    var entries: [ScheduleEntry]
}
