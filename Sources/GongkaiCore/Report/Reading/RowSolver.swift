import Foundation

/// Turns the value tokens printed after a row label into the row's readings: every way of
/// reading them that the reading rules admit (see `DigitSplits`) and that keeps the row's own
/// required sums. A cell gets a value only when every admissible reading gives it that value;
/// the table readers may narrow the readings further with labelled assumptions.
enum RowSolver {
    /// How a row was read.
    enum Method: Equatable {
        /// As many cells as columns: read as printed.
        case positional
        /// Fewer pieces than columns: cut glued digits and/or placed one lost value.
        case solved
        /// Nothing readable (too many values, no admissible reading, beyond the cap).
        case unreadable
    }

    /// One admissible reading, with the columns where a lost value was placed to get it.
    struct Reading: Equatable {
        var cells: [RowCell]
        /// Columns whose value was lost in the copy (empty for a pure split).
        var insertedAt = Columns()
        var isSplit: Bool { insertedAt.isEmpty }

        /// Whether the reading keeps `sum`; nil when a cell of it is not read (lost, blank).
        func keeps(_ sum: SumConstraint) -> Bool? {
            guard let total = cells[sum.total].int else { return nil }
            var parts = 0
            for p in sum.parts {
                guard let v = cells[p].int else { return nil }
                // Counts of up to 18 digits: seven of them may not fit, and then they exceed any total.
                let (next, overflow) = parts.addingReportingOverflow(v)
                if overflow { return false }
                parts = next
            }
            return parts == total
        }
    }

    /// A set of a row's columns as bits (a row has at most 15): a reading with a lost value is
    /// made for every place the value may have been lost, and a `Set` for each cost an allocation.
    struct Columns: Equatable, Sendable {
        private var bits: UInt64 = 0

        init() {}

        init(_ column: Int) { insert(column) }

        var isEmpty: Bool { bits == 0 }

        mutating func insert(_ column: Int) {
            precondition(column >= 0 && column < 64, "a row has at most 64 columns")
            bits |= 1 << UInt64(column)
        }

        mutating func formUnion(_ other: Columns) { bits |= other.bits }

        var count: Int { bits.nonzeroBitCount }

        /// The columns in ascending order, each made into a `T` (no array of the columns first).
        func map<T>(_ transform: (Int) -> T) -> [T] {
            var out: [T] = []
            out.reserveCapacity(count)
            var rest = bits
            while rest != 0 {
                out.append(transform(rest.trailingZeroBitCount))
                rest &= rest - 1
            }
            return out
        }

        /// The columns in ascending order.
        var sorted: [Int] {
            var out: [Int] = []
            out.reserveCapacity(bits.nonzeroBitCount)
            var rest = bits
            while rest != 0 {
                out.append(rest.trailingZeroBitCount)
                rest &= rest - 1
            }
            return out
        }
    }

    struct Analysis {
        var method: Method
        /// The readings admissible under the row's constraints (one for a positional row).
        var readings: [Reading]
        /// Per cell, the value every reading gives it before any relation is applied (nil when
        /// readings differ): what the printed digits alone prove.
        var forcedWithoutRelations: [RowCell?]
        /// The values as printed: their text is made only when a message needs it (most rows
        /// are read as printed and say nothing).
        var printedTokens: [ReportToken]
        /// The values as printed, for messages.
        var printed: String { RowSolver.printedValues(printedTokens) }
        /// Why nothing could be read (method `.unreadable`).
        var problem: String?
        /// Readings before any relation: for "N possible readings" in reasons.
        var readingCount: Int
        /// The row's constraints that removed readings (so the cells they decided rest on them).
        var constraintsUsed: [SumConstraint] = []
        /// Whether some reading cuts glued digits (else the readings only place a lost value).
        var hasSplits = false
        /// How many values were printed.
        var printedCount = 0
        /// Per cell, what every admissible reading (relations included) gives it: the row's cells.
        var agreed: [RowCell?] = []
        /// Said with the repair (a number alone on its line that may be a page number).
        var note: String?
        /// The digits can be read, but no reading keeps the row's required sums.
        var breaksSums = false
    }

