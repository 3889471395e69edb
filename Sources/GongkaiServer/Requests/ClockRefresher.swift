import Fluent
import GongkaiCore
import NIOConcurrencyHelpers
import Vapor

/// Keeps the work lists honest as days pass: a request waiting on a consultation or a fee goes
/// back to "running" when the 15 working days or the payment period lapse, with nobody touching
/// it. Runs at start and every hour in `gongkai serve` (several instances may run it: the
/// refresh is idempotent).
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
                let context = try await app.requestContext()
                let changed = try await RequestService.refreshOpenRequests(
                    context: context, actor: .system, phases: [.waitingOnThirdParty, .waitingOnFee], reason: .passingDays, on: app.db)
                if changed > 0 { app.logger.info("clock refresh: \(changed) requests no longer waiting") }
            } catch {
                app.logger.error("clock refresh failed: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
