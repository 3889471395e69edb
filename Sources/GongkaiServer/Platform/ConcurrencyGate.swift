import Vapor

/// Bounds how much of an expensive kind of work (reading an uploaded report) runs at once: in
/// all, and per client address. Work beyond the bound is refused at once with 429 and
/// `Retry-After`, rather than queued where it would hold memory and connections.
actor ConcurrencyGate {
    let total: Int
    let perClient: Int
    let busyMessage: String
    private var running = 0
    private var byClient: [String: Int] = [:]

    init(total: Int, perClient: Int, busyMessage: String = "报告体检正忙") {
        self.total = total
        self.perClient = perClient
        self.busyMessage = busyMessage
    }

    func run<T: Sendable>(client: String, _ work: @Sendable () async throws -> T) async throws -> T {
        try enter(client)
        defer { leave(client) }
        return try await work()
    }

    private func enter(_ client: String) throws {
        guard running < total, byClient[client, default: 0] < perClient else {
            throw AppError(
                status: .tooManyRequests, code: "busy", message: "\(busyMessage)，请稍后再试",
                headers: ["Retry-After": "5"])
        }
        running += 1
        byClient[client, default: 0] += 1
    }

    private func leave(_ client: String) {
        running -= 1
        byClient[client, default: 1] -= 1
        if byClient[client] == 0 { byClient[client] = nil }
    }
}

/// CPU-bound work (parsing a report) on a dispatch thread, off the event loop and Swift's
/// cooperative pool, so that it cannot starve the pages that only wait on the database.
enum CPUWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
