import Foundation
import GongkaiCore
import Vapor

struct CalendarYearInput: Content {
    var content: String
}