    /// `lonePageNumbers`: the table's rows are printed on their labels' lines (most values share
    /// a line), so a number alone on its line may be a page number even where it is the only
    /// value after a label.
    /// `valuesApart`: the table's values are printed apart (`valuesPrintedApart`), so a row
    /// printed as one run of digits lost its separators alone in the copy, and may have lost a
    /// value with them.
    static func analyze(
        _ tokens: [ReportToken], width: Int, constraints: [SumConstraint] = [],
        negativeAllowed: [Bool]? = nil, lonePageNumbers: Bool = false, valuesApart: Bool = false
    ) -> Analysis {
        // A value whose last digit may be the next row's marker (`17.` before a running page
        // header): whole, or without that digit. Both are admissible; a reading that leaves the
        // row unreadable or breaks its required sums is not, and a cell is read only where the
        // admissible ones agree — so `25、` in table 二, whose columns have no relation, stays
        // empty unless the next row's label says what the mark is.
        // A value read one way because of the words after its mark (`ReportToken.alternative`):
        // kept, unless it breaks the row's required sums and the other reading does not (R4
        // decides, and says so). When the sums cannot decide (no sum, a blank cell, a short row),
        // a reading the words make certain is kept; one they make only likely is no proof, and
        // the cells where the two readings differ stay empty.
        if let k = tokens.firstIndex(where: { $0.alternative != nil }), let alternative = tokens[k].alternative {
            // The reading the words after the mark give (certain or only likely), and the other.
            var asWordsSay = tokens
            asWordsSay[k].alternative = nil
            var other = asWordsSay
            let token = asWordsSay[k]
            switch alternative {
            case .withoutLastDigit:
                guard token.text.utf8.count > 1 else { break }
                var shorter = ReportTokenizer.valueToken(String(token.text.dropLast()), line: token.line)
                shorter.gluedToPrevious = token.gluedToPrevious
                other[k] = shorter
            case .withDigit(let digit, let joined):
                if joined {
                    var longer = ReportTokenizer.valueToken(token.text + digit, line: token.line)
                    longer.gluedToPrevious = token.gluedToPrevious
                    other[k] = longer
                } else {
                    other.insert(ReportTokenizer.valueToken(digit, line: token.line), at: k + 1)
                }
            }
            let a = analyze(
                asWordsSay, width: width, constraints: constraints, negativeAllowed: negativeAllowed, lonePageNumbers: lonePageNumbers,
                valuesApart: valuesApart)
            guard other != asWordsSay else { return a }
            let b = analyze(
                other, width: width, constraints: constraints, negativeAllowed: negativeAllowed, lonePageNumbers: lonePageNumbers,
                valuesApart: valuesApart)
            guard a.method != .unreadable, b.method != .unreadable else { return a }
            if breaks(a, constraints), !breaks(b, constraints) { return decided(b, other: a, by: constraints) }
            guard alternative.certainty == .likely else { return a }
            if breaks(b, constraints), !breaks(a, constraints) { return decided(a, other: b, by: constraints) }
            let what: String
            switch alternative {
            case .withoutLastDigit:
                what = "数字连在一起：“\(token.text)”末位的数字可能是下一行的序号（读作 \(token.text) 或 \(token.text.dropLast())）"
            case .withDigit(let digit, joined: true):
                what = "数字连在一起：“\(token.text + digit)”末位的数字可能是下一行的序号（读作 \(token.text) 或 \(token.text + digit)）"
            case .withDigit(let digit, joined: false):
                what = "“\(digit)”可能是下一行的序号，也可能是本行的数"
            }
            return undecided(a, b, problem: "\(what)，两种可能的读法不一致，本行总计也无法判断，无法确定",
                             note: "\(what)，两种读法都已考虑")
        }
        if let k = tokens.firstIndex(where: \.lastDigitMayBeMarker) {
            var whole = tokens
            whole[k].lastDigitMayBeMarker = false
            var cut = tokens
            let token = tokens[k]
            if token.text.utf8.count > 1 {
                var shorter = ReportTokenizer.valueToken(String(token.text.dropLast()), line: token.line)
                shorter.gluedToPrevious = token.gluedToPrevious
                shorter.aloneOnLine = token.aloneOnLine
                cut[k] = shorter
            } else {
                cut.remove(at: k)
            }
            let a = analyze(
                whole, width: width, constraints: constraints, negativeAllowed: negativeAllowed, lonePageNumbers: lonePageNumbers,
                valuesApart: valuesApart)
            let b = analyze(
                cut, width: width, constraints: constraints, negativeAllowed: negativeAllowed, lonePageNumbers: lonePageNumbers,
                valuesApart: valuesApart)
            if b.method == .unreadable { return a }
            if a.method == .unreadable { return b }
            // The row's required sums chose: the cells where the two readings differ rest on them.
            if breaks(b, constraints), !breaks(a, constraints) { return decided(a, other: b, by: constraints) }
            if breaks(a, constraints), !breaks(b, constraints) { return decided(b, other: a, by: constraints) }
            let mark = token.markText.isEmpty ? token.text : token.markText
            let readAs = token.text.utf8.count > 1 ? "\(token.text) 或 \(token.text.dropLast())" : "\(token.text) 或没有这个数"
            return undecided(a, b, problem: "“\(mark)”末位的数字可能是下一行的序号（读作 \(readAs)），两种读法不一致，无法确定",
                             note: "“\(mark)”末位的数字可能是下一行的序号，两种读法都已考虑")
        }
        // A row printed in cells (bars, HTML, Word) with fewer cells than columns and a cell of
        // several digits (`| （一）予以公开 | 6100108 ||`, `<td>3125</td>`): the cell may hold
        // several values glued together as well as one, so the cut readings of a glued text row
        // are admissible too (review 10h H1) — and so are the cells as printed, the missing
        // ones lost (the total among them: no sum can rule that reading out). A cell is read only
        // where both ways agree. (Letting a cut that keeps the total win made a row that had only
        // lost its last cells, `| 总计 | 67 | 20 | 36 | 130 | 82 |`, read 6 7 20 36 13 0 82 with
        // false R1/R2 errors: review 10i H1.)
        if let asText = cellsAsText(tokens, width: width) {
            // The row's only value may be one run of digits in its cell (`| 四、结转… | 0070209 |`,
            // `<td>0070209</td>` alike since review 10l H2): its digits glued, and its last cells
            // possibly lost as well — read like every short row in cells, the loss among its readings.
            let cells = analyzeRow(tokens, width: width, constraints: constraints, negativeAllowed: negativeAllowed)
            let cut = analyzeRow(asText, width: width, constraints: constraints, negativeAllowed: negativeAllowed, fromCells: true)
            let printed = cells.printed
            guard cut.method != .unreadable else {
                var none = cut
                none.problem = "本行按单元格印出，只有 \(tokens.filter { $0.kind != .empty }.count) 格，其中的数字可能是几个数连在一起（\(printed)），无法确定"
                return none
            }
            let shortRow = "本行按单元格印出，只有 \(cells.printedCount) 格"
            var merged = undecided(
                cells, cut, problem: "\(shortRow)，其中的数字可能是几个数连在一起（\(printed)），几种读法不一致，无法确定",
                note: "\(shortRow)：单元格中的数字可能是几个数连在一起，各种读法都已考虑")
            mergeCutWithTailLost(&merged, asText, width: width, constraints: constraints, negativeAllowed: negativeAllowed)
            if merged.agreed.contains(where: { $0 == nil }), merged.problem == nil {
                merged.problem = "\(shortRow)，其中的数字可能是几个数连在一起（\(printed)），几种读法不一致，无法确定"
            }
            return merged
        }
        // A number alone on its line after a row printed on its label's line may be the row's
        // last value wrapped, or a page number: both are admissible, and a cell is read only
        // when both readings give it the same value. (In a one-cell-per-line copy every value
        // is alone on its line, and none is taken for a page number.)
        let anchored = tokens.contains { $0.isValue && $0.kind != .empty && !$0.aloneOnLine }
        guard anchored || lonePageNumbers, tokens.contains(where: \.aloneOnLine),
            !isPrintedOneALine(tokens, width: width, negativeAllowed: negativeAllowed)
        else {
            return analyzeRow(tokens, width: width, constraints: constraints, negativeAllowed: negativeAllowed, valuesApart: valuesApart)
        }
        let with = analyzeRow(tokens, width: width, constraints: constraints, negativeAllowed: negativeAllowed, valuesApart: valuesApart)
        let without = analyzeRow(
            tokens.filter { !$0.aloneOnLine }, width: width, constraints: constraints, negativeAllowed: negativeAllowed, valuesApart: valuesApart)
        let lone = tokens.filter(\.aloneOnLine).map { "“\($0.text)”" }.joined(separator: "、")
        if with.method == .unreadable { return without }
        // Taking the lone number in as printed must keep the row's required sums to be admissible.
        // So must the cut readings: when none of them keeps it (a complete glued row, then a page
        // number), the lone number is not the row's, and the row is read without it — unless the
        // row breaks its sums without it as well (then only what both agree on is read).
        if breaks(with, constraints), with.method == .positional || (without.method != .unreadable && !breaks(without, constraints)) {
            var only = without
            if only.method == .solved { only.note = "单独成行的 \(lone) 若算作本行的数，本行总计不等于各项之和，按页码处理" }
            return only
        }
        // Only the reading that takes the lone number in reads the row at all. That is no proof
        // it belongs to the row (a printed blank leaves a row short too): it is kept only when
        // every such reading keeps the row's required sums.
        if without.method == .unreadable {
            guard !constraints.isEmpty, !with.readings.isEmpty, with.readings.allSatisfy({ satisfies($0.cells, constraints) }) else {
                var none = without
                none.note = "单独成行的 \(lone) 可能是页码：不计入时本行无法读出，计入时本行总计不等于各项之和，无法确定"
                return none
            }
            return with
        }
        var merged = both(with, without)
        if merged.agreed.contains(where: { $0 == nil }) {
            merged.problem = "单独成行的 \(lone) 可能是页码，也可能是本行的数（\(with.printed)）；两种读法不一致，无法确定"
        }
        merged.note = "单独成行的 \(lone) 可能是页码，两种读法都已考虑"
        return merged
    }

    /// A row printed one value a line — its label's line holds none, then one value for each of
    /// its three columns or more, each the only word of its line, a signed one among them in a
    /// column that may be negative (`行政处罚` / `157` / `-12` / `1465`, 2019 本年增/减, in a table
    /// whose other rows are printed on their labels' lines): its lone numbers are its cells
    /// (review 13 M1: the row was read without them, "只读到 1 个值"). Lone plain numbers prove
    /// nothing — a blank row followed by a footer's `3` / `9` (page 3 of 9, review 17) — and nor
    /// does a short row's signed one (a footer `-3`, review 18), or one in a column that cannot be
    /// negative: such rows are weighed as before.
    private static func isPrintedOneALine(_ tokens: [ReportToken], width: Int, negativeAllowed: [Bool]?) -> Bool {
        guard width >= 3, let negativeAllowed, negativeAllowed.count == width else { return false }
        var column = 0, pageNumberLike = 0, signedInItsColumn = false
        for t in tokens where t.isValue {
            guard t.ownLine, column < width else { return false }
            if t.aloneOnLine { pageNumberLike += 1 }
            if case .number(let n) = t.kind, n < 0 || t.text.hasPrefix("+") || t.text.hasPrefix("增") {
                guard negativeAllowed[column] else { return false }
                signedInItsColumn = true
            }
            column += 1
        }
        return column == width && pageNumberLike >= 1 && signedInItsColumn
    }

