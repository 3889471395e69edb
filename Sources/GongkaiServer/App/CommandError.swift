import Fluent
import Foundation
import GongkaiCore
import Logging
import Vapor

/// A failure the CLI prints as one line before exiting non-zero.
public struct CommandError: Error, LocalizedError, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
    public var description: String { message }
}
