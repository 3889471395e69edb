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

    /// A warning's stable name, under which its acknowledgement is kept: the rule, its cells and
    /// place, and what it found (expected and actual), so that a warning that changes — another
    /// length, another number, another sum — needs a new reason.
    public static func key(_ finding: Finding) -> String {
        ([finding.rule] + finding.cells.map(\.rawValue)
            + [finding.location?.table ?? "", finding.location?.row ?? "", finding.expected ?? "", finding.actual ?? ""])
            .joined(separator: "|")
    }

    public func unacknowledged(_ acknowledged: Set<String>) -> [Finding] {
        warnings.filter { !acknowledged.contains(Self.key($0)) }
    }

    mutating func add(_ findings: [Finding]) {
        for finding in findings {
            if finding.severity == .error { errors.append(finding) } else { warnings.append(finding) }
        }
    }

    public static let placeholderMark = "【请填写"

    static func name(_ cell: CellID, in schema: ReportSchema) -> String {
        let place = schema.describe(cell)
        return "\(place.table)“\(place.row)”行“\(place.column)”列"
    }

    /// `unresolved`: live references without a value; `previous`: last year's published report;
    /// `paidFees`: the fee notices paid in the year (yuan), when the fee records are known.
    public static func of(_ report: AnnualReport, unresolved: [String], previous: AnnualReport?,
                          paidFees: [Int]? = nil) -> ReportReadiness {
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
            if name.hasPrefix(LiveText.unclosedMark) {
                readiness.errors.append(Finding(rule: .unfinishedDraft, actual: name,
                                                message: "“\(name)…”缺少结尾的“}}”：请补全数据引用，或删去“{{”"))
                continue
            }
            readiness.errors.append(Finding(rule: .unfinishedDraft, message: LiveFigure(rawValue: name).map { "引用的数据“\($0.chineseLabel)”尚无数值：请先填报其来源" }
                                            ?? "引用了不存在的数据“\(name)”"))
        }
        // The narrative rules on the text as published (N1 restatements, N2 sums, C5 length).
        let read = ReportChecker.check(text: ReportRenderer.text(report))
        for finding in read.findings {
            switch finding.rule {
            case ReportRule.narrativeRestatement.rawValue:
                // Our own text contradicting our own table is never published; a report read from
                // elsewhere gets a warning for this, since the checker cannot be sure. It blocks, so
                // it is labelled an error wherever it is shown.
                readiness.errors.append(finding.with(severity: .error))
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
        if let paidFees { readiness.add(FeeStatement.findings(sectionSix: report.sections[.other] ?? "", paidAmounts: paidFees)) }
        if let previous {
            readiness.warnings += CrossChecks.yearOverYear(report, previous: previous).findings.filter { $0.rule == ReportRule.a1.rawValue }
            // The 2021 notice names text repeated year after year (年年雷同) as a fault.
            if let repeated = NarrativeChecks.repetition(current: report, previous: previous).finding { readiness.warnings.append(repeated) }
        }
        return readiness
    }
}

extension Finding {
    /// The same finding with another severity.
    public func with(severity: Severity) -> Finding {
        Finding(rule: ReportRule(rawValue: rule) ?? .unfinishedDraft, severity: severity, cells: cells, expected: expected, actual: actual,
                message: message, location: location)
    }
}
