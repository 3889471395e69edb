import Foundation

/// Turns the value tokens printed after a row label into the row's cells, and works out the
/// provable repairs of short rows and glued digits. A candidate is a full row (nil = missing);
/// a row is read only when every candidate left agrees.
enum RowSolver {
    /// `total == sum(parts)` within a row (R4 for table 三, R5 per group for table 四).
    struct SumConstraint {
        let parts: [Int]
        let total: Int
    }

    /// One way to read the row.
    struct Candidate: Equatable {
        var vector: [Decimal?]
        /// Nil when the row is read as printed.
        var repair: Repair.Kind?
        /// For an inferred missing cell: every position whose insertion gives this vector.
        var positions: [Int] = []
    }

    struct Candidates {
        var list: [Candidate]
        /// Why nothing could be read, when `list` is empty.
        var problem: String?
        /// Per position: why a cell is missing (printed blank or a marker).
        var missingReasons: [Int: String] = [:]
        /// The values as printed, for messages.
        var printed: String = ""
    }

    static func candidates(_ tokens: [ReportToken], width: Int, constraints: [SumConstraint]) -> Candidates {
        var values = tokens
        while let last = values.last, last.kind == .empty { values.removeLast() }
        // Positional: as many cells as columns, blanks included (tab- or bar-separated text, HTML, Word).
        if values.count == width { return positional(values) }
        let printed = values.filter { $0.kind != .empty }
        if printed.count == width { return positional(printed) }
        let printedText = printed.map(\.text).joined(separator: " ")
        if printed.isEmpty {
            var c = Candidates(list: [Candidate(vector: Array(repeating: nil, count: width))])
            for i in 0..<width { c.missingReasons[i] = "空白" }
            return c
        }
        if printed.count > width {
            return Candidates(list: [], problem: "读到 \(printed.count) 个值（\(printedText)），多于 \(width) 列，无法确定对应关系", printed: printedText)
        }
        var list = splits(printed, width: width).filter { satisfies($0, constraints, requireAll: true) }
            .map { Candidate(vector: $0, repair: .digitsSplit) }
        if printed.count == width - 1 {
            for p in 0..<width {
                var vector: [Decimal?] = printed.map(value)
                vector.insert(nil, at: p)
                guard let filled = fill(vector, at: p, constraints), satisfies(filled, constraints, requireAll: false) else { continue }
                if let existing = list.firstIndex(where: { $0.vector == filled && $0.repair == .missingCellInferred }) {
                    list[existing].positions.append(p)
                } else {
                    list.append(Candidate(vector: filled, repair: .missingCellInferred, positions: [p]))
                }
            }
        }
        if list.isEmpty {
            return Candidates(list: [], problem: "一行 \(width) 列只读到 \(printed.count) 个值（\(printedText)），无法确定缺少哪几列", printed: printedText)
        }
        return Candidates(list: list, printed: printedText)
    }

    private static func positional(_ tokens: [ReportToken]) -> Candidates {
        var c = Candidates(list: [Candidate(vector: tokens.map(value))], printed: tokens.map { $0.text.isEmpty ? "（空）" : $0.text }.joined(separator: " "))
        for (i, t) in tokens.enumerated() {
            switch t.kind {
            case .empty: c.missingReasons[i] = "空白"
            case .missingMarker: c.missingReasons[i] = "填写为“\(t.text)”"
            default: break
            }
        }
        return c
    }

    static func value(_ token: ReportToken) -> Decimal? {
        if case .number(let n) = token.kind { return n }
        return nil
    }

    /// The value of the missing cell `p` fixed by a constraint that has every other member.
    private static func fill(_ vector: [Decimal?], at p: Int, _ constraints: [SumConstraint]) -> [Decimal?]? {
        guard let constraint = constraints.first(where: { $0.total == p || $0.parts.contains(p) }) else { return nil }
        let members = constraint.parts + [constraint.total]
        guard members.allSatisfy({ $0 == p || vector[$0] != nil }) else { return nil }
        let partsSum = constraint.parts.filter { $0 != p }.compactMap { vector[$0] }.reduce(0, +)
        let x = p == constraint.total ? partsSum : vector[constraint.total]! - partsSum
        guard x >= 0 else { return nil }
        var filled = vector
        filled[p] = x
        return filled
    }

    static func satisfies(_ vector: [Decimal?], _ constraints: [SumConstraint], requireAll: Bool) -> Bool {
        for c in constraints {
            let members = c.parts.map { vector[$0] }
            guard let total = vector[c.total], members.allSatisfy({ $0 != nil }) else {
                if requireAll { return false } else { continue }
            }
            if members.compactMap({ $0 }).reduce(0, +) != total { return false }
        }
        return true
    }

    /// Every way to cut multi-digit numbers into more numbers so that there are `width` cells
    /// (`713000074` → 71 3 0 0 0 0 74 …). Pieces have no leading zeros. Bounded: long runs of
    /// digits would explode, and are unreadable anyway.
    private static func splits(_ tokens: [ReportToken], width: Int) -> [[Decimal?]] {
        let extra = width - tokens.count
        guard extra > 0, tokens.allSatisfy({ $0.kind != .missingMarker }),
              tokens.allSatisfy({ $0.text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              tokens.contains(where: { $0.text.utf8.count > 1 }),
              tokens.reduce(0, { $0 + $1.text.utf8.count }) <= 40 else { return [] }
        var results: [[Decimal?]] = []
        func cuts(_ digits: [Character], into pieces: Int) -> [[Decimal]] {
            if pieces == 1 {
                guard digits.count == 1 || digits.first != "0", digits.count <= 15, let n = Decimal(string: String(digits)) else { return [] }
                return [[n]]
            }
            var out: [[Decimal]] = []
            for cut in 1...max(1, digits.count - pieces + 1) where cut < digits.count {
                let head = Array(digits[..<cut])
                guard head.count == 1 || head.first != "0", head.count <= 15, let n = Decimal(string: String(head)) else { continue }
                for rest in cuts(Array(digits[cut...]), into: pieces - 1) { out.append([n] + rest) }
            }
            return out
        }
        func distribute(_ index: Int, remaining: Int, prefix: [Decimal?]) {
            if results.count > 10_000 { return }
            if index == tokens.count {
                if remaining == 0 { results.append(prefix) }
                return
            }
            let digits = Array(tokens[index].text)
            for more in 0...min(remaining, digits.count - 1) {
                for pieces in cuts(digits, into: more + 1) {
                    distribute(index + 1, remaining: remaining - more, prefix: prefix + pieces.map(Optional.some))
                }
            }
        }
        distribute(0, remaining: extra, prefix: [])
        return results
    }
}
