import Foundation

/// Narrows the readings of table-三 rows that are still ambiguous after their own row total
/// (R4) by assuming the column relations R1 and R2 hold. What this decides rests on those
/// assumptions: the caller records which relations were used for which cells, and those
/// relations are not then reported as checks that passed.
///
/// Each relation is one linear equation over one column (R1: 本年新收 + 上年结转 − 总计 −
/// 结转下年度 = 0; R2: Σ result rows − 总计 = 0). A reading of a row survives a relation when
/// some choice of readings of the other rows satisfies it (partial sums forward and backward);
/// the relations are applied in turn until nothing changes. Sound under the assumption that
/// the relations hold: the printed reading is never removed from a consistent table.
enum ColumnRelations {
    /// A column relation: Σ sign × row value = 0 in one column; rows by their index in the schema.
    struct Relation {
        let rule: ReportRule
        let column: Int
        let members: [(row: Int, sign: Int)]
    }

    struct Outcome {
        /// The readings left for every row (by schema index).
        var readings: [[RowSolver.Reading]?]
        /// The relations that removed a reading (rule and column index), in a stable order.
        var used: [(rule: ReportRule, column: Int)]
    }

    /// Partial sums kept per relation before giving up on it (the relation then narrows nothing).
    static let sumLimit = 4_096

    private static let relationCache: [ReportFormatVersion: [Relation]] = [.v2019: relations(.v2019), .v2021: relations(.v2021)]

    static func relations(_ schema: ReportSchema) -> [Relation] {
        let index = Dictionary(uniqueKeysWithValues: schema.t3Rows.enumerated().map { ($1.id, $0) })
        let leaves = schema.t3Rows.indices.filter { schema.t3Rows[$0].isResultLeaf }
        let total = index["result_total"]!
        return (0..<schema.t3Columns.count).flatMap { c in [
            Relation(rule: .r1, column: c, members: [(index["new_received"]!, 1), (index["carried_over_in"]!, 1), (total, -1), (index["carried_over_out"]!, -1)]),
            Relation(rule: .r2, column: c, members: leaves.map { ($0, 1) } + [(total, -1)]),
        ] }
    }

    /// `domains[i]` holds the readings of schema row i, nil when the row was not found (a row not
    /// read is free, so relations through it narrow nothing). Nil when nothing is ambiguous,
    /// nothing was narrowed, or the assumptions contradict each other.
    static func narrow(_ domains: [[RowSolver.Reading]?], schema: ReportSchema) -> Outcome? {
        guard domains.contains(where: { ($0?.count ?? 0) > 1 }) else { return nil }
        var readings = domains
        let all = relationCache[schema.version]!
        // Only relations through an ambiguous row can narrow anything.
        let ambiguous = domains.map { ($0?.count ?? 0) > 1 }
        // A relation that no combination of readings satisfies is broken in the report itself:
        // it is not assumed (the cross-checks will say so where the cells are read).
        // So is one that only readings leaving its column unknown (a value lost in the copy) could
        // satisfy: the readings with the column's value printed all break it (review 10g: a glued
        // row whose printed total is a misprint; its other columns still tell it from a lost value).
        // The printed-only readings of a column are made once per column, and only where some
        // reading leaves the column unknown: otherwise they are the readings themselves, whose
        // support was just found satisfiable.
        var printed: [Int: [[RowSolver.Reading]?]] = [:]
        let active = all.indices.filter { i in
            let column = all[i].column
            guard all[i].members.contains(where: { ambiguous[$0.row] }), support(all[i], readings) != .unsatisfiable else { return false }
            guard readings.contains(where: { $0?.contains { $0.cells[column].int == nil } ?? false }) else { return true }
            if printed[column] == nil { printed[column] = printedOnly(readings, column: column) }
            return support(all[i], printed[column]!) != .unsatisfiable
        }
        var used: Set<Int> = []
        var changed = true
        var rounds = 0
        while changed, rounds < 16 {
            changed = false
            rounds += 1
            for i in active {
                switch support(all[i], readings) {
                case .unsatisfiable:
                    return nil  // the assumptions contradict each other: assume nothing
                case .unknown:
                    continue
                case .supported(let byRow):
                    for (row, values) in byRow {
                        guard let list = readings[row] else { continue }
                        let column = all[i].column
                        // Filtered (a new list) only when some reading goes.
                        guard list.contains(where: { !($0.cells[column].int.map(values.contains) ?? false) }) else { continue }
                        readings[row] = list.filter { $0.cells[column].int.map(values.contains) ?? false }
                        used.insert(i)
                        changed = true
                    }
                }
            }
        }
        guard !used.isEmpty else { return nil }
        return Outcome(readings: readings, used: used.sorted().map { (all[$0].rule, all[$0].column) })
    }

