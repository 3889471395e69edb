import Fluent
import GongkaiCore
import NIOConcurrencyHelpers
import Vapor

/// Publishes what the review chain passed for a later time, when the time comes. Runs in
/// `gongkai serve` every `publicationSchedulerSeconds`; with several instances on PostgreSQL one
/// pass runs at a time (`JobLock`), and each item is still claimed with its version, so it is
/// published once.
final class PublicationScheduler: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        task.withLockedValue { $0 = Task { await Self.loop(app) } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }

    private static func loop(_ app: Application) async {
        while !Task.isCancelled {
            do {
                try await JobLock.run(.publicationScheduler, on: app.db, logger: app.logger) {
                    let n = try await PublicationService.publishDue(context: try await app.publicationContext(), on: app.db)
                    if n > 0 { app.logger.info("scheduled publications: \(n) published") }
                }
            } catch {
                app.logger.error("scheduled publications failed: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: .seconds(app.settings.publicationSchedulerSeconds))
        }
    }
}

extension Application {
    /// What the publication services need: the calendar in force, today and now, the page cache.
    func publicationContext() async throws -> PublicationService.Context {
        PublicationService.Context(calendar: try await calendarStore.calendar(on: db), today: settings.today, now: Date(), cache: portalCache,
                                   interpretationDays: settings.interpretationWorkingDays)
    }
}

extension Request {
    func publicationContext() async throws -> PublicationService.Context {
        try await application.publicationContext()
    }
}
