import Fluent
import GongkaiCore
import NIOConcurrencyHelpers
import Vapor

/// Keeps the work lists honest as days pass: a request waiting on a consultation or a fee goes
/// back to "running" when the 15 working days or the payment period lapse, with nobody touching
/// it. Runs at start and every hour in `gongkai serve`; with several instances on PostgreSQL one
/// pass runs at a time (`JobLock`), the others skip theirs (the refresh is idempotent anyway).
final class ClockRefresher: LifecycleHandler, Sendable {
    static let interval: Duration = .seconds(3600)
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
                try await JobLock.run(.clockRefresh, on: app.db, logger: app.logger) {
                    let context = try await app.requestContext()
                    let changed = try await RequestService.refreshOpenRequests(
                        context: context, actor: .system, phases: [.waitingOnThirdParty, .waitingOnFee], reason: .passingDays, on: app.db)
                    // Every pass is logged, none or some changed: scripts/two-instances counts them.
                    app.logger.info(
                        "clock refresh: \(changed) requests no longer waiting", metadata: ["job": "clockRefresh", "changed": "\(changed)"])
                }
            } catch {
                app.logger.error("clock refresh failed: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
