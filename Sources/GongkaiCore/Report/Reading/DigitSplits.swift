import Foundation

/// A cell of one way of reading a row.
enum RowCell: Hashable, Sendable {
    /// A whole count (nearly every cell): compared and summed as an integer.
    case count(Int)
    /// Any other number: a decimal amount (12.5 万元), or a count too large for an integer.
    case value(Decimal)
    /// Printed blank or with a missing marker; the reason (空白, 填写为“/”).
    case blank(String)
    /// Not printed at all (a value lost in the copy) and fixed by no relation.
    case unknown

    /// The canonical cell of a number: `.count` when it is a whole number of safe size.
    static func of(_ n: Decimal) -> RowCell {
        if n.isWholeNumber, abs(n) < 1_000_000_000_000_000 { return .count(NSDecimalNumber(decimal: n).intValue) }
        return .value(n)
    }

    var number: Decimal? {
        switch self {
        case .count(let i): return Decimal(i)
        case .value(let n): return n
        default: return nil
        }
    }

    var int: Int? {
        if case .count(let i) = self { return i }
        return nil
    }

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// `self == other`, counts (nearly every cell) compared as integers first: the readings of a
    /// row are met cell by cell, and the general equality copies both cells to compare them.
    func isSame(as other: RowCell) -> Bool {
        if case .count(let x) = self, case .count(let y) = other { return x == y }
        return self == other
    }
}

/// `total == sum(parts)` within a row: R4 for a table-三 row, R5 for a table-四 group. These are
/// relations the format requires of the row, so readings that break them are not admissible.
struct SumConstraint: Sendable {
    let parts: [Int]
    let total: Int
    let rule: ReportRule
    /// The row or group the relation is about (a table-三 row id, a table-四 group id).
    let scope: String
}

/// One printed piece of a row as the splitter sees it.
enum RowUnit: Equatable, Sendable {
    /// A run of digits, which may hold several numbers printed without separators.
    case digits([UInt8])
    /// 增/减/+/- and a run of digits (2019 本年增/减): the first number carries the sign.
    case signed(negative: Bool, digits: [UInt8])
    /// One cell that cannot be cut: `1,234`, `12.5`, a missing marker, a blank.
    case fixed(RowCell)

    var length: Int {
        switch self {
        case .digits(let d), .signed(_, let d): return d.count
        case .fixed: return 1
        }
    }
}

/// Every way to cut a row's printed pieces into exactly `width` numbers, under the reading
/// rules: no number with a leading zero other than `0` itself, at most 15 digits a number, a
/// sign only where the column may be negative, and the row's required sums.
///
/// The pieces form a graph: node k is a position in the printed digits, an edge is one number
/// cut from there. Readings are paths that take exactly `width` edges. What every reading says
/// about a cell is found by dynamic programming over (node, cell) — and, for rows whose sums
/// are groups of adjacent cells with their total last (R4, R5), over (node, cell, running sum)
/// — without listing the readings; they are listed only when few (for the table-三 column
/// relations), so no row can make the search run away.
enum DigitSplits {
    /// No count in a report has more digits; longer pieces would overflow and are not readings.
    static let maxDigits = 15
    /// Readings listed per row at most; a row with more is read from the agreement alone.
    static let readingLimit = 512

    /// One number cut from node `from`: where it ends, its value, and whether it is the first
    /// (signed) number of a signed unit or a cell printed as is.
    struct Edge {
        let next: Int
        let value: Int
        /// Index into `Graph.fixed` for a cell printed as is (a marker, a decimal), else -1.
        let fixed: Int
        let signed: Bool
    }

    struct Graph {
        let nodes: Int
        /// The edges of node k are `list[first[k]..<first[k + 1]]`, shortest number first.
        let list: [Edge]
        let first: [Int]
        let fixed: [RowCell]

