import Vapor

/// Runs expensive work (a bcrypt check) a few at a time, the rest waiting in a short queue; when
/// the queue is full the work is refused with 429 rather than piling up, so a flood of sign-ins
/// cannot take every core from the pages that only wait on the database.
actor WorkQueue {
    let concurrent: Int
    let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(concurrent: Int, maxWaiting: Int) {
        self.concurrent = concurrent
        self.maxWaiting = maxWaiting
    }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async throws {
        if running < concurrent {
            running += 1
            return
        }
        guard waiting.count < maxWaiting else { throw AppError.tooManyRequests(retryAfter: 5, "系统繁忙") }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes straight to the next in line
        }
    }
}
