import Foundation

/// One table's row count and the SHA-256 of its rows in key order, printed as
/// `TABLE ROWS CHECKSUM` (docs/operations.md). Two databases print the same lines exactly when
/// they hold the same data.
public struct TableChecksum: Sendable, Equatable, Codable {
    public let table: String
    public let rows: Int
    /// 64 lower-case hex digits.
    public let checksum: String

    public var line: String { "\(table) \(rows) \(checksum)" }
}
