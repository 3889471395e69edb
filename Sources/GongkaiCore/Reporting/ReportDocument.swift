import Foundation

/// A report as machine-readable data: the JSON export, the snapshot a published version keeps,
/// and the CLI's `report show --format json`. Keys are snake_case on the wire; cells are keyed by
/// the spec's identifiers (`t3.new_received.total`), a missing cell is absent. Documented in
/// docs/annual-report.md and in the OpenAPI document (`ReportDocument`).
public struct ReportDocument: Codable, Sendable, Equatable {
    public enum Scope: String, Codable, Sendable {
        /// The agency's own records.
        case agency
        /// The agency and every agency below it (a county-wide report, 全县汇总).
        case subtree
    }

    public var agency: String
    public var agencyCode: String
    public var year: Int
    public var formatVersion: ReportFormatVersion
    public var status: ReportStatus
    public var scope: Scope
    /// The published version (1, 2, … after corrections); nil for a report not published.
    public var version: Int?
    public var publishedOn: String?
    public var correctionNote: String?
    /// Section text keyed by `ReportSection` (`s1_overview` …), live figures already resolved.
    public var sections: [String: String]
    public var cells: [String: Decimal]
    public var findings: [Finding]

    public init(report: AnnualReport, agency: String, agencyCode: String, status: ReportStatus, scope: Scope,
                version: Int? = nil, publishedOn: CivilDate? = nil, correctionNote: String? = nil, findings: [Finding]) {
        self.agency = agency
        self.agencyCode = agencyCode
        self.year = report.year ?? 0
        self.formatVersion = report.formatVersion
        self.status = status
        self.scope = scope
        self.version = version
        self.publishedOn = publishedOn?.iso
        self.correctionNote = correctionNote
        self.sections = Dictionary(uniqueKeysWithValues: report.sections.map { ($0.key.rawValue, $0.value) })
        self.cells = Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, $0.value) })
        self.findings = findings
    }

    /// The report back as the domain model (for rendering a published snapshot).
    public var report: AnnualReport {
        var sections: [ReportSection: String] = [:]
        for (key, text) in self.sections { if let section = ReportSection(rawValue: key) { sections[section] = text } }
        var cells: [CellID: Decimal] = [:]
        for (key, value) in self.cells { cells[CellID(key)] = value }
        return AnnualReport(formatVersion: formatVersion, year: year, issuer: agency, sections: sections, cells: cells)
    }

    /// One line per cell of the format, in reading order: `id,label,value` (an empty value is a
    /// missing cell). UTF-8 with a byte-order mark, so Excel and WPS open the Chinese labels.
    public var csv: String {
        let report = self.report
        let schema = report.schema
        var lines = ["id,label,value"]
        for cell in schema.allCells {
            let place = schema.describe(cell)
            let label = [place.table, place.row, place.column].joined(separator: " / ")
            lines.append(CSV.line([cell.rawValue, label, report.cells[cell]?.plain ?? ""]))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