    /// How many ways the printed values read as fewer numbers than the row's columns — the
    /// others lost or left blank in the copy (`256` as one value of a three-column row, its other
    /// cells blank): each such reading leaves every cell possibly blank, so where one exists no
    /// cut of the digits is forced (review 10i H2). Saturating; 0 when none exists (`000`, `007`:
    /// no number has a leading zero, so only the full cut reads them).
    static func fewerValueReadings(_ tokens: [ReportToken], width: Int, negativeAllowed: [Bool]? = nil) -> Int {
        let printed = tokens.filter { $0.kind != .empty }
        guard !printed.isEmpty, printed.count < width else { return 0 }
        // A lost cell may be any column: a sign is allowed wherever some column allows one (more
        // readings, never fewer).
        let signs = (negativeAllowed ?? []).contains(true)
        var count = 0
        for units in unitAlternatives(printed, negative: signs) {
            let graph = DigitSplits.Graph(units)
            for m in printed.count..<width {
                let raw = DigitSplits.unconstrained(graph, width: m, negativeAllowed: Array(repeating: signs, count: m))
                count = count &+ raw.count
            }
        }
        return count
    }

    /// The row left unread: the cut readings and `others` readings with fewer values disagree on
    /// every cell, so no cell is read; `problem` says why.
    static func undetermined(_ analysis: Analysis, others: Int, problem: String) -> Analysis {
        var out = analysis
        out.method = .solved
        out.readings = []
        out.forcedWithoutRelations = Array(repeating: nil, count: analysis.agreed.count)
        out.agreed = out.forcedWithoutRelations
        out.readingCount = analysis.readingCount &+ others
        out.constraintsUsed = []
        out.problem = problem
        out.note = nil
        return out
    }

    /// `chosen`, kept because `other` breaks the row's sums: the cells where they differ were read
    /// by assuming those sums (named as such, and not counted as passed for the row).
    private static func decided(_ chosen: Analysis, other: Analysis, by constraints: [SumConstraint]) -> Analysis {
        var out = chosen
        let differing = out.agreed.indices.filter { other.agreed[$0] != out.agreed[$0] }
        guard !differing.isEmpty else { return out }
        out.method = .solved
        for i in differing { out.forcedWithoutRelations[i] = nil }
        if out.readings.isEmpty { out.readings = [Reading(cells: out.agreed.map { $0 ?? .unknown })] }
        out.constraintsUsed = constraints
        return out
    }

    /// Two readings of a mark, both admissible and the sums deciding nothing: a cell is read only
    /// where both agree; the others are left empty with `problem`.
    private static func undecided(_ a: Analysis, _ b: Analysis, problem: String, note: String) -> Analysis {
        var merged = both(a, b)
        if merged.agreed.contains(where: { $0 == nil }) { merged.problem = problem }
        // Said with a repair only where the row was cut or completed; a row read as printed
        // either way says it in the reason of the cells left empty.
        if a.method != .positional || b.method != .positional {
            merged.note = note
        } else {
            merged.method = .positional
            merged.readings = [Reading(cells: merged.agreed.map { $0 ?? .blank(merged.problem ?? "无法确定") })]
        }
        return merged
    }

    /// A row printed in cells, short of its columns, with a cell of two digits or more: its
    /// tokens as the words of a text row (so its digits may be cut); nil for any other row.
    private static func cellsAsText(_ tokens: [ReportToken], width: Int) -> [ReportToken]? {
        guard let first = tokens.first, first.wholeCell, tokens.allSatisfy(\.wholeCell) else { return nil }
        // A row with a cell for each column is read as printed (blank cells included).
        guard tokens.count < width else { return nil }
        // A signed cell (`-1195`, `减1195`, `+1195`: 2019 本年增/减) is the same evidence: its digits
        // may be the change and the next cell glued (−1 and 195), whatever the sign (review 10k H3).
        let glued = tokens.contains { t in
            let utf8 = t.text.utf8
            if t.kind != .empty, utf8.count > 1, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
            return isSigned(t) && (signedDigits(t.text)?.1.count ?? 0) > 1
        }
        guard glued else { return nil }
        return tokens.map { t in
            var word = t
            word.wholeCell = false
            return word
        }
    }

    /// A row printed in cells, short of its columns, with glued digits: besides the cells as
    /// printed (the last ones lost) and the full cut (none or one lost), the digits may be cut
    /// into any count of values in between with the rest lost at the end (`| 25 | 29 | 00 | 1 |`
    /// is … 25 29 0 0 1 with two cells lost after it). Those readings are admissible too, so a
    /// cell is read only where they agree as well (review 10j H3: the `00` taken as one blank
    /// cell put the values after it one column early). A sum whose cells are all read still
    /// has to hold; one with a lost cell constrains nothing. The readings are listed for the
    /// column relations when there are few, else the row takes part with what is agreed.
    private static func mergeCutWithTailLost(
        _ merged: inout Analysis, _ tokens: [ReportToken], width: Int, constraints: [SumConstraint], negativeAllowed: [Bool]?
    ) {
        let printed = tokens.filter { $0.kind != .empty }
        guard printed.count + 1 < width else { return }
        let negative = negativeAllowed ?? noneNegative(width)
        var extra: [Reading]? = []
        var any = false
        for units in unitAlternatives(printed, negative: negative.contains(true)) {
            let graph = DigitSplits.Graph(units)
            // m values read, width - m lost at the end (m = width - 1 is among the cut's readings
            // only for some rows: counted here as well).
            for m in (printed.count + 1)..<width {
                let shifted = Array(negative.prefix(m))
                let raw = DigitSplits.unconstrained(graph, width: m, negativeAllowed: shifted)
                guard raw.count > 0 else { continue }
                let pad = [RowCell?](repeating: nil, count: width - m)
                meet(&merged.forcedWithoutRelations, raw.forced + pad)
                merged.readingCount = merged.readingCount &+ raw.count
                let kept = constraints.filter { c in c.total < m && c.parts.allSatisfy { $0 < m } }
                guard
                    let solved = DigitSplits.constrained(
                        units, width: m, negativeAllowed: shifted, constraints: kept, rawCount: raw.count, graph: graph)
                else {
                    // Too many to check: none is ruled out, and none is listed.
                    any = true
                    meet(&merged.agreed, raw.forced + pad)
                    extra = nil
                    continue
                }
                guard solved.count > 0 else { continue }
                any = true
                meet(&merged.agreed, solved.forced + pad)
                if let list = solved.listed, extra != nil {
                    extra? += list.map { Reading(cells: $0 + Array(repeating: RowCell.unknown, count: width - m)) }
                } else {
                    extra = nil
                }
            }
        }
        guard any else { return }
        merged.method = .solved
        if let extra, !merged.readings.isEmpty, merged.readings.count + extra.count <= DigitSplits.readingLimit {
            merged.readings += extra.filter { !merged.readings.contains($0) }
        } else {
            merged.readings = []
        }
        merged.breaksSums = false
    }

    /// Whether no reading of the row keeps its required sums.
    private static func breaks(_ a: Analysis, _ constraints: [SumConstraint]) -> Bool {
        a.method == .positional ? !constraints.isEmpty && !satisfies(a.readings[0].cells, constraints) : a.breaksSums
    }