        init(_ units: [RowUnit]) {
            var list: [Edge] = []
            var first: [Int] = []
            var fixed: [RowCell] = []
            for unit in units {
                switch unit {
                case .fixed(let cell):
                    fixed.append(cell)
                    first.append(list.count)
                    list.append(Edge(next: first.count, value: 0, fixed: fixed.count - 1, signed: false))
                case .digits(let d), .signed(_, let d):
                    var negative = false
                    var isSigned = false
                    if case .signed(let neg, _) = unit { negative = neg; isSigned = true }
                    let base = first.count
                    for o in 0..<d.count {
                        first.append(list.count)
                        var value = 0
                        var l = 0
                        while o + l < d.count, l < maxDigits {
                            value = value * 10 + Int(d[o + l] - 48)
                            l += 1
                            let isFirst = isSigned && o == 0
                            list.append(Edge(next: base + o + l, value: isFirst && negative ? -value : value, fixed: -1, signed: isFirst))
                            if d[o] == 48 { break }  // a leading zero: only `0` itself
                        }
                    }
                }
            }
            first.append(list.count)
            self.nodes = first.count - 1
            self.list = list
            self.first = first
            self.fixed = fixed
        }

        func edges(_ k: Int) -> ArraySlice<Edge> { list[first[k]..<first[k + 1]] }

        func cell(_ e: Edge) -> RowCell { e.fixed >= 0 ? fixed[e.fixed] : .count(e.value) }
        /// The integer a cell holds for sums, nil for blanks and decimals.
        func int(_ e: Edge) -> Int? { e.fixed >= 0 ? fixed[e.fixed].int : e.value }
    }

    /// What every admissible reading says about each cell, and how many readings there are.
    struct Agreement {
        /// Per cell: the value every reading gives it, or nil when readings differ.
        var forced: [RowCell?]
        /// How many readings there are (saturating).
        var count: Int
        /// The readings, when there are at most `readingLimit` and they were asked for.
        var listed: [[RowCell]]?
    }

    private static func edgeAllowed(_ e: Edge, at j: Int, _ negativeAllowed: [Bool]) -> Bool { !e.signed || negativeAllowed[j] }

    /// No relation between the cells (table 二; and for tables 三 and 四, what the digits alone prove).
    static func unconstrained(_ units: [RowUnit], width: Int, negativeAllowed: [Bool]) -> Agreement {
        unconstrained(Graph(units), width: width, negativeAllowed: negativeAllowed)
    }

