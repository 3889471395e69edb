/// What sort of body an agency is; the kind decides its annual-report deadline (Regulation Art. 49).
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    /// A people's government (县人民政府): publishes its report by 31 March.
    case government
    /// A government department (局、委、办): reports by 31 January.
    case department
    /// A township or sub-district (乡、镇、街道): reports to the county by 31 January (statute.md §2.8).
    case township
    case other

    public var chineseLabel: String {
        switch self {
        case .government: return "人民政府"
        case .department: return "政府部门"
        case .township: return "乡镇（街道）"
        case .other: return "其他"
        }
    }

    /// Accepts the code or its Chinese label (for CSV files typed by hand).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let kind = AgencyKind(rawValue: t.lowercased()) { self = kind; return }
        guard let kind = AgencyKind.allCases.first(where: { $0.chineseLabel == t }) ?? [
            "政府": .government, "部门": .department, "乡镇": .township, "街道": .township, "乡": .township, "镇": .township,
        ][t] else { return nil }
        self = kind
    }
}