    /// Two ways of taking what was printed, both admissible: a cell is read only where both agree.
    private static func both(_ a: Analysis, _ b: Analysis) -> Analysis {
        // Said in the words of the reading that solved the row (a positional one has no counts).
        var merged = a.method == .positional ? b : a
        merged.method = .solved
        var forced = a.forcedWithoutRelations
        meet(&forced, b.forcedWithoutRelations)
        merged.forcedWithoutRelations = forced
        var agreed = a.agreed
        meet(&agreed, b.agreed)
        merged.agreed = agreed
        merged.readings = a.readings.isEmpty || b.readings.isEmpty ? [] : a.readings + b.readings.filter { !a.readings.contains($0) }
        merged.readingCount = a.readingCount &+ b.readingCount
        merged.constraintsUsed = a.constraintsUsed.isEmpty ? b.constraintsUsed : a.constraintsUsed
        merged.hasSplits = a.hasSplits || b.hasSplits
        merged.breaksSums = a.breaksSums && b.breaksSums
        return merged
    }

    /// Whether a table's rows are printed on their labels' lines: most values share their line.
    /// (In a copy with one cell per line every value is alone, and none is a page number.)
    static func lonePageNumbers(_ tokens: [ReportToken]) -> Bool {
        var alone = 0, shared = 0
        for t in tokens where t.isValue && t.kind != .empty { if t.aloneOnLine { alone += 1 } else { shared += 1 } }
        return shared > alone
    }

    /// Whether a table's values are printed apart — a tab, a space or a line between two values —
    /// more often than glued to their labels. A row printed as one run of digits then lost its
    /// separators alone in the copy, and may have lost a value with them (review 10n H1). In a
    /// copy that lost every separator (the glued tables) each row's run is glued to its
    /// label and no value is apart: there the run is taken as the row's values, none lost.
    static func valuesPrintedApart(_ tokens: [ReportToken]) -> Bool {
        var apart = 0, glued = 0
        var afterValue = false
        for t in tokens where t.kind != .empty {
            if t.isValue {
                if t.gluedToLabel { glued += 1 } else if afterValue, !t.gluedToPrevious { apart += 1 }
            }
            afterValue = t.isValue
        }
        return apart > glued
    }

