/// The three tables of a report in the official template's layout — which cells are merged
/// across and down — as data, so the web page and the Word document draw the same tables
/// (and the report check reads both back the same way).
public struct LayoutCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A column header (申请人情况, 自然人 …).
        case header
        /// A row label (（一）予以公开 …) or the template's explanatory text.
        case label
        /// A block caption of table 二 (第二十条第（一）项).
        case caption
        /// A number, named by its cell id.
        case value(CellID)
    }

    public var text: String
    public var kind: Kind
    public var colSpan = 1
    public var rowSpan = 1

    public init(_ text: String, _ kind: Kind, colSpan: Int = 1, rowSpan: Int = 1) {
        self.text = text
        self.kind = kind
        self.colSpan = colSpan
        self.rowSpan = rowSpan
    }

    public var cellID: CellID? {
        if case .value(let id) = kind { return id }
        return nil
    }
}

public enum ReportTableLayout {
    /// Rows of cells; a cell spanning rows appears only in its first row (as in HTML).
    public typealias Table = [[LayoutCell]]

    static func value(_ report: AnnualReport, _ id: CellID, colSpan: Int = 1) -> LayoutCell {
        LayoutCell(report.cells[id]?.plain ?? "", .value(id), colSpan: colSpan)
    }

    /// Table 二: one block per Art. 20 item, its caption across the table, then 信息内容 and the
    /// block's columns; a block with fewer columns lets its last one span the rest.
    public static func t2(_ report: AnnualReport) -> Table {
        let schema = report.schema
        let width = schema.t2.map(\.columns.count).max() ?? 3
        var rows: Table = []
        for block in schema.t2 {
            let lastSpan = width - block.columns.count + 1
            rows.append([LayoutCell(block.caption, .caption, colSpan: width + 1)])
            rows.append([LayoutCell("信息内容", .header)] + block.columns.enumerated().map { i, col in
                LayoutCell(col.label, .header, colSpan: i == block.columns.count - 1 ? lastSpan : 1)
            })
            for row in block.rows {
                rows.append([LayoutCell(row.label, .label)] + block.columns.enumerated().map { i, col in
                    value(report, .t2(block.id, row.id, col.id), colSpan: i == block.columns.count - 1 ? lastSpan : 1)
                })
            }
        }
        return rows
    }

    /// Table 三: the explanatory corner over three label columns, 申请人情况 over the seven
    /// columns; the results grouped under 三、本年度办理结果 with their sub-groups merged down.
    public static func t3(_ report: AnnualReport) -> Table {
        let schema = report.schema
        let rows = schema.t3Rows
        let resultRows = rows.filter { $0.isResultLeaf || $0.id == "result_total" }
        // Sub-groups of the results ((三)不予公开 …): the first row of each and how many rows it spans.
        var groupSpans: [String: (label: String, span: Int)] = [:]
        var currentGroup: String?
        // A row names its group only when it is the group's first (T3Row.group); the rows after it
        // belong to it until the next top-level result row.
        for row in resultRows where row.id != "result_total" {
            if let g = row.group, g != "三、本年度办理结果" {
                currentGroup = row.id
                groupSpans[row.id] = (g, 1)
            } else if row.id.hasPrefix("result_") || row.id == "other_handling" {
                currentGroup = nil
            } else if let g = currentGroup {
                groupSpans[g]!.span += 1
            }
        }
        let grouped = Set(groupSpans.flatMap { start, value -> [String] in
            let i = resultRows.firstIndex { $0.id == start }!
            return resultRows[i..<(i + value.span)].map(\.id)
        })
        var table: Table = [
            [LayoutCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", .label, colSpan: 3, rowSpan: 3),
             LayoutCell("申请人情况", .header, colSpan: 7)],
            [LayoutCell("自然人", .header, rowSpan: 2), LayoutCell("法人或其他组织", .header, colSpan: 5), LayoutCell("总计", .header, rowSpan: 2)],
            ReportSchema.applicantColumns.dropFirst().map { LayoutCell($0.label, .header) },
        ]
        for row in rows {
            var cells: [LayoutCell] = []
            if row.id == resultRows.first?.id { cells.append(LayoutCell("三、本年度办理结果", .label, rowSpan: resultRows.count)) }
            if !resultRows.contains(row) {
                cells.append(LayoutCell(row.label, .label, colSpan: 3))
            } else if let group = groupSpans[row.id] {
                cells.append(LayoutCell(group.label, .label, rowSpan: group.span))
                cells.append(LayoutCell(row.label, .label))
            } else if grouped.contains(row.id) {
                cells.append(LayoutCell(row.label, .label))
            } else {
                cells.append(LayoutCell(row.label, .label, colSpan: 2))
            }
            cells += schema.t3Columns.map { value(report, .t3(row.id, $0.id)) }
            table.append(cells)
        }
        return table
    }

    /// Table 四: 行政复议 (five columns) and 行政诉讼 (ten: 未经复议直接起诉 and 复议后起诉).
    public static func t4(_ report: AnnualReport) -> Table {
        let schema = report.schema
        return [
            [LayoutCell("行政复议", .header, colSpan: 5), LayoutCell("行政诉讼", .header, colSpan: 10)],
            schema.t4Columns.map { LayoutCell($0.label, .header, rowSpan: 2) }
                + [LayoutCell("未经复议直接起诉", .header, colSpan: 5), LayoutCell("复议后起诉", .header, colSpan: 5)],
            (0..<2).flatMap { _ in schema.t4Columns.map { LayoutCell($0.label, .header) } },
            schema.t4Groups.flatMap { group in schema.t4Columns.map { value(report, .t4(group.id, $0.id)) } },
        ]
    }
}
