import Foundation

/// Writes one row as read into the table reading: the values, the reason for every cell left
/// empty, the repair (what was printed, what was read, on which rules) and the row relation
/// the reading rested on.
struct RowWriter {
    let table: String
    /// The row label as printed or, failing that, the template's (never empty in messages).
    let row: String
    let ids: [CellID]
    let columnLabels: [String]
    /// Every column's label, quoted and run together (`自然人”“商业企业…`), made once a format:
    /// a row read by its total names them all.
    var allColumnNames: String? = nil

    /// Returns the cells that only the column relations decided (table 三).
    @discardableResult
    func write(_ analysis: RowSolver.Analysis, narrowedTo narrowed: [RowSolver.Reading]? = nil,
               columnRules: [ReportRule] = [], into reading: inout TableReading) -> [CellID] {
        let width = ids.count
        switch analysis.method {
        case .unreadable:
            for id in ids { reading.missing[id] = analysis.problem ?? "无法读取" }
            return []
        case .positional:
            for (id, cell) in zip(ids, analysis.readings[0].cells) { store(cell, id, reason: "空白", into: &reading) }
            return []
        case .solved:
            break
        }
        // Made once: said in the reason, the repair and its message.
        let printed = analysis.printed
        let rowOnly = RowSolver.cells(analysis)
        let final = narrowed.map { RowSolver.cells(analysis, readings: $0) } ?? rowOnly
        let left = narrowed ?? analysis.readings
        let count = left.isEmpty ? analysis.readingCount : left.count
        // Said only when a cell is left empty: made once, when first needed.
        var said: String?
        func ambiguity() -> String {
            if let said { return said }
            let text: String
            if let problem = analysis.problem {
                text = problem
            } else if analysis.hasSplits {
                text = "数字连在一起（\(printed)），有 \(count) 种可能的读法，无法确定"
            } else {
                text = "一行 \(width) 列只读到 \(analysis.printedCount) 个值（\(printed)），有 \(count) 种补齐方式，无法确定"
            }
            said = text
            return text
        }
        for (i, id) in ids.enumerated() {
            if let cell = final[i] { store(cell, id, reason: ambiguity(), into: &reading) } else { reading.missing[id] = ambiguity() }
        }

        // The columns read, those of them the row's own relation decided, and those only the
        // column relations decided: as bits (three arrays a row before).
        var valued = RowSolver.Columns(), byRow = RowSolver.Columns(), byColumns = RowSolver.Columns()
        for i in 0..<width where final[i]?.number != nil {
            valued.insert(i)
            if analysis.forcedWithoutRelations[i] == nil { byRow.insert(i) }
            if rowOnly[i] == nil { byColumns.insert(i) }
        }
        guard !valued.isEmpty else { return [] }
        let rowRule = analysis.constraintsUsed.first?.rule
        if let rowRule, !byRow.isEmpty {
            // Sorted, each once (no set made for the one or two scopes).
            var scope = analysis.constraintsUsed.map(\.scope).sorted()
            var kept = 0
            for i in scope.indices where kept == 0 || scope[kept - 1] != scope[i] {
                scope[kept] = scope[i]
                kept += 1
            }
            scope.removeLast(scope.count - kept)
            let what = rowRule == .r4 ? "本行总计等于各项之和" : "各组总计等于各结果之和"
            let names: MessageText =
                byRow.count == width ? "\(allColumnNames ?? columnLabels.joined(separator: "”“"))" : "\(quotedRunOf: byRow.map { columnLabels[$0] })"
            let message: MessageText = "\(table)“\(row)”按 \(rowRule.rawValue)（\(what)）读出了“\(names)”；这是读取时的假设而非核对结果，该行的 \(rowRule.rawValue) 不计为通过。"
            reading.assumptions.append(Assumption(rule: rowRule, scope: scope, cells: byRow.map { ids[$0] }, message: message.string))
        }

        // What the reading rests on, each part after a comma (no array of them joined again; the
        // row total's words a literal).
        var because = MessageText()
        if let rowRule, !byRow.isEmpty {
            because += rowRule == .r4 ? "，要求 R4（本行总计等于各项之和）成立" : "，要求 \(rowRule.rawValue)（各组总计等于各结果之和）成立"
        }
        if !byColumns.isEmpty, !columnRules.isEmpty {
            because += "，再假定表三列间勾稽关系 \(columnRules.map(\.rawValue).sorted().joined(separator: "、")) 成立"
        }
        let complete = valued.count == width
        let splits = analysis.hasSplits && (left.isEmpty || left.contains { $0.isSplit })
        let kind: Repair.Kind = splits ? .digitsSplit : .missingCellInferred
        let inserted = left.reduce(into: RowSolver.Columns()) { $0.formUnion($1.insertedAt) }
        // Nothing cut, nothing filled in (a blank cell printed last): the row is read as printed.
        if !analysis.hasSplits, inserted.isEmpty, analysis.note == nil { return [] }
        // Only named columns: a label the format gives (never an empty “”, review 10k H3).
        var missingColumns: [String] = []
        if kind == .missingCellInferred {
            missingColumns = inserted.map { columnLabels[$0] }
            missingColumns.removeAll { $0.isEmpty }
        }
        let outcome: MessageText =
            complete
            ? (count <= 1 ? "只有一种读法：\(reading: final)，已按此读取" : "各种读法结果相同：\(reading: final)，已按此读取")
            : "有 \(count) 种读法，各读法相同的 \(valued.count) 格已读取（\(reading: final)，? 为无法确定），其余 \(width - valued.count) 格留空"
        var message: MessageText
        if kind == .digitsSplit {
            message = "\(table)“\(row)”一行的数字连在一起（\(printed)）。拆成 \(width) 个数（除 0 本身外不以 0 开头）\(because)，\(outcome)。"
        } else {
            // No column named (the row's last cells simply not printed): the clause is left out.
            let missing: MessageText
            if missingColumns.isEmpty {
                missing = MessageText()
            } else if missingColumns.count == 1 {
                missing = "缺少的是“\(missingColumns[0])”列；"
            } else if missingColumns.count == width {
                missing = "缺少哪一列无法判断；"
            } else {
                missing = "缺少的是“\(quotedRunOf: missingColumns)”中的某一列；"
            }
            message = "\(table)“\(row)”一行 \(width) 列只印出 \(analysis.printedCount) 个数（\(printed)）。\(missing)假定缺的是一个数\(because)，\(outcome)；该行其余数字照印出的读取。"
        }
        if let note = analysis.note { message += "（\(note)）" }
        reading.repairs.append(
            Repair(
                kind: kind, table: table, row: row, cells: valued.map { ids[$0] }, printed: printed,
                assumedMissingColumns: missingColumns, message: message.string))
        return byColumns.map { ids[$0] }
    }