    /// One row's tokens, every token taken as printed. `fromCells`: the cells of a short row printed
    /// in cells, taken as words to cut (their own readings, the last cells lost, are weighed by the
    /// caller).
    private static func analyzeRow(
        _ tokens: [ReportToken], width: Int, constraints: [SumConstraint], negativeAllowed: [Bool]?, fromCells: Bool = false,
        valuesApart: Bool = false
    ) -> Analysis {
        var values = expandGluedMinus(tokens, keep: negativeAllowed?.contains(true) ?? false)
        // A row printed in cells (bars, HTML, Word): each cell is one value, never glued ones, and
        // a cell printed `06` is no count.
        let structured = values.contains { $0.kind != .empty } && values.allSatisfy(\.wholeCell)
        if structured {
            values = values.map { t in
                guard case .number = t.kind, t.text.utf8.count > 1, t.text.utf8.first == 48, t.text.utf8.dropFirst().first != 46 else { return t }
                var zero = ReportToken(kind: .digits, text: t.text, line: t.line)
                zero.wholeCell = true
                return zero
            }
        }
        // A number printed with a leading zero (`06`) is no count: the digits are glued cells,
        // never read as printed.
        let leadingZero = values.contains { t in
            guard case .number = t.kind, t.text.utf8.count > 1, t.text.utf8.first == 48 else { return false }
            return t.text.utf8.dropFirst().first != 46  // `0.5` is a decimal
        }
        // Positional: as many cells as columns, blanks included (tab- or bar-separated text, HTML,
        // Word); blank cells after the row's last column are nothing.
        if !leadingZero {
            if values.count == width { return positional(values) }
            if values.count > width, values[width...].allSatisfy({ $0.kind == .empty }) { return positional(Array(values[..<width])) }
        }
        // A blank cell printed after the values: if a value is missing at the end, it is this blank.
        var trailingBlank = false
        while let last = values.last, last.kind == .empty { values.removeLast(); trailingBlank = true }
        // Blank cells inside a row printed in cells keep their place.
        // (Filtered only when there is a blank: most rows have none, and the copy is then the same.)
        let printed = structured || !values.contains(where: { $0.kind == .empty }) ? values : values.filter { $0.kind != .empty }
        if printed.count == width, !leadingZero { return positional(printed) }
        // Made past the rows read as printed (most rows).
        let negative = negativeAllowed ?? noneNegative(width)
        // Made only for a message.
        var printedText: String { printedValues(printed) }
        if printed.isEmpty {
            let blank = Array(repeating: RowCell.blank("空白"), count: width)
            var analysis = Analysis(
                method: .positional, readings: [Reading(cells: blank)], forcedWithoutRelations: blank, printedTokens: [], readingCount: 1)
            analysis.agreed = blank
            return analysis
        }
        if printed.count > width {
            return unreadable("读到 \(printed.count) 个值（\(printedText)），多于 \(width) 列，无法确定对应关系", printed: printed, width: width)
        }
        // Numbers printed with a separator between them (tab, space, each on its own line) are never
        // cut into several (review 10k H2). A text row with two or more such numbers, short of its
        // columns by two or more, and no glued run — no value glued to its label or to the value
        // before it, none that is no one number (`073`) or longer than four digits — lost values in
        // the copy, and which columns lost them is unknown: the lost cells may lie at any separator
        // or end, every column is unknown in some such reading, and so no cell is forced
        // (`（七）总计 145 91 0 17 73`, 43 and 369 lost, was cut into the one reading that kept its
        // total, 1 45 9 1 0 17 73, with false R1/R2 errors). One value short is read as before: the lost value is placed at each
        // separator and completed from the row's total, beside the cut readings.
        if !structured, !fromCells, printed.count >= 2, printed.count + 2 <= width, !printed.contains(where: showsGlue) {
            let empty = [RowCell?](repeating: nil, count: width)
            var analysis = Analysis(
                method: .solved, readings: [], forcedWithoutRelations: empty, printedTokens: printed,
                problem: "本行印出 \(printed.count) 个数（\(printedText)），数与数之间有分隔，不拆开；比 \(width) 列少 \(width - printed.count) 个，"
                    + "是复制时丢了数，丢在哪几列无法确定",
                readingCount: 0, printedCount: printed.count)
            analysis.agreed = empty
            return analysis
        }

        // Split readings: over every way of taking a glued minus as a sign or as a marker.
        var rawForced: [RowCell?]? = nil
        var rawCount = 0
        var agreed: [RowCell?]? = nil
        var admissible = 0
        var listed: [[RowCell]]? = []
        var capped = false
        // Each number takes a digit at least: with fewer digits than columns no alternative cuts
        // into a reading, and its units are not even made (a row printed apart and short of a
        // value, `16 0 0 0 0 16` for seven columns). Told from the tokens where no glued minus
        // gives a second alternative.
        let tooFewDigits =
            !structured && !printed.contains(where: \.minusGluedToDigits) && printed.reduce(0, { $0 + unitLength($1) }) < width
        let alternatives: [[RowUnit]] =
            tooFewDigits
            ? [] : structured ? [printed.map { RowUnit.fixed(cell($0)) }] : unitAlternatives(printed, negative: negative.contains(true))
        for units in alternatives {
            // Each number takes a digit at least (a fixed unit one cell): fewer digits than columns
            // cut into no reading, and the graph is not made (a row printed apart and short of a
            // value, `0 0 0 0 0 0` for seven columns).
            guard units.reduce(0, { $0 + $1.length }) >= width else { continue }
            let graph = DigitSplits.Graph(units)
            let raw = DigitSplits.unconstrained(graph, width: width, negativeAllowed: negative)
            guard raw.count > 0 else { continue }
            rawCount = rawCount &+ raw.count
            meet(&rawForced, raw.forced)
            guard !constraints.isEmpty else { continue }
            // Every cell already proved by the digits: the relations have nothing to decide.
            if raw.count == 1 {
                let only = raw.forced.map { $0 ?? .unknown }
                if satisfies(only, constraints) {
                    admissible += 1
                    meet(&agreed, raw.forced)
                    listed?.append(only)
                }
                continue
            }
            guard let solved = DigitSplits.constrained(units, width: width, negativeAllowed: negative, constraints: constraints, rawCount: raw.count,
                                                          graph: graph) else {
                capped = true
                continue
            }
            guard solved.count > 0 else { continue }
            admissible = admissible &+ solved.count
            meet(&agreed, solved.forced)
            if let list = solved.listed { listed?.append(contentsOf: list) } else { listed = nil }
        }

        // A glued text row short of its columns by two or more may have lost a value in the copy
        // at an end, at a separator or between two digits of a run, the rest cut: those readings
        // are admissible whenever the row's sums allow them (the lost cell completed from them,
        // never below 0), also when some cut into every column keeps the sums by chance (review
        // 10m H1: `0 0 0 0 011`, printed 0 0 11 0 0 0 11, has the cut 0 0 0 0 0 1 1 keeping R4, and
        // was read so; 0 0 ? 0 0 0 11 with ? = 11 is as admissible). A cell is read only where they
        // agree with the cuts; the column relations may still choose among the listed readings.
        // (When no cut keeps the sums, the readings below weigh the lost value.) A row of one run
        // keeps its cut (an assumption of the reading, see docs) — unless the table's other values
        // are printed apart: then this row's copy lost its separators alone, and may have lost a
        // value with them, at an end or between two digits of the run (review 10n H1:
        // `（一）予以公开<tab>0000029`, printed 0 0 0 29 0 0 29, was read 社会公益组织 0). A run
        // glued to its label lost the row's every separator, as the issue defines a glued row: its
        // cut stands (as in table 二).
        let loneRun = valuesApart && printed.count == 1 && !printed[0].gluedToLabel && printed[0].text.utf8.count > 1
        var cutsAgreed: [RowCell?]?
        var lostAdmissible = 0
        if !structured, !fromCells, !constraints.isEmpty, printed.count >= 2 || loneRun, printed.count + 2 <= width, admissible > 0 || capped {
            let none = [RowCell?](repeating: nil, count: width)
            cutsAgreed = zip(rawForced ?? none, agreed ?? none).map { raw, agreed in raw ?? agreed }
            let lost = innerLostReadings(printed, width: width, negative: negative, ends: true, insideOneRun: loneRun)
            if lost.count > 0, let lostForced = lost.forced {
                meet(&rawForced, lostForced)
                if let list = lost.listed {
                    for vector in list {
                        guard let p = vector.firstIndex(of: .unknown) else { continue }
                        var filled = vector
                        if let completed = fill(vector, at: p, constraints) {
                            filled = completed
                        } else if let c = constraints.first(where: { $0.total == p || $0.parts.contains(p) }),
                            (c.parts + [c.total]).allSatisfy({ $0 == p || vector[$0].number != nil })
                        {
                            continue  // the printed parts exceed the printed total: no room for the lost value
                        }
                        guard satisfies(filled, constraints) else { continue }
                        lostAdmissible += 1
                        meet(&agreed, known: filled)
                        listed?.append(filled)
                    }
                } else {
                    // Too many to check against the sums: none is ruled out, none is listed.
                    lostAdmissible = lost.count
                    meet(&agreed, lostForced)
                    listed = nil
                }
                admissible = admissible &+ lostAdmissible
                if (listed?.count ?? 0) > DigitSplits.readingLimit { listed = nil }
            }
        }

        // Readings with one lost value: a row printed with one value fewer than its columns. The
        // value may have been lost at a separator or an end of the row, not inside a glued word,
        // and a signed value (增/减) only stands in a column that may be negative.
        var inserted: [Reading] = []
        var insertedRaw = 0
        // The admissible readings with a lost value, each counted (`inserted` keeps each reading once).
        var insertedCount = 0
        if printed.count == width - 1 {
            let cells = printed.map(cell)
            let anySigned = printed.contains(where: isSigned)
            // One vector for every place of the lost value, made again only after it was kept in a
            // reading (a row of zeros reads the same wherever its zero was lost: one is kept).
            var vector: [RowCell] = []
            vector.reserveCapacity(width)
            for p in 0..<width {
                guard p == 0 || p == printed.count || !printed[p].gluedToPrevious else { continue }
                vector.removeAll(keepingCapacity: true)
                for (i, c) in cells.enumerated() {
                    if i == p { vector.append(.unknown) }
                    vector.append(c)
                }
                if p == cells.count { vector.append(.unknown) }
                let signsFit = !anySigned || printed.indices.allSatisfy { i in !isSigned(printed[i]) || negative[i < p ? i : i + 1] }
                guard signsFit else { continue }
                insertedRaw += 1
                if p == printed.count, trailingBlank {
                    // The missing last value is the blank cell printed there: read as blank, never
                    // filled in from the row's total.
                    vector[p] = .blank("空白")
                    meet(&rawForced, plain: vector)
                    if satisfies(vector, constraints) {
                        insertedCount += 1
                        inserted.append(Reading(cells: vector))
                    }
                    continue
                }
                // Before any relation, the lost cell is unknown and the others are as printed.
                meet(&rawForced, known: vector)
                if complete(&vector, at: p, constraints), satisfies(vector, constraints) {
                    insertedCount += 1
                    // The same reading from another place of the lost value: that place added to it
                    // (as the readings are merged below), no copy of it kept.
                    if let i = inserted.firstIndex(where: { !$0.isSplit && $0.cells == vector }) {
                        inserted[i].insertedAt.formUnion(Columns(p))
                    } else {
                        inserted.append(Reading(cells: vector, insertedAt: Columns(p)))
                    }
                }
            }
        }
        var structuredShort: String?
        // A row printed in cells with fewer cells than columns (a Markdown row, an HTML row): its
        // last cells may simply not be there. That reading is admissible too, so a value lost
        // elsewhere and completed from the row's total is never read unless every reading agrees.
        if structured, printed.count < width, !(trailingBlank && printed.count == width - 1) {
            var vector = printed.map(cell)
            vector += Array(repeating: RowCell.blank("本行只印出 \(printed.count) 格，此格空缺"), count: width - printed.count)
            insertedRaw += 1
            meet(&rawForced, plain: vector)
            if satisfies(vector, constraints) {
                insertedCount += 1
                inserted.append(Reading(cells: vector))
            }
            structuredShort = "本行按单元格印出，只有 \(printed.count) 格：也可能是最后 \(width - printed.count) 格本来就空着"
        }
        let totalRaw = rawCount &+ insertedRaw

        let forced = rawForced ?? Array(repeating: nil, count: width)
        var analysis = Analysis(
            method: .solved, readings: [], forcedWithoutRelations: forced, printedTokens: printed,
            readingCount: totalRaw, hasSplits: rawCount > 0, printedCount: printed.count)
        analysis.note = structuredShort
        analysis.agreed = forced
        guard totalRaw > 0 else {
            return unreadable(noReadingReason(printed, width: width, constrained: false), printed: printed, width: width)
        }
        // No relation: what the digits alone prove is the whole answer; nothing to list.
        if constraints.isEmpty { return analysis }
        if capped {
            // The general search would run away: keep only what the digits alone prove.
            analysis.problem = "数字连在一起（\(printedText)），可能的读法超过上限，未逐一核对"
            return analysis
        }
        for r in inserted { meet(&agreed, known: r.cells) }
        admissible += insertedCount
        analysis.readingCount = admissible
        analysis.constraintsUsed = constraints
        guard admissible > 0 else {
            // No reading keeps the row's sum: the printed row itself breaks it. What the digits
            // prove is still read (and the sum check will say the row does not add up).
            analysis.problem = noReadingReason(printed, width: width, constrained: true)
            analysis.breaksSums = true
            // Digits cut to fill every column (`1230120` for seven: 1 2 3 0 1 2 0) that then break
            // the row's sums are as well explained by a value lost at an end of the row in the copy
            // (12 3 0 1 2 0, the total lost): a reading that only the missing value forced is no
            // proof. The readings with one value lost at either end are admissible too, and a cell
            // is read only where they all agree — so no sum is said to be broken on a doubtful
            // reading (review 10f).
            if !structured, rawCount > 0, width > 1 {
                var lostForced: [RowCell?]? = nil
                var lostCount = 0
                // A table-三 row (its total last): the full cuts, and the cuts with a value lost at
                // an end whose printed parts do not exceed the printed total, are listed, so that
                // the column relations may tell a misprint from a lost value (review 10g:
                // `（二）部分公开… 2100004` is 2 1 0 0 0 0 4 with a misprinted total, since 21 or 10
                // in the other readings break R2 in their columns; `一、本年新收… 1230120` is
                // 12 3 0 1 2 0 with the total lost, since the forced cut breaks R1). What they
                // choose rests on R1/R2, recorded as assumptions.
                let rowTotal = constraints.count == 1 && constraints[0].rule == .r4 && constraints[0].total == width - 1
                var candidates: [Reading]? = rowTotal ? [] : nil
                for units in unitAlternatives(printed, negative: negative.contains(true)) {
                    let graph = DigitSplits.Graph(units)
                    if candidates != nil {
                        let full = DigitSplits.unconstrained(graph, width: width, negativeAllowed: negative)
                        if let list = DigitSplits.constrained(
                            units, width: width, negativeAllowed: negative, constraints: [],
                            rawCount: full.count, graph: graph)?.listed
                        {
                            candidates? += list.map { Reading(cells: $0) }
                        } else {
                            candidates = nil
                        }
                    }
                    for atStart in [false, true] {
                        let shifted = atStart ? Array(negative.dropFirst()) : Array(negative.dropLast())
                        let raw = DigitSplits.unconstrained(graph, width: width - 1, negativeAllowed: shifted)
                        guard raw.count > 0 else { continue }
                        lostCount = lostCount &+ raw.count
                        meet(&lostForced, atStart ? [nil] + raw.forced : raw.forced + [nil])
                        guard candidates != nil,
                            let list = DigitSplits.constrained(
                                units, width: width - 1, negativeAllowed: shifted, constraints: [], rawCount: raw.count, graph: graph)?.listed
                        else { candidates = nil; continue }
                        for cells in list {
                            let vector = atStart ? [RowCell.unknown] + cells : cells + [.unknown]
                            if atStart, let total = vector[width - 1].int,
                                vector[1..<(width - 1)].reduce(0, { $0 + ($1.int ?? 0) }) > total
                            {
                                continue
                            }
                            candidates?.append(Reading(cells: vector))
                        }
                    }
                }
                // A value lost at an inner separator, not only at an end, the rest cut as well
                // (review 10m H1: `13 9 0 0 023`, printed 13 9 0 0 1 0 23, was read 法律服务机构 0
                // because both end readings give it 0): those readings are admissible too.
                if !fromCells, printed.count + 2 <= width {
                    let inner = innerLostReadings(printed, width: width, negative: negative, insideOneRun: loneRun)
                    if inner.count > 0, let innerForced = inner.forced {
                        lostCount = lostCount &+ inner.count
                        meet(&lostForced, innerForced)
                        if let list = inner.listed {
                            for vector in list {
                                // The lost value is no negative count: printed parts above the
                                // printed total leave no room for it.
                                if let total = vector[width - 1].int,
                                    vector[..<(width - 1)].reduce(0, { $0 + ($1.int ?? 0) }) > total
                                {
                                    continue
                                }
                                candidates?.append(Reading(cells: vector))
                            }
                        } else {
                            candidates = nil
                        }
                    }
                }
                if let lostForced {
                    var kept = forced
                    meet(&kept, lostForced)
                    analysis.forcedWithoutRelations = kept
                    analysis.agreed = kept
                    analysis.readingCount = rawCount &+ lostCount
                    analysis.problem =
                        "数字连在一起（\(printedText)），拆成 \(width) 个数没有一种符合本行总计等于各项之和；"
                        + "也可能是复制时行首、行尾或两数之间丢了一个数，各种读法不一致，无法确定"
                    if let candidates, candidates.count > 1, candidates.count <= DigitSplits.readingLimit {
                        analysis.readings = candidates
                        // The row's total decided nothing here: no cell rests on R4.
                        analysis.constraintsUsed = []
                    }
                }
            }
            return analysis
        }
        analysis.agreed = zip(forced, agreed ?? Array(repeating: nil, count: width)).map { raw, agreed in raw ?? agreed }
        if lostAdmissible > 0, let cutsAgreed, zip(cutsAgreed, analysis.agreed).contains(where: { $0 != nil && $1 == nil }) {
            analysis.problem =
                "数字连在一起（\(printedText)），拆成 \(width) 个数有符合本行总计等于各项之和的读法；"
                + "也可能是复制时行首、行尾或两数之间丢了一个数，各种读法不一致，无法确定"
        }
        if let listed {
            var readings: [Reading] = []
            for cells in listed where !readings.contains(where: { $0.cells == cells && $0.isSplit }) {
                readings.append(Reading(cells: cells))
            }
            for r in inserted {
                if let i = readings.firstIndex(where: { $0.cells == r.cells && !$0.isSplit }) {
                    readings[i].insertedAt.formUnion(r.insertedAt)
                } else {
                    readings.append(r)
                }
            }
            analysis.readings = readings
            analysis.readingCount = readings.count
        }
        return analysis
    }

