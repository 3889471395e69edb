import Foundation

/// A relation of the format that the reader assumed to hold in order to read some cells (digits
/// printed without separators, a value lost in the copy). The cells listed rest on it, so the
/// relation is evidence of nothing there: it is not reported as a check that passed for its
/// row, group or columns.
public struct Assumption: Sendable, Equatable, Codable {
    /// `R4` (a table-三 row total), `R5` (a table-四 group total), `R1` or `R2` (table-三 columns).
    public let rule: String
    /// Where it was assumed: the table-三 row id (R4), the table-四 group ids (R5), the table-三
    /// column ids (R1, R2).
    public let scope: [String]
    /// The cells whose value was decided with it.
    public let cells: [CellID]
    public let message: String

    public init(rule: ReportRule, scope: [String], cells: [CellID], message: String) {
        self.rule = rule.rawValue
        self.scope = scope
        self.cells = cells
        self.message = message
    }
}
