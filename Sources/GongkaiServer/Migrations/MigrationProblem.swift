import Foundation

/// A migration that cannot go on, with what the operator has to do about it.
struct MigrationProblem: Error, CustomStringConvertible, LocalizedError {
    let description: String
    var errorDescription: String? { description }
    init(_ description: String) { self.description = description }
}
