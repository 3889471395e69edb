import Foundation

/// Counts written in Chinese numerals in the narrative ("共受理申请五十件", "二十三件") are read as
/// the digits they stand for, so N1 and N2 compare them like any other number — only where the
/// words are a count beyond doubt: a numeral of the standard form (十, 百, 千, 万 in order; 零 only
/// before a digit; "二百五" and "三四件" are not read), directly before a unit, not after 第, 每,
/// 这 and the like; a single numeral character (一件, 三项) only after a word that states a count
/// (共, 受理, 予以公开 …) and before punctuation, since 一次性, 一项制度, 一起 are words. Dates
/// (二〇二三年) and words such as 一律, 一般, 统一, 一是 have no unit after them and stay as they are.
extension NarrativeChecks {
    private static let digitValues: [Unicode.Scalar: Int] = [
        "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let zeros: Set<Unicode.Scalar> = ["零", "〇"]
    private static let multipliers: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000]

    /// A switch, not the tables: it runs on every character of the narrative (the tables' hashing
    /// was a tenth of a report check's time).
    /// `bits`: `numeralBits`, read once by the caller, not looked up (with its initialisation
    /// check) for every character.
    private static func isNumeral(_ c: Unicode.Scalar, in bits: [UInt64]) -> Bool {
        guard c.value >= 0x3007, c.value <= 0x96F6 else { return false }  // 〇 and 零, the lowest and highest
        return bits[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) != 0
    }

    private static func isDigitOrTen(_ c: Unicode.Scalar) -> Bool {
        guard c.value >= 0x4E00, c.value <= 0x56DB else { return false }  // 一 and 四, the lowest and highest
        return digitOrTenBits[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) != 0
    }

    /// The numerals as bits of the Basic Multilingual Plane, one test a character (the switch
    /// compared each CJK character of the narrative with them one by one).
    private static let numeralBits = bits("一二两三四五六七八九零〇十百千万")
    private static let digitOrTenBits = bits("一二两三四五六七八九十")

