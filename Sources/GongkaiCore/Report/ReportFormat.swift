import Foundation

/// The national annual-report format: 国办公开办函〔2019〕60号 (reports on 2019–2020) or
/// 国办公开办函〔2021〕30号 (reports on 2021 onward). Statute §2.1.
public enum ReportFormatVersion: String, Sendable, Codable, CaseIterable {
    case v2019 = "2019"
    case v2021 = "2021"

    public var chineseLabel: String {
        self == .v2019 ? "2019 年版格式（国办公开办函〔2019〕60号）" : "2021 年版格式（国办公开办函〔2021〕30号）"
    }

    /// The format in force for a report on `year` (reports for 2018 and earlier used another scheme).
    public static func inForce(forYear year: Int) -> ReportFormatVersion? {
        year < 2019 ? nil : year < 2021 ? .v2019 : .v2021
    }
}

/// The six sections of every report (statute §2.2), headings reproduced exactly.
public enum ReportSection: String, Sendable, Codable, CaseIterable, Comparable {
    case overview = "s1_overview"
    case proactive = "s2_proactive"
    case requests = "s3_requests"
    case reviewLitigation = "s4_review_litigation"
    case problems = "s5_problems"
    case other = "s6_other"

    public var numeral: String { ["一", "二", "三", "四", "五", "六"][index] }
    public var index: Int { ReportSection.allCases.firstIndex(of: self)! }

    public var heading: String {
        switch self {
        case .overview: return "一、总体情况"
        case .proactive: return "二、主动公开政府信息情况"
        case .requests: return "三、收到和处理政府信息公开申请情况"
        case .reviewLitigation: return "四、政府信息公开行政复议、行政诉讼情况"
        case .problems: return "五、存在的主要问题及改进情况"
        case .other: return "六、其他需要报告的事项"
        }
    }

    public static func < (a: ReportSection, b: ReportSection) -> Bool { a.index < b.index }
}

/// One row or column of a report table: its identifier from the spec and its exact label.
public struct ReportLabel: Sendable, Hashable {
    public let id: String
    public let label: String
    public init(_ id: String, _ label: String) {
        self.id = id
        self.label = label
    }
}

/// A block of table 二: one Art. 20 item with its rows and columns.
public struct T2Block: Sendable {
    public let id: String
    public let caption: String
    public let rows: [ReportLabel]
    public let columns: [ReportLabel]
}

/// A row of table 三, with the group it belongs to (三（三） etc.), for display and lookup.
public struct T3Row: Sendable, Hashable {
    public let id: String
    public let label: String
    /// The group header printed before the row's first appearance, if any: （三）不予公开.
    public let group: String?
    /// Whether the row is one of the result leaves summed by （七）总计 (statute R2).
    public let isResultLeaf: Bool
}

/// Identifies one cell: `t2.<block>.<row>.<col>`, `t3.<row>.<col>`, `t4.<group>.<col>`.
public struct CellID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    /// FNV-1a of the identifier, computed once: cells are dictionary keys on every hot path,
    /// and hashing the whole string each time was a tenth of a report check.
    private let digest: UInt64

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in rawValue.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        digest = h
    }

    public init(stringLiteral value: String) { self.init(value) }
    public static func == (a: CellID, b: CellID) -> Bool { a.digest == b.digest && a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    /// The digest mixed with the table's seed, without a `Hasher`: running SipHash over a digest
    /// already computed was still a twentieth of a report check (sets and dictionaries call this).
    public func _rawHashValue(seed: Int) -> Int {
        var h = digest ^ UInt64(truncatingIfNeeded: seed)
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: h ^ (h >> 33))
    }
    public static func t2(_ block: String, _ row: String, _ column: String) -> CellID { CellID("t2." + block + "." + row + "." + column) }
    public static func t3(_ row: String, _ column: String) -> CellID { CellID("t3." + row + "." + column) }
    public static func t4(_ group: String, _ column: String) -> CellID { CellID("t4." + group + "." + column) }
    public var description: String { rawValue }
    public static func < (a: CellID, b: CellID) -> Bool { a.rawValue < b.rawValue }
    public var table: String { String(rawValue.prefix(2)) }

    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The tables of a format version, with the spec's identifiers and the template's labels
/// (statute §2.3–§2.5, checked against the 2021 notice as republished).
public struct ReportSchema: Sendable {
    public let version: ReportFormatVersion
    public let t2: [T2Block]
    public let t3Rows: [T3Row]
    public let t3Columns: [ReportLabel]
    public let t4Groups: [ReportLabel]
    public let t4Columns: [ReportLabel]

    public static let applicantColumns: [ReportLabel] = [
        .init("natural_person", "自然人"),
        .init("commercial_enterprise", "商业企业"),
        .init("research_institution", "科研机构"),
        .init("public_welfare_org", "社会公益组织"),
        .init("legal_service_org", "法律服务机构"),
        .init("other_org", "其他"),
    ]
    public static let t3TotalColumn = ReportLabel("total", "总计")

