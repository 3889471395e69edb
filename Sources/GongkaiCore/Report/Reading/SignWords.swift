import Foundation

/// Signs printed as words or marks (增/减, 下降, ▼, ↓) rather than a minus, and the column they
/// belong to. Only the 2019 format's 本年增/减 can be negative; elsewhere a count printed with such
/// a word (`1▼`, `5减`) is the count its digits print, and in a row printed with spaces a word
/// standing between two numbers (`12  1 ↓  157`) signs the one whose column can be negative
/// (review 21: the word went to the number after it, −157, or was dropped, +1). When the
/// columns cannot tell (a mark glued to a count beside the change: `1 ▼340`), the change is left
/// unread rather than read with a sign it may not have.
enum SignWords {
    /// Where a sign word stood relative to the number it was given to.
    enum Place: UInt8, Sendable {
        case none
        /// Glued before (`减3`, `▼3`, `下降3`) or after (`3减`, `3▼`) its digits.
        case before, after
        /// Standing apart before (`减 3`, `▼ 3`) or after (`3 减`) them.
        case apartBefore, apartAfter
    }

    /// The sign words glued to digits (`减3`, `下降2`, `负1`, `3减`, `2下降`), and whether they mean a
    /// decrease. Those but 增, 减, 增加, 减少 are written 增/减 in a token (the row's splitter knows
    /// only these); 负 only before the digits.
    static let gluedWords: [String: Bool] = [
        "增": false, "减": true, "增加": false, "减少": true, "下降": true, "降低": true, "上升": false, "增长": false, "负": true,
        "降": true, "少": true,
    ]

    /// The sign words standing apart from their number (`减 3`, `3 ▼`), as UTF-8, and whether they
    /// mean a decrease: the two-character words, the marks, and either in brackets (`3 （下降）`;
    /// `ReportText` made the brackets ASCII). Glued marks were written as 增/减 by `ReportText`;
    /// apart from a number they are marks until the row's columns say otherwise.
    static let words: [(bytes: [UInt8], negative: Bool)] = {
        let plain =
            gluedWords.filter { $0.key.count == 2 || $0.key == "增" || $0.key == "减" }.map { ($0.key, $0.value) }
            + [("▼", true), ("▽", true), ("↘", true), ("⬇", true), ("▲", false), ("△", false), ("↗", false), ("⬆", false)]
        return (plain + plain.map { ("(" + $0.0 + ")", $0.1) }).map { (Array($0.0.utf8), $0.1) }
    }()

    /// The longest sign word in UTF-8 bytes (`(下降)`, 8): longer words are compared with none.
    static let longestWord = words.map(\.bytes.count).max() ?? 0

    /// Whether a word starting with `byte` may be a sign word: every one starts with one of these
    /// (asked of every word of a table before the words are compared).
    @inline(__always)
    static func mayStartSign(_ byte: UInt8) -> Bool { byte == 0xE5 || byte == 0xE4 || byte == 0xE9 || byte == 0xE2 || byte == 0x28 }

    /// Whether `word` is a sign word, and then whether it is a decrease.
    static func sign(of word: UnsafeBufferPointer<UInt8>) -> Bool? {
        // One or two ideographs, a mark, or either bracketed: 3 to 8 bytes (most words of a table are longer).
        guard word.count >= 3, word.count <= longestWord, let first = word.first, mayStartSign(first) else { return nil }
        return words.first(where: { $0.bytes.elementsEqual(word) })?.negative
    }

    /// Whether `word`, standing apart before (`before`) or after a number, is a sign word, and then
    /// whether a decrease: one of `words`, or a longer one — a unit or a comparison before it,
    /// bracketed or not (`个(减少)`, `(同比减少)`, `较上年减少`; review 26 read `19 个（减少）` +19).
    /// The longer ones are spelled out only for a word ending in a bracket or a sign word's last
    /// character (few words of a table do).
    static func apartSign(of word: UnsafeBufferPointer<UInt8>, before: Bool) -> Bool? {
        if word.count >= 3, word.count <= longestWord, let first = word.first, mayStartSign(first), let negative = sign(of: word) {
            return negative
        }
        guard word.count > 6, word.count <= 40, let last = word.last, lastBytes[Int(last)],
            lastScalarsUTF8.contains(where: { word.suffix($0.count).elementsEqual($0) })
        else { return nil }
        let text = String(decoding: word, as: UTF8.self)[...]
        return before ? prefixSign(text) : suffixSign(text)
    }

    /// The last characters of the sign words and a closing bracket: a word longer than those
    /// compared byte for byte is spelled out only if it ends in one.
    static let lastScalars: Set<Unicode.Scalar> = Set(gluedWords.keys.compactMap(\.unicodeScalars.last)).union([")"])
    private static let lastScalarsUTF8: [[UInt8]] = lastScalars.map { Array(String($0).utf8) }
    /// The last bytes of those, looked up before they are compared (asked of most words of a table).
    private static let lastBytes: [Bool] = (0..<256).map { byte in lastScalarsUTF8.contains { $0.last == UInt8(byte) } }

