import Foundation

/// The arithmetic identities of the report tables (勾稽关系, statute §2.6), as functions from a
/// report to findings. A check with a missing cell is not evaluated (the missing cell is
/// reported on its own), so a gap never turns into a false "does not add up".
public enum CrossChecks {
    public struct Outcome: Sendable {
        public var findings: [Finding] = []
        public var passed: [PassedCheck] = []
    }

    /// R1–R6 on one report. `printedRows` gives the row labels as printed, for locations.
    /// `assumptions` are the relations the reader assumed to read some cells: an instance of a
    /// rule that was assumed, or that involves a cell read with an assumption, is still checked
    /// but never counted as passed (it holds by construction, so it proves nothing).
    public static func run(_ report: AnnualReport, printedRows: [String: String] = [:], assumptions: [Assumption] = []) -> Outcome {
        var outcome = Outcome()
        // A rule instance rests on an assumption when the reader assumed it there, or read one of
        // its cells by assuming the same rule elsewhere (column relations narrow rows jointly).
        // Each rule's scopes and cells gathered first, then hashed into sets made to size (sets
        // grown one assumption at a time rehashed the cells again and again). By the rule's place
        // among the rules: a dictionary keyed by the rule's name hashed it again for every rule.
        let rules = ReportRule.allCases
        var gatheredScopes = [[String]?](repeating: nil, count: rules.count)
        var gatheredCells = [[CellID]?](repeating: nil, count: rules.count)
        for a in assumptions {
            guard let i = rules.firstIndex(where: { $0.rawValue == a.rule }) else { continue }
            // Appended in place (a new array made of the old and the new for every assumption before).
            if gatheredScopes[i] == nil {
                gatheredScopes[i] = a.scope
                gatheredCells[i] = a.cells
            } else {
                gatheredScopes[i]!.append(contentsOf: a.scope)
                gatheredCells[i]!.append(contentsOf: a.cells)
            }
        }
        let scopesByRule = gatheredScopes.map { $0.map(Set.init) }
        let cellsByRule = gatheredCells.map { $0.map(Set.init) }
        // `touches` is asked only when the rule was assumed somewhere, and tells whether a member
        // of the instance is among the assumed cells (no array of the members made for every row
        // and column checked).
        func assumed(_ rule: ReportRule, _ scope: String, _ touches: (Set<CellID>) -> Bool) -> Bool {
            let i = rules.firstIndex(of: rule)!
            guard let scopes = scopesByRule[i] else { return false }
            return scopes.contains(scope) || (cellsByRule[i].map(touches) ?? false)
        }
        func note(_ skipped: Int, _ unit: String) -> String { skipped > 0 ? "（另有 \(skipped) \(unit)在读取时作为假设使用，不计为通过）" : "" }
        let schema = report.schema
        let columns = schema.t3Columns.map(\.id)
        func row(_ id: String) -> String { printedRows[id] ?? schema.t3Rows.first { $0.id == id }?.label ?? id }
        func value(_ cell: CellID) -> Decimal? { report.cells[cell] }
        // The sum of the cells in order, nil when one is missing (no array of the values).
        func sum(_ cells: [CellID]) -> Decimal? {
            var total: Decimal = 0
            for cell in cells {
                guard let v = report.cells[cell] else { return nil }
                if !v.isZero { total += v }  // (most cells are 0: adding it changes no value)
            }
            return total
        }
        func record(_ rule: ReportRule, checked: Int, findings: [Finding], message: String) {
            outcome.findings += findings
            if findings.isEmpty, checked > 0 { outcome.passed.append(PassedCheck(rule: rule.rawValue, checked: checked, message: message)) }
        }

        let grid = schema.t3Grid
        // Table 三's values looked up once, row after row in one array (an array a row cost an
        // allocation each): R1, R2 and R4 read each cell again.
        let width = columns.count
        var t3Values: [Decimal?] = []
        t3Values.reserveCapacity(grid.count * width)
        for row in grid { for cell in row { t3Values.append(report.cells[cell]) } }
        func t3(_ r: Int, _ c: Int) -> Decimal? { t3Values[r * width + c] }
        // The sum of a column's values over rows in order, nil when one is missing.
        func columnSum(_ rows: [Int], _ c: Int) -> Decimal? {
            var total: Decimal = 0
            for r in rows {
                guard let v = t3(r, c) else { return nil }
                if !v.isZero { total += v }
            }
            return total
        }
        let places = rowPlaces[schema.version]!
        let leafRows = places.leaves
        let newReceived = places.newReceived, carriedIn = places.carriedIn
        let resultTotal = places.resultTotal, carriedOut = places.carriedOut
        let partial = places.partial

        // R1: 第一项加第二项之和，等于第三项加第四项之和 (per column).
        var checked = 0
        var skipped = 0
        var findings: [Finding] = []
        for (k, col) in columns.enumerated() {
            let cells = [grid[newReceived][k], grid[carriedIn][k], grid[resultTotal][k], grid[carriedOut][k]]
            guard let a = t3(newReceived, k), let b = t3(carriedIn, k), let c = t3(resultTotal, k), let d = t3(carriedOut, k) else { continue }
            let holds = a + b == c + d
            if holds, assumed(.r1, col, { cells.contains(where: $0.contains) }) { skipped += 1; continue }
            checked += 1
            if !holds {
                findings.append(Finding(
                    rule: .r1, cells: cells, expected: (c + d).plain, actual: (a + b).plain,
                    message: "表三“\(schema.t3ColumnLabel(col))”列：本年新收 \(a.plain) + 上年结转 \(b.plain) = \((a + b).plain)，"
                        + "但办理结果总计 \(c.plain) + 结转下年度 \(d.plain) = \((c + d).plain)",
                    location: .init(table: "表三", row: row("new_received"), column: schema.t3ColumnLabel(col))))
            }
        }
        record(.r1, checked: checked, findings: findings, message: "\(checked) 列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度" + note(skipped, "列"))

        // R2 and R3: （七）总计 is the sum of the result leaves; partial disclosure counted once.
        checked = 0
        skipped = 0
        findings = []
        var r3: [Finding] = []
        for (c, col) in columns.enumerated() {
            let totalCell = grid[resultTotal][c]
            guard let total = t3(resultTotal, c) else { continue }
            guard let sum = columnSum(leafRows, c) else { continue }
            if sum == total, assumed(.r2, col, { set in leafRows.contains { set.contains(grid[$0][c]) } || set.contains(totalCell) }) {
                skipped += 1
                continue
            }
            checked += 1
            guard sum != total else { continue }
            let leafCells = leafRows.map { grid[$0][c] }
            findings.append(Finding(
                rule: .r2, cells: [totalCell] + leafCells, expected: sum.plain, actual: total.plain,
                message: "表三“\(schema.t3ColumnLabel(col))”列：（七）总计为 \(total.plain)，但各项办理结果之和为 \(sum.plain)",
                location: .init(table: "表三", row: row("result_total"), column: schema.t3ColumnLabel(col))))
            if let partialCount = t3(partial, c), partialCount > 0, sum - total == partialCount {
                r3.append(Finding(
                    rule: .r3, cells: [grid[partial][c], totalCell], expected: total.plain, actual: sum.plain,
                    message: "表三“\(schema.t3ColumnLabel(col))”列：各项之和比总计多出 \(partialCount.plain)，正好是部分公开数，部分公开的申请可能同时计入了其他情形（只应计入部分公开）",
                    location: .init(table: "表三", row: row("result_partially_disclosed"), column: schema.t3ColumnLabel(col))))
            }
        }
        record(.r2, checked: checked, findings: findings, message: "\(checked) 列：（七）总计 = 各项办理结果之和" + note(skipped, "列"))
        record(.r3, checked: checked, findings: r3, message: "未发现部分公开被重复计入")

        // R4: the 总计 column of every row is the sum of the applicant columns.
        checked = 0
        skipped = 0
        findings = []
        let totalColumn = columns.count - 1
        for (r, t3row) in schema.t3Rows.enumerated() {
            let totalCell = grid[r][totalColumn]
            guard let total = t3(r, totalColumn) else { continue }
            var rowSum: Decimal? = 0
            for c in 0..<totalColumn {
                guard let v = t3(r, c) else { rowSum = nil; break }
                if !v.isZero { rowSum! += v }
            }
            guard let sum = rowSum else { continue }
            if sum == total, assumed(.r4, t3row.id, { set in grid[r][0..<totalColumn].contains(where: set.contains) || set.contains(totalCell) }) {
                skipped += 1
                continue
            }
            checked += 1
            if sum != total {
                let parts = Array(grid[r][0..<totalColumn])
                findings.append(Finding(
                    rule: .r4, cells: parts + [totalCell], expected: sum.plain, actual: total.plain,
                    message: "表三“\(row(t3row.id))”：总计为 \(total.plain)，但自然人与各类法人或其他组织之和为 \(sum.plain)",
                    location: .init(table: "表三", row: row(t3row.id), column: "总计")))
            }
        }
        record(.r4, checked: checked, findings: findings, message: "\(checked) 行：总计 = 自然人 + 各类法人或其他组织" + note(skipped, "行"))

        // R5: each review/litigation group's 总计 is the sum of its four results.
        checked = 0
        skipped = 0
        findings = []
        for (group, cells) in zip(schema.t4Groups, t4Cells[schema.version]!) {
            let parts = cells.parts
            let totalCell = cells.total
            guard let total = value(totalCell) else { continue }
            guard let sum = sum(parts) else { continue }
            if sum == total, assumed(.r5, group.id, { set in parts.contains(where: set.contains) || set.contains(totalCell) }) {
                skipped += 1
                continue
            }
            checked += 1
            if sum != total {
                findings.append(Finding(
                    rule: .r5, cells: parts + [totalCell], expected: sum.plain, actual: total.plain,
                    message: "表四“\(group.label)”：总计为 \(total.plain)，但结果维持、结果纠正、其他结果、尚未审结之和为 \(sum.plain)",
                    location: .init(table: "表四", row: group.label, column: "总计")))
            }
        }
        record(.r5, checked: checked, findings: findings, message: "\(checked) 组：复议、诉讼总计 = 各结果之和" + note(skipped, "组"))

        // R6: non-negative integers, except the decimal amounts and 2019's 增/减.
        checked = 0
        findings = []
        for cell in schema.allCells {
            guard let number = report.cells[cell] else { continue }
            checked += 1
            // 0 (most cells) is neither negative nor a fraction: no Decimal compared.
            if number.isZero { continue }
            let negative = number < 0 && !schema.allowsNegative(cell)
            // Whole first: nearly every cell is, and asking each cell's name first cost more.
            guard negative || (!number.isWholeNumber && !schema.isDecimal(cell)) else { continue }
            let place = schema.place(of: cell)
            if negative {
                findings.append(
                    Finding(
                        rule: .r6, cells: [cell], expected: "≥ 0", actual: number.plain,
                        message: "\(place.table)“\(place.row)”“\(place.column)”为负数 \(number.plain)",
                        location: .init(table: place.table, row: place.row, column: place.column)))
            } else {
                findings.append(
                    Finding(
                        rule: .r6, cells: [cell], expected: "整数", actual: number.plain,
                        message: "\(place.table)“\(place.row)”“\(place.column)”应为整数，实际为 \(number.plain)",
                        location: .init(table: place.table, row: place.row, column: place.column)))
            }
        }
        record(.r6, checked: checked, findings: findings, message: "\(checked) 个数值：非负整数（收费金额为非负数）")
        return outcome
    }

