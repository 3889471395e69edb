import Foundation

/// Page chrome that carries a number in a form other than a bare page number: a Word footer with
/// the agency's name and the page (`示范县教育局 5`, `示范县教育局<tab>5`, `5      示范县教育局`
/// from pdftotext -layout), `页码：5`, `P5`, `p. 3`, `No.3`, `~ 5 ~`, `*3*`, `#5`, an e-mail, a URL,
/// a browser's print header (`2023/1/20 10:15<tab>…年度报告`).
///
/// The rule (issue #10, review 10d): a line with no table label whose only numbers come with
/// words no table prints — CJK text that is neither a piece of a label, a column head nor a unit;
/// a URL, e-mail or path; a date or a time, also glued to its label (`发布时间：2023-01-20`); a number
/// after a footer's label (`联系电话：5022803`, `邮编`, `网站标识码`, `公网安备`, review 10f); page-number
/// decorations — is not table content. A
/// number inside a URL, e-mail or path is never a value. Such a line has at most two numbers of
/// at most four digits outside its URLs and dates (a page, `3/5`): a line with more is values
/// with a label continued on it and is left to the reader. A row short of values before such a
/// line stays short (its cells empty, said why) rather than taking the chrome's number.
enum PageChrome {
    /// Lines longer than this (in UTF-8 bytes) are never chrome: footers and print headers are short.
    static let maxLength = 240

    /// Whether the line `b[start..<end]` is numbered chrome. Only lines with an ASCII digit and
    /// within `maxLength` get past the byte tests.
    /// Whether a character is " ", "\t", "|", "│", "┃" or "\r": each of these is one scalar that
    /// no other sequence equals, so the character is that scalar alone (tested on its scalars:
    /// comparing characters as strings was a tenth of this test).
    static func isWordSeparator(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let v = scalars.first?.value, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        return v == 0x20 || v == 0x09 || v == 0x7C || v == 0x2502 || v == 0x2503 || v == 0x0D
    }

