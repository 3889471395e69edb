/// Table 三 as `pdftotext -layout` prints a PDF table whose row labels wrap inside their cells:
/// each row is a band of lines — its label's pieces, with the row's values on one of them (the
/// middle line when the cell centres them, the first when it aligns them on top) — and a group's
/// header (（三）不予公开) is cut into pieces beside the labels of its rows:
///
///     （三）不予 1.属于国家 17  0  25  25  5  5  77
///     公开       秘密
///               5.属于三类
///               内部事务信 0  1  2  5  0  1  9
///               息
///               6.属于四类 12  0  40  0  0  17  69
///               过程性信息
///
/// Read in order, a label whose key lies below its values (过程性信息) took the next row's values,
/// and the group's pieces broke the label they stand beside (国家公开秘密). Reviews 16 and 17: the
/// layout text of such tables gave rows their neighbours' figures, silently.
///
/// When the bands are certain the tokens are gathered into one line per row — the group's pieces,
/// the label, then the values — and read as any other copy. Certain means: every row of the
/// format found, in its order, by its key in the label words alone; every line of values a whole
/// row (one value a column, a row cut over two adjacent lines joined); as many such lines as rows
/// (so no row is printed blank); and the i-th line of values lies after the (i−1)-th row's label
/// and values and before the (i+1)-th row's. Anything else — a row not found, a row printed blank,
/// a value line too short or too long, digits run together, a copy with blank cells — and the
/// tokens are read as they are.
enum RowBands {
    /// The tokens, gathered when the bands are certain; `uncertain` when the copy is printed in
    /// bands that could not be made certain (see `valuesMayBeAnotherRows`).
    struct Gathered {
        let tokens: [ReportToken]
        let uncertain: Bool
    }

    static func gathered(
        _ tokens: [ReportToken], rowKeys: [[[Unicode.Scalar]]], headerKeys: [[Unicode.Scalar]], groupNames: [[Unicode.Scalar]], width: Int
    ) -> Gathered {
        // Most copies print each row on one line, or one cell a line: nothing to gather.
        guard isBanded(tokens, width: width) else { return Gathered(tokens: tokens, uncertain: false) }
        let lines = lineRanges(tokens)
        // A group's piece alone before values (`开  0  0 …`) may as well be the last piece of a
        // label printed with its values on its last line (`禁止公` then `开  0  0 …`): taken as the
        // label's first, as the group's when the rows are not all found that way.
        for alone in [false, true] {
            let isGroup = groupPieces(tokens, lines, groupNames: groupNames, aloneBeforeValues: alone)
            if let bands = bands(tokens, lines, isGroup: isGroup, rowKeys: rowKeys, headerKeys: headerKeys, width: width) {
                return Gathered(tokens: gather(tokens, isGroup: isGroup, bands), uncertain: false)
            }
        }
        return Gathered(tokens: tokens, uncertain: true)
    }

    /// In a copy printed in bands that could not be made certain (a row printed blank, a label not
    /// found): whether another row's number stands between a row's key and the
    /// values after it (`6.属于四类 12 0 …` / `过程性信息` / `7.属于行政  12 0 …`: 过程性信息's key lies
    /// below its own values, and the values after it are row 7's; `1.属于 …` / `国家秘密` / `2.其他` /
    /// `法律行政  36 0 …`). Either row may own them; review 19 saw such rows take their neighbours'
    /// figures. Values on the key's own lines, or under the rest of its label, are the row's.
    static func valuesMayBeAnotherRows(_ tokens: [ReportToken], keyEnd: Int, before next: Int?) -> Bool {
        // The next row's key may begin in the word this one ends in.
        let end = max(keyEnd + 1, next ?? tokens.count)
        guard let first = ((keyEnd + 1)..<end).first(where: { tokens[$0].isValue && tokens[$0].kind != .empty }) else { return false }
        guard tokens[first].line > tokens[keyEnd].line else { return false }
        return ((keyEnd + 1)..<first).contains { startsRow(tokens[$0]) }
    }

    /// A row's number (`7.`) or a group's (`（三）不予`, `四、结转…`) starts a row's label.
    private static func startsRow(_ token: ReportToken) -> Bool {
        if token.kind == .ordinal { return true }
        guard token.kind == .text, let first = token.text.unicodeScalars.first(where: ReportText.isKeyScalar) else { return false }
        return numerals.contains(first)
    }

