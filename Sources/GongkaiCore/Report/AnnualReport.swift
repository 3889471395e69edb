import Foundation

/// An annual report (政府信息公开工作年度报告) as data: its metadata, the text of its six
/// sections and the numbers of its tables keyed by the spec's cell identifiers. The same model
/// is read from published reports and, later, computed from the agency's records.
public struct AnnualReport: Sendable, Equatable {
    public var formatVersion: ReportFormatVersion
    public var year: Int?
    public var issuer: String?
    /// Narrative text of each section found (tables excluded where they could be told apart).
    public var sections: [ReportSection: String]
    /// The cells that have a value. A cell of the schema that is absent here is missing.
    public var cells: [CellID: Decimal]

    public init(formatVersion: ReportFormatVersion, year: Int? = nil, issuer: String? = nil,
                sections: [ReportSection: String] = [:], cells: [CellID: Decimal] = [:]) {
        self.formatVersion = formatVersion
        self.year = year
        self.issuer = issuer
        self.sections = sections
        self.cells = cells
    }

    public var schema: ReportSchema { ReportSchema.of(formatVersion) }

    public subscript(_ cell: CellID) -> Decimal? {
        get { cells[cell] }
        set { cells[cell] = newValue }
    }

    public func t3(_ row: String, _ column: String) -> Decimal? { cells[.t3(row, column)] }
    public func t4(_ group: String, _ column: String) -> Decimal? { cells[.t4(group, column)] }
}

extension Decimal {
    /// `16`, `380.3096424`: without exponent or trailing zeros.
    public var plain: String {
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 10, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    public var isWholeNumber: Bool {
        if exponent >= 0 { return true }  // Decimal(Int) and every integer read from a report
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded == self
    }
}
