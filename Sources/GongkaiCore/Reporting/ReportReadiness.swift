import Foundation

/// Whether a report made in Gongkai may be submitted or published: every error stops it (the
/// cross-checks R1–R6, a missing cell, a narrative number contradicting a table or a stated sum
/// that does not add up, a placeholder or an unresolved figure); every warning (section 一 over
/// about 1,000 characters, carry-over differing from last year's published report, text repeated
/// from it, a doubtful narrative sum, fees mentioned without a statement) must be acknowledged
/// with a reason. A restated number (N1) that contradicts the report's own table is an error
/// here, though only a warning for a report read from elsewhere. The narrative rules are the
/// report check's own, run on the report's text as it will be published.
public struct ReportReadiness: Sendable, Equatable {
    public var errors: [Finding] = []
    public var warnings: [Finding] = []

    public init(errors: [Finding] = [], warnings: [Finding] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    /// A warning's stable name, under which its acknowledgement is kept.
    public static func key(_ finding: Finding) -> String {
        ([finding.rule] + finding.cells.map(\.rawValue) + [finding.location?.table ?? "", finding.location?.row ?? ""])
            .joined(separator: "|")
    }

    public func unacknowledged(_ acknowledged: Set<String>) -> [Finding] {
        warnings.filter { !acknowledged.contains(Self.key($0)) }
    }

    public static let placeholderMark = "【请填写"

    static func name(_ cell: CellID, in schema: ReportSchema) -> String {
        let place = schema.describe(cell)
        return "\(place.table)“\(place.row)”行“\(place.column)”列"
    }

    /// `unresolved`: live references without a value; `previous`: last year's published report.
    public static func of(_ report: AnnualReport, unresolved: [String], previous: AnnualReport?) -> ReportReadiness {
        var readiness = ReportReadiness()
        let checks = CrossChecks.run(report)
        readiness.errors += checks.findings.filter { $0.severity == .error }
        let missing = report.schema.allCells.filter { report.cells[$0] == nil }
        if !missing.isEmpty {
            readiness.errors.append(Finding(rule: .missingCell, severity: .error, cells: missing,
                                            message: "有 \(missing.count) 个单元格没有数值（如\(Self.name(missing[0], in: report.schema))）：请填报"))
        }
        for section in ReportSection.allCases {
            let text = report.sections[section] ?? ""
            if text.contains(placeholderMark) {
                readiness.errors.append(Finding(rule: .unfinishedDraft, message: "“\(section.heading)”中还有待填写的提示（【请填写…】）",
                                                location: .init(table: section.heading)))
            }
        }
        for name in Set(unresolved).sorted() {
            readiness.errors.append(Finding(rule: .unfinishedDraft, message: LiveFigure(rawValue: name).map { "引用的数据“\($0.chineseLabel)”尚无数值：请先填报其来源" }
                                            ?? "引用了不存在的数据“\(name)”"))
        }
        // The narrative rules on the text as published (N1 restatements, N2 sums, C5 length).
        let read = ReportChecker.check(text: ReportRenderer.text(report))
        for finding in read.findings {
            switch finding.rule {
            case ReportRule.narrativeRestatement.rawValue:
                // Our own text contradicting our own table is never published; a report read from
                // elsewhere gets a warning for this, since the checker cannot be sure.
                readiness.errors.append(finding)
            case ReportRule.narrativeSum.rawValue:
                if finding.severity == .error { readiness.errors.append(finding) } else { readiness.warnings.append(finding) }
            case ReportRule.feeStatement.rawValue:
                readiness.warnings.append(finding)
            case ReportRule.overviewTooLong.rawValue:
                readiness.warnings.append(Finding(rule: .overviewTooLong, severity: .warning, expected: finding.expected, actual: finding.actual,
                                                  message: finding.message, location: finding.location))
            default:
                continue
            }
        }
        if let previous {
            readiness.warnings += CrossChecks.yearOverYear(report, previous: previous).findings.filter { $0.rule == ReportRule.a1.rawValue }
            // The 2021 notice names text repeated year after year (年年雷同) as a fault.
            if let repeated = NarrativeChecks.repetition(current: report, previous: previous).finding { readiness.warnings.append(repeated) }
        }
        return readiness
    }
}