    /// One row's values: on one line, or cut over two adjacent lines.
    private struct ValueRow {
        let first: Int
        let last: Int
    }

    private struct Bands {
        /// Each row's first line.
        let starts: [Int]
        /// Each row's values.
        let rows: [ValueRow]
        /// The last line of the last row.
        let end: Int
    }

    /// The rows' bands when they are certain (see the type's documentation), else nil.
    private static func bands(
        _ tokens: [ReportToken], _ lines: [Range<Int>], isGroup: [Bool], rowKeys: [[[Unicode.Scalar]]], headerKeys: [[Unicode.Scalar]],
        width: Int
    ) -> Bands? {
        let index = LabelIndex(labelWords: tokens, skipping: isGroup)
        let headerEnd = index.find(headerKeys, from: 0)
        var cursor = headerEnd?.end ?? 0
        var keys: [(first: Int, last: Int)] = []
        // Every row of the format, in its order: with one not found, a row printed blank beside it
        // would leave the counts even and every row after it shifted by one (review 19).
        for keysOfRow in rowKeys {
            guard let match = index.find(keysOfRow, from: cursor) else { return nil }
            keys.append((tokens[match.firstToken].line, tokens[match.lastToken].line))
            cursor = match.end
        }
        let firstLine = headerEnd.map { tokens[$0.lastToken].line + 1 } ?? tokens[0].line
        guard let rows = valueRows(tokens, lines, from: firstLine, width: width), rows.count == keys.count else { return nil }
        for i in rows.indices {
            if i > 0, rows[i].first <= max(keys[i - 1].last, rows[i - 1].last) || keys[i].first <= rows[i - 1].last { return nil }
            if i + 1 < rows.count, rows[i].last >= keys[i + 1].first || keys[i].last >= rows[i + 1].first { return nil }
        }
        // Each band from its first line: the row's own values or key, or a line after the row before
        // that starts with an ordinal (`5.要求行政机`, a label's first piece above its values).
        var starts: [Int] = []
        for i in rows.indices {
            let own = min(rows[i].first, keys[i].first)
            guard i > 0 else {
                starts.append(own)
                continue
            }
            let after = max(keys[i - 1].last, rows[i - 1].last)
            let ordinalLed = lines.first { line in
                let l = tokens[line.lowerBound].line
                return l > after && l < own && tokens[line.lowerBound].kind == .ordinal
            }
            starts.append(ordinalLed.map { tokens[$0.lowerBound].line } ?? own)
        }
        return Bands(starts: starts, rows: rows, end: max(keys[keys.count - 1].last, rows[rows.count - 1].last))
    }

    /// The tokens with each band's as one line: the group's pieces, the label, the values, and a
    /// lone value (a page number) last, as it stood after the values.
    private static func gather(_ tokens: [ReportToken], isGroup: [Bool], _ bands: Bands) -> [ReportToken] {
        let (starts, rows, end) = (bands.starts, bands.rows, bands.end)
        var out: [ReportToken] = []
        out.reserveCapacity(tokens.count)
        var band = -1
        var pieces: [ReportToken] = [], words: [ReportToken] = [], values: [ReportToken] = [], lone: [ReportToken] = []
        func close() {
            guard band >= 0 else { return }
            let line = rows[band].first
            for var token in pieces + words + values + lone {
                token.line = line
                out.append(token)
            }
            pieces.removeAll(keepingCapacity: true)
            words.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            lone.removeAll(keepingCapacity: true)
        }
        for (k, token) in tokens.enumerated() {
            let l = token.line
            guard l >= starts[0], l <= end else {
                close()
                band = -1
                out.append(token)
                continue
            }
            while band + 1 < starts.count, l >= starts[band + 1] {
                close()
                band += 1
            }
            if isGroup[k] {
                pieces.append(token)
            } else if token.isLabelPart {
                words.append(token)
            } else if token.aloneOnLine || rows[band].first > l || rows[band].last < l {
                lone.append(token)
            } else {
                values.append(token)
            }
        }
        close()
        return out
    }

