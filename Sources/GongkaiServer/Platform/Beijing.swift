import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Times as people in China read them, whatever the server's zone (UTC+8, no daylight saving).
enum Beijing {
    static func dateTime(_ date: Date) -> String {
        let (day, seconds) = split(date)
        return "\(day.iso) \(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
    }

    static func time(_ date: Date) -> String {
        let (_, seconds) = split(date)
        return "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
    }

    private static func split(_ date: Date) -> (CivilDate, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        return (CivilDate(dayNumber: days), total - days * 86_400)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
