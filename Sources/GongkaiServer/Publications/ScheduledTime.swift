import Foundation
import GongkaiCore

/// The time of a scheduled publication as the form's `datetime-local` field writes it, in
/// Beijing time (UTC+8) whatever the server's zone: `2024-05-06T09:30`.
enum ScheduledTime {
    /// `HH:MM` or `HH:MM:SS` (a `datetime-local` field with a step sends seconds): seconds are
    /// kept, not dropped; anything else (fractions, a zone, a fourth part) is refused.
    static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        let parts = t.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let day = CivilDate(iso: String(parts[0])) else { return nil }
        let texts = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(texts.count), texts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        let clock = texts.compactMap { Int($0) }
        let (h, m, sec) = (clock[0], clock[1], clock.count == 3 ? clock[2] : 0)
        guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(sec) else { return nil }
        let seconds = day.dayNumber * 86_400 + h * 3600 + m * 60 + sec - 8 * 3600
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The value a `datetime-local` field shows for `date`.
    static func inputValue(_ date: Date) -> String {
        Beijing.dateTime(date).replacingOccurrences(of: " ", with: "T")
    }
}