    /// Whether the copy could be banded: no cell printed blank with bars or tabs, no digits run
    /// together, at least three lines holding a whole row's values, and a line of words alone.
    private static func isBanded(_ tokens: [ReportToken], width: Int) -> Bool {
        var whole = 0, wordsOnly = false
        var values = 0, line = tokens.first?.line ?? 0
        for token in tokens {
            if token.line != line {
                if values == width { whole += 1 } else if values == 0 { wordsOnly = true }
                values = 0
                line = token.line
            }
            switch token.kind {
            case .empty, .digits: return false
            case .number, .missingMarker: values += 1
            case .text, .ordinal: break
            }
        }
        if values == width { whole += 1 } else if values == 0 { wordsOnly = true }
        return whole >= 3 && wordsOnly
    }

    /// The rows of values after `firstLine`, in order; nil when a line holds values that are no
    /// row's (words after them, too many, or a part no adjacent line completes). A lone value on
    /// its line (a page number) is no row.
    private static func valueRows(_ tokens: [ReportToken], _ lines: [Range<Int>], from firstLine: Int, width: Int) -> [ValueRow]? {
        var rows: [ValueRow] = []
        var part: (line: Int, count: Int)?
        for line in lines where tokens[line.lowerBound].line >= firstLine {
            let l = tokens[line.lowerBound].line
            guard let firstValue = line.first(where: { tokens[$0].isValue }) else {
                if part != nil { return nil }
                continue
            }
            if line.count == 1, tokens[firstValue].aloneOnLine, part == nil { continue }
            guard !line[firstValue...].contains(where: { tokens[$0].isLabelPart }) else { return nil }
            let count = line.upperBound - firstValue
            if let p = part {
                guard p.line + 1 == l, p.count + count == width else { return nil }
                rows.append(ValueRow(first: p.line, last: l))
                part = nil
            } else if count == width {
                rows.append(ValueRow(first: l, last: l))
            } else if count < width {
                part = (l, count)
            } else {
                return nil
            }
        }
        return part == nil ? rows : nil
    }

    /// Pieces of a group's header printed beside its rows' labels: the first word of a line, with a
    /// label's words after it, that is part of a group's name (`不予`, `公开`, `开`, `提供`). Alone
    /// before values it is a label's own piece (`（一）予` of 予以公开).
    private static func groupPieces(
        _ tokens: [ReportToken], _ lines: [Range<Int>], groupNames: [[Unicode.Scalar]], aloneBeforeValues: Bool
    ) -> [Bool] {
        var isGroup = [Bool](repeating: false, count: tokens.count)
        for line in lines {
            // A label beside it: words after it on the line, before any value.
            guard let k = line.first(where: { tokens[$0].kind == .text }), k + 1 < line.upperBound,
                tokens[k + 1].isLabelPart || (aloneBeforeValues && k == line.lowerBound)
            else { continue }
            // A row's words after its number (`3.其他`) are its label, never a group's.
            if k > line.lowerBound, tokens[k - 1].kind == .ordinal, tokens[k - 1].text.utf8.first.map({ $0 >= 48 && $0 <= 57 }) == true {
                continue
            }
            var key = Array(tokens[k].text.unicodeScalars.filter(ReportText.isKeyScalar))
            // A group's ordinal alone (`（四）` beside 握相关政府信息) is the group's when a group has it.
            if key.count == 1, numerals.contains(key[0]) {
                isGroup[k] = groupNames.contains { $0.first == key[0] }
                continue
            }
            // A group's ordinal glued to its words (`（三）不予`).
            while let first = key.first, numerals.contains(first) { key.removeFirst() }
            guard !key.isEmpty else { continue }
            isGroup[k] = groupNames.contains { name in name.count >= key.count && contains(name, key) }
        }
        return isGroup
    }

    private static let numerals = Set("一二三四五六七八九十".unicodeScalars)

    private static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for s in 0...(haystack.count - needle.count) where haystack[s..<(s + needle.count)].elementsEqual(needle) { return true }
        return false
    }

    private static func lineRanges(_ tokens: [ReportToken]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, tokens[end].line == tokens[start].line { end += 1 }
            lines.append(start..<end)
            start = end
        }
        return lines
    }
}
