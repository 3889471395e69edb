import Foundation

/// A change the reader made to what was printed, allowed only when it is provable, and always
/// reported: which cells, what was printed, what was assumed, and why.
public struct Repair: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A row printed with one value fewer than its columns; the missing value is fixed by the
        /// row's own total and the table's cross-checks, and every possible placement gives the
        /// same numbers.
        case missingCellInferred = "missing_cell_inferred"
        /// Digits printed without separators (`713000074`); exactly one split satisfies the
        /// cross-checks.
        case digitsSplit = "digits_split"
    }

    public let kind: Kind
    public let table: String
    /// The row label as printed.
    public let row: String
    public let cells: [CellID]
    /// The values as printed, in order.
    public let printed: String
    /// The columns that may have been the missing one (for `missingCellInferred`).
    public let assumedMissingColumns: [String]
    public let message: String
}
