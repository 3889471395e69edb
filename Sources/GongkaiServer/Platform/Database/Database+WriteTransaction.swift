import Fluent
import FluentSQLiteDriver

extension Database {
    /// A transaction that writes. On SQLite the application's write transactions take turns
    /// (`SQLiteWriteTurn`): SQLite has one writer at a time anyway, and two deferred transactions
    /// that have both read and then both want to write cannot wait for each other — SQLite
    /// answers the second "database is locked" at once, whatever the busy timeout, which was a
    /// 500 under concurrent writes. PostgreSQL runs them side by side. A transaction inside
    /// another is part of it and waits for nothing.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, (self as? any SQLDatabase)?.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        return try await SQLiteWriteTurn.shared.run { try await self.transaction(body) }
    }
}

/// One write transaction at a time in this process (see `Database.writeTransaction`).
actor SQLiteWriteTurn {
    static let shared = SQLiteWriteTurn()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
        defer { if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() } }
        return try await work()
    }
}
