import Foundation

/// Renders a report in the official layout: as an HTML page (tables with the template's merged
/// cells) and as plain text (tables as tab-separated lines, the way reports are copied around).
/// Reading a rendered report back gives the same report: the renderers and readers are tested
/// together.
public enum ReportRenderer {
    /// How cells are marked when a report is shown after a check.
    public struct Marks: Sendable {
        public var repaired: Set<CellID> = []
        public var missing: Set<CellID> = []
        public var flagged: Set<CellID> = []
        public init(repaired: Set<CellID> = [], missing: Set<CellID> = [], flagged: Set<CellID> = []) {
            self.repaired = repaired
            self.missing = missing
            self.flagged = flagged
        }
    }

    public static func title(_ report: AnnualReport) -> String {
        "\(report.issuer ?? "")\(report.year.map { "\($0)年" } ?? "")政府信息公开工作年度报告"
    }

    // MARK: HTML

    /// The report body (title, sections, tables) as an HTML fragment.
    public static func htmlBody(_ report: AnnualReport, marks: Marks = Marks()) -> Node {
        H.article(.class("annual-report")) {
            H.h1 { title(report) }
            for section in ReportSection.allCases {
                H.section(.class("report-section"), .id(section.rawValue)) {
                    H.h2 { section.heading }
                    switch section {
                    case .proactive: t2Table(report, marks: marks)
                    case .requests: t3Table(report, marks: marks)
                    case .reviewLitigation: t4Table(report, marks: marks)
                    default: .empty
                    }
                    for paragraph in paragraphs(report.sections[section]) { H.p { paragraph } }
                }
            }
        }
    }

    /// A complete, printable page (A4) with its own minimal styles.
    public static func htmlDocument(_ report: AnnualReport) -> String {
        H.document {
            H.head {
                H.meta(Attribute("charset", "utf-8"))
                H.title { title(report) }
                Node.raw("<style>" + printStyles + "</style>")
            }
            H.body { htmlBody(report) }
        }.render()
    }

    /// The official layout's print styles: inline in `htmlDocument`, served as `/assets/report.css`
    /// to the portal's report page (whose Content-Security-Policy forbids inline styles).
    /// Table 三 prints each row on one line (its labels do not wrap, in 8 pt; only the merged group
    /// labels do): a label wrapped over two lines comes out of a PDF, through pdftotext, as two
    /// text lines mixed with the group labels' fragments, and the row can no longer be read back.
    public static let printStyles = """
        @page { size: A4; margin: 20mm 18mm; }
        body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", "Songti SC", serif; font-size: 12pt; line-height: 1.7; }
        h1 { text-align: center; font-size: 18pt; } h2 { font-size: 14pt; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
        table.report-table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 10.5pt; }
        table.report-table td, table.report-table th { border: 1px solid #000; padding: 3pt 4pt; text-align: center; }
        table.report-table td.label { text-align: left; }
        h2 { break-after: avoid; } table.report-table { break-inside: avoid; } table.report-table td.value { white-space: nowrap; }
        table.t3 { font-size: 8pt; } table.t3 td, table.t3 th { padding: 2pt; } table.t3 td.value { width: 2em; }
        table.t3 td.label:not([rowspan]) { white-space: nowrap; } table.t3 td.label[rowspan]:not([colspan]) { width: 2em; }
        """

    public static func t2Table(_ report: AnnualReport, marks: Marks) -> Node {
        table(ReportTableLayout.t2(report), class: "report-table t2", marks: marks)
    }

    public static func t3Table(_ report: AnnualReport, marks: Marks) -> Node {
        table(ReportTableLayout.t3(report), class: "report-table t3", marks: marks)
    }

    public static func t4Table(_ report: AnnualReport, marks: Marks) -> Node {
        table(ReportTableLayout.t4(report), class: "report-table t4", marks: marks)
    }

    /// A laid-out table as HTML: headers as `th`, labels and captions as `td` with their class,
    /// values as `td` carrying their cell id (and how the check marked them).
    static func table(_ rows: ReportTableLayout.Table, class tableClass: String, marks: Marks) -> Node {
        H.table(.class(tableClass)) {
            for row in rows {
                H.tr {
                    for cell in row {
                        let spans: [Attribute?] = [cell.colSpan > 1 ? .colspan(cell.colSpan) : nil, cell.rowSpan > 1 ? .rowspan(cell.rowSpan) : nil]
                        switch cell.kind {
                        case .header: H.element("th", spans, [.text(cell.text)])
                        case .label: H.element("td", [.class("label")] + spans, [.text(cell.text)])
                        case .caption: H.element("td", [.class("caption")] + spans, [.text(cell.text)])
                        case .value(let id):
                            H.element("td", [.class((["value"] + (marks.repaired.contains(id) ? ["repaired"] : [])
                                                         + (marks.missing.contains(id) ? ["missing"] : [])
                                                         + (marks.flagged.contains(id) ? ["flagged"] : [])).joined(separator: " ")),
                                             .data("cell", id.rawValue)] + spans, [.text(cell.text)])
                        }
                    }
                }
            }
        }
    }

    // MARK: text

    /// Plain text as reports are copied from web pages: headings, paragraphs, tables as
    /// tab-separated lines with empty fields for missing cells.
    public static func text(_ report: AnnualReport) -> String {
        var lines = [title(report), ""]
        let schema = report.schema
        func value(_ id: CellID) -> String { report.cells[id]?.plain ?? "" }
        for section in ReportSection.allCases {
            lines.append(section.heading)
            switch section {
            case .proactive:
                for block in schema.t2 {
                    lines.append(block.caption)
                    lines.append((["信息内容"] + block.columns.map(\.label)).joined(separator: "\t"))
                    for row in block.rows {
                        lines.append(([row.label] + block.columns.map { value(.t2(block.id, row.id, $0.id)) }).joined(separator: "\t"))
                    }
                }
            case .requests:
                lines.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况")
                lines.append("\t自然人\t法人或其他组织\t\t\t\t\t总计")
                lines.append("\t\t" + ReportSchema.applicantColumns.dropFirst().map(\.label).joined(separator: "\t"))
                for row in schema.t3Rows {
                    if let group = row.group { lines.append(group) }
                    lines.append(([row.label] + schema.t3Columns.map { value(.t3(row.id, $0.id)) }).joined(separator: "\t"))
                }
            case .reviewLitigation:
                lines.append("行政复议\t\t\t\t\t行政诉讼")
                lines.append(schema.t4Columns.map(\.label).joined(separator: "\t") + "\t未经复议直接起诉\t\t\t\t\t复议后起诉")
                lines.append("\t\t\t\t\t" + (schema.t4Columns.map(\.label) + schema.t4Columns.map(\.label)).joined(separator: "\t"))
                lines.append(schema.t4Groups.flatMap { g in schema.t4Columns.map { value(.t4(g.id, $0.id)) } }.joined(separator: "\t"))
            default:
                break
            }
            lines += paragraphs(report.sections[section])
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func paragraphs(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
