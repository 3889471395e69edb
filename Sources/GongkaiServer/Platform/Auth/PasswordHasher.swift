import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Hashes and checks passwords with bcrypt on a thread pool of its own (`Application.passwordPool`),
/// away from the event loops and from `app.threadPool`, where SQLite runs every query: a flood
/// of sign-ins once queued bcrypt ahead of every database page (issue #8 review). A bounded
/// number run at a time (`queue`), the rest wait in a short line or get 429. bcrypt reads 72
/// bytes of a password: PasswordPolicy refuses longer ones when they are set.
struct PasswordHasher: Sendable {
    var cost: Int
    let threadPool: NIOThreadPool
    var queue: WorkQueue? = nil

    func hash(_ password: String) async throws -> String {
        let cost = self.cost, pool = threadPool
        return try await bounded { try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) } }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let pool = threadPool
        return try await bounded { try await pool.runIfActive { try Bcrypt.verify(password, created: hash) } }
    }

    private func bounded<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        guard let queue else { return try await work() }
        return try await queue.run(work)
    }

    /// Threads for bcrypt: every core but one, so the database and the event loops keep a core
    /// however many passwords are being checked; at least one.
    static var threadCount: Int { max(1, System.coreCount - 1) }

    /// Checks waiting for a thread: eight per thread, a couple of seconds of bcrypt at cost 12.
    /// More are refused at once (429): a person signing in during a flood is better told to try
    /// again in a few seconds than kept waiting behind a long line of a stranger's guesses.
    static var maxWaiting: Int { 8 * threadCount }
}