    /// The digits of `String(n)`, written in place.
    fileprivate static func appendDigits(_ n: Int, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(0x2D) }
        var rest = n.magnitude
        let start = bytes.count
        repeat {
            bytes.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    private func store(_ cell: RowCell, _ id: CellID, reason: @autoclosure () -> String, into reading: inout TableReading) {
        switch cell {
        case .count(let i): reading.cells[id] = Decimal(i)
        case .value(let n): reading.cells[id] = n
        case .blank(let why): reading.missing[id] = why
        case .unknown: reading.missing[id] = reason()
        }
    }
}

/// A message made on bytes, written like an interpolated string: a repair's message is a dozen
/// pieces, and each appended to a `String` through its general path cost more than reading the
/// row. The parts said inside it (what the reading rests on, its outcome) are made the same way
/// and copied in as bytes; the `String` is made once, at the end.
struct MessageText: ExpressibleByStringInterpolation {
    private(set) var bytes: [UInt8] = []

    init() {}

    init(stringLiteral literal: String) { bytes = Array(literal.utf8) }

    init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func += (text: inout MessageText, more: MessageText) { text.bytes += more.bytes }

    static func + (text: MessageText, more: MessageText) -> MessageText {
        var joined = text
        joined += more
        return joined
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            // Most pieces are labels and numbers of a few CJK characters.
            bytes.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: String) { appendInterpolation(literal) }

        mutating func appendInterpolation(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        /// The digits of `String(n)`.
        mutating func appendInterpolation(_ n: Int) { RowWriter.appendDigits(n, to: &bytes) }

        mutating func appendInterpolation(_ text: MessageText) { bytes += text.bytes }

        /// Names run together between quotes: `a”“b”“c` (`joined(separator: "”“")`).
        mutating func appendInterpolation(quotedRunOf names: [String]) {
            for (k, name) in names.enumerated() {
                if k > 0 { appendLiteral("”“") }
                appendInterpolation(name)
            }
        }

        /// The cells as read, `?` where undecided: `16 0 ? 0 0 0 16`.
        mutating func appendInterpolation(reading cells: [RowCell?]) {
            for i in cells.indices {
                if i > 0 { bytes.append(0x20) }
                switch cells[i] {
                case .count(let n)?: RowWriter.appendDigits(n, to: &bytes)
                case .value(let n)?: appendInterpolation(n.plain)
                case .blank?: appendLiteral("空")
                case .unknown?, nil: bytes.append(0x3F)  // ?
                }
            }
        }
    }
}
