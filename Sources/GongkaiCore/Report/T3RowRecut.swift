import Foundation

/// Whether a table-三 row read by cutting its glued digits to keep its own total (R4) could be cut
/// otherwise so that the columns R1/R2 break through it hold. A row whose printed total is itself
/// misprinted has an invented R4 cut, and its true values — another cut of the same digits — keep
/// the column relations (review 10m H2: that reading is refuted). When no cut of its digits does,
/// the columns break because of another row (a misprint there), and the R4 reading stands with
/// the errors it shows (review 10n M1). A cut may also leave one column without digits: a blank
/// cell, which a glued copy drops without a trace (`42615121691` printed 42 6 15 12 _ 16 91, its only
/// cut of seven numbers that keeps R4 being 42 6 15 1 21 6 91, which breaks R1 in three columns;
/// review 13 H1) — only where the columns ask 0, and only by a cut that keeps the row's own total.
enum T3RowRecut {
    /// The longest number a cell is cut to (a table-三 count has at most nine digits).
    static let maxDigits = 9
    /// The cuts `cutsWithBlank` tries at most (a row of small counts needs a few hundred; hostile
    /// rows of long runs took a second and more, review 15).
    static let maxBlankSteps = 20_000

    /// `rows`: the indices of 本年新收, 上年结转, 办理结果总计 and 结转下年度 in the grid; `leaves`:
    /// the result rows that add up to 办理结果总计.
    static func holdsOtherwise(
        row: Int, brokenColumns: [Int], cells: [CellID: Decimal], grid: [[CellID]],
        rows: (newReceived: Int, carriedIn: Int, resultTotal: Int, carriedOut: Int), leaves: [Int]
    ) -> Bool {
        var digits: [UInt8] = []
        for cell in grid[row] {
            guard let value = cells[cell], value >= 0, value.isWholeNumber else { return false }
            digits += Array(value.plain.utf8)
        }
        var required: [Int: [UInt8]] = [:]
        for column in brokenColumns {
            guard let value = needed(row: row, column: column, cells: cells, grid: grid, rows: rows, leaves: leaves),
                value >= 0, value.isWholeNumber
            else { return false }
            required[column] = Array(value.plain.utf8)
        }
        return cuts(digits, into: grid[row].count, required: required)
            || cutsWithBlank(digits, into: grid[row].count, required: required)
    }

    /// The value the cell must hold for the column's relations through it to hold, the other cells
    /// as read; nil when they leave it open or ask two different values.
    static func needed(
        row: Int, column c: Int, cells: [CellID: Decimal], grid: [[CellID]],
        rows: (newReceived: Int, carriedIn: Int, resultTotal: Int, carriedOut: Int), leaves: [Int]
    ) -> Decimal? {
        func value(_ r: Int) -> Decimal? { cells[grid[r][c]] }
        var asked: [Decimal] = []
        // R1: 本年新收 + 上年结转 − 办理结果总计 − 结转下年度 = 0.
        let r1: [(row: Int, sign: Decimal)] = [(rows.newReceived, 1), (rows.carriedIn, 1), (rows.resultTotal, -1), (rows.carriedOut, -1)]
        if let own = r1.first(where: { $0.row == row })?.sign {
            var rest: Decimal? = 0
            for term in r1 where term.row != row {
                if let sum = rest, let v = value(term.row) { rest = sum + term.sign * v } else { rest = nil }
            }
            // own · x + rest = 0, own being ±1.
            if let rest { asked.append(-rest * own) }
        }
        // R2: 办理结果总计 = the result rows' sum.
        if row == rows.resultTotal || leaves.contains(row) {
            let others = leaves.filter { $0 != row }.compactMap(value)
            if others.count == leaves.filter({ $0 != row }).count {
                let sum = others.reduce(Decimal(0), +)
                if row == rows.resultTotal {
                    asked.append(sum)
                } else if let total = value(rows.resultTotal) {
                    asked.append(total - sum)
                }
            }
        }
        guard let first = asked.first, asked.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// Whether `digits` cut into `width` numbers (none with a leading zero but `0`) can give the
    /// required columns their values, the others any number.
    static func cuts(_ digits: [UInt8], into width: Int, required: [Int: [UInt8]]) -> Bool {
        // reachable[p]: the first `column` numbers can take the first p digits.
        var reachable = [Bool](repeating: false, count: digits.count + 1)
        reachable[0] = true
        for column in 0..<width {
            var next = [Bool](repeating: false, count: digits.count + 1)
            for p in 0..<digits.count where reachable[p] {
                if let want = required[column] {
                    if p + want.count <= digits.count, Array(digits[p..<(p + want.count)]) == want { next[p + want.count] = true }
                    continue
                }
                if digits[p] == 0x30 {
                    next[p + 1] = true
                    continue
                }
                for length in 1...min(maxDigits, digits.count - p) { next[p + length] = true }
            }
            reachable = next
        }
        return reachable[digits.count]
    }

    /// Whether `digits` cut into `width` numbers with one column left blank — a blank cell the copy
    /// dropped, in a column the relations require to be 0 — gives the required columns their
    /// values AND keeps the row's own total (R4: the last number the sum of the others, the blank
    /// counting 0). Unlike `cuts`, R4 is asked: a blank may stand in any column, and without the
    /// row's total to hold, some cut fits a correct row next to another row's misprint, which
    /// then lost its errors (review 14 H1). Searched column by column, at most `maxBlankSteps`
    /// cuts tried: beyond that no such cut is claimed (the reading stands, as without blanks).
    static func cutsWithBlank(_ digits: [UInt8], into width: Int, required: [Int: [UInt8]]) -> Bool {
        var steps = 0
        func fits(_ p: Int, _ length: Int, _ column: Int) -> Bool {
            if let want = required[column] { return want.count == length && digits[p..<(p + length)].elementsEqual(want) }
            return digits[p] != 0x30 || length == 1
        }
        func number(_ p: Int, _ length: Int) -> Int { digits[p..<(p + length)].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        func search(_ column: Int, _ p: Int, _ sum: Int, _ blank: Bool) -> Bool {
            steps += 1
            guard steps <= maxBlankSteps else { return false }
            let rest = digits.count - p
            if column == width - 1 {
                // The total: the digits left, or the blank (0).
                if rest == 0 { return !blank && required[column] == [0x30] && sum == 0 }
                return blank && rest <= maxDigits && fits(p, rest, column) && number(p, rest) == sum
            }
            if !blank, required[column] == [0x30], search(column + 1, p, sum, true) { return true }
            guard rest > 0 else { return false }
            for length in 1...min(maxDigits, rest) where fits(p, length, column) {
                if search(column + 1, p + length, sum + number(p, length), blank) { return true }
            }
            return false
        }
        return width > 1 && search(0, 0, 0, false)
    }
}