    /// The places of the table-三 rows the checks name, by format: found once, not by a dictionary
    /// of every row id made at every check (`ReportChecker.retractRefutedReadings` uses them too).
    struct RowPlaces {
        let newReceived, carriedIn, resultTotal, carriedOut, partial: Int
        let leaves: [Int]

        init(_ schema: ReportSchema) {
            func place(_ id: String) -> Int { schema.t3Rows.firstIndex { $0.id == id }! }
            newReceived = place("new_received")
            carriedIn = place("carried_over_in")
            resultTotal = place("result_total")
            carriedOut = place("carried_over_out")
            partial = place("result_partially_disclosed")
            leaves = schema.t3Rows.indices.filter { schema.t3Rows[$0].isResultLeaf }
        }
    }

    static let rowPlaces: [ReportFormatVersion: RowPlaces] = [.v2019: RowPlaces(.v2019), .v2021: RowPlaces(.v2021)]

    /// Table 四's cells of each group for R5, by format: made once, not at every check.
    private static let t4Cells: [ReportFormatVersion: [(parts: [CellID], total: CellID)]] = [
        .v2019: t4Cells(ReportSchema.v2019), .v2021: t4Cells(ReportSchema.v2021),
    ]

    private static func t4Cells(_ schema: ReportSchema) -> [(parts: [CellID], total: CellID)] {
        schema.t4Groups.map { group in
            (["upheld", "corrected", "other_result", "pending"].map { CellID.t4(group.id, $0) }, CellID.t4(group.id, "total"))
        }
    }