    public static func of(_ version: ReportFormatVersion) -> ReportSchema { version == .v2019 ? v2019 : v2021 }

    public var resultLeaves: [T3Row] { t3Rows.filter(\.isResultLeaf) }

    /// Every cell of the format, in reading order.
    public var allCells: [CellID] { Self.cellCache[version]! }

    private static let cellCache: [ReportFormatVersion: [CellID]] = [.v2019: v2019.computeAllCells(), .v2021: v2021.computeAllCells()]

    /// Table 三's cells as a grid (rows and columns in schema order), built once: the
    /// cross-checks walk it for every report.
    public var t3Grid: [[CellID]] { Self.gridCache[version]! }
    private static let gridCache: [ReportFormatVersion: [[CellID]]] = [.v2019: v2019.computeGrid(), .v2021: v2021.computeGrid()]

    /// The grid's cells are `allCells`' own: the readers key table 三's values by them and the
    /// checks look those up by `allCells`, and a key that is the same string is compared
    /// without reading its bytes.
    private func computeGrid() -> [[CellID]] {
        let cells = allCells
        let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        return t3Rows.map { row in t3Columns.map { cells[index[CellID.t3(row.id, $0.id)]!] } }
    }

    private func computeAllCells() -> [CellID] {
        var cells: [CellID] = []
        for block in t2 { for row in block.rows { for col in block.columns { cells.append(.t2(block.id, row.id, col.id)) } } }
        for row in t3Rows { for col in t3Columns { cells.append(.t3(row.id, col.id)) } }
        for group in t4Groups { for col in t4Columns { cells.append(.t4(group.id, col.id)) } }
        return cells
    }

    /// Table 二's only decimal cell: administrative fees in 万元 (statute R6).
    public static let feeAmountCell = CellID.t2("art20_8", "admin_fees", "fee_amount_10k_cny")
    /// 2019's 本年增/减 may be negative.
    public func allowsNegative(_ cell: CellID) -> Bool { version == .v2019 && cell.rawValue.hasSuffix(".change_this_year") }
    public func isDecimal(_ cell: CellID) -> Bool {
        cell == Self.feeAmountCell || cell.rawValue.hasSuffix(".procurement_total_amount")
    }

    /// Human-readable location of a cell: table, row label, column label.
    /// A table-三 column as messages name it: the organisations' 其他 column is qualified, since
    /// the template prints a bare 其他.
    public func t3ColumnLabel(_ column: String) -> String {
        column == "other_org" ? "法人或其他组织·其他" : t3Columns.first { $0.id == column }?.label ?? column
    }

    public func describe(_ cell: CellID) -> (table: String, row: String, column: String) {
        // Cut on the bytes (identifiers are ASCII) and compared as substrings: splitting by
        // characters and copying each part cost more than the lookups.
        let parts = cell.rawValue.utf8.split(separator: 0x2E).map { Substring($0) }
        switch parts.first {
        case "t2":
            let block = t2.first { $0.id == parts[1] }
            let row = block?.rows.first { $0.id == parts[2] }?.label ?? String(parts[2])
            let col = block?.columns.first { $0.id == parts[3] }?.label ?? String(parts[3])
            return ("表二", "\(block?.caption ?? String(parts[1])) \(row)", col)
        case "t3":
            let row = t3Rows.first { $0.id == parts[1] }?.label ?? String(parts[1])
            return ("表三", row, t3ColumnLabel(String(parts[2])))
        default:
            let group = t4Groups.first { $0.id == parts[1] }?.label ?? String(parts[1])
            let col = t4Columns.first { $0.id == parts[2] }?.label ?? String(parts[2])
            return ("表四", group, col)
        }
    }

