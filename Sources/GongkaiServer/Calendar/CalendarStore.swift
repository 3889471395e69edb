import Fluent
import GongkaiCore
import NIOConcurrencyHelpers

/// The working-day calendar of this installation: the bundled 2019–2026 schedules overlaid with
/// the years administrators added. Rebuilt only when the stored years change, which every
/// instance notices through a one-line query, so several servers stay consistent.
final class CalendarStore: Sendable {
    let convention: CountingConvention
    private let cache = NIOLockedValueBox<(fingerprint: String, calendar: WorkingDayCalendar)?>(nil)

    init(convention: CountingConvention) {
        self.convention = convention
    }

    func calendar(on db: any Database) async throws -> WorkingDayCalendar {
        let stored = try await HolidayScheduleYear.query(on: db).field(\.$id).field(\.$year).field(\.$version)
            .sort(\.$year).all()
        let fingerprint = stored.map { "\($0.year)@\($0.version)" }.joined(separator: ",")
        if let cached = cache.withLockedValue({ $0 }), cached.fingerprint == fingerprint { return cached.calendar }
        let calendar = try Self.build(try await HolidayScheduleYear.query(on: db).sort(\.$year).all(), convention: convention)
        cache.withLockedValue { $0 = (fingerprint, calendar) }
        return calendar
    }

    /// The bundled schedule overlaid with the stored years.
    static func build(_ years: [HolidayScheduleYear], convention: CountingConvention) throws -> WorkingDayCalendar {
        var schedule = HolidaySchedule.bundled
        for year in years { schedule = schedule.overlaid(with: try HolidayScheduleParser.parse(year.content, year: year.year)) }
        return WorkingDayCalendar(schedule: schedule, convention: convention)
    }
}