    /// The units a count is printed with before a sign word glued after it (`5个下降`, `3件减少`).
    private static let units: Set<Character> = ["个", "件", "项", "条", "次", "人", "家", "部"]

    /// The words a change is compared with before its sign word (`同比减少`, `较上年下降`).
    private static let comparisons = ["较上一年度", "较上一年", "比上一年", "较上年度", "比上年度", "较上年", "比上年", "较去年", "比去年", "同比", "较", "比"]

    /// `piece` without the brackets around it, when it is bracketed (`(减少)`); unchanged otherwise.
    private static func unbracketed(_ piece: Substring) -> Substring {
        piece.first == "(" && piece.last == ")" && piece.count > 2 ? piece.dropFirst().dropLast() : piece
    }

    /// The sign word `piece` is, once the comparison before it is dropped (`同比减少` is 减少), and
    /// then whether a decrease.
    private static func comparedSign(_ piece: Substring) -> Bool? {
        if let negative = gluedWords[String(piece)] { return negative }
        guard let comparison = comparisons.first(where: { piece.hasPrefix($0) }) else { return nil }
        return gluedWords[String(piece.dropFirst(comparison.count))]
    }

    /// Whether `piece`, glued after a number's digits at the end of its word, is a sign word, and
    /// then whether a decrease: `5减`, `5下降`, `5(下降)`, `5个下降`, `5个(减少)`, `5(同比减少)`, `5负`
    /// (reviews 24 and 26 read these +5).
    static func suffixSign(_ piece: Substring) -> Bool? {
        var word = piece
        if word.count > 1, let first = word.first, units.contains(first) { word = word.dropFirst() }
        return comparedSign(unbracketed(word))
    }

    /// Whether `piece`, glued before a number's digits at the start of its word, is a sign word
    /// longer than the two characters the tokenizer compares there, and then whether a decrease:
    /// `(减少)5`, `同比减少5`, `较上年下降5` (review 26 read the first +5).
    static func prefixSign(_ piece: Substring) -> Bool? {
        guard piece.count > 2, piece.count <= 10 else { return nil }
        return comparedSign(unbracketed(piece))
    }

    /// The row's value tokens with every sign word given to a column that may carry it, and the
    /// columns left unread because a word's number could not be told. `negativeAllowed` is per
    /// column (nil: none may be negative). Tokens with no sign word come back as they are.
    static func settle(_ values: [ReportToken], negativeAllowed: [Bool]?) -> (values: [ReportToken], unsure: [Int]) {
        var signs = false
        for k in values.indices where values[k].signWord != .none {
            signs = true
            break
        }
        guard signs else { return (values, []) }
        var out = values
        guard let allowed = negativeAllowed, allowed.contains(true) else {
            for k in out.indices where out[k].signWord != .none { out[k] = unsigned(out[k]) }
            return (out, [])
        }
        // Which column a value is in is known only when the row printed one value a column.
        guard out.count == allowed.count else { return (values, []) }
        var unsure: [Int] = []
        for k in out.indices where out[k].signWord != .none && !allowed[k] {
            let place = out[k].signWord
            let negative = out[k].signDecrease
            out[k] = unsigned(out[k])
            // The word's other side: the column before it when printed before this number.
            let other = place == .before || place == .apartBefore ? k - 1 : k + 1
            guard other >= 0, other < out.count, allowed[other], isPlain(out[other]) else { continue }
            if place == .apartBefore || place == .apartAfter {
                // Apart from both, between a count and the change: the change's (the count cannot be negative).
                out[other] = signed(out[other], negative: negative, place: place == .apartBefore ? .apartAfter : .apartBefore)
            } else {
                // Glued to the count: its own mark, or the change's printed against it; not told apart.
                unsure.append(other)
            }
        }
        return (out, unsure)
    }

    /// The reason given for a change left unread by `settle`.
    static func unsureReason(_ printed: String) -> String {
        "增减符号印在两格之间（\(printed)），无法确定属于哪一格，本年增/减未读取"
    }

    /// Whether the token is a number printed with digits alone, no sign.
    private static func isPlain(_ token: ReportToken) -> Bool {
        guard case .number(let n) = token.kind, n >= 0, token.signWord == .none else { return false }
        return token.text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The token as its digits print it: a count with no sign. (Its text too: a row's cells are
    /// read from the digits of their text.)
    private static func unsigned(_ token: ReportToken) -> ReportToken {
        guard case .number(let n) = token.kind else { return token }
        var out = token
        out.kind = .number(n < 0 ? -n : n)
        out.text = String(token.text.unicodeScalars.filter { ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "." || $0 == "," })
        out.signWord = .none
        out.signDecrease = false
        return out
    }

    /// A plain count given the sign of a word printed beside it, written as the tokenizer writes
    /// a glued one (`减1`).
    private static func signed(_ token: ReportToken, negative: Bool, place: Place) -> ReportToken {
        guard case .number(let n) = token.kind else { return token }
        var out = token
        out.kind = .number(negative ? -n : n)
        out.text = (negative ? "减" : "增") + token.text
        out.signWord = place
        out.signDecrease = negative
        return out
    }
}