    static func isNumberedChrome(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= maxLength else { return false }
        // Byte pass (every table row gets here): digit runs, and whether anything but CJK words
        // and numbers could make the line chrome (letters, @, :, /, ~ * #). A row of values has
        // more than two numbers and none of those: it leaves here.
        var i = start
        var runs = 0, inRun = false, hasCJK = false, signals = false
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                if !inRun { runs += 1; inRun = true }
            } else {
                // Digits followed by 年, 月, 日 or 号 (E5 B9 B4, E6 9C 88, E6 97 A5, E5 8F B7): a date
                // (`2023年1月20日`) or a registration number (`…0123号`), which no cell prints.
                // Also with spaces between (`2023 年 1 月 20 日`, as the seed prints its dates).
                if inRun {
                    var k = i
                    while k < end, b[k] == 0x20 { k += 1 }
                    if k + 2 < end, isDateMark(b[k], b[k + 1], b[k + 2]) { signals = true }
                }
                if !(inRun && (c == 0x2C || c == 0x2E)) { inRun = false }
                if c >= 0xE4 && c <= 0xE9 {
                    // An ideograph: its two continuation bytes can change nothing here.
                    hasCJK = true
                    i += 3
                    continue
                }
                if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x40 || c == 0x3A || c == 0x2F || c == 0x7E || c == 0x2A || c == 0x23
                    || c == 0xEF { signals = true }  // 0xEF: full-width forms (～ ＊ ＃) left by a copy
            }
            i += 1
            // Decided once a number and a word are seen (a row's label, then its first value): the
            // rest of the line changes nothing here (every table row was read to its end before).
            if runs > 0, signals || hasCJK { break }
        }
        // A line of CJK words with more numbers (`上一页 1 2 3 下一页`, a table row) goes on to the
        // word test: only words no table prints make it chrome.
        guard runs > 0, signals || hasCJK else { return false }
        let bytes = UnsafeBufferPointer(rebasing: b[start..<end])
        // Nearly every such line is a table row: a line with a row's key is never chrome (every
        // verdict of chrome below needs the line without one; keys drop spaces, and so the spaces
        // `joinSpacedDates` drops too), so it is asked first — cheaper than the word test, and on
        // the line's bytes (a whole line of a String's: valid UTF-8), before a string of the line
        // is made. Asked of every line (not only of rows with three numbers or more and nothing
        // but words: a table 二 row with its one value went through the word test, a tenth of a
        // report's tokens).
        // Most rows print a key as it is (`属于国家秘密`): found in the line's own bytes first, the
        // key of the line is not written (writing it was half of this test's cost).
        if ownKeyLabels.matchesAny(bytes) || ReportText.withKeyBytes(of: bytes, { labelKeys.matchesAny($0) }) { return false }
        let line = String(validUTF8: bytes)
        // A date written with spaces (`2023 年 1 月 20 日`) is read as one word.
        let text = joinSpacedDates(line)
        var web = false, dated = false, decorated = false, foreignWords = false
        var numbers = 0, longNumber = false
        // The words since the last number (across words): a footer's label (`联系电话：`, `邮编`,
        // `新公网安备`) makes the number after it no value, whatever its length.
        var label = String.UnicodeScalarView()
        var words: [Substring] = []
        for word in text.split(whereSeparator: isWordSeparator) {
            // A label glued to its value by a colon (`发布时间:2023-01-20`, `电话:5022803`) is two
            // words; a colon between digits is a clock's (`10:15`).
            var rest = word
            while let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
                !(rest[rest.index(before: colon)].isASCII && rest[rest.index(before: colon)].isNumber)
            {
                words.append(rest[...colon])
                rest = rest[rest.index(after: colon)...]
            }
            if !rest.isEmpty { words.append(rest) }
        }
        for word in words {
            if isWebWord(word) { web = true; label = String.UnicodeScalarView(); continue }
            if isDateOrTime(word) || isPhoneNumber(word) { dated = true; label = String.UnicodeScalarView(); continue }
            var run = String.UnicodeScalarView()
            var letters = String.UnicodeScalarView()
            var digits = 0
            func endDigits() {
                if digits > 0 {
                    if isFooterLabel(String(label)) {
                        dated = true
                    } else {
                        numbers += 1; longNumber = longNumber || digits > 4
                    }
                    label = String.UnicodeScalarView()
                }
                digits = 0
            }
            func endRun() {
                if run.count >= 2, !foreignWords, !isTableText(String(run)) { foreignWords = true }
                run = String.UnicodeScalarView()
            }
            func endLetters() {
                if !letters.isEmpty {
                    let word = String(letters)
                    // `P5`, `Page 3` decorate a page number; any other Latin word (`Tel`, `of`,
                    // `pages`) is a word no table prints.
                    if decorationWords.contains(word) { decorated = true } else if letters.count >= 2 { foreignWords = true }
                }
                letters = String.UnicodeScalarView()
            }
            let scalars = Array(word.unicodeScalars)
            var k = 0
            while k < scalars.count {
                let s = scalars[k]
                let v = s.value
                if v >= 0x30 && v <= 0x39 {
                    // A date or time inside a word (`2023年1月20日发布`, `更新于2023-01-20`): no value.
                    if digits == 0, let length = dateLength(scalars, k) {
                        endRun(); endLetters(); dated = true; label = String.UnicodeScalarView(); k += length; continue
                    }
                    endRun(); endLetters(); digits += 1; k += 1; continue
                }
                k += 1
                // `1,234` and `12.5` are one number.
                if digits > 0, s == "," || s == "." { continue }
                endDigits()
                label.append(s)
                if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { endRun(); letters.append(s); continue }
                endLetters()
                if v >= 0x4E00 && v <= 0x9FFF, !valueWords.contains(s) { run.append(s); continue }
                endRun()
                // A mark right after a number is a footnote on a value (`43*`, a cell on its own line:
                // review 10k H2), not a page decoration (`*3*`, `#5` have one before it).
                if decorationMarks.contains(s), !(k >= 2 && scalars[k - 2].value >= 0x30 && scalars[k - 2].value <= 0x39) { decorated = true }
            }
            endDigits(); endRun(); endLetters()
        }
        // (Without a table label: asked first.)
        if web { return true }
        guard foreignWords || dated || (decorated && numbers == 1) else { return false }
        // Words no table prints around the numbers (`电话号码：5022803`, `您是第 12345 位访问者`,
        // `拨打12345热线`, `上一页 1 2 3 下一页`; review 10g): the line is no row and no row's
        // continuation, whatever its numbers — a continuation carries only values and pieces of a
        // label. Without such words (a date, a decoration) a line with more numbers may still be
        // values with a label continued on it, and is left to the reader.
        guard foreignWords || (numbers <= 2 && !longNumber) else { return false }
        return true
    }

    /// 年 (E5 B9 B4), 月 (E6 9C 88), 日 (E6 97 A5) or 号 (E5 8F B7) after digits: a date or a
    /// registration number (`…0123号`), which no cell prints.
    private static func isDateMark(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        (b0 == 0xE5 && ((b1 == 0xB9 && b2 == 0xB4) || (b1 == 0x8F && b2 == 0xB7)))
            || (b0 == 0xE6 && ((b1 == 0x9C && b2 == 0x88) || (b1 == 0x97 && b2 == 0xA5)))
    }

    /// Whether the text has 年, 月 or 日 (E5 B9 B4, E6 9C 88, E6 97 A5).
    private static func hasDateMark(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            while i + 2 < b.count {
                if (b[i] == 0xE5 && b[i + 1] == 0xB9 && b[i + 2] == 0xB4)
                    || (b[i] == 0xE6 && ((b[i + 1] == 0x9C && b[i + 2] == 0x88) || (b[i + 1] == 0x97 && b[i + 2] == 0xA5)))
                {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// `2023 年 1 月 20 日` → `2023年1月20日`: spaces between digits and 年, 月, 日 (either side)
    /// dropped, so a date printed with spaces is one word, as `dateLength` reads it.
    static func joinSpacedDates(_ text: String) -> String {
        guard text.utf8.contains(0x20), hasDateMark(text) else { return text }
        let s = Array(text.unicodeScalars)
        let marks: Set<Unicode.Scalar> = ["年", "月", "日"]
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == " ", let before = out.last else { out.append(s[i]); i += 1; continue }
            var j = i
            while j < s.count, s[j] == " " { j += 1 }
            if j < s.count, isDigit(before) && marks.contains(s[j]) || marks.contains(before) && isDigit(s[j]) {
                i = j
                continue
            }
            out.append(contentsOf: s[i..<j])
            i = j
        }
        return String(out)
    }

    /// The labels portal footers and crawl headers put before a number that is no count: a
    /// telephone (with or without its area code, `联系电话：5022803`), a fax, a postcode, the site's
    /// code and registrations (`网站标识码：6540000001`, `新公网安备 65400202000123号`, `京ICP备…`),
    /// an index or document number, a page's counter of visits (`浏览次数：12345`). None of them is a
    /// word of a table.
    private static let footerLabels = [
        "电话", "传真", "手机", "热线", "邮编", "邮政编码", "标识码", "网安备", "ICP备", "ICP证",
        "备案号", "索引号", "文号", "QQ", "QQ群", "浏览", "浏览次数", "浏览量", "点击", "点击数", "点击量",
        "访问量", "访问次数", "访问人次", "阅读", "阅读量", "阅读数", "阅读次数",
    ]

    /// Whether the words before a number end with a footer's label (its colon and spaces aside).
    private static func isFooterLabel(_ words: String) -> Bool {
        guard !words.isEmpty else { return false }
        // A key of ASCII and CJK ideographs only (E4–E9 lead bytes, no combining mark and no
        // compatibility ideograph that is canonically one of the labels' characters) ends with a
        // label exactly when its bytes do: compared on the bytes (`hasSuffix` compares
        // characters, which was most of this test's cost), without making a string of the key.
        return ReportText.withKeyBytes(words) { b in
            var i = 0
            while i < b.count {
                if b[i] < 0x80 {
                    i += 1
                } else if b[i] >= 0xE4 && b[i] <= 0xE9 {
                    i += 3
                } else {
                    let key = String(validUTF8: b)
                    return footerLabels.contains { key.hasSuffix($0) }
                }
            }
            return footerLabelBytes.contains { label in label.count <= b.count && b.suffix(label.count).elementsEqual(label) }
        }
    }

    private static let footerLabelBytes = footerLabels.map { Array($0.utf8) }

    /// The length in scalars of a date or time starting at `k`: `2023-01-20`, `2023/1/20`,
    /// `2023.1.20`, `2023年1月20日`, `2023年1月`, `2023年`, `2022年度`, `10:15`, `10:15:07`; nil if none.
    static func dateLength(_ s: [Unicode.Scalar], _ k: Int) -> Int? {
        func digitRun(_ i: Int) -> Int {
            var j = i
            while j < s.count, s[j].value >= 0x30 && s[j].value <= 0x39 { j += 1 }
            return j - i
        }
        let first = digitRun(k)
        // A clock: `10:15`, `10:15:07`.
        if (1...2).contains(first), k + first < s.count, s[k + first] == ":" {
            var j = k + first, parts = 1
            while j < s.count, s[j] == ":", digitRun(j + 1) == 2, parts < 3 { j += 3; parts += 1 }
            return parts >= 2 && digitRun(j) == 0 ? j - k : nil
        }
        guard first == 4, s[k] == "1" && s[k + 1] == "9" || s[k] == "2" && s[k + 1] == "0" else { return nil }
        var j = k + 4
        guard j < s.count else { return nil }
        let mark = s[j]
        if mark == "年" {
            j += 1
            if j < s.count, s[j] == "度" { return j + 1 - k }
            let month = digitRun(j)
            guard (1...2).contains(month), j + month < s.count, s[j + month] == "月" else { return digitRun(j) == 0 ? j - k : nil }
            j += month + 1
            let day = digitRun(j)
            guard (1...2).contains(day), j + day < s.count, s[j + day] == "日" || s[j + day] == "号" else { return digitRun(j) == 0 ? j - k : nil }
            return j + day + 1 - k
        }
        guard mark == "-" || mark == "/" || mark == "." else { return nil }
        let month = digitRun(j + 1)
        guard (1...2).contains(month), j + 1 + month < s.count, s[j + 1 + month] == mark else { return nil }
        j += 2 + month
        let day = digitRun(j)
        guard (1...2).contains(day) else { return nil }
        return j + day - k
    }

    /// A URL, an e-mail address or a path: `http://…`, `www.…`, `…@….cn`, `/col/col1234/index.html`.
    /// Its digits are no value.
    static func isWebWord<S: StringProtocol>(_ word: S) -> Bool {
        let u = word.utf8
        guard u.count >= 5, u.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return false }
        if word.hasSubstring("://") || word.hasPrefix("www.") || word.hasPrefix("WWW.") { return true }
        if let at = u.firstIndex(of: 0x40), at != u.startIndex, u[u.index(after: at)...].contains(0x2E) { return true }
        for suffix in [".html", ".htm", ".shtml", ".jsp", ".aspx", ".php", ".pdf", ".doc", ".docx", ".gov.cn", ".com", ".cn"]
            where word.hasSuffix(suffix) { return true }
        return false
    }

    /// A date or time as browsers and footers print them: `2023/1/20`, `2023-01-20`, `10:15`,
    /// `10:15:07`, `2023年1月20日`. Its digits are no value.
    static func isDateOrTime<S: StringProtocol>(_ word: S) -> Bool {
        // Without a separator a word is one part: neither a date nor a clock (the splits below
        // compare characters, which costs; every table row's numbers come here).
        // Both readings also need digits, and a separator the splits cut at is `/ - . :` or 年 月 日
        // (E5 B9 B4, E6 9C 88, E6 97 A5), not any ideograph led by E5 or E6.
        var digit = false, separator = false
        var previous: (UInt8, UInt8) = (0, 0)
        for c in word.utf8 {
            if c >= 0x30 && c <= 0x39 { digit = true }
            if c == 0x2F || c == 0x2D || c == 0x2E || c == 0x3A || (previous == (0xE5, 0xB9) && c == 0xB4)
                || (previous == (0xE6, 0x9C) && c == 0x88) || (previous == (0xE6, 0x97) && c == 0xA5)
            {
                separator = true
            }
            previous = (previous.1, c)
        }
        guard digit, separator else { return false }
        let parts = word.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "年" || $0 == "月" || $0 == "日" || $0 == "." })
        let allDigits = parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if parts.count == 3, allDigits, parts[0].count == 4, parts[0].hasPrefix("20") || parts[0].hasPrefix("19"),
           (1...2).contains(parts[1].count), (1...2).contains(parts[2].count), word.utf8.count > 6 { return true }
        let clock = word.split(separator: ":", omittingEmptySubsequences: false)
        return (2...3).contains(clock.count) && clock.allSatisfy { (1...2).contains($0.count) && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            && clock.dropFirst().allSatisfy { $0.count == 2 }
    }

    /// A telephone number as footers print them (`0999-1234567`, `(0999)1234567`, after `电话：`):
    /// an area code with its leading 0 set off by `-` or brackets, seven digits or more in all. Its
    /// digits are no value. Bare runs (`01233110`) are not taken for one: a glued row of values
    /// looks the same.
    static func isPhoneNumber<S: StringProtocol>(_ word: S) -> Bool {
        guard word.utf8.contains(where: { $0 == 0x2D || $0 == 0x29 }) else { return false }
        let digits = word.unicodeScalars.drop { !($0.value >= 0x30 && $0.value <= 0x39) && $0 != "(" }
        guard digits.contains(where: { $0 == "-" || $0 == ")" }) else { return false }
        var count = 0, first: Unicode.Scalar?
        for s in digits {
            if s.value >= 0x30 && s.value <= 0x39 { count += 1; if first == nil { first = s } } else if s != "-" && s != "(" && s != ")" { return false }
        }
        return count >= 7 && first == "0"
    }

    /// Letters around a page number: `P5`, `p. 3`, `No.3`, `Page 3`.
    private static let decorationWords: Set<String> = ["P", "p", "pp", "Pp", "PP", "Page", "page", "PAGE", "No", "NO", "no"]
    /// Marks around a page number no cell or row marker has: `~ 5 ~`, `*3*`, `#5`.
    private static let decorationMarks: Set<Unicode.Scalar> = ["~", "～", "*", "＊", "#", "＃"]
    /// CJK characters that are values or signs in a cell, not words: `增15`, `减少3`, `〇`, `无`.
    private static let valueWords: Set<Unicode.Scalar> = ["增", "减", "加", "少", "〇", "零", "无", "空"]

    /// All the words the tables print (labels, captions, group headers, column heads, units) as
    /// keys, joined: a run of CJK text found in it is table text.
    private static let tableText: String = {
        var texts: [String] = []
        for schema in [ReportSchema.v2021, ReportSchema.v2019] {
            texts += schema.t3Rows.flatMap { [$0.label, $0.group ?? ""] }
            texts += schema.t3Columns.map(\.label) + schema.t4Groups.map(\.label) + schema.t4Columns.map(\.label)
            for block in schema.t2 { texts += [block.caption] + block.rows.map(\.label) + block.columns.map(\.label) }
        }
        texts += TableReader.t3Keys.values.flatMap { $0 } + TableReader.t2RowKeys.values.flatMap { $0 } + TableReader.groupKeys
        texts += TableReader.t3HeaderKeys + ["信息内容", "申请人情况", "法人或其他组织", "本年度办理结果", "行政复议", "行政诉讼",
                                             "未经复议直接起诉", "复议后起诉", "勾稽关系", "单位", "万元", "合计", "小计", "序号", "项目",
                                             "数量", "件数", "个数", "本年增减", "增减", "增加", "减少"]
        return texts.map(ReportText.key).joined(separator: "|")
    }()

    private static func isTableText(_ run: String) -> Bool { tableText.hasSubstring(run) }

    /// The keys the reader finds rows and captions by: a line with one of them is a row.
    private static let labelKeyList = ReportTokenizer.unmarkedLabelKeys + ReportTokenizer.numberedLabelKeys.map(\.key)
    private static let labelKeys = KeyMatcher(labelKeyList)
    /// Those that are their own key (`ReportText.key` keeps every scalar of them): found in a line's
    /// bytes, such a key is in the line's key as well — the key keeps its scalars, and drops
    /// nothing between them — so the line has a row's key.
    private static let ownKeyLabels = KeyMatcher(labelKeyList.filter { ReportText.key($0) == $0 })
}
