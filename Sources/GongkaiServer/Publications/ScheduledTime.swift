import Foundation
import GongkaiCore

/// The time of a scheduled publication as the form's `datetime-local` field writes it, in
/// Beijing time (UTC+8) whatever the server's zone: `2024-05-06T09:30`.
enum ScheduledTime {
    static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        let parts = t.split(separator: "T")
        guard parts.count == 2, let day = CivilDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, let h = clock[0], let m = clock[1], (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let seconds = day.dayNumber * 86_400 + h * 3600 + m * 60 - 8 * 3600
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The value a `datetime-local` field shows for `date`.
    static func inputValue(_ date: Date) -> String {
        Beijing.dateTime(date).replacingOccurrences(of: " ", with: "T")
    }
}
