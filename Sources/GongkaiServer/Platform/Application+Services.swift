import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// The application's shared services. Each is made once in `configure`, before the server takes
/// requests, so concurrent requests never race to create them.
extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    private struct CalendarStoreKey: StorageKey { typealias Value = CalendarStore }
    private struct MetricsKey: StorageKey { typealias Value = PrometheusCollectorRegistry }
    private struct ReportCheckGateKey: StorageKey { typealias Value = ConcurrencyGate }
    private struct RateLimiterKey: StorageKey { typealias Value = RateLimiter }
    private struct PasswordWorkKey: StorageKey { typealias Value = WorkQueue }
    private struct PasswordPoolKey: StorageKey { typealias Value = NIOThreadPool }
    private struct UploadGateKey: StorageKey { typealias Value = ConcurrencyGate }
    private struct PublicUploadGateKey: StorageKey { typealias Value = ConcurrencyGate }
    private struct ReportPDFStoreKey: StorageKey { typealias Value = ReportPDFStore }

    var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }

    /// Called by `configure`.
    func makeServices() {
        storage[CalendarStoreKey.self] = CalendarStore(convention: settings.countingConvention)
        storage[MetricsKey.self] = PrometheusCollectorRegistry()
        storage[ReportCheckGateKey.self] = ConcurrencyGate(total: settings.reportCheckConcurrency, perClient: 1)
        storage[UploadGateKey.self] = ConcurrencyGate(total: settings.uploadConcurrency, perClient: 1, busyMessage: "上传的文件过多，系统正忙")
        storage[PublicUploadGateKey.self] = ConcurrencyGate(
            total: settings.publicUploadConcurrency, perClient: 1, busyMessage: "上传的文件过多，系统正忙")
        storage[RateLimiterKey.self] = RateLimiter()
        trustedProxies = settings.trustedProxies.compactMap(AddressRange.init)
        // bcrypt gets threads of its own, never app.threadPool: SQLite runs its queries there.
        let pool = NIOThreadPool(numberOfThreads: PasswordHasher.threadCount)
        pool.start()
        storage.set(PasswordPoolKey.self, to: pool, onShutdown: { try $0.syncShutdownGracefully() })
        storage[PasswordWorkKey.self] = WorkQueue(concurrent: PasswordHasher.threadCount, maxWaiting: PasswordHasher.maxWaiting)
        storage[ReportPDFStoreKey.self] = ReportPDFStore(pdf: ReportPDF(settings: settings))
    }

    /// Counts of what strangers do quickly (sign-ins, lookups, applications).
    var rateLimiter: RateLimiter { service(RateLimiterKey.self) }
    var rateLimits: RateLimits { RateLimits(settings: settings) }

    var calendarStore: CalendarStore { service(CalendarStoreKey.self) }

    /// This application's Prometheus registry (one per application, so tests stay independent).
    var metricsRegistry: PrometheusCollectorRegistry { service(MetricsKey.self) }

    /// How many uploaded reports are read at once (in all, and one per client).
    var reportCheckGate: ConcurrencyGate { service(ReportCheckGateKey.self) }

    /// How many large bodies signed-in staff send at once (in all, and one per client).
    var uploadGate: ConcurrencyGate { service(UploadGateKey.self) }

    /// How many large bodies anonymous clients send at once: a gate apart from the staff's, so
    /// strangers' slow uploads never hold an officer's slot.
    var publicUploadGate: ConcurrencyGate { service(PublicUploadGateKey.self) }

    /// PDFs of published annual reports, printed once each by Chromium (when installed).
    var reportPDFs: ReportPDFStore { service(ReportPDFStoreKey.self) }

    private func service<K: StorageKey>(_ key: K.Type) -> K.Value {
        guard let value = storage[key] else { preconditionFailure("configure(_:settings:) makes the application's services") }
        return value
    }

    /// bcrypt on its own threads (`PasswordHasher.threadCount`), as many at a time (WorkQueue).
    var passwordHasher: PasswordHasher {
        PasswordHasher(cost: settings.bcryptCost, threadPool: service(PasswordPoolKey.self), queue: service(PasswordWorkKey.self))
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