    private static func bits(_ characters: String) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for c in characters.unicodeScalars { bits[Int(c.value >> 6)] |= 1 << UInt64(c.value & 63) }
        return bits
    }

    /// Before a numeral, characters that make it an ordinal or a vague amount (第三件, 每一件, 这两件, 数十件).
    private static let notCountBefore: Set<Unicode.Scalar> = ["第", "每", "前", "后", "这", "那", "各", "其", "某", "哪", "逐", "唯",
                                                              "统", "同", "单", "之", "初", "周", "上", "星", "礼"]
    /// Words after which a single numeral character is a count ("共受理申请三件", "予以公开的一件").
    private static let countLeads = ["共", "计", "共计", "合计", "总计", "为", "达", "有", "受理", "收到", "接收", "申请", "公开",
                                     "提供", "处理", "办理", "结转", "办结", "复议", "诉讼", "案件", "答复", "发布"]
    private static let afterSingle: Set<Unicode.Scalar> = ["，", ",", "。", "、", "；", ";", "：", ":", "(", ")", "（", "）", " ", "\n", "其"]

    /// The text with the counts written in Chinese numerals in digits (other text unchanged).
    static func arabicNumerals(_ text: String) -> String { arabicNumeralsAndScalars(text).text }

    /// `arabicNumerals`, with the result's scalars (`scalarArray`): the sums and restatements read
    /// them, and a text without a count in numerals, most sections, is not decoded again.
    static func arabicNumeralsAndScalars(_ text: String) -> (text: String, scalars: [Unicode.Scalar]) {
        let text = withoutThousandsSeparators(text)
        let s = text.scalarArray
        guard s.contains(where: isDigitOrTen) else { return (text, s) }
        // The text's UTF-8 is copied in runs between the numerals replaced, not scalar by scalar
        // (appending each scalar to a String was a twentieth of a report check's time). Byte
        // offsets are counted, and the bytes copied, only once a numeral is replaced: most
        // sections have none.
        var out: [UInt8] = []
        var utf8: [UInt8] = []
        var copied = 0
        var counted = 0, countedBytes = 0  // the byte offset of scalar `counted`
        func byteOffset(of k: Int) -> Int {
            func width(_ c: Unicode.Scalar) -> Int { c.value < 0x80 ? 1 : c.value < 0x800 ? 2 : c.value < 0x10000 ? 3 : 4 }
            while counted < k { countedBytes += width(s[counted]); counted += 1 }
            return countedBytes
        }
        let numerals = numeralBits
        var i = 0
        while i < s.count {
            // To the next numeral in one read of the scalars (no bounds check at every scalar).
            i = s.withUnsafeBufferPointer { p in
                var k = i
                while k < p.count, !isNumeral(p[k], in: numerals) { k += 1 }
                return k
            }
            guard i < s.count else { break }
            var end = i + 1
            while end < s.count, isNumeral(s[end], in: numerals) { end += 1 }
            if let value = count(s, i, end) {
                let byte = byteOffset(of: i), endByte = byteOffset(of: end)
                if out.isEmpty {
                    utf8 = Array(text.utf8)
                    out.reserveCapacity(utf8.count)
                }
                out.append(contentsOf: utf8[copied..<byte])
                // 三十万件 as 30万件, the way 30 万件 is written in digits, so both read alike
                // (a total of 50 万件 with parts of 三十万件 and 二十万件 adds up).
                if s[end - 1] == "万", value % 10_000 == 0 {
                    out.append(contentsOf: "\(value / 10_000)万".utf8)
                } else {
                    out.append(contentsOf: String(value).utf8)
                }
                copied = endByte
            }
            i = end
        }
        guard copied > 0 else { return (text, s) }
        out.append(contentsOf: utf8[copied...])
        let read = String(decoding: out, as: UTF8.self)
        return (read, read.scalarArray)
    }

    /// The text with the thousands separators of its figures dropped: `1,200条` reads as
    /// `1200条` in N1 and N2 (review 10k H1, M1: the comma was a clause break there, so the total
    /// read as 200). A comma is one only in a figure of the form `1,200`, `11,200`, `1,050,000`:
    /// one to three digits, then groups of exactly three, with no digit before or after, so
    /// enumerations (`第1,2项`, `1,4-二甲苯`), phone lists (`24378261,24335140`) and years
    /// (`2022,2023年`) keep their commas. The normaliser has made a full-width `，` the same
    /// character: in the corpus (252 pages) and every fixture, a full-width comma between digits
    /// separates list items (phone numbers) and none is followed by exactly three digits, so the
    /// same rule holds for it (docs/report-check.md).
    static func withoutThousandsSeparators(_ text: String) -> String {
        var text = text
        let cut: [Int] = text.withUTF8 { b in
            func isDigit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
            // Every separator cut is a comma between a digit and exactly three: without one (most
            // sections), nothing is cut, and the commas, found by the C library's memchr, are all
            // that is looked at.
            guard mayHoldSeparator(b) else { return [] }
            var cut: [Int] = []
            var i = 0
            while i < b.count {
                // A CJK ideograph (lead byte E4…E9 and two continuation bytes), most of the
                // text: no digit, stepped over whole.
                if b[i] >= 0xE4 && b[i] <= 0xE9 {
                    i += 3
                    continue
                }
                guard isDigit(i) else { i += 1; continue }
                // A run of digits, not after a decimal point or a digit.
                let start = i
                while isDigit(i) { i += 1 }
                // Nor an item of a list (`5,1,200`).
                guard i - start <= 3, start == 0 || b[start - 1] != 0x2E,
                    !(start >= 2 && b[start - 1] == 0x2C && isDigit(start - 2))
                else { continue }
                var groups: [Int] = []
                var j = i
                while j < b.count, b[j] == 0x2C, isDigit(j + 1), isDigit(j + 2), isDigit(j + 3), !isDigit(j + 4) {
                    groups.append(j)
                    j += 4
                }
                // `1,200,5`: the last comma is no separator, nor are the others then.
                if !groups.isEmpty, !(j < b.count && b[j] == 0x2C && isDigit(j + 1)) { cut += groups }
                i = j
            }
            return cut
        }
        guard !cut.isEmpty else { return text }
        var out: [UInt8] = []
        let utf8 = Array(text.utf8)
        out.reserveCapacity(utf8.count)
        var from = 0
        for c in cut {
            out.append(contentsOf: utf8[from..<c])
            from = c + 1
        }
        out.append(contentsOf: utf8[from...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether some comma of `b` stands between a digit and exactly three digits (`1,200`).
    private static func mayHoldSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        var from = 0
        while from < b.count, let found = memchr(base + from, 0x2C, b.count - from) {
            let c = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if isDigit(c - 1), isDigit(c + 1), isDigit(c + 2), isDigit(c + 3), !isDigit(c + 4) { return true }
            from = c + 1
        }
        return false
    }

    /// The value of the numeral `s[start..<end]` when it is a count in its place, else nil.
    private static func count(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
        // A unit right after it (余 or 多 may come between: 五十余件).
        var u = end
        if u < s.count, s[u] == "余" || s[u] == "多" {
            u += 1
            // 二十余万件: at least 20 万 (the 万 stays in the text, after 余).
            if u < s.count, s[u] == "万" { u += 1 }
        }
        while u < s.count, s[u] == " " { u += 1 }
        // Most numerals (一 of 进一步, 统一, 一是) have no unit's first scalar after them: the
        // units are not tried.
        guard u < s.count, unitStarts.contains(s[u].value), let unit = units.first(where: { word($0, at: u, in: s) }) else { return nil }
        var b = start
        while b > 0, s[b - 1] == " " { b -= 1 }
        if b > 0, notCountBefore.contains(s[b - 1]) { return nil }
        // 数十件, 几百条: some tens, some hundreds — never exactly ten or a hundred.
        // Only a round numeral is vague so: in 申请数十二件 the 数 is 申请数's (the number of
        // applications), and the count is 12.
        if b > 0, s[b - 1] == "数" || s[b - 1] == "几", multipliers[s[start]] != nil || s[start] == "万",
           multipliers[s[end - 1]] != nil || s[end - 1] == "万" { return nil }
        guard let value = parse(Array(s[start..<end])) else { return nil }
        // 十余件, 十多条: at least ten, a count whatever precedes it.
        if end - start == 1, s[start] == "十", end < s.count, s[end] == "余" || s[end] == "多" { return value }
        if end - start == 1 {
            // One character: a count only between a word stating one and punctuation.
            let afterUnit = u + unit.count
            guard afterUnit == s.count || afterSingle.contains(s[afterUnit]) else { return nil }
            var before = String(scalars: s[max(0, b - 6)..<b])
            // 申请数九件: 数 of 申请数 (the number of) between the word and the count.
            while let last = before.last, last == "的" || last == "了" || last == " " || last == "数" { before.removeLast() }
            guard countLeads.contains(where: { before.hasSuffix($0) }) else { return nil }
        }
        return value
    }

    /// A numeral of the standard form: 五, 十五, 二十三, 一百零五, 三千二百, 一万零五十; nil for
    /// anything else (三四, 二百五, 二〇二三, 千万).
    static func parse(_ run: [Unicode.Scalar]) -> Int? {
        if let w = run.firstIndex(of: "万") {
            guard run[(w + 1)...].firstIndex(of: "万") == nil, let high = section(Array(run[..<w])), high > 0 else { return nil }
            let rest = Array(run[(w + 1)...])
            if rest.isEmpty { return high * 10_000 }
            // 一万五 is colloquial (15000): the part after 万 must start with 零 or with thousands.
            guard zeros.contains(rest[0]) || (rest.count >= 2 && rest[1] == "千"), let low = section(rest) else { return nil }
            return high * 10_000 + low
        }
        return section(run)
    }

    /// Below ten thousand.
    private static func section(_ run: [Unicode.Scalar]) -> Int? {
        guard !run.isEmpty else { return nil }
        var total = 0
        var lastMultiplier = 10_000
        var pending: Int? = nil
        var zeroBefore = false  // 零 seen since the last multiplier
        for (k, c) in run.enumerated() {
            if let d = digitValues[c] {
                guard pending == nil else { return nil }
                pending = d
            } else if zeros.contains(c) {
                // 零 only between a multiplier and a digit (一百零五), or leading a section after 万.
                guard pending == nil, !zeroBefore, k + 1 < run.count else { return nil }
                zeroBefore = true
            } else if let m = multipliers[c] {
                guard m < lastMultiplier else { return nil }
                let d: Int
                if let p = pending { d = p } else if m == 10, k == 0 || (k == 1 && zeros.contains(run[0])) { d = 1 } else { return nil }
                // 零 stands for a skipped place: not right before a multiplier of the next place (一百零十).
                if zeroBefore, pending == nil { return nil }
                total += d * m
                lastMultiplier = m
                pending = nil
                zeroBefore = false
            } else {
                return nil
            }
        }
        if let p = pending {
            // A last digit counts ones only after 十, after 零, or alone (二百五 would be 250).
            guard lastMultiplier == 10 || lastMultiplier == 10_000 || zeroBefore else { return nil }
            total += p
        } else if zeroBefore {
            return nil
        }
        return total
    }
}
