import Foundation

/// One piece of a table as it appears in text: a label fragment, a number, a missing marker, an
/// empty cell (only visible in tab- or bar-separated lines), or an ordinal like `1.`.
struct ReportToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case text
        case ordinal
        case number(Decimal)
        /// `/`, `-`, `—`, `无`: printed as "nothing", read as missing, never as zero.
        case missingMarker
        /// A cell with nothing in it.
        case empty
        /// A run of more digits than any count has: several numbers printed without separators.
        case digits
    }

    let kind: Kind
    /// As printed (normalised), for messages and repairs.
    let text: String
    let line: Int
    /// A minus found between digits of one word (`1-25`): a sign or a missing marker, which
    /// only the columns can tell.
    var minusGluedToDigits = false
    /// Cut from the same word as the value before it (`12增1340`): no lost cell can lie between.
    var gluedToPrevious = false

    init(kind: Kind, text: String, line: Int, minusGluedToDigits: Bool = false) {
        self.kind = kind
        self.text = text
        self.line = line
        self.minusGluedToDigits = minusGluedToDigits
    }

    var isValue: Bool {
        switch kind {
        case .number, .missingMarker, .empty, .digits: return true
        case .text, .ordinal: return false
        }
    }

    var isLabelPart: Bool { kind == .text || kind == .ordinal }
}

/// Splits normalised report text into tokens, whatever the layout: tab-separated, space-
/// separated, `|`-separated, one cell per line, labels and numbers split across lines.
enum ReportTokenizer {
    static let missingMarkers: Set<String> = ["/", "-", "—", "–", "——", "--", "－", "无", "空", "\\", "×", "x", "X", "_", "…"]

    static func tokens(_ text: String) -> [ReportToken] {
        var tokens: [ReportToken] = []
        tokens.reserveCapacity(text.utf8.count / 4)
        // On UTF-8 bytes of normalised text (where every kind of space is already 0x20): lines,
        // then cells (tab, |, │, ┃), then words. Strings are made only for the words.
        var text = text
        text.withUTF8 { bytes in
            let n = bytes.count
            var lineStart = 0
            var lineNumber = 0
            while lineStart <= n {
                var lineEnd = lineStart
                while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                tokenizeLine(bytes, lineStart, lineEnd, lineNumber, &tokens)
                lineStart = lineEnd + 1
            }
        }
        return tokens
    }