    static func unconstrained(_ g: Graph, width: Int, negativeAllowed: [Bool]) -> Agreement {
        let n = g.nodes, span = width + 1
        var finish = [Bool](repeating: false, count: (n + 1) * span)
        finish[n * span + width] = true
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in 0..<width {
                finish[k * span + j] = g.edges(k).contains { edgeAllowed($0, at: j, negativeAllowed) && finish[$0.next * span + j + 1] }
            }
        }
        var count = [Int](repeating: 0, count: (n + 1) * span)
        count[0] = finish[0] ? 1 : 0
        var first = [Edge?](repeating: nil, count: width)
        var agrees = [Bool](repeating: true, count: width)
        for k in 0..<n {
            for j in 0..<width where count[k * span + j] > 0 {
                let c = count[k * span + j]
                for e in g.edges(k) where edgeAllowed(e, at: j, negativeAllowed) && finish[e.next * span + j + 1] {
                    let slot = e.next * span + j + 1
                    let (sum, overflow) = count[slot].addingReportingOverflow(c)
                    count[slot] = overflow ? Int.max : sum
                    if let f = first[j] {
                        let same = f.fixed < 0 && e.fixed < 0 ? f.value == e.value : g.cell(f) == g.cell(e)
                        if !same { agrees[j] = false }
                    } else {
                        first[j] = e
                    }
                }
            }
        }
        let total = n == 0 ? (width == 0 ? 1 : 0) : count[n * span + width]
        return Agreement(forced: (0..<width).map { total > 0 && agrees[$0] ? first[$0].map(g.cell) : nil }, count: total)
    }

    /// Readings enumerated one by one at most (beyond, the dynamic programming over sums decides).
    static let enumerationLimit = 20_000

    /// The readings that keep the row's sums: their agreement, their number, and the readings
    /// themselves when there are few. `rawCount` is the number of readings without the sums.
    /// Nil when there are too many readings to enumerate and the sums are not groups of
    /// adjacent cells (rows mixing markers or signs with long glued digits): never guessed.
    static func constrained(_ units: [RowUnit], width: Int, negativeAllowed: [Bool], constraints: [SumConstraint],
                            rawCount: Int, nodeLimit: Int = 200_000, graph: Graph? = nil) -> Agreement? {
        let bareDigits = units.allSatisfy { if case .digits = $0 { return true } else { return false } }
        // One sum over the whole row with its total last (a table-三 row): choose the total first.
        if bareDigits, constraints.count == 1, constraints[0].total == width - 1, constraints[0].parts == Array(0..<(width - 1)) {
            return totalLast(graph ?? Graph(units), width: width, nodeLimit: nodeLimit)
        }
        if rawCount <= enumerationLimit {
            return enumerated(graph ?? Graph(units), width: width, negativeAllowed: negativeAllowed, constraints: constraints)
        }
        if bareDigits, let roles = groupRoles(constraints, width: width) {
            return grouped(graph ?? Graph(units), width: width, roles: roles, stateLimit: nodeLimit)
        }
        return nil
    }

    /// A row whose last cell is the sum of all the others (R4). The total is one of at most 15
    /// numbers ending the digits; for each, the others are at most as long as it and add up to
    /// it, which leaves very few ways to cut the rest — so a whole glued table 三 reads in
    /// microseconds.
    private static func totalLast(_ g: Graph, width: Int, nodeLimit: Int) -> Agreement? {
        var search = TotalLastSearch(graph: g, width: width, nodeLimit: nodeLimit)
        let n = g.nodes
        for start in 0..<n {
            for totalEdge in g.edges(start) where totalEdge.next == n {
                search.solve(totalStart: start, total: totalEdge.value)
            }
        }
        if search.nodes > nodeLimit { return nil }
        let forced: [RowCell?] = (0..<width).map { i in
            search.count > 0 && search.agrees[i] ? search.firstReading.map { .count($0[i]) } : nil
        }
        return Agreement(forced: forced, count: search.count, listed: search.list)
    }

    /// The search of `totalLast`, as a value with its buffers (no closures on the hot path).
    private struct TotalLastSearch {
        let edges: [Edge]
        let first: [Int]
        let width: Int
        var chosen: [Int]
        var count = 0
        var firstReading: [Int]? = nil
        var agrees: [Bool]
        var list: [[RowCell]]? = []
        // The current total: where it starts, its value, its length.
        var start = 0, total = 0, longest = 0
        /// Steps taken, and the most allowed: past it the row is reported unreadable.
        var nodes = 0
        let nodeLimit: Int
        /// 10^k for the bound on what the digits left can still add.
        static let powers: [Int] = (0...18).map { e in (0..<e).reduce(1) { r, _ in r * 10 } }

        init(graph: Graph, width: Int, nodeLimit: Int) {
            self.nodeLimit = nodeLimit
            edges = graph.list
            first = graph.first
            self.width = width
            chosen = [Int](repeating: 0, count: width)
            agrees = [Bool](repeating: true, count: width)
        }

        mutating func solve(totalStart: Int, total: Int) {
            start = totalStart
            self.total = total
            longest = first.count - 1 - totalStart
            let parts = width - 1
            // The parts need one digit each and at most `longest` each.
            guard start >= parts, start <= parts * longest else { return }
            chosen[parts] = total
            search(0, 0, 0)
        }

        private mutating func search(_ k: Int, _ j: Int, _ sum: Int) {
            nodes += 1
            if nodes > nodeLimit { return }
            let parts = width - 1
            if j == parts {
                guard k == start, sum == total else { return }
                record()
                return
            }
            let left = parts - j - 1  // cells still to fill after this one
            var i = first[k]
            let end = first[k + 1]
            while i < end {
                let e = edges[i]
                i += 1
                let length = e.next - k
                // Parts are no longer than the total and add up to no more than it.
                if length > longest || e.next > start { break }
                let s = sum + e.value
                if s > total { break }
                // The digits left must give one digit to each cell after this one, at most
                // `longest` each, and be able to make up what is still missing of the total.
                let rest = start - e.next
                guard rest >= left, rest <= left * longest else { continue }
                if left > 0 {
                    let longestLeft = min(longest, rest - left + 1)
                    if longestLeft < 19, total - s > left * (Self.powers[longestLeft] - 1) { continue }
                } else if s != total {
                    continue
                }
                chosen[j] = e.value
                search(e.next, j + 1, s)
            }
        }

        private mutating func record() {
            count += 1
            if let f = firstReading {
                for i in 0..<width where agrees[i] && f[i] != chosen[i] { agrees[i] = false }
            } else {
                firstReading = chosen
            }
            if list != nil {
                if count > readingLimit { list = nil } else { list!.append(chosen.map { .count($0) }) }
            }
        }
    }

    // MARK: sums over groups of adjacent cells

    enum Role { case free, part, total }

    /// Roles of the cells when every constraint is a run of adjacent parts followed by its
    /// total (R4: six parts then 总计; R5: four results then 总计, three times); else nil.
    static func groupRoles(_ constraints: [SumConstraint], width: Int) -> [Role]? {
        var roles = [Role](repeating: .free, count: width)
        for c in constraints {
            guard let first = c.parts.first, c.parts == Array(first..<(first + c.parts.count)), c.total == first + c.parts.count,
                  c.total < width, (first...c.total).allSatisfy({ roles[$0] == .free }) else { return nil }
            for p in c.parts { roles[p] = .part }
            roles[c.total] = .total
        }
        return roles
    }

    /// Dynamic programming over (node, cell, sum of the group's parts so far). Backward: the sums
    /// from which the row can still be completed (few: a total is one of at most 15 numbers cut
    /// from a node, and parts only subtract from it). Forward: the states actually reached, the
    /// values each cell takes and how many readings there are.
    private static func grouped(_ g: Graph, width: Int, roles: [Role], stateLimit: Int) -> Agreement? {
        let n = g.nodes, span = width + 1
        var states = 0
        var feasible = [[Int]](repeating: [], count: (n + 1) * span)
        feasible[n * span + width] = [0]
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: width - 1, through: 0, by: -1) {
                var out: [Int] = []
                for e in g.edges(k) {
                    let next = feasible[e.next * span + j + 1]
                    guard !next.isEmpty else { continue }
                    switch roles[j] {
                    case .part: for s in next where s >= e.value { out.append(s - e.value) }
                    case .total: if next.contains(0) { out.append(e.value) }
                    case .free: if next.contains(0) { out.append(0) }
                    }
                }
                if out.count > 1 {
                    out.sort()
                    var w = 1
                    for i in 1..<out.count where out[i] != out[w - 1] { out[w] = out[i]; w += 1 }
                    out.removeLast(out.count - w)
                }
                feasible[k * span + j] = out
                states += out.count
                if states > stateLimit { return nil }
            }
        }
        func step(_ s: Int, _ e: Edge, _ j: Int) -> Int? {
            switch roles[j] {
            case .part: return s + e.value
            case .total: return e.value == s ? 0 : nil
            case .free: return s == 0 ? 0 : nil
            }
        }
        // Forward over reached states, with counts.
        var reached = [[(sum: Int, count: Int)]](repeating: [], count: (n + 1) * span)
        if feasible[0].contains(0) { reached[0] = [(0, 1)] }
        var first = [Int?](repeating: nil, count: width)
        var agrees = [Bool](repeating: true, count: width)
        for k in 0..<n {
            for j in 0..<width where !reached[k * span + j].isEmpty {
                for (s, c) in reached[k * span + j] {
                    for e in g.edges(k) {
                        guard let s2 = step(s, e, j), feasible[e.next * span + j + 1].contains(s2) else { continue }
                        let slot = e.next * span + j + 1
                        if let i = reached[slot].firstIndex(where: { $0.sum == s2 }) {
                            let (sum, overflow) = reached[slot][i].count.addingReportingOverflow(c)
                            reached[slot][i].count = overflow ? Int.max : sum
                        } else {
                            reached[slot].append((s2, c))
                        }
                        if let f = first[j] { if f != e.value { agrees[j] = false } } else { first[j] = e.value }
                    }
                }
            }
        }
        let total = reached[n * span + width].first?.count ?? 0
        var agreement = Agreement(forced: (0..<width).map { total > 0 && agrees[$0] ? first[$0].map { .count($0) } : nil },
                                  count: total)
        guard total > 0, total <= readingLimit else { return agreement }
        // Few readings: list them, walking only states that lead to a reading.
        var list: [[RowCell]] = []
        var values = [Int](repeating: 0, count: width)
        func walk(_ k: Int, _ j: Int, _ s: Int) {
            if j == width { list.append(values.map { .count($0) }); return }
            for e in g.edges(k) {
                guard let s2 = step(s, e, j), feasible[e.next * span + j + 1].contains(s2) else { continue }
                values[j] = e.value
                walk(e.next, j + 1, s2)
            }
        }
        walk(0, 0, 0)
        agreement.listed = list
        return agreement
    }

    // MARK: enumeration

    /// Every reading, one by one (each step leads to a reading: dead ends are cut beforehand),
    /// keeping those that satisfy the sums; a sum is checked as soon as its last cell is placed.
    private static func enumerated(_ g: Graph, width: Int, negativeAllowed: [Bool], constraints: [SumConstraint]) -> Agreement {
        let n = g.nodes, span = width + 1
        var finish = [Bool](repeating: false, count: (n + 1) * span)
        finish[n * span + width] = true
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in 0..<width {
                finish[k * span + j] = g.edges(k).contains { edgeAllowed($0, at: j, negativeAllowed) && finish[$0.next * span + j + 1] }
            }
        }
        var closing = [[Int]](repeating: [], count: width)
        for (i, c) in constraints.enumerated() {
            let last = (c.parts + [c.total]).max() ?? 0
            if last < width { closing[last].append(i) }
        }
        var chosen = [Edge](repeating: Edge(next: 0, value: 0, fixed: -1, signed: false), count: width)
        var count = 0
        var first: [Edge]? = nil
        var agrees = [Bool](repeating: true, count: width)
        var list: [[RowCell]]? = []
        func same(_ a: Edge, _ b: Edge) -> Bool { a.fixed < 0 && b.fixed < 0 ? a.value == b.value : g.cell(a) == g.cell(b) }
        func holds(_ c: SumConstraint) -> Bool {
            guard let total = g.int(chosen[c.total]) else { return true }
            var sum = 0
            for p in c.parts {
                guard let v = g.int(chosen[p]) else { return true }  // a blank cannot break a sum
                sum += v
            }
            return sum == total
        }
        func search(_ k: Int, _ j: Int) {
            if j == width {
                count += 1
                if let f = first {
                    for i in 0..<width where agrees[i] && !same(f[i], chosen[i]) { agrees[i] = false }
                } else {
                    first = chosen
                }
                if list != nil {
                    if count > readingLimit { list = nil } else { list!.append(chosen.map(g.cell)) }
                }
                return
            }
            for e in g.edges(k) where edgeAllowed(e, at: j, negativeAllowed) && finish[e.next * span + j + 1] {
                chosen[j] = e
                var ok = true
                for i in closing[j] where !holds(constraints[i]) { ok = false; break }
                if ok { search(e.next, j + 1) }
            }
        }
        if finish[0] { search(0, 0) }
        let forced: [RowCell?] = (0..<width).map { i in count > 0 && agrees[i] ? first.map { g.cell($0[i]) } : nil }
        return Agreement(forced: forced, count: count, listed: list)
    }
}