    private static func t3Rows(_ other: [T3Row]) -> [T3Row] {
        let w = "（三）不予公开", u = "（四）无法提供", n = "（五）不予处理"
        return [
            T3Row(id: "new_received", label: "一、本年新收政府信息公开申请数量", group: nil, isResultLeaf: false),
            T3Row(id: "carried_over_in", label: "二、上年结转政府信息公开申请数量", group: nil, isResultLeaf: false),
            T3Row(id: "result_disclosed", label: "（一）予以公开", group: "三、本年度办理结果", isResultLeaf: true),
            T3Row(id: "result_partially_disclosed", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_state_secret", label: "1.属于国家秘密", group: w, isResultLeaf: true),
            T3Row(id: "withheld_prohibited_by_law", label: "2.其他法律行政法规禁止公开", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_three_security_one_stability", label: "3.危及“三安全一稳定”", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_third_party_rights", label: "4.保护第三方合法权益", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_internal_affairs", label: "5.属于三类内部事务信息", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_process_info", label: "6.属于四类过程性信息", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_enforcement_case_file", label: "7.属于行政执法案卷", group: nil, isResultLeaf: true),
            T3Row(id: "withheld_admin_inquiry", label: "8.属于行政查询事项", group: nil, isResultLeaf: true),
            T3Row(id: "unable_not_held", label: "1.本机关不掌握相关政府信息", group: u, isResultLeaf: true),
            T3Row(id: "unable_needs_creation", label: "2.没有现成信息需要另行制作", group: nil, isResultLeaf: true),
            T3Row(id: "unable_unclear_after_correction", label: "3.补正后申请内容仍不明确", group: nil, isResultLeaf: true),
            T3Row(id: "not_processed_petition_complaint", label: "1.信访举报投诉类申请", group: n, isResultLeaf: true),
            T3Row(id: "not_processed_duplicate", label: "2.重复申请", group: nil, isResultLeaf: true),
            T3Row(id: "not_processed_publication", label: "3.要求提供公开出版物", group: nil, isResultLeaf: true),
            T3Row(id: "not_processed_mass_repetitive", label: "4.无正当理由大量反复申请", group: nil, isResultLeaf: true),
            T3Row(id: "not_processed_confirm_or_reissue", label: "5.要求行政机关确认或重新出具已获取信息", group: nil, isResultLeaf: true),
        ] + other + [
            T3Row(id: "result_total", label: "（七）总计", group: nil, isResultLeaf: false),
            T3Row(id: "carried_over_out", label: "四、结转下年度继续办理", group: nil, isResultLeaf: false),
        ]
    }

    private static let t4Groups: [ReportLabel] = [
        .init("admin_review", "行政复议"),
        .init("litigation_direct", "行政诉讼·未经复议直接起诉"),
        .init("litigation_after_review", "行政诉讼·复议后起诉"),
    ]
    private static let t4Columns: [ReportLabel] = [
        .init("upheld", "结果维持"), .init("corrected", "结果纠正"), .init("other_result", "其他结果"),
        .init("pending", "尚未审结"), .init("total", "总计"),
    ]

    public static let v2021 = ReportSchema(
        version: .v2021,
        t2: [
            T2Block(id: "art20_1", caption: "第二十条第（一）项",
                    rows: [.init("rules", "规章"), .init("normative_docs", "行政规范性文件")],
                    columns: [.init("issued_this_year", "本年制发件数"), .init("repealed_this_year", "本年废止件数"), .init("in_force", "现行有效件数")]),
            T2Block(id: "art20_5", caption: "第二十条第（五）项", rows: [.init("admin_licensing", "行政许可")],
                    columns: [.init("decisions_this_year", "本年处理决定数量")]),
            T2Block(id: "art20_6", caption: "第二十条第（六）项", rows: [.init("admin_penalty", "行政处罚"), .init("admin_coercion", "行政强制")],
                    columns: [.init("decisions_this_year", "本年处理决定数量")]),
            T2Block(id: "art20_8", caption: "第二十条第（八）项", rows: [.init("admin_fees", "行政事业性收费")],
                    columns: [.init("fee_amount_10k_cny", "本年收费金额（单位：万元）")]),
        ],
        t3Rows: t3Rows([
            T3Row(id: "other_no_correction", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", group: "（六）其他处理", isResultLeaf: true),
            T3Row(id: "other_fee_unpaid", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", group: nil, isResultLeaf: true),
            T3Row(id: "other_misc", label: "3.其他", group: nil, isResultLeaf: true),
        ]),
        t3Columns: applicantColumns + [t3TotalColumn],
        t4Groups: t4Groups, t4Columns: t4Columns)

    public static let v2019 = ReportSchema(
        version: .v2019,
        t2: [
            T2Block(id: "art20_1", caption: "第二十条第（一）项",
                    rows: [.init("rules", "规章"), .init("normative_docs", "规范性文件")],
                    columns: [.init("newly_made_this_year", "本年新制作数量"), .init("newly_published_this_year", "本年新公开数量"),
                              .init("total_published", "对外公开总数量")]),
            T2Block(id: "art20_5", caption: "第二十条第（五）项",
                    rows: [.init("admin_licensing", "行政许可"), .init("other_external_services", "其他对外管理服务事项")],
                    columns: [.init("items_last_year", "上一年项目数量"), .init("change_this_year", "本年增/减"), .init("decisions", "处理决定数量")]),
            T2Block(id: "art20_6", caption: "第二十条第（六）项", rows: [.init("admin_penalty", "行政处罚"), .init("admin_coercion", "行政强制")],
                    columns: [.init("items_last_year", "上一年项目数量"), .init("change_this_year", "本年增/减"), .init("decisions", "处理决定数量")]),
            T2Block(id: "art20_8", caption: "第二十条第（八）项", rows: [.init("admin_fees", "行政事业性收费")],
                    columns: [.init("items_last_year", "上一年项目数量"), .init("change_this_year", "本年增/减")]),
            T2Block(id: "art20_9", caption: "第二十条第（九）项", rows: [.init("central_procurement", "政府集中采购")],
                    columns: [.init("procurement_projects", "采购项目数量"), .init("procurement_total_amount", "采购总金额")]),
        ],
        t3Rows: t3Rows([T3Row(id: "other_handling", label: "（六）其他处理", group: nil, isResultLeaf: true)]),
        t3Columns: applicantColumns + [t3TotalColumn],
        t4Groups: t4Groups, t4Columns: t4Columns)
}
