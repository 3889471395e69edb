import Foundation
import GongkaiCore
import Vapor

struct CalendarYearsDTO: Content {
    var knownYears: [Int]
    var importedYears: [Int]
    var convention: CountingConvention
}
