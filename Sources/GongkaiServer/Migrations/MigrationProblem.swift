import Foundation

/// A migration that cannot run on this database, with what to do about it.
struct MigrationProblem: Error, CustomStringConvertible, LocalizedError {
    let message: String
    var description: String { message }
    var errorDescription: String? { message }

    init(message: String) { self.message = message }
    init(_ message: String) { self.message = message }
}