    /// Each row's readings that give the column a value, where some do and some do not.
    private static func printedOnly(_ readings: [[RowSolver.Reading]?], column: Int) -> [[RowSolver.Reading]?] {
        readings.map { list in
            guard let list else { return nil }
            let known = list.filter { $0.cells[column].int != nil }
            return known.isEmpty ? list : known
        }
    }

    enum Support: Equatable {
        /// A member is free or too many sums: the relation says nothing.
        case unknown
        case unsatisfiable
        /// For each member row with several values: the values some full assignment supports.
        case supported([(row: Int, values: [Int])])

        static func == (a: Support, b: Support) -> Bool {
            switch (a, b) {
            case (.unknown, .unknown), (.unsatisfiable, .unsatisfiable): return true
            case (.supported(let x), .supported(let y)): return x.map(\.row) == y.map(\.row) && x.map(\.values) == y.map(\.values)
            default: return false
            }
        }
    }

    /// Which values of each ambiguous member are part of some solution, by partial sums
    /// forward and backward over the members (constants folded into one offset).
    static func support(_ relation: Relation, _ readings: [[RowSolver.Reading]?]) -> Support {
        var constant = 0
        var variables: [(row: Int, sign: Int, values: [Int])] = []
        let column = relation.column
        for (row, sign) in relation.members {
            // The row's readings read where they are: bound to a name, the list was copied (retained
            // and released) for every member of every relation asked.
            let count = readings[row]?.count ?? 0
            guard count > 0, let v0 = readings[row]?[0].cells[column].int else { return .unknown }
            // Most members have one value: the array of values is made at the first other value
            // (nil until then: an empty array made and released for every member cost as much).
            var values: [Int]?
            for k in 1..<count {
                guard let v = readings[row]?[k].cells[column].int else { return .unknown }
                if v != v0, !(values?.contains(v) ?? false) {
                    if values == nil { values = [v0] }
                    values!.append(v)
                }
            }
            if let values { variables.append((row, sign, values)) } else { constant += sign * v0 }
        }
        if variables.isEmpty { return constant == 0 ? .supported([]) : .unsatisfiable }
        // forward[i]: sums reachable with the first i variables; backward[i]: with variables i…
        // Each sorted and without repeats (a set of a few small integers, kept without hashing).
        var forward: [[Int]] = [[constant]]
        for v in variables {
            let next = sums(forward.last!, v.values, sign: v.sign)
            if next.count > sumLimit { return .unknown }
            forward.append(next)
        }
        guard holds(forward.last!, 0) else { return .unsatisfiable }
        var backward = [[Int]](repeating: [], count: variables.count + 1)
        backward[variables.count] = [0]
        for i in stride(from: variables.count - 1, through: 0, by: -1) {
            let next = sums(backward[i + 1], variables[i].values, sign: variables[i].sign)
            if next.count > sumLimit { return .unknown }
            backward[i] = next
        }
        var byRow: [(row: Int, values: [Int])] = []
        for (i, v) in variables.enumerated() {
            let ok = v.values.filter { x in forward[i].contains { holds(backward[i + 1], -($0 + v.sign * x)) } }
            byRow.append((v.row, ok))
        }
        return .supported(byRow)
    }

    /// Every `s + sign × x` for s in `reached` and x in `values`: sorted, without repeats.
    private static func sums(_ reached: [Int], _ values: [Int], sign: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(reached.count * values.count)
        for s in reached { for x in values { out.append(s + sign * x) } }
        out.sort()
        var kept = 0
        for i in out.indices where kept == 0 || out[kept - 1] != out[i] {
            out[kept] = out[i]
            kept += 1
        }
        out.removeLast(out.count - kept)
        return out
    }

    /// Whether the sorted `values` hold `x`.
    private static func holds(_ values: [Int], _ x: Int) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < x { low = mid + 1 } else { high = mid }
        }
        return low < values.count && values[low] == x
    }
}
