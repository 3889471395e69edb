import Foundation

/// Something a check says about a report: a rule that does not hold, a cell that is missing, a
/// number in the text that disagrees with the tables.
public struct Finding: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        /// The report contradicts itself or the format (a cross-check fails).
        case error
        /// Something is missing or doubtful; a reviewer should look.
        case warning
        /// Worth knowing, not a fault.
        case info

        public var chineseLabel: String { self == .error ? "错误" : self == .warning ? "提示" : "说明" }
        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public struct Location: Sendable, Equatable, Codable {
        /// 表二, 表三, 表四, or a section heading.
        public let table: String
        /// The row label as printed in the report when it was read, else the template's.
        public let row: String?
        public let column: String?

        public init(table: String, row: String? = nil, column: String? = nil) {
            self.table = table
            self.row = row
            self.column = column
        }
    }

    /// `R1`–`R6`, `A1`, `A2` from the statute; the others are documented in `ReportRule`.
    public let rule: String
    public let severity: Severity
    public let cells: [CellID]
    public let expected: String?
    public let actual: String?
    public let message: String
    public let location: Location?

    public init(rule: ReportRule, severity: Severity? = nil, cells: [CellID] = [], expected: String? = nil, actual: String? = nil,
                message: String, location: Location? = nil) {
        self.rule = rule.rawValue
        self.severity = severity ?? rule.defaultSeverity
        self.cells = cells
        self.expected = expected
        self.actual = actual
        self.message = message
        self.location = location
    }
}

/// A rule that was evaluated and held, with how many instances were checked.
public struct PassedCheck: Sendable, Equatable, Codable {
    public let rule: String
    public let checked: Int
    public let message: String
}

/// Every rule the report check applies. R1–R6 and A1–A2 are the statute's (§2.6); the rest are
/// Gongkai's own, listed here with their meaning so that `rule` values in JSON are documented.
public enum ReportRule: String, Sendable, Codable, CaseIterable {
    case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5", r6 = "R6"
    case a1 = "A1", a2 = "A2"
    /// A section heading (一 to 六) was not found.
    case missingSection = "C1"
    /// A table (二, 三, 四) was not found.
    case missingTable = "C2"
    /// A table cell is blank, "/", "-", "无" or could not be read with certainty.
    case missingCell = "C3"
    /// A section has no content (e.g. 五 with nothing but its heading).
    case emptySection = "C4"
    /// Section 一 is longer than the format's "about 1,000 characters".
    case overviewTooLong = "C5"
    /// A number in the text restates a table cell and disagrees with it (or the cell is missing).
    case narrativeRestatement = "N1"
    /// A total stated in the text is not the sum of the parts listed with it.
    case narrativeSum = "N2"
    /// Information processing fees mentioned without a statement in section 六, or 六 silent on fees.
    case feeStatement = "F1"
    /// Too many sentences repeated word for word from the previous year's report.
    case repetition = "Y1"
    /// The document is not a report in a supported format.
    case unsupportedFormat = "U1"
    /// A report on 2021 or later printed in the superseded 2019 format.
    case supersededFormat = "V1"
    /// The year the title (or a year line under it) states differs from the statistical period's
    /// (or, for a bare year line, the body's): which one was read, and why.
    case yearConflict = "V2"
    /// A report being written still holds a guidance placeholder (【请填写…】) or a figure
    /// reference with no value (only for reports made in Gongkai, never for reports read).
    case unfinishedDraft = "D1"

    public var defaultSeverity: Finding.Severity {
        switch self {
        case .r1, .r2, .r3, .r4, .r5, .r6, .narrativeSum, .unfinishedDraft: return .error
        case .a1, .a2, .missingSection, .missingTable, .missingCell, .emptySection, .overviewTooLong,
            .narrativeRestatement, .feeStatement, .repetition, .unsupportedFormat, .supersededFormat, .yearConflict:
            return .warning
        }
    }
}
