import Foundation

/// Why a backup, restore, export or import cannot go on: one precise sentence for the operator
/// (the CLI prints it and exits non-zero).
struct BackupProblem: Error, LocalizedError, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
    var description: String { message }
}