    /// Length of a cell separator at `i` (tab, `|`, or the box-drawing bars │ ┃), or 0.
    private static func separatorLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0x09 || c == 0x7C { return 1 }
        if c == 0xE2, i + 2 < end, b[i + 1] == 0x94, b[i + 2] == 0x82 || b[i + 2] == 0x83 { return 3 }
        return 0
    }

    private static func tokenizeLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int, _ tokens: inout [ReportToken]) {
        var separated = false
        var i = start
        while i < end { if separatorLength(b, i, end) > 0 { separated = true; break }; i += 1 }
        guard separated else {
            words(b, start, end, line, &tokens)
            return
        }
        // A Markdown rule under a header (`|---|:---:|`) is layout, not cells: its dashes are not
        // missing markers.
        if isRuleLine(b, start, end) { return }
        // Cells, keeping empty ones; trailing empty cells carry no position information.
        var cells: [(Int, Int)] = []
        var cellStart = start
        i = start
        while i <= end {
            let length = i < end ? separatorLength(b, i, end) : 1
            if length > 0 {
                cells.append((cellStart, i))
                cellStart = i + length
                i += length
            } else {
                i += 1
            }
        }
        func isBlank(_ cell: (Int, Int)) -> Bool {
            var k = cell.0
            while k < cell.1 { if b[k] != 0x20 && b[k] != 0x0D && b[k] != 0x0B && b[k] != 0x0C { return false }; k += 1 }
            return true
        }
        while let last = cells.last, isBlank(last) { cells.removeLast() }
        for cell in cells {
            if isBlank(cell) {
                tokens.append(ReportToken(kind: .empty, text: "", line: line))
            } else {
                words(b, cell.0, cell.1, line, &tokens)
            }
        }
    }

    /// Every cell of the line is `---`, `:---:`, `===` or blank, with at least one such rule.
    private static func isRuleLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var dashes = 0, rules = 0
        var i = start
        while i <= end {
            let length = i < end ? separatorLength(b, i, end) : 1
            if length > 0 {
                if dashes >= 3 { rules += 1 }
                dashes = 0
                i += length
                continue
            }
            switch b[i] {
            case 0x2D, 0x3D: dashes += 1
            case 0x3A, 0x20, 0x2B: break
            default: return false
            }
            i += 1
        }
        return rules > 0
    }

    private static func words(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int, _ tokens: inout [ReportToken]) {
        var i = start
        while i < end {
            while i < end, b[i] == 0x20 || b[i] == 0x0D || b[i] == 0x0B || b[i] == 0x0C { i += 1 }
            let wordStart = i
            while i < end, b[i] != 0x20, b[i] != 0x0D, b[i] != 0x0B, b[i] != 0x0C { i += 1 }
            if i > wordStart {
                pieces(of: String(decoding: UnsafeBufferPointer(rebasing: b[wordStart..<i]), as: UTF8.self), line: line, into: &tokens)
            }
        }
    }

    /// A word split where letters meet digits: `予以公开16` → `予以公开` `16`; `1.属于` → `1.` `属于`.
    private static func pieces(of text: String, line: Int, into tokens: inout [ReportToken]) {
        // Fast paths: most words are all digits (a value) or have no ASCII digit at all (a label).
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            tokens.append(valueToken(text, line: line))
            return
        } else if !utf8.contains(where: { $0 >= 48 && $0 <= 57 }) {
            let kind: ReportToken.Kind = utf8.count <= 6 && missingMarkers.contains(text) ? .missingMarker : .text
            tokens.append(ReportToken(kind: kind, text: text, line: line))
            return
        }
        if missingMarkers.contains(text) { tokens.append(ReportToken(kind: .missingMarker, text: text, line: line)); return }
        if let number = parseNumber(text) { tokens.append(ReportToken(kind: .number(number), text: text, line: line)); return }
        // 2019 format's 本年增/减 is printed as 增15 / 减3.
        if let first = text.unicodeScalars.first, first == "增" || first == "减" || first == "+" || first == "-",
           let signed = signedChange(text) { tokens.append(ReportToken(kind: .number(signed), text: text, line: line)); return }

        let scalars = Array(text.unicodeScalars)
        var index = 0
        let firstOfWord = tokens.count
        defer {
            // Values cut from one word follow each other without a separator.
            if tokens.count - firstOfWord > 1 {
                for t in (firstOfWord + 1)..<tokens.count where tokens[t].isValue && tokens[t - 1].isValue { tokens[t].gluedToPrevious = true }
            }
        }
        while index < scalars.count {
            let start = index
            if isDigit(scalars[index]) {
                while index < scalars.count, isDigit(scalars[index]) || (numberPunctuation.contains(scalars[index]) && index + 1 < scalars.count && isDigit(scalars[index + 1])) {
                    index += 1
                }
                let digits = String(String.UnicodeScalarView(scalars[start..<index]))
                // `1.` or `1、` before text is an ordinal of a row label, not a value. The
                // templates number rows 1 to 8, so a longer run (`00000007.属于…`) is the previous
                // row's digits glued to the ordinal.
                if index < scalars.count, ordinalMarks.contains(scalars[index]) {
                    index += 1
                    if digits.utf8.count > 1, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                        tokens.append(valueToken(String(digits.dropLast()), line: line))
                        tokens.append(ReportToken(kind: .ordinal, text: String(digits.suffix(1)) + ".", line: line))
                    } else {
                        tokens.append(ReportToken(kind: .ordinal, text: digits + ".", line: line))
                    }
                } else if index < scalars.count, scalars[index] == "%" {
                    index += 1
                    tokens.append(ReportToken(kind: .text, text: digits + "%", line: line))
                } else if digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                    tokens.append(valueToken(digits, line: line))
                } else if let number = parseNumber(digits) {
                    tokens.append(ReportToken(kind: .number(number), text: digits, line: line))
                } else {
                    tokens.append(ReportToken(kind: .text, text: digits, line: line))
                }
            } else {
                while index < scalars.count, !isDigit(scalars[index]) { index += 1 }
                // 增/减/+/- glued to the digits that follow (`12增1340`, `1-25`): a signed value.
                if index < scalars.count, let sign = signWords.first(where: { $0.elementsEqual(scalars[start..<index]) }) {
                    var end = index
                    while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                    let digits = String(String.UnicodeScalarView(scalars[index..<end]))
                    if end == scalars.count || !ordinalMarks.contains(scalars[end]), digits.utf8.count <= 15, let n = Int(digits) {
                        let signText = String(String.UnicodeScalarView(sign))
                        let negative = signText == "减少" || signText == "减" || signText == "-"
                        let glued = signText == "-" && start > 0 && isDigit(scalars[start - 1])
                        tokens.append(ReportToken(kind: .number(Decimal(negative ? -n : n)), text: signText + digits,
                                                  line: line, minusGluedToDigits: glued))
                        index = end
                        continue
                    }
                }
                let piece = String(String.UnicodeScalarView(scalars[start..<index]))
                tokens.append(ReportToken(kind: missingMarkers.contains(piece) ? .missingMarker : .text, text: piece, line: line))
            }
        }
    }

    /// A run of digits as a value: a number, or (past 15 digits) a glued run with no value.
    static func valueToken(_ digits: String, line: Int) -> ReportToken {
        if digits.utf8.count <= 15, let n = Int(digits) { return ReportToken(kind: .number(Decimal(n)), text: digits, line: line) }
        return ReportToken(kind: .digits, text: digits, line: line)
    }

    private static let signWords: [[Unicode.Scalar]] = ["增加", "减少", "增", "减", "+", "-"].map { Array($0.unicodeScalars) }

    private static let numberPunctuation: Set<Unicode.Scalar> = [".", ","]
    private static let ordinalMarks: Set<Unicode.Scalar> = [".", "、", "．"]

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// `16`, `1,234`, `380.3096424`; not `1,2` or `1.2.3`.
    static func parseNumber(_ text: String) -> Decimal? {
        guard let first = text.unicodeScalars.first, isDigit(first) else { return nil }
        var digits = text
        if text.utf8.contains(44) {
            let groups = text.split(separator: ".", maxSplits: 1)
            let integer = groups[0].split(separator: ",", omittingEmptySubsequences: false)
            guard integer.count > 1, (1...3).contains(integer[0].count), integer.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            digits = integer.joined() + (groups.count > 1 ? "." + groups[1] : "")
        }
        // Integers (nearly every cell) without Decimal's string parser.
        if digits.utf8.count <= 15, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(digits) { return Decimal(n) }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isDigit) }) else { return nil }
        // No count in a report has more than 15 digits; longer runs are glued or garbage, and
        // would overflow Decimal's arithmetic.
        guard digits.count <= 18 else { return nil }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func signedChange(_ text: String) -> Decimal? {
        for (prefix, sign) in [("增加", 1), ("减少", -1), ("增", 1), ("减", -1), ("+", 1)] where text.hasPrefix(prefix) {
            guard let n = parseNumber(String(text.dropFirst(prefix.count))) else { return nil }
            return sign > 0 ? n : -n
        }
        if text.hasPrefix("-"), text.count > 1, let n = parseNumber(String(text.dropFirst())) { return -n }
        return nil
    }
}
