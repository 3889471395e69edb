import Fluent
import GongkaiCore
import NIOConcurrencyHelpers
import Vapor

/// Anonymises personal data past its retention period (`RetentionRun`), at start and once a
/// day, when GONGKAI_RETENTION_YEARS is set. With several instances on PostgreSQL one pass runs
/// at a time (`JobLock`); a pass is idempotent anyway, so a skipped or repeated one does no harm.
final class RetentionJob: LifecycleHandler, Sendable {
    static let interval: Duration = .seconds(24 * 3600)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        task.withLockedValue { $0 = Task { await Self.loop(app) } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }

    private static func loop(_ app: Application) async {
        while !Task.isCancelled {
            if let years = app.settings.retentionYears {
                do {
                    try await JobLock.run(.retention, on: app.db, logger: app.logger) {
                        let counts = try await RetentionRun.run(years: years, today: app.settings.today, dryRun: false, actor: .system, on: app.db)
                        app.logger.info(
                            "retention: \(counts.requests) requests and \(counts.messages) messages anonymised",
                            metadata: ["job": "retention", "requests": "\(counts.requests)", "messages": "\(counts.messages)"])
                    }
                } catch {
                    app.logger.error("retention failed: \(String(reflecting: error))")
                }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
