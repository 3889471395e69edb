/// The year patterns of `ReportStructure` read on UTF-8 bytes. `NSRegularExpression` bridges the
/// whole text to UTF-16 on every call on Linux, and the statistical period's pattern ran over the
/// whole report: the patterns were a sixth of a report check's time.
///
/// Same matches as the expressions they replace (`(19|20)\d{2}\s*年`, `…\s*年度`,
/// `…\s*年(?!\s*\d{1,2}\s*月)`, `…\s*年\s*12\s*月\s*31\s*日`), found left to right without
/// overlapping, with the same three exclusions (inside 《…》, an end of a range, a year compared with). `\d` and `\s`
/// also match digits and spaces beyond ASCII, and the exclusions count characters (grapheme
/// clusters): `first` answers only for text in which every scalar is a character of its own
/// and neither a non-ASCII digit nor a non-ASCII space (nearly every report); for other text
/// it returns `.undecided` and the expression is used.
enum YearScan {
    enum Pattern { case year, reportYear, notDate, statistical }

    enum Result: Equatable {
        case found(Int?)
        case undecided
    }

    /// `plain`: whether the text is plain (`isPlain`), when the caller knows it already.
    static func first(_ pattern: Pattern, in text: String, plain: Bool? = nil) -> Result {
        var text = text
        return text.withUTF8 { b in
            guard plain ?? isPlain(b) else { return .undecided }
            let n = b.count
            var p = 0
            while p + 7 <= n {
                // A year starts with 1 or 2: other bytes are passed over, an ideograph (lead byte
                // E4…E9 and two continuation bytes of valid UTF-8, most of a report) at once.
                let c = b[p]
                if c != 0x31 && c != 0x32 {
                    p += c >= 0xE4 && c <= 0xE9 ? 3 : 1
                    continue
                }
                guard let end = match(pattern, b, at: p) else { p += 1; continue }
                if !isInsideName(b, p), !isInRange(b, p, end), !isComparedYear(b, p, end) {
                    return .found((Int(b[p]) - 48) * 1000 + (Int(b[p + 1]) - 48) * 100 + (Int(b[p + 2]) - 48) * 10 + Int(b[p + 3]) - 48)
                }
                p = end
            }
            return .found(nil)
        }
    }

