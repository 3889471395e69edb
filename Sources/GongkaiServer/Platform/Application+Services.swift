import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    private struct CalendarStoreKey: StorageKey { typealias Value = CalendarStore }
    private struct MetricsKey: StorageKey { typealias Value = PrometheusCollectorRegistry }

    var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }

    var calendarStore: CalendarStore {
        if let store = storage[CalendarStoreKey.self] { return store }
        let store = CalendarStore(convention: settings.countingConvention)
        storage[CalendarStoreKey.self] = store
        return store
    }

    /// This application's Prometheus registry (one per application, so tests stay independent).
    var metricsRegistry: PrometheusCollectorRegistry {
        if let registry = storage[MetricsKey.self] { return registry }
        let registry = PrometheusCollectorRegistry()
        storage[MetricsKey.self] = registry
        return registry
    }

    /// What the request clock needs: the calendar in force, the configured rules, today in Beijing.
    func requestContext() async throws -> RequestContext {
        RequestContext(calendar: try await calendarStore.calendar(on: db), rules: settings.clockRules, today: settings.today)
    }
}

extension Request {
    /// What the request clock needs: the calendar in force, the configured rules, today in Beijing.
    func requestContext() async throws -> RequestContext {
        try await application.requestContext()
    }

    /// The working-day calendar in force: bundled holidays overlaid with years added by administrators.
    func calendar() async throws -> WorkingDayCalendar {
        try await application.calendarStore.calendar(on: db)
    }
}


extension Application {
    var passwordHasher: PasswordHasher { PasswordHasher(cost: settings.bcryptCost, threadPool: threadPool) }
}