    /// The readings of a text row with one value lost inside the row (between two printed values,
    /// or between two digits of a run) and the rest cut into the other columns, the lost cell
    /// `.unknown`. `forced`: what they all give each cell (nil for the lost cells); `listed`: the
    /// readings, nil beyond the caps of `DigitSplits`. `ends`: the value lost at the start or the
    /// end of the row as well. `insideOneRun`: a row printed as one run may have lost it between
    /// two of the run's digits too.
    private static func innerLostReadings(
        _ printed: [ReportToken], width: Int, negative: [Bool], ends: Bool = false, insideOneRun: Bool = false
    ) -> (forced: [RowCell?]?, count: Int, listed: [[RowCell]]?) {
        var forced: [RowCell?]? = nil
        var count = 0
        var listed: [[RowCell]]? = []
        let signed = negative.contains(true)
        // Where the value was lost: before token i (a separator), or inside token i's run of
        // digits after its k-th digit — the separators around the lost value lost as well
        // (`0 2 0` copied as `00`, review 10m's s3161).
        var places: [(Int, Int)] = ends ? [(0, 0), (printed.count, 0)] : []
        for i in printed.indices {
            if i > 0, !printed[i].gluedToPrevious { places.append((i, 0)) }
            let d = Array(printed[i].text.utf8)
            // A row that is one run keeps the readings with the value lost at an end (review 10f),
            // unless the table's other values are printed apart (review 10n H1).
            if printed.count > 1 || insideOneRun, d.count > 1, d.allSatisfy({ $0 >= 48 && $0 <= 57 }) { places += (1..<d.count).map { (i, $0) } }
        }
        for (i, k) in places {
            let run = k == 0 ? [] : Array(printed[i].text.utf8)
            let cut: [RowUnit] = k == 0 ? [.fixed(.unknown)] : [.digits(Array(run[..<k])), .fixed(.unknown), .digits(Array(run[k...]))]
            for left in unitAlternatives(Array(printed[..<i]), negative: signed) {
                for right in unitAlternatives(Array(printed[(k == 0 ? i : i + 1)...]), negative: signed) {
                    let units = left + cut + right
                    let graph = DigitSplits.Graph(units)
                    let raw = DigitSplits.unconstrained(graph, width: width, negativeAllowed: negative)
                    guard raw.count > 0 else { continue }
                    count = count &+ raw.count
                    let known = raw.forced.map { $0 == .unknown ? nil : $0 }
                    forced = forced.map { zip($0, known).map { x, y in x != nil && x == y ? x : nil } } ?? known
                    guard listed != nil,
                        let list = DigitSplits.constrained(
                            units, width: width, negativeAllowed: negative, constraints: [], rawCount: raw.count, graph: graph)?.listed,
                        listed!.count + list.count <= DigitSplits.readingLimit
                    else { listed = nil; continue }
                    listed! += list
                }
            }
        }
        return (forced, count, listed)
    }

