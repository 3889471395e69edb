import Fluent
import Logging
import SQLKit

/// Lets a background job's pass run on one instance at a time when several `gongkai serve`
/// share a PostgreSQL database (issue #14).
///
/// On PostgreSQL each pass opens a transaction on a connection of its own and takes
/// `pg_try_advisory_xact_lock(key)` there; when another instance holds it the pass is skipped
/// (logged at debug level), otherwise the pass runs and the lock ends with that transaction. A
/// transaction-scoped lock rather than a session lock because Fluent pools connections: a session
/// lock would stay with whichever pooled connection took it, and outlive a pass that failed; the
/// transaction's lock is released by COMMIT, ROLLBACK or the connection's death (a crashed
/// instance), never leaked. The pass itself works through `db` (other pooled connections) with its
/// own short transactions, so a long refresh never becomes one transaction holding row locks that
/// staff wait on.
///
/// On SQLite nothing is taken: one server per database file is enforced at start (`InstanceLock`).
enum JobLock {
    /// Stable advisory-lock keys, one per job. Arbitrary numbers, fixed forever: two versions of
    /// the platform running side by side during an upgrade must agree on them. 0x676B_0004 is
    /// taken: `MessageDuplicates.settlingLockKey`.
    enum Key: Int64, Sendable {
        case clockRefresh = 0x676B_0001  // "gk" 1
        case publicationScheduler = 0x676B_0002  // "gk" 2
        case retention = 0x676B_0003  // "gk" 3
    }

    /// Runs `pass` unless another instance is running the same job; returns whether it ran.
    @discardableResult
    static func run(_ key: Key, on db: any Database, logger: Logger, _ pass: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            try await pass()
            return true
        }
        return try await db.transaction { tx in
            let row = try await tx.requireSQL()
                .raw("SELECT pg_try_advisory_xact_lock(\(bind: key.rawValue)) AS acquired").first()
            guard try row?.decode(column: "acquired", as: Bool.self) == true else {
                logger.debug("background job skipped: another instance is running it", metadata: ["job": "\(key)"])
                return false
            }
            try await pass()
            return true
        }
    }
}
