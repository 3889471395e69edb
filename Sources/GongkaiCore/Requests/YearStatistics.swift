import Foundation

/// Counts of a year's requests, as aggregated by the database, turned into the cells of report
/// table 三 (and table 四 from the challenge register). Totals are sums of the counted cells, so the
/// cross-checks hold by construction when the counts come from one consistent query
/// (statute R1–R5).
public struct RequestYearCounts: Sendable, Equatable {
    public var newReceived: [ApplicantKind: Int] = [:]
    public var carriedOverIn: [ApplicantKind: Int] = [:]
    public var carriedOverOut: [ApplicantKind: Int] = [:]
    public var results: [RequestOutcome: [ApplicantKind: Int]] = [:]

    public init() {}

    /// Table 三 cells for a format version, every cell filled (zero where nothing was counted).
    public func t3Cells(_ version: ReportFormatVersion = .v2021) -> [CellID: Decimal] {
        let schema = ReportSchema.of(version)
        var rows: [String: [ApplicantKind: Int]] = [
            "new_received": newReceived, "carried_over_in": carriedOverIn, "carried_over_out": carriedOverOut,
        ]
        var total: [ApplicantKind: Int] = [:]
        for (outcome, byKind) in results {
            let row = outcome.reportRow(version)
            rows[row, default: [:]].merge(byKind, uniquingKeysWith: +)
            total.merge(byKind, uniquingKeysWith: +)
        }
        rows["result_total"] = total
        var cells: [CellID: Decimal] = [:]
        for row in schema.t3Rows {
            let byKind = rows[row.id] ?? [:]
            for kind in ApplicantKind.allCases { cells[.t3(row.id, kind.reportColumn)] = Decimal(byKind[kind] ?? 0) }
            cells[.t3(row.id, "total")] = Decimal(byKind.values.reduce(0, +))
        }
        return cells
    }
}

/// A challenge to a disclosure decision (report table 四, statute §2.5).
public enum ChallengeKind: String, Sendable, Codable, CaseIterable {
    case reconsideration = "admin_review"
    case litigationDirect = "litigation_direct"
    case litigationAfterReconsideration = "litigation_after_review"

    public var chineseLabel: String {
        switch self {
        case .reconsideration: return "行政复议"
        case .litigationDirect: return "行政诉讼（未经复议直接起诉）"
        case .litigationAfterReconsideration: return "行政诉讼（复议后起诉）"
        }
    }

    /// Who decides: 复议机关 or 人民法院.
    public var bodyLabel: String { self == .reconsideration ? "复议机关" : "人民法院" }
}

public enum ChallengeResult: String, Sendable, Codable, CaseIterable {
    case upheld, corrected
    case otherResult = "other_result"
    case pending

    public var chineseLabel: String {
        switch self {
        case .upheld: return "结果维持"
        case .corrected: return "结果纠正"
        case .otherResult: return "其他结果"
        case .pending: return "尚未审结"
        }
    }
}

public struct ChallengeYearCounts: Sendable, Equatable {
    public var counts: [ChallengeKind: [ChallengeResult: Int]] = [:]

    public init() {}

    public func t4Cells() -> [CellID: Decimal] {
        var cells: [CellID: Decimal] = [:]
        for kind in ChallengeKind.allCases {
            let byResult = counts[kind] ?? [:]
            for result in ChallengeResult.allCases { cells[.t4(kind.rawValue, result.rawValue)] = Decimal(byResult[result] ?? 0) }
            cells[.t4(kind.rawValue, "total")] = Decimal(byResult.values.reduce(0, +))
        }
        return cells
    }
}