    /// The cells of a solved row: what the digits alone prove, then what every admissible reading
    /// agrees on; with `readings`, what the readings left by the column relations agree on.
    static func cells(_ analysis: Analysis, readings: [Reading]? = nil) -> [RowCell?] {
        guard let readings, !readings.isEmpty else { return analysis.agreed }
        let agreed = agreement(readings, width: analysis.forcedWithoutRelations.count)
        return zip(analysis.forcedWithoutRelations, agreed).map { raw, agreed in raw ?? agreed }
    }

    /// The cells every reading agrees on (nil where they differ).
    static func agreement(_ readings: [Reading], width: Int) -> [RowCell?] {
        guard let first = readings.first else { return Array(repeating: nil, count: width) }
        var out: [RowCell?] = first.cells.map { Optional($0) }
        for r in readings.dropFirst() {
            for i in 0..<width { if let kept = out[i], !kept.isSame(as: r.cells[i]) { out[i] = nil } }
        }
        // In place (a second array before).
        for i in out.indices { if let kept = out[i], kept.isUnknown { out[i] = nil } }
        return out
    }

    // MARK: pieces

    /// Keeps in `a` only the cells that `b` gives the same value; a nil `a` (nothing met yet)
    /// becomes `b`. In place: this runs for every reading of every solved row.
    private static func meet(_ a: inout [RowCell?], _ b: [RowCell?]) {
        if a.count > b.count { a.removeLast(a.count - b.count) }
        for i in a.indices {
            guard let kept = a[i] else { continue }
            if let cell = b[i], kept.isSame(as: cell) { continue }
            a[i] = nil
        }
    }

    private static func meet(_ a: inout [RowCell?]?, _ b: [RowCell?]) {
        guard var x = a else { a = b; return }
        a = nil  // `x` is then the only reference: changed in place
        meet(&x, b)
        a = x
    }

    /// As `meet`, a cell `b` leaves `.unknown` (a value lost) counting as unread.
    private static func meet(_ a: inout [RowCell?]?, known b: [RowCell]) {
        guard var x = a else { a = b.map { $0.isUnknown ? nil : $0 }; return }
        a = nil
        if x.count > b.count { x.removeLast(x.count - b.count) }
        for i in x.indices {
            // Two counts (nearly every cell) compared in place: copying the cells to compare
            // them cost more than the rest of the meet.
            if case .count(let kept)? = x[i], case .count(let cell) = b[i] {
                if kept != cell { x[i] = nil }
                continue
            }
            guard let kept = x[i] else { continue }
            let cell = b[i]
            if cell.isUnknown || !kept.isSame(as: cell) { x[i] = nil }
        }
        a = x
    }

    /// As `meet`, every cell of `b` a value (`.unknown` included).
    private static func meet(_ a: inout [RowCell?]?, plain b: [RowCell]) {
        guard var x = a else { a = b.map { Optional($0) }; return }
        a = nil
        if x.count > b.count { x.removeLast(x.count - b.count) }
        for i in x.indices {
            // Two counts compared in place (see `meet(_:known:)`).
            if case .count(let kept)? = x[i], case .count(let cell) = b[i] {
                if kept != cell { x[i] = nil }
                continue
            }
            if let kept = x[i], !kept.isSame(as: b[i]) { x[i] = nil }
        }
        a = x
    }

    private static func positional(_ tokens: [ReportToken]) -> Analysis {
        // One pass (the implicit conversion of [RowCell] to [RowCell?] casts each element through
        // the runtime).
        var cells: [RowCell] = []
        var known: [RowCell?] = []
        cells.reserveCapacity(tokens.count)
        known.reserveCapacity(tokens.count)
        // By index: iterating the tokens copied each one (its strings retained and released).
        for i in tokens.indices {
            let c = cell(tokens[i])
            cells.append(c)
            known.append(c)
        }
        var analysis = Analysis(
            method: .positional, readings: [Reading(cells: cells)], forcedWithoutRelations: known, printedTokens: tokens, readingCount: 1)
        analysis.agreed = known
        return analysis
    }

    private static func unreadable(_ why: String, printed: [ReportToken], width: Int) -> Analysis {
        var analysis = Analysis(
            method: .unreadable, readings: [], forcedWithoutRelations: Array(repeating: nil, count: width),
            printedTokens: printed, problem: why, readingCount: 0)
        analysis.agreed = Array(repeating: nil, count: width)
        return analysis
    }

    private static func noReadingReason(_ printed: [ReportToken], width: Int, constrained: Bool) -> String {
        let text = printed.map(\.text).joined(separator: " ")
        if printed.count == width - 1, !printed.contains(where: { $0.text.utf8.count > 1 }) {
            return "一行 \(width) 列只读到 \(printed.count) 个值（\(text)），无法确定缺少哪几列"
        }
        return constrained
            ? "一行 \(width) 列只读到 \(printed.count) 个值（\(text)），没有一种拆分或补齐方式符合本行总计等于各项之和"
            : "一行 \(width) 列只读到 \(printed.count) 个值（\(text)），无法拆成 \(width) 个数"
    }

    /// No column negative, by width: made once (a row of table 三 or 四 made it for every read).
    private static let noNegatives: [[Bool]] = (0...16).map { Array(repeating: false, count: $0) }

    private static func noneNegative(_ width: Int) -> [Bool] {
        width < noNegatives.count ? noNegatives[width] : Array(repeating: false, count: width)
    }

