/// Row labels wrapped inside their cell with the row's values printed on the label's FIRST line,
/// as `pdftotext -layout` prints a PDF table:
///
///     5.要求行政机关确认              0   0   0   0   0   3   3
///           或重新出具已获取信息
///     （六）其他处理1.申请人无正当理由逾期不    44   0   6   0   0   0   50
///           补正、行政机关不再处理其政府信息公开申请
///
/// Read in order, the label's key (`确认或重新`, `不补正`) lies across the values, which then went
/// to the row before (review 13 H2: row 5 was given the next row's 44 0 6 0 0 0 50). A label wrapped
/// with its values on a later line reads as it is and needs nothing.
enum WrappedLabels {
    /// The tokens with each such label's continuation moved onto its first line, before the values
    /// there. A line is a continuation only when it holds nothing but words and one of `keys` runs
    /// across the join — the words alone (a group's header, a note under the table) never move.
    static func joined(_ tokens: [ReportToken], keys: [[Unicode.Scalar]]) -> [ReportToken] {
        let joins = wraps(tokens, keys: keys)
        // Most copies wrap no label after its values: the tokens are not copied then.
        guard !joins.isEmpty else { return tokens }
        var out: [ReportToken] = []
        out.reserveCapacity(tokens.count)
        var done = 0
        for join in joins {
            out += tokens[done...join.labelEnd]
            let line = tokens[join.labelEnd].line
            for k in join.continuation where tokens[k].kind == .text {
                out.append(ReportToken(kind: .text, text: tokens[k].text, line: line))
            }
            out += tokens[(join.labelEnd + 1)..<join.continuation.lowerBound]
            done = join.continuation.upperBound
        }
        out += tokens[done...]
        return out
    }

    /// A wrapped label: its first line's last label token, and the lines of words continuing it
    /// (the tokens from the values after that token to the end of the continuation).
    private struct Join {
        let labelEnd: Int
        let continuation: Range<Int>
    }

    private static func wraps(_ tokens: [ReportToken], keys: [[Unicode.Scalar]]) -> [Join] {
        // A closure, not `map(\.count)`: the key path was applied through the runtime for every key.
        let longest = max(2, keys.reduce(0) { max($0, $1.count) })
        var joins: [Join] = []
        var start = 0
        while start < tokens.count {
            let line = start..<lineEnd(tokens, from: start)
            start = line.upperBound
            // The label's tokens, then only values, at least one; the next line words only.
            guard start < tokens.count, tokens[start].kind == .text,
                let labelEnd = line.last(where: { tokens[$0].isLabelPart }), labelEnd + 1 < line.upperBound,
                line[(labelEnd + 1)...].allSatisfy({ tokens[$0].isValue }),
                // A blank cell's mark glued to the cut (`3.危及“三—  —— 0 …` / `安全一稳定”`) would be
                // inside the joined label and the row a value short (read with its values moved:
                // review 27's reruns); such a row is left as it is.
                !(tokens[labelEnd].text.unicodeScalars.last.map(isMark) ?? false)
            else { continue }
            var label: [Unicode.Scalar]?
            var end = start
            while end < tokens.count {
                let next = end..<lineEnd(tokens, from: end)
                guard next.allSatisfy({ tokens[$0].kind == .text }) else { break }
                let words = keyScalars(tokens[next])
                let head = label ?? keyScalars(tokens[line.lowerBound...labelEnd])
                let cut = label == nil && endsCutLabel(tokens, row: line, continuation: next, head: head, words: words)
                guard cut || spansJoin(keys, head, words) else { break }
                // Only the tail a key could start in is kept: a chain of continuation lines (a
                // hostile text of thousands) is not joined again and again.
                label = Array((head + words).suffix(longest - 1))
                end = next.upperBound
            }
            if end > start {
                joins.append(Join(labelEnd: labelEnd, continuation: start..<end))
                start = end
            }
        }
        return joins
    }

    private static func lineEnd(_ tokens: [ReportToken], from start: Int) -> Int {
        var end = start + 1
        while end < tokens.count, tokens[end].line == tokens[start].line { end += 1 }
        return end
    }

