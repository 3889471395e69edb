import Foundation

/// A `RowDigest` fed from SQLKit's row callback, which is `@Sendable` and cannot throw: the rows
/// of one query arrive one after another, the lock makes that visible to the compiler, and the
/// first row that cannot be read is kept and thrown by `finish()`.
final class DigestBox: @unchecked Sendable {
    private var digest: RowDigest
    private var failure: (any Error)?
    private let lock = NSLock()
    init(_ digest: RowDigest) { self.digest = digest }

    func add(_ values: () throws -> [String?]) {
        lock.withLock {
            guard failure == nil else { return }
            do { digest.add(try values()) } catch { failure = error }
        }
    }

    func finish() throws -> TableChecksum {
        try lock.withLock {
            if let failure { throw failure }
            return digest.finish()
        }
    }
}