    /// The values as printed, for messages: `16 0 0 （空） 16`. Made on bytes: a string grown a
    /// value at a time cost more than reading the row.
    fileprivate static func printedValues(_ tokens: [ReportToken]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.count * 4)
        for i in tokens.indices {
            if i > 0 { bytes.append(0x20) }
            if tokens[i].text.isEmpty { bytes.append(contentsOf: "（空）".utf8) } else { bytes.append(contentsOf: tokens[i].text.utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func cell(_ token: ReportToken) -> RowCell {
        switch token.kind {
        case .number(let n):
            // Most values are printed digits: read the integer from them (at most 15 digits, no
            // overflow), not from the Decimal.
            let utf8 = token.text.utf8
            if !utf8.isEmpty, utf8.count <= 15 {
                var value = 0
                var digits = true
                for byte in utf8 {
                    guard byte >= 48 && byte <= 57 else { digits = false; break }
                    value = value * 10 + Int(byte - 48)
                }
                if digits { return .count(value) }
            }
            return .of(n)
        case .missingMarker: return .blank("填写为“\(token.text)”")
        case .empty: return .blank("空白")
        case .digits:
            return token.text.utf8.count <= DigitSplits.maxDigits ? .blank("数字以 0 开头（\(token.text)），无法确定") : .blank("数字过长（\(token.text)），无法读取")
        case .text, .ordinal: return .unknown
        }
    }

    /// A minus glued between digits (`1-25`) is a sign only where a column may be negative
    /// (2019 本年增/减); elsewhere it is a missing marker followed by a number.
    private static func expandGluedMinus(_ tokens: [ReportToken], keep: Bool) -> [ReportToken] {
        guard !keep, tokens.contains(where: \.minusGluedToDigits) else { return tokens }
        var out: [ReportToken] = []
        for t in tokens {
            guard t.minusGluedToDigits else { out.append(t); continue }
            out.append(ReportToken(kind: .missingMarker, text: "-", line: t.line))
            let digits = String(t.text.dropFirst())
            out.append(ReportTokenizer.valueToken(digits, line: t.line))
        }
        return out
    }

    /// Whether a printed value shows that its row lost separators: glued to its label or to the
    /// value before it, a minus between digits, digits that are no one number (`073`, a run
    /// longer than any count), or a run of more than four digits (`6100108`: as for a number
    /// alone on its line, a longer run is taken for glued values, not one count).
    private static func showsGlue(_ t: ReportToken) -> Bool {
        if t.gluedToLabel || t.gluedToPrevious || t.minusGluedToDigits || t.kind == .digits { return true }
        guard case .number = t.kind else { return false }
        let utf8 = t.text.utf8
        if utf8.count > 4, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
        return utf8.count > 1 && utf8.first == 48 && utf8.dropFirst().first != 46
    }

    /// The tokens as units for the splitter; a glued minus gives two alternatives.
    private static func unitAlternatives(_ tokens: [ReportToken], negative: Bool) -> [[RowUnit]] {
        // Only a minus glued between digits gives a second way: without one, a unit a token.
        if !tokens.contains(where: \.minusGluedToDigits) {
            var units: [RowUnit] = []
            units.reserveCapacity(tokens.count)
            for t in tokens { units.append(unit(t)) }
            return [units]
        }
        var alternatives: [[RowUnit]] = [[]]
        for t in tokens {
            let digits = Array(t.text.utf8)
            let isDigits = !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
            var options: [[RowUnit]]
            switch t.kind {
            case .number, .digits:
                if isDigits {
                    options = [[.digits(digits)]]
                } else if let (isNegative, body) = signedDigits(t.text) {
                    options = [[.signed(negative: isNegative, digits: body)]]
                    if t.minusGluedToDigits { options.append([.fixed(.blank("填写为“-”")), .digits(body)]) }
                } else {
                    options = [[.fixed(cell(t))]]
                }
            default:
                options = [[.fixed(cell(t))]]
            }
            if options.count > 1, alternatives.count >= 8 { options = [options[0]] }  // bounded
            alternatives = alternatives.flatMap { prefix in options.map { prefix + $0 } }
        }
        return alternatives
    }

    /// A token's one unit (its first alternative in `unitAlternatives`).
    private static func unit(_ t: ReportToken) -> RowUnit {
        switch t.kind {
        case .number, .digits:
            let utf8 = t.text.utf8
            if !utf8.isEmpty, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return .digits(Array(utf8)) }
            if let (isNegative, body) = signedDigits(t.text) { return .signed(negative: isNegative, digits: body) }
            return .fixed(cell(t))
        default:
            return .fixed(cell(t))
        }
    }

    /// The length of a token's one unit (`unit(t).length`), without making it.
    private static func unitLength(_ t: ReportToken) -> Int {
        switch t.kind {
        case .number, .digits:
            let utf8 = t.text.utf8
            if !utf8.isEmpty, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return utf8.count }
            if let (_, body) = signedDigits(t.text) { return body.count }
            return 1
        default:
            return 1
        }
    }

    private static func isSigned(_ token: ReportToken) -> Bool {
        guard case .number = token.kind else { return false }
        // The first scalar, on the bytes (asked of every value of a short row): `+`, `-`, or
        // 增 (E5 A2 9E) and 减 (E5 87 8F).
        var bytes = token.text.utf8.makeIterator()
        guard let first = bytes.next() else { return false }
        if first == 0x2B || first == 0x2D { return true }
        guard first == 0xE5, let second = bytes.next(), let third = bytes.next() else { return false }
        return (second == 0xA2 && third == 0x9E) || (second == 0x87 && third == 0x8F)
    }

    /// `增15` `减3` `+2` `-4` → sign and digits.
    private static func signedDigits(_ text: String) -> (Bool, [UInt8])? {
        for (prefix, negative) in [("增加", false), ("减少", true), ("增", false), ("减", true), ("+", false), ("-", true)] where text.hasPrefix(prefix) {
            let body = Array(text.dropFirst(prefix.count).utf8)
            guard !body.isEmpty, body.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return (negative, body)
        }
        return nil
    }

    /// The value of the lost cell `p` fixed by a constraint that has every other member.
    private static func fill(_ vector: [RowCell], at p: Int, _ constraints: [SumConstraint]) -> [RowCell]? {
        var filled = vector
        return complete(&filled, at: p, constraints) ? filled : nil
    }

    /// `fill` in place (a row's vector for each place of its lost value is made once, not copied
    /// again to be filled): false, and `vector` unchanged, when no constraint fixes cell `p`.
    private static func complete(_ vector: inout [RowCell], at p: Int, _ constraints: [SumConstraint]) -> Bool {
        guard let constraint = constraints.first(where: { $0.total == p || $0.parts.contains(p) }) else { return false }
        // Counts (the usual case) as integers.
        var counted = 0
        var allCounts = true
        for m in constraint.parts where m != p { if let v = vector[m].int { counted += v } else { allCounts = false; break } }
        if allCounts, p == constraint.total || vector[constraint.total].int != nil {
            let x = p == constraint.total ? counted : vector[constraint.total].int! - counted
            guard x >= 0 else { return false }
            vector[p] = .count(x)
            return true
        }
        let members = constraint.parts + [constraint.total]
        var others: Decimal = 0
        for m in constraint.parts where m != p {
            guard let v = vector[m].number else { return false }
            others += v
        }
        guard members.allSatisfy({ $0 == p || vector[$0].number != nil }) else { return false }
        let x = p == constraint.total ? others : vector[constraint.total].number! - others
        guard x >= 0 else { return false }
        vector[p] = .of(x)
        return true
    }

    static func satisfies(_ vector: [RowCell], _ constraints: [SumConstraint]) -> Bool {
        for c in constraints {
            // Counts (the usual case) as integers; Decimal arithmetic only for other numbers.
            if let total = vector[c.total].int {
                var sum = 0
                var complete = true
                for p in c.parts { if let v = vector[p].int { sum += v } else { complete = false; break } }
                if complete { if sum != total { return false } else { continue } }
            }
            guard let total = vector[c.total].number else { continue }
            var sum: Decimal = 0
            var complete = true
            for p in c.parts {
                guard let v = vector[p].number else { complete = false; break }
                sum += v
            }
            if complete, sum != total { return false }
        }
        return true
    }
}