    /// The key characters of label tokens, as `LabelIndex` keeps them.
    private static func keyScalars(_ tokens: ArraySlice<ReportToken>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        for token in tokens where token.isLabelPart {
            for scalar in token.text.unicodeScalars where ReportText.isKeyScalar(scalar) { scalars.append(scalar) }
        }
        return scalars
    }

    /// Whether the words of `continuation` end a numbered row's label cut short on the row's line
    /// before its values, the key lying wholly in them (`3.要求提供公  4 0 0 0 0 0 4` / `开出版物`,
    /// the key 出版物: review 27 gave the row the next row's values): the row's label starts with its number, the
    /// two lines end with a template row's whole label begun on the first, the words start with
    /// no number of a row, and no line of values alone follows them (a label printed above its
    /// values is another row's; a group's header after a row, `不予处理`, ends no label).
    private static func endsCutLabel(
        _ tokens: [ReportToken], row: Range<Int>, continuation: Range<Int>, head: [Unicode.Scalar], words: [Unicode.Scalar]
    ) -> Bool {
        // The cut ends in words: a mark after it (`5.属—  0 2 …`, `要求行政机关\`) may be a blank
        // cell's, and the row would be a value short (review 27's reruns: read with values moved).
        guard tokens[row.lowerBound].kind == .ordinal, let first = tokens[continuation.lowerBound].text.unicodeScalars.first,
            !startsRowMarker(first), words.count <= 24,
            let labelEnd = row.last(where: { tokens[$0].isLabelPart }), let cut = tokens[labelEnd].text.unicodeScalars.last,
            ReportText.isKeyScalar(cut),
            // The row's seven cells all there (numbers or blank cells' marks), or numbers alone, some
            // glued (`8.属于0 00 0 0 0 0`, `2.重复申请0071010 72`: reviews 29, 31): with a mark among
            // them one short and the solver would cut a printed number (`5.属  0 2 9 - 0 11`: review 28).
            row.upperBound - labelEnd - 1 == 7 || tokens[(labelEnd + 1)..<row.upperBound].allSatisfy(isNumber)
        else { return false }
        let joined = head + words
        guard rowLabels.contains(where: { $0.count > words.count && joined.count >= $0.count && joined.suffix($0.count).elementsEqual($0) })
        else { return false }
        guard continuation.upperBound < tokens.count else { return true }
        return !tokens[continuation.upperBound].isValue
    }

    private static func isNumber(_ token: ReportToken) -> Bool {
        if case .number = token.kind { return true }
        return false
    }

    /// The key characters of table 三's row labels in both formats' templates (`3要求提供公开出版物`).
    private static let rowLabels: [[Unicode.Scalar]] = (ReportSchema.v2021.t3Rows + ReportSchema.v2019.t3Rows).map {
        Array($0.label.unicodeScalars.filter(ReportText.isKeyScalar))
    }

    /// Whether a scalar is a blank cell's mark (—, -, /, \, ×…): those of `ReportTokenizer.missingMarkers`
    /// no label has as a character (not 无 or 空: `4.无` / `正当理由…` is a label cut).
    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "—", "–", "-", "－", "/", "\\", "×", "_", "…": return true
        default: return false
        }
    }

    /// Whether a line's first character may start a row's number or group (`4.`, `（三）`, `二、`).
    private static func startsRowMarker(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || s == "(" || s == "（" || "一二三四五六七八九十".unicodeScalars.contains(s)
    }

    /// Whether one of `keys` occurs in `head` + `tail` starting in `head` and ending in `tail`.
    private static func spansJoin(_ keys: [[Unicode.Scalar]], _ head: [Unicode.Scalar], _ tail: [Unicode.Scalar]) -> Bool {
        let joined = head + tail
        for key in keys where key.count >= 2 {
            // Start positions that leave part of the key in each half.
            let first = max(0, head.count - key.count + 1)
            guard first < head.count else { continue }
            for s in first..<head.count where s + key.count <= joined.count && joined[s..<(s + key.count)].elementsEqual(key) {
                return true
            }
        }
        return false
    }
}