    /// A1 and A2: this year's report against the previous year's (advisory).
    public static func yearOverYear(_ report: AnnualReport, previous: AnnualReport) -> Outcome {
        var outcome = Outcome()
        var checked = 0
        var findings: [Finding] = []
        for col in report.schema.t3Columns.map(\.id) {
            guard let now = report.cells[.t3("carried_over_in", col)], let before = previous.cells[.t3("carried_over_out", col)] else { continue }
            checked += 1
            if now != before {
                findings.append(Finding(
                    rule: .a1, cells: [.t3("carried_over_in", col)], expected: before.plain, actual: now.plain,
                    message: "表三“\(report.schema.t3ColumnLabel(col))”列：上年结转为 \(now.plain)，但上一年度报告的结转下年度继续办理为 \(before.plain)",
                    location: .init(table: "表三", row: "二、上年结转政府信息公开申请数量", column: report.schema.t3ColumnLabel(col))))
            }
        }
        outcome.findings += findings
        if findings.isEmpty, checked > 0 {
            outcome.passed.append(PassedCheck(rule: "A1", checked: checked, message: "\(checked) 列：上年结转 = 上一年度结转下年度"))
        }
        guard report.formatVersion == .v2021, previous.formatVersion == .v2021 else { return outcome }
        checked = 0
        findings = []
        for row in ["rules", "normative_docs"] {
            let cell = CellID.t2("art20_1", row, "in_force")
            guard let now = report.cells[cell], let before = previous.cells[cell],
                  let issued = report.cells[.t2("art20_1", row, "issued_this_year")],
                  let repealed = report.cells[.t2("art20_1", row, "repealed_this_year")] else { continue }
            checked += 1
            let expected = before + issued - repealed
            if now != expected {
                let name = row == "rules" ? "规章" : "行政规范性文件"
                findings.append(Finding(
                    rule: .a2, severity: .info, cells: [cell], expected: expected.plain, actual: now.plain,
                    message: "表二“\(name)”现行有效件数为 \(now.plain)；按上年 \(before.plain) + 本年制发 \(issued.plain) − 本年废止 \(repealed.plain) 应为 \(expected.plain)（到期失效、修改等可能造成合理差异）",
                    location: .init(table: "表二", row: name, column: "现行有效件数")))
            }
        }
        outcome.findings += findings
        if findings.isEmpty, checked > 0 {
            outcome.passed.append(PassedCheck(rule: "A2", checked: checked, message: "现行有效件数与上年衔接"))
        }
        return outcome
    }

}
