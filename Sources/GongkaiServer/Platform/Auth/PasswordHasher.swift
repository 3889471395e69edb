import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Hashes and checks passwords with bcrypt on the thread pool, away from the event loops, a
/// bounded number at a time (`queue`). bcrypt reads 72 bytes of a password: PasswordPolicy
/// refuses longer ones when they are set.
struct PasswordHasher: Sendable {
    let cost: Int
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
}
