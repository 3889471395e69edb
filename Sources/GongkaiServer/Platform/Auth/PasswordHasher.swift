import GongkaiCore
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Hashes and checks passwords with bcrypt on the thread pool, away from the event loops.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }
}