    // MARK: matching

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    /// `\s` within the plain text: tab, line feed, form feed, space (CR and VT are not plain).
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0C }

    private static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count, isSpace(b[i]) { i += 1 }
        return i
    }

    private static func has(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ c: (UInt8, UInt8, UInt8)) -> Bool {
        i + 2 < b.count && b[i] == c.0 && b[i + 1] == c.1 && b[i + 2] == c.2
    }

    private static let nian: (UInt8, UInt8, UInt8) = (0xE5, 0xB9, 0xB4)  // 年
    private static let du: (UInt8, UInt8, UInt8) = (0xE5, 0xBA, 0xA6)  // 度
    private static let yue: (UInt8, UInt8, UInt8) = (0xE6, 0x9C, 0x88)  // 月
    private static let ri: (UInt8, UInt8, UInt8) = (0xE6, 0x97, 0xA5)  // 日

    /// The end of the pattern's match starting at `p`, if it matches there.
    private static func match(_ pattern: Pattern, _ b: UnsafeBufferPointer<UInt8>, at p: Int) -> Int? {
        guard p + 4 <= b.count, (b[p] == 0x31 && b[p + 1] == 0x39) || (b[p] == 0x32 && b[p + 1] == 0x30),
            isDigit(b[p + 2]), isDigit(b[p + 3])
        else { return nil }
        var q = skipSpaces(b, p + 4)
        guard has(b, q, nian) else { return nil }
        q += 3
        switch pattern {
        case .year:
            return q
        case .reportYear:
            return has(b, q, du) ? q + 3 : nil
        case .notDate:
            // (?!\s*\d{1,2}\s*月): one digit or two, then 月, make it a date.
            let r = skipSpaces(b, q)
            if r < b.count, isDigit(b[r]) {
                if has(b, skipSpaces(b, r + 1), yue) { return nil }
                if r + 1 < b.count, isDigit(b[r + 1]), has(b, skipSpaces(b, r + 2), yue) { return nil }
            }
            return q
        case .statistical:
            var r = skipSpaces(b, q)
            guard r + 1 < b.count, b[r] == 0x31, b[r + 1] == 0x32 else { return nil }
            r = skipSpaces(b, r + 2)
            guard has(b, r, yue) else { return nil }
            r = skipSpaces(b, r + 3)
            guard r + 1 < b.count, b[r] == 0x33, b[r + 1] == 0x31 else { return nil }
            r = skipSpaces(b, r + 2)
            return has(b, r, ri) ? r + 3 : nil
        }
    }

    // MARK: exclusions (on scalars, which are characters in plain text)

    /// The start of the scalar before byte `i`.
    private static func before(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var k = i - 1
        while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    /// The scalar starting at byte `i`.
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        let c = b[i]
        if c < 0x80 { return UInt32(c) }
        if c < 0xE0 { return (UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F) }
        if c < 0xF0 { return (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F) }
        return (UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F)
    }

    private static func width(_ c: UInt8) -> Int { c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4 }

    /// Whether the position is inside 《…》 on its line (looking back at most 80 characters).
    private static func isInsideName(_ b: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        var i = position
        var steps = 0
        while i > 0, steps < 80 {
            i = before(b, i)
            steps += 1
            switch scalar(b, i) {
            case 0x300A: return true  // 《
            case 0x300B, 0x0A: return false  // 》, line feed
            default: continue
            }
        }
        return false
    }

    /// —, -, –, ~, ～, 至, 到, －
    private static func isJoiner(_ s: UInt32) -> Bool {
        s == 0x2014 || s == 0x2D || s == 0x2013 || s == 0x7E || s == 0xFF5E || s == 0x81F3 || s == 0x5230 || s == 0xFF0D
    }

    /// Whether the match `p..<end` is an end of a range ("2021—2025年", "2021年至2025年").
    private static func isInRange(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        // Before: a joiner with a year before it ("2021—", "2021年至").
        var i = p
        var k = 0
        while i > 0, k < 3, b[i - 1] == 0x20 { i -= 1; k += 1 }
        if i > 0, isJoiner(scalar(b, before(b, i))) {
            var j = before(b, i)
            // 年, space, —, -
            while j > 0, [0x5E74, 0x20, 0x2014, 0x2D].contains(scalar(b, before(b, j))) { j = before(b, j) }
            if j > 0, isDigit(b[j - 1]) { return true }
        }
        // After: a joiner and another year ("2021年至2025年", "2021年—2025年").
        var a = end
        while a < b.count, b[a] == 0x20 || has(b, a, du) { a += width(b[a]) }
        guard a < b.count, isJoiner(scalar(b, a)) else { return false }
        a += width(b[a])
        while a < b.count, b[a] == 0x20 || (a + 2 < b.count && b[a] == 0xE2 && b[a + 1] == 0x80 && b[a + 2] == 0x94) { a += width(b[a]) }
        return a + 4 <= b.count && isDigit(b[a]) && isDigit(b[a + 1]) && isDigit(b[a + 2]) && isDigit(b[a + 3])
    }

    /// 相比, 比较, 对比, 以来, 同期
    private static let comparedAfter: [[UInt8]] = ["相比", "比较", "对比", "以来", "同期"].map { Array($0.utf8) }
    private static let sinceWord = Array("以来".utf8)

    private static func hasWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: [UInt8]) -> Bool {
        guard i + word.count <= b.count else { return false }
        for k in word.indices where b[i + k] != word[k] { return false }
        return true
    }

    /// Whether the match `p..<end` is a year compared with or counted from (与2021年相比, 较2021年,
    /// 2021年同期, 自2019年…以来), as `ReportStructure.isComparedYear` tells it on characters.
    private static func isComparedYear(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        var i = p
        while i > 0, b[i - 1] == 0x20 { i -= 1 }
        let previous = i > 0 ? scalar(b, before(b, i)) : 0
        if previous == 0x4E0E || previous == 0x8F83 || previous == 0x6BD4 { return true }  // 与, 较, 比
        let after = has(b, end, du) ? end + 3 : end
        if comparedAfter.contains(where: { hasWord(b, after, $0) }) { return true }
        guard previous == 0x81EA else { return false }  // 自
        // 以来 within the next 40 characters of the clause.
        var q = end
        var count = 0
        while q < b.count, count + 1 < 40 {
            switch scalar(b, q) {
            case 0xFF0C, 0x3002, 0xFF1B, 0x2C, 0x3B, 0x0A: return false  // ，。；,; line feed
            default: break
            }
            if hasWord(b, q, sinceWord) { return true }
            q += width(b[q])
            count += 1
        }
        return false
    }

    // MARK: plain text

    /// Whether every scalar is a character of its own (no combining marks, joiners, CR LF,
    /// emoji or Hangul) and no digit or space is beyond ASCII: ASCII but CR and VT, Latin-1
    /// punctuation and letters, general punctuation (no spaces, joiners or format characters),
    /// CJK punctuation (no combining tone marks), CJK ideographs, full-width forms but digits.
    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            // CJK ideographs U+4E00…U+9FFF: lead bytes E4 (from B8) to E9, the bulk of a report
            // (asked first: two comparisons for each of them).
            if c >= 0xE4, c <= 0xE9 { i += 3; continue }
            if c < 0x80 {
                if c == 0x0D || c == 0x0B { return false }
                i += 1
                continue
            }
            guard i + width(c) <= n else { return false }
            let s = scalar(b, i)
            let plain: Bool
            switch s {
            case 0xA1...0xFF: plain = s != 0xAD
            case 0x2010...0x2027, 0x2030...0x205E: plain = true
            case 0x3001...0x3029, 0x3030...0x303F: plain = true
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: plain = true
            case 0xFF01...0xFF0F, 0xFF1A...0xFF65: plain = true
            default: plain = false
            }
            if !plain { return false }
            i += width(c)
        }
        return true
    }
}
