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
    }

    let kind: Kind
    /// As printed (normalised), for messages and repairs.
    let text: String
    let line: Int

    var isValue: Bool {
        switch kind {
        case .number, .missingMarker, .empty: return true
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
        var lineNumber = 0
        // Scalars, not Characters: splitting on grapheme clusters was the largest cost here.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let separated = line.contains { isFieldSeparator($0) }
            if separated {
                var fields = line.split(omittingEmptySubsequences: false, whereSeparator: isFieldSeparator)
                // Trailing empty cells carry no position information (a line may simply end in tabs).
                while let last = fields.last, last.allSatisfy(isSpace) { fields.removeLast() }
                for field in fields {
                    if field.allSatisfy(isSpace) {
                        tokens.append(ReportToken(kind: .empty, text: "", line: lineNumber))
                    } else {
                        words(field, line: lineNumber, into: &tokens)
                    }
                }
            } else {
                words(line, line: lineNumber, into: &tokens)
            }
        }
        return tokens
    }

    private static func isFieldSeparator(_ s: Unicode.Scalar) -> Bool { s == "\t" || s == "|" || s == "│" || s == "┃" }
    private static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\r" || s == "\u{3000}" || s == "\u{A0}" || s == "\u{B}" || s == "\u{C}" }

    private static func words(_ field: Substring.UnicodeScalarView, line: Int, into tokens: inout [ReportToken]) {
        for word in field.split(whereSeparator: isSpace) {
            pieces(of: String(String.UnicodeScalarView(word)), line: line, into: &tokens)
        }
    }

    /// A word split where letters meet digits: `予以公开16` → `予以公开` `16`; `1.属于` → `1.` `属于`.
    private static func pieces(of text: String, line: Int, into tokens: inout [ReportToken]) {
        // Fast paths: most words are all digits (a value) or have no ASCII digit at all (a label).
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            if utf8.count <= 15, let n = Int(text) { tokens.append(ReportToken(kind: .number(Decimal(n)), text: text, line: line)); return }
        } else if !utf8.contains(where: { $0 >= 48 && $0 <= 57 }) {
            let kind: ReportToken.Kind = missingMarkers.contains(text) ? .missingMarker : .text
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
        while index < scalars.count {
            let start = index
            if isDigit(scalars[index]) {
                while index < scalars.count, isDigit(scalars[index]) || (numberPunctuation.contains(scalars[index]) && index + 1 < scalars.count && isDigit(scalars[index + 1])) {
                    index += 1
                }
                let digits = String(String.UnicodeScalarView(scalars[start..<index]))
                // `1.` or `1、` before text is an ordinal of a row label, not a value.
                if index < scalars.count, ordinalMarks.contains(scalars[index]) {
                    index += 1
                    tokens.append(ReportToken(kind: .ordinal, text: digits + ".", line: line))
                } else if index < scalars.count, scalars[index] == "%" {
                    index += 1
                    tokens.append(ReportToken(kind: .text, text: digits + "%", line: line))
                } else if let number = parseNumber(digits) {
                    tokens.append(ReportToken(kind: .number(number), text: digits, line: line))
                } else {
                    tokens.append(ReportToken(kind: .text, text: digits, line: line))
                }
            } else {
                while index < scalars.count, !isDigit(scalars[index]) { index += 1 }
                let piece = String(String.UnicodeScalarView(scalars[start..<index]))
                tokens.append(ReportToken(kind: missingMarkers.contains(piece) ? .missingMarker : .text, text: piece, line: line))
            }
        }
    }

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
