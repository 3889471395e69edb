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

    var kind: Kind
    /// As printed (normalised), for messages and repairs.
    var text: String
    var line: Int
    /// A minus found between digits of one word (`1-25`): a sign or a missing marker, which
    /// only the columns can tell.
    var minusGluedToDigits = false
    /// Cut from the same word as the value before it (`12增1340`): no lost cell can lie between.
    var gluedToPrevious = false
    /// Cut from the same word as the label before it (`行政规范性文件256`): the row's separators were
    /// lost in the copy. After a separator (`行政规范性文件 256`, a cell of its own) they were kept,
    /// and a run of digits may as well be one value with the row's other cells blank (review 10i H2).
    var gluedToLabel = false
    /// A blank cell's marker cut from the end of a label's word (`…申请数量—`): the row's first
    /// cell, or a separator the copy typed when a full row of values follows (`TableReader`).
    var markerAfterLabel = false
    /// Where the sign word or mark that gave this number its sign (增/减, ▼, 下降) stood; only the
    /// row's columns can tell whether it was this number's (`SignWords`).
    var signWord: SignWords.Place = .none
    /// Whether that word meant a decrease (kept apart from the value: −0 is 0).
    var signDecrease = false
    /// A number alone on its line: a cell of a one-cell-per-line copy, or a page number.
    var aloneOnLine = false
    /// A value that is the only word of its line, whatever it holds (`-12`, `5.6` as well as a
    /// number a page number could be): `RowSolver.isPrintedOneALine` reads a row of such values.
    var ownLine = false
    /// Digits cut off the ordinal after them (`3` of `31、属于…`): joined again when the ordinal
    /// turns out to be no row marker.
    var cutBeforeOrdinal = false
    /// The only word of a cell of a row printed with bars (a Markdown row, an HTML or Word table
    /// row): one value, never several glued ones, and its row's cells are all there is.
    var wholeCell = false
    /// A value printed with `.`, `、` or `)` glued to it, before words that are neither the label
    /// of a row numbered with its last digit nor a label printed without a marker (`17.` then a
    /// running page header): the last digit may be the next row's marker. Read both ways.
    var lastDigitMayBeMarker = false
    /// The value with its mark as printed (`17.`), for messages; on an ordinal, the ordinal as printed.
    var markText: String {
        get { rare?.markText ?? "" }
        set { setRare(markText: newValue, alternative: alternative) }
    }
    /// A value read one way because of the words after its mark, but which the row's required
    /// sums may read the other way (`RowSolver`). The reading the words give is kept unless it
    /// breaks them and the other does not; when the sums cannot decide, a reading the words make
    /// `.certain` is kept, and one they make only `.likely` is not: the cells where the two
    /// readings differ stay empty.
    var alternative: Alternative? {
        get { rare?.alternative }
        set { setRare(markText: markText, alternative: newValue) }
    }

    /// `markText` and `alternative`, which few tokens have, kept out of line: every token is
    /// copied many times over by the readers, and each string or enum with a string it holds
    /// is retained and released with every copy (nil, the usual case, costs nothing).
    private var rare: Rare?

    private final class Rare: Sendable, Equatable {
        let markText: String
        let alternative: Alternative?

        init(markText: String, alternative: Alternative?) {
            self.markText = markText
            self.alternative = alternative
        }

        static func == (a: Rare, b: Rare) -> Bool { a.markText == b.markText && a.alternative == b.alternative }
    }

    /// A new box (never one shared with a copy changed), or none when both are unset.
    private mutating func setRare(markText: String, alternative: Alternative?) {
        rare = markText.isEmpty && alternative == nil ? nil : Rare(markText: markText, alternative: alternative)
    }
    enum Alternative: Sendable, Equatable {
        /// Read whole before a label the templates print without a digit marker (`25、` then
        /// `第二十条…`, `82、` then `部分公开`): the words say the mark is stray, so the whole value
        /// is certain — unless the row's sums prove the last digit was the report's own marker
        /// of the next row (8, and `2.`).
        case withoutLastDigit
        /// Followed by a marker before the label of the row numbered with it (`12、` then
        /// `没有现成信息需要另行制作`, row 2): or the label was printed without its marker and
        /// the digit is this row's — the value's last digit when `joined` (12), else a value of
        /// its own. Both prints are common: the marker reading is only likely.
        case withDigit(String, joined: Bool)

        enum Certainty: Sendable, Equatable {
            /// The words prove the reading (a caption or label that never carries a digit marker).
            case certain
            /// The words only make it the more likely of two prints.
            case likely
        }

        var certainty: Certainty {
            switch self {
            case .withoutLastDigit: return .certain
            case .withDigit: return .likely
            }
        }
    }

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

    /// The UTF-8 bytes of `missingMarkers`, longest first.
    private static let missingMarkerBytes: [[UInt8]] = missingMarkers.map { Array($0.utf8) }.sorted { $0.count > $1.count }

    /// `missingMarkers.contains(text)`, compared on the bytes: hashing every short word of a row
    /// (a label piece, most of them) cost more than comparing it with the 15 markers. The same
    /// answer: no scalar sequence other than a marker's own is canonically equivalent to it (no
    /// scalar decomposes to one of the markers' scalars alone), so equal strings are equal bytes.
    static func isMissingMarker(_ text: String) -> Bool {
        // A longer text (a label's words, most of those asked) is told by its count, without its bytes.
        guard text.utf8.count <= 6 else { return false }
        var text = text
        return text.withUTF8 { b in
            guard b.count <= 6, b.count > 0 else { return false }
            for marker in missingMarkerBytes where marker.count == b.count {
                if marker.withUnsafeBufferPointer({ memcmp(b.baseAddress!, $0.baseAddress!, b.count) == 0 }) { return true }
            }
            return false
        }
    }

    /// `unmarkedLabelKeys` searched in one pass.
    static let unmarkedLabelMatcher = KeyMatcher(unmarkedLabelKeys)

    static func tokens(_ text: String) -> [ReportToken] {
        var tokens: [ReportToken] = []
        tokens.reserveCapacity(text.utf8.count / 4)
        // On UTF-8 bytes of normalised text (where every kind of space is already 0x20): lines,
        // then cells (tab, |, │, ┃), then words. Strings are made only for the words.
        var text = text
        // The cells of a line, in one array for all lines (an array made for every row was a
        // twentieth of the tokenizer).
        var cells: [(Int, Int)] = []
        text.withUTF8 { bytes in
            let n = bytes.count
            var lineStart = 0
            var lineNumber = 0
            while lineStart <= n {
                let lineEnd = ReportText.lineEnd(in: bytes, from: lineStart)
                lineNumber += 1
                tokenizeLine(bytes, lineStart, lineEnd, lineNumber, &tokens, cells: &cells)
                lineStart = lineEnd + 1
            }
        }
        datesAsWords(&tokens)
        unmarkedOrdinals(&tokens)
        return tokens
    }

    /// A year, month or day before 年, 月 or 日 (`二、2021年结转…`, `四、结转2023年度继续办理`,
    /// `行政许可（截至2022年12月31日）`, also with spaces: `2021 年`) is part of the words it stands
    /// in, never a cell: no cell prints 年, 月 or 日 after its number (review 10g). So a year in a
    /// row label does not cut the label, and a date beside a row's value is none of its values.
    /// In place: a copy of every token (three strings each) cost more than the test.
    private static func datesAsWords(_ tokens: inout [ReportToken]) {
        for i in tokens.indices.dropLast() {
            guard case .number = tokens[i].kind, tokens[i + 1].kind == .text, tokens[i + 1].line == tokens[i].line,
                let mark = tokens[i + 1].text.unicodeScalars.first, mark == "年" || mark == "月" || mark == "日"
            else { continue }
            let digits = tokens[i].text
            guard digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(digits) else { continue }
            let isDatePart =
                switch mark {
                case "年": digits.utf8.count == 4 && (1900...2099).contains(n)
                case "月": (1...12).contains(n) && digits.utf8.count <= 2
                default: (1...31).contains(n) && digits.utf8.count <= 2
                }
            if isDatePart { tokens[i] = ReportToken(kind: .text, text: digits, line: tokens[i].line) }
        }
    }

    /// A digit with `)`, `、` or `.` is a row marker only when a row label follows it. Not when
    /// another marker follows (`10)(二)部分公开`: the `)` is stray, `10` the last value of the
    /// row) or a value, or nothing: then it is a value, joined again with the digits cut off
    /// before it (`18、` at the end of a row is 18, never 1 and a marker). A marker in its own
    /// brackets (`(8)`) stays a marker.
    ///
    /// Words alone do not make it a marker unless it starts its line: only the rows numbered 1–8
    /// of table 三 carry such markers in the templates. Before a label printed without one on the
    /// next line (table 二's rows and captions, `部分公开` without its `（二）`, table 四) the number
    /// is whole (`25、` then `第二十条第（五）项` is 25, `行政强制 7、` is 7). After a value, it is a
    /// marker before the label of the row numbered with it (`01.属于国家秘密`,
    /// `15.属于三类内部事务信息`); before other words (a running page header, a numbered label
    /// with another number, a label on the same line that a report may number its own way) it
    /// may be either: the value is kept whole and flagged (`lastDigitMayBeMarker`), and the row
    /// is read both ways (`RowSolver`). After a label it stays the marker it was.
    ///
    /// In place: copying every token into a new array (three strings each) cost more than the
    /// test. The result, `tokens[..<kept]`, is never longer than what was read (a marker read as
    /// a value takes the digits before it at most), so nothing is written ahead of the reading;
    /// the token before the one read (`tokens[i - 1]`) is either still as it was or the value an
    /// ordinal became, and neither is words ending with a bracket.
    private static func unmarkedOrdinals(_ tokens: inout [ReportToken]) {
        guard tokens.contains(where: { $0.kind == .ordinal }) else { return }
        var kept = 0
        // The next token of the result.
        func keep(_ token: ReportToken) {
            tokens[kept] = token
            kept += 1
        }
        // The last token of the result (`out.last`).
        func lastKept() -> ReportToken? { kept > 0 ? tokens[kept - 1] : nil }
        for i in tokens.indices {
            guard tokens[i].kind == .ordinal else {
                // Most tokens: left where they are (moved only after a marker joined the digits before it).
                if kept < i { tokens[kept] = tokens[i] }
                kept += 1
                continue
            }
            let t = tokens[i]
            // Asked of ordinals only (comparing the last character of every token before was a
            // hundredth of a check).
            guard !(i > 0 && tokens[i - 1].kind == .text && (tokens[i - 1].text.hasSuffix("(") || tokens[i - 1].text.hasSuffix("（"))),
                let first = t.text.unicodeScalars.first, isDigit(first)
            else {
                keep(t)
                continue
            }
            var doubtful = false
            if i + 1 < tokens.count, startsLabel(tokens[i + 1]) {
                // Words follow. At the start of a line the digit is their marker (`1.属于国家秘密`).
                guard let previous = lastKept(), previous.line == t.line else {
                    keep(t)
                    continue
                }
                // A label on the same line may carry a report's own numbering (`1.予以公开`); one
                // on the next line is the next row's, and an unmarked one says the mark is stray.
                let nextLine = tokens[i + 1].line != t.line
                switch followingLabel(tokens, from: i + 1) {
                case .unmarked where nextLine:
                    break
                case .numbered(let number) where number == Int(String(t.text.unicodeScalars.filter(isDigit))):
                    // The marker of the row numbered with it — unless that row's label was printed
                    // without its marker after a stray mark: the row's required total decides.
                    if previous.isValue, previous.kind != .empty {
                        let digit = String(t.text.unicodeScalars.filter(isDigit))
                        tokens[kept - 1].alternative = .withDigit(digit, joined: previous.cutBeforeOrdinal)
                    }
                    keep(t)
                    continue
                case .numbered, .unknown, .unmarked:
                    // After a label (`（三）不予公开 1.…`) a marker; after a value, either —
                    // unless the digit numbers no row (the templates number rows 1–8): `20、` is 20.
                    guard previous.isValue, previous.kind != .empty else {
                        keep(t)
                        continue
                    }
                    doubtful = (1...8).contains(Int(String(t.text.unicodeScalars.filter(isDigit).suffix(1))) ?? 0)
                }
            }
            var digits = String(t.text.unicodeScalars.filter(isDigit))
            var glued = false
            if let last = lastKept(), last.cutBeforeOrdinal, last.line == t.line {
                digits = last.text + digits
                glued = last.gluedToPrevious
                kept -= 1
            }
            var value = valueToken(digits, line: t.line)
            value.gluedToPrevious = glued
            value.lastDigitMayBeMarker = doubtful
            // `82、` then a label without a marker on the next line: whole, unless the sums say 8.
            if !doubtful, digits.utf8.count > 1, i + 1 < tokens.count, tokens[i + 1].line != t.line,
                let previous = lastKept(), previous.line == t.line, previous.isValue, previous.kind != .empty
            {
                value.alternative = .withoutLastDigit
            }
            let printed = t.markText.isEmpty ? t.text : t.markText
            value.markText = doubtful ? digits + String(printed.unicodeScalars.last.map(Character.init) ?? ".") : ""
            keep(value)
        }
        tokens.removeSubrange(kept...)
    }

    enum FollowingLabel: Equatable {
        /// A row of table 三 numbered 1–8 in the templates (`属于国家秘密` is 1).
        case numbered(Int)
        /// A label or caption printed without a digit marker (table 二, 四, table 三's other rows).
        case unmarked
        case unknown
    }

    /// What the words from `start` on (up to the next value or marker) are: a label numbered in
    /// the templates, one printed without a marker, or neither.
    static func followingLabel(_ tokens: [ReportToken], from start: Int) -> FollowingLabel {
        // The key's scalars, a string made of them once (appending to a scalar view, scalar by
        // scalar, cost more than the rest of the test).
        var key: [Unicode.Scalar] = []
        var keyCount = 0
        var k = start
        // The words of one line: a running header and the label on the line after it are not one label.
        let line = start < tokens.count ? tokens[start].line : 0
        while k < tokens.count, tokens[k].kind == .text, tokens[k].line == line, keyCount < 24 {
            for s in tokens[k].text.unicodeScalars where ReportText.isKeyScalar(s) {
                key.append(s)
                keyCount += 1
            }
            k += 1
        }
        let words = String(scalars: key)
        guard !words.isEmpty else { return .unknown }
        // Unmarked first: `其他处理` contains the numbered `其他`, no numbered label an unmarked key.
        if unmarkedLabelMatcher.matchesAny(words) { return .unmarked }
        if let numbered = numberedLabelKeys.first(where: { words.hasSubstring($0.key) }) { return .numbered(numbered.number) }
        // A caption split over two lines (`第二十条` / `第（五）项`): the first line begins one.
        if words.count >= 4, unmarkedLabelKeys.contains(where: { $0.count > words.count && $0.hasPrefix(words) }) { return .unmarked }
        return .unknown
    }

    /// The keys of table 三's rows numbered 1–8 in either format's template, with their numbers.
    static let numberedLabelKeys: [(key: String, number: Int)] = {
        var keys: [(key: String, number: Int)] = []
        for row in ReportSchema.v2021.t3Rows + ReportSchema.v2019.t3Rows {
            guard let first = row.label.unicodeScalars.first, isDigit(first), let number = Int(String(first)) else { continue }
            for key in TableReader.t3Keys[row.id] ?? [] where !key.unicodeScalars.contains(where: isDigit)
                && !keys.contains(where: { $0.key == key }) {
                keys.append((key, number))
            }
        }
        return keys
    }()

    /// Keys of labels printed without a digit marker: table 三's other rows and groups, table
    /// 二's captions, rows and column heads, table 四's heads.
    static let unmarkedLabelKeys: [String] = {
        let numbered = Set(numberedLabelKeys.map(\.key))
        var keys: [String] = []
        for schema in [ReportSchema.v2021, ReportSchema.v2019] {
            for row in schema.t3Rows where !(row.label.unicodeScalars.first.map(isDigit) ?? false) {
                keys += TableReader.t3Keys[row.id] ?? []
            }
            for block in schema.t2 {
                keys.append(ReportText.key(block.caption))
                keys += block.rows.flatMap { TableReader.t2RowKeys[$0.id] ?? [] }
                keys += block.columns.map { ReportText.key($0.label) }
            }
            keys += (schema.t4Groups + schema.t4Columns).flatMap { $0.label.split(separator: "·").map { ReportText.key(String($0)) } }
        }
        keys += TableReader.groupKeys + TableReader.t3HeaderKeys + ["信息内容", "自然人", "法人或其他组织", "商业企业", "科研机构",
                                                                      "社会公益组织", "法律服务机构"]
        var seen: Set<String> = []
        return keys.filter { !$0.isEmpty && !numbered.contains($0) && !$0.unicodeScalars.contains(where: isDigit) && seen.insert($0).inserted }
    }()

    /// A label that may follow a row marker: words, not another marker (`(二)…`, `二、…`, `①…`).
    private static func startsLabel(_ token: ReportToken) -> Bool {
        guard token.kind == .text else { return false }
        var scalars = token.text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        if ["(", "（", "[", "［", "【", "〔", "〖"].contains(first) || (0x2460...0x2473).contains(first.value) { return false }
        // Numerals, then a mark: a part or group marker. Read in one pass over the scalars (a
        // prefix of the scalar view, then the view again after it, cost more than the ordinal pass).
        var next: Unicode.Scalar? = first
        var numerals = 0
        while let s = next, isMarkerNumeral(s) {
            numerals += 1
            next = scalars.next()
        }
        if numerals > 0, let mark = next, mark == "、" || mark == "." || mark == "．" { return false }
        return true
    }

    /// A numeral of a part or group marker (`二、`): compared, not hashed into a set.
    private static func isMarkerNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// Length of a cell separator at `i` (tab, `|`, or the box-drawing bars │ ┃), or 0.
    private static func separatorLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0x09 || c == 0x7C { return 1 }
        if c == 0xE2, i + 2 < end, b[i + 1] == 0x94, b[i + 2] == 0x82 || b[i + 2] == 0x83 { return 3 }
        return 0
    }

    /// Where the first bar of `b[start..<end]` starts (`|`, or │ or ┃: E2 94 82/83), or `end`.
    /// Searched byte for byte: in valid UTF-8, `|` and the lead byte E2 start scalars only.
    private static func firstBar(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let pipe = firstIndex(of: 0x7C, in: b, start, end) ?? end
        var from = start
        while let lead = firstIndex(of: 0xE2, in: b, from, pipe) {
            if separatorLength(b, lead, end) == 3 { return lead }
            from = lead + 1
        }
        return pipe
    }

    /// Whether `b[from..<to]` has a `.` or a `:`, which every web word has (`://`, `www.`, `@….`,
    /// `.html`, see `PageChrome.isWebWord`): a word without either is not asked.
    private static func hasWebMark(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        firstIndex(of: 0x2E, in: b, from, to) != nil || firstIndex(of: 0x3A, in: b, from, to) != nil
    }

    /// Where the first `byte` of `b[from..<to]` is, or nil: the C library's memchr (vectorised).
    private static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        guard from < to, let base = b.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// How far the next place a separator may start at is from `i`, where none starts: a CJK
    /// ideograph (lead byte E4…E9 and two continuation bytes, most of a row's label) is passed
    /// over whole, any other byte alone (separators are ASCII or led by E2).
    private static func stepToSeparator(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        return c >= 0xE4 && c <= 0xE9 && i + 2 < end ? 3 : 1
    }

    /// Whether `b[start..<end]` is a table row saved as comma-separated values, and then its cells:
    /// fields cut at commas outside double quotes, a quoted field's inside (`"4,266"` is one cell,
    /// 4266). Only a line whose fields are labels (in words) and then numbers, blank fields or a
    /// blank cell's marker, two numbers at least (ten without a label): prose has commas too
    /// (`ReportText` made every ， a comma), never a field of digits alone after its words.
    private static func commaCells(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ cells: inout [(Int, Int)]) -> Bool {
        // A row ends in a number, its closing quote or a comma; prose in a full stop or a word.
        var last = end - 1
        while last > start, b[last] == 0x20 { last -= 1 }
        guard last > start, (b[last] >= 0x30 && b[last] <= 0x39) || b[last] == 0x22 || b[last] == 0x2C,
            firstIndex(of: 0x2C, in: b, start, end) != nil
        else { return false }
        cells.removeAll(keepingCapacity: true)
        var numbers = 0
        var labels = 0
        var i = start
        while i <= end {
            var fieldStart = i
            while fieldStart < end, b[fieldStart] == 0x20 { fieldStart += 1 }
            var cell: (Int, Int)
            var next: Int
            if fieldStart < end, b[fieldStart] == 0x22 {
                // A quoted field: to the next quote (a doubled one is a quote inside it, never in a number).
                guard let close = firstIndex(of: 0x22, in: b, fieldStart + 1, end) else { return false }
                cell = (fieldStart + 1, close)
                next = close + 1
                while next < end, b[next] == 0x20 { next += 1 }
                guard next == end || b[next] == 0x2C else { return false }
            } else {
                next = firstIndex(of: 0x2C, in: b, i, end) ?? end
                cell = (i, next)
            }
            switch commaField(b, cell) {
            case .label:
                // Words after the numbers: no row.
                guard numbers == 0 else { return false }
                labels += 1
            case .number: numbers += 1
            case .blank, .marker: break
            case .other: return false
            }
            cells.append(cell)
            i = next + 1
        }
        // Table 四's rows have no label of their own (`0,0,0,0,0,54,…`): ten numbers at least (a
        // line of years, dates or numbering has fewer: review 29 saw one empty table 四), and no
        // space in the line (a row printed with spaces whose values have thousands commas).
        if labels == 0 { return numbers >= 10 && firstIndex(of: 0x20, in: b, start, end) == nil }
        return numbers >= 2
    }

    private enum CommaField { case label, number, blank, marker, other }

    /// What a comma-separated field holds: a number (a sign, digits with thousands commas, a
    /// decimal point), nothing, a blank cell's marker, words (with an ideograph), or else other.
    private static func commaField(_ b: UnsafeBufferPointer<UInt8>, _ cell: (Int, Int)) -> CommaField {
        var from = cell.0, to = cell.1
        while from < to, b[from] == 0x20 { from += 1 }
        while to > from, b[to - 1] == 0x20 { to -= 1 }
        guard from < to else { return .blank }
        var k = from
        if b[k] == 0x2D || b[k] == 0x2B { k += 1 }
        var digits = 0
        while k < to, (b[k] >= 0x30 && b[k] <= 0x39) || (digits > 0 && (b[k] == 0x2C || b[k] == 0x2E)) {
            if b[k] >= 0x30 && b[k] <= 0x39 { digits += 1 }
            k += 1
        }
        if k == to, digits > 0, b[to - 1] >= 0x30, b[to - 1] <= 0x39 { return .number }
        if isMissingMarker(String(validUTF8: UnsafeBufferPointer(rebasing: b[from..<to]))) { return .marker }
        // Words, with no figure after them: `行政处罚  1` is a row printed with spaces whose
        // value has a thousands comma (`行政处罚  1,234,567`: review 28 read 1 / 234 / 567).
        guard let lastWord = (from..<to).last(where: { b[$0] >= 0xE4 && b[$0] <= 0xE9 }) else { return .other }
        if (lastWord..<to).contains(where: { b[$0] >= 0x30 && b[$0] <= 0x39 }) { return .other }
        return .label
    }

    /// A longer line is no table row (the widest, table 三's, is under 1 KB even with its label
    /// repeated): it is not read as one, and its cells are never split (review 10k H4, M3).
    static let maxRowBytes = 64 * 1024

    /// `b` is a String's bytes (valid UTF-8) and lines, cells and words are cut at ASCII bytes:
    /// every piece is valid UTF-8 too, and its string is made without validating it again
    /// (`String(validUTF8:)`; the validation of every word was a fortieth of a check).
    /// `cells`: room for the line's cells, whatever it held before.
    private static func tokenizeLine(
        _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int, _ tokens: inout [ReportToken], cells: inout [(Int, Int)]
    ) {
        if end - start > maxRowBytes { return }
        // Chrome with a number (the agency's name and the page, 页码：5, P5, a URL, a print header):
        // no table content, whatever its separators (`PageChrome`).
        if PageChrome.isNumberedChrome(b, start, end) { return }
        // Cells between bars (Markdown, and HTML and Word rows, see `tableRow`), not only tabs.
        // The first bar and the tabs before it are found with memchr (a step per scalar over
        // every line, most of them prose without a separator, was a twentieth of the tokenizer).
        let bar = firstBar(b, start, end)
        let barred = bar < end
        var tabs = 0
        var tab = start
        while let next = firstIndex(of: 0x09, in: b, tab, bar) {
            tabs += 1
            tab = next + 1
        }
        var separated = barred || tabs > 0
        // A spreadsheet saved as comma-separated values: its fields are the cells (review 27:
        // `306,971` was one number with a thousands comma, the row one value short).
        let commaSeparated = !separated && commaCells(b, start, end, &cells)
        if commaSeparated { separated = true }
        // A running page header whose parts a Word header separates by tabs (the agency, the
        // title, the page number) is no row either: tested on the whole line before its cells.
        if separated, !barred, end - start <= 240, isTitleLine(b, start, end) { return }
        guard separated else {
            // Page footers and numbers ("- 3 -", "第 2 页 共 5 页", "Page 2 of 5") are not cells.
            if end - start <= 48, isPageChrome(b, start, end) { return }
            // A running page header (the report's title repeated at the top of each page) is not
            // a row label; its year is no value.
            if end - start <= 240, isRunningHeader(b, start, end) || isTitleLine(b, start, end) { return }
            let before = tokens.count
            words(b, start, end, line, &tokens)
            guard tokens.count == before + 1, tokens[before].isValue else { return }
            tokens[before].ownLine = true
            // Page numbers have at most four digits; a longer run is a row of glued values.
            if case .number = tokens[before].kind, tokens[before].text.utf8.count <= 4,
               tokens[before].text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                tokens[before].aloneOnLine = true
            }
            return
        }
        // A Markdown rule under a header (`|---|:---:|`) is layout, not cells: its dashes are not
        // missing markers.
        if isRuleLine(b, start, end) { return }
        // Cells, keeping empty ones; trailing empty cells carry no position information.
        // Room for every cell at once (an array grown cell by cell was most of the cost of a
        // row's cells): at most one more than the separators — the tabs counted above, or on a
        // line with bars, every byte that may start one (a bar drawn with │ or ┃ starts with E2).
        var most = tabs + 1
        if barred {
            most = 1
            for k in start..<end where b[k] == 0x09 || b[k] == 0x7C || b[k] == 0xE2 { most += 1 }
        }
        if !commaSeparated {
            cells.removeAll(keepingCapacity: true)
            cells.reserveCapacity(most)
        }
        var cellStart = start
        if commaSeparated {
            // Cut by `commaCells`.
        } else if barred {
            var i = start
            while i <= end {
                let length = i < end ? separatorLength(b, i, end) : 1
                if length > 0 {
                    cells.append((cellStart, i))
                    cellStart = i + length
                    i += length
                } else {
                    i += stepToSeparator(b, i, end)
                }
            }
        } else {
            // Without a bar, tabs alone separate the cells: found with memchr, not a step per
            // scalar (a twentieth of the tokenizer).
            while let tab = firstIndex(of: 0x09, in: b, cellStart, end) {
                cells.append((cellStart, tab))
                cellStart = tab + 1
            }
            cells.append((cellStart, end))
        }
        func isBlank(_ cell: (Int, Int)) -> Bool {
            var k = cell.0
            while k < cell.1 { if b[k] != 0x20 && b[k] != 0x0D && b[k] != 0x0B && b[k] != 0x0C { return false }; k += 1 }
            return true
        }
        // Blank cells before a row label belong to no row (an HTML cell merged down, a leading
        // bar). A blank cell after the last value is a printed blank (an HTML or Word cell left
        // empty) — except the nothing after a closing bar. A line of blanks is nothing.
        // Nothing before a row's opening bar (`| 1 | 0 |`) is a cell.
        if isBlank(cells[0]), cells[0].1 < end, b[cells[0].1] != 0x09 { cells.removeFirst() }
        guard let firstFilled = cells.firstIndex(where: { !isBlank($0) }) else { return }
        var closed = false
        if b[cells[cells.count - 1].0 - 1] != 0x09, isBlank(cells[cells.count - 1]) { cells.removeLast(); closed = true }
        // Trailing blank cells: a tab at the end of a copied line is nothing (copies of real
        // reports end short rows with one), and so is `||`; a blank with a bar after it
        // (`| 0 |  |`, and HTML and Word rows, see `tableRow`) is a printed blank cell.
        while let last = cells.last, isBlank(last), !(closed && last.1 > last.0) { cells.removeLast() }
        if isLabelCell(b, cells[firstFilled]) { cells.removeFirst(firstFilled) }
        for cell in cells {
            if isBlank(cell) {
                var blank = ReportToken(kind: .empty, text: "", line: line)
                blank.wholeCell = barred || commaSeparated
                tokens.append(blank)
            } else {
                let before = tokens.count
                words(b, cell.0, cell.1, line, &tokens)
                if barred || commaSeparated, tokens.count == before + 1, tokens[before].isValue { tokens[before].wholeCell = true }
            }
        }
    }

    /// A table row of an HTML or Word table as a line: cells between tabs; a row ending in blank
    /// cells is closed by a bar, so the blanks stay cells (a line of copied text ending in a tab
    /// does not say that).
    /// A row of three cells or more (a label and values) is closed by a bar in any case, so its
    /// cells are known to be cells: a row with fewer cells than columns is not completed as if
    /// a value had been lost in a copy.
    /// A row of a label and one cell holding a run of two digits or more (`<td>044</td>`,
    /// `<td>210470225</td>`), or of one cell alone holding more digits than a page number has, is
    /// closed too: such a cell is no digits a copy typed but a cell of its own, read like `| 044 |`
    /// — a row short of its columns, whose last cells may be lost as well as its digits glued
    /// (review 10j L3: `044` was read 0 4 4 as a text row; review 10l H2: `（七）总计` with
    /// `210470225`, and a table-四 row `<td>23128000331212125</td>`, were cut under the row sums as
    /// if no cell could be lost at their end).
    static func tableRow(_ fields: [String]) -> String {
        func digitRun(_ text: String, longerThan count: Int) -> Bool {
            let utf8 = text.utf8
            return utf8.count > count && utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        let closed =
            fields.count >= 3 || (fields.count == 2 && digitRun(fields[1], longerThan: 1))
            || (fields.count == 1 && digitRun(fields[0], longerThan: 4))
        guard fields.last?.isEmpty == true else { return fields.joined(separator: "\t") + (closed ? "│" : "") }
        return fields.map { $0.isEmpty ? " " : $0 }.joined(separator: "\t") + "│"
    }

    /// A cell with words in it (`2. 其他法律行政法规禁止公开`), not a value (`16`, `无`, `增15`, `〇`).
    private static func isLabelCell(_ b: UnsafeBufferPointer<UInt8>, _ cell: (Int, Int)) -> Bool {
        // On the bytes first: the CJK ideographs U+4E00…U+9FFF are the 3-byte sequences led by
        // E4 (from B8) to E9. Without a word character the cell is no label; with two ideographs
        // it is no missing marker (无 and 空 are the only ones with one). Decoding and trimming
        // every row's first cell (Foundation) was a thirtieth of a report check.
        var ideographs = 0, words = 0
        var i = cell.0
        while i < cell.1 {
            let c = b[i]
            if c >= 0xE4, c <= 0xE9, i + 2 < cell.1 {
                let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
                if v >= 0x4E00 {
                    ideographs += 1
                    if v != 0x589E, v != 0x51CF, v != 0x52A0, v != 0x5C11, v != 0x96F6 { words += 1 }
                    // A word character and two ideographs: a label, whatever follows (a row's
                    // label was read to its end before).
                    if words > 0, ideographs >= 2 { return true }
                }
                i += 3
            } else {
                i += 1
            }
        }
        if words == 0 { return false }
        if ideographs >= 2 { return true }
        let text = String(validUTF8: UnsafeBufferPointer(rebasing: b[cell.0..<cell.1])).trimmingCharacters(in: .whitespaces)
        if isMissingMarker(text) { return false }
        let notWords: Set<Unicode.Scalar> = ["增", "减", "加", "少", "〇", "零"]
        return text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF && !notWords.contains($0) }
    }

    /// A line that is only a page number or footer: "- 3 -", "— 3 —", "第 2 页", "第2页 共5页",
    /// "共5页 第2页", "第 2/5 页", "Page 2", "Page 2 of 5". Only short lines get here.
    static func isPageChrome(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let text = String(validUTF8: UnsafeBufferPointer(rebasing: b[start..<end]))
        let scalars = text.unicodeScalars.filter { $0 != " " && $0 != "\r" && $0 != "\t" }
        guard scalars.contains(where: isDigit) else { return false }
        let dashes = pageDashes
        if let first = scalars.first, let last = scalars.last, dashes.contains(first), dashes.contains(last) {
            let inner = Array(scalars.drop { dashes.contains($0) }.reversed().drop { dashes.contains($0) }.reversed())
            if isPageOrPageCount(inner) { return true }
        }
        // `·3·`, `• 3 •`, `〔3〕`, `[3]`, `【3】`, `< 3 >`, `« 3 »`: a page number between dots or
        // brackets (#10 review); also with the count of pages (`[3/5]`, `(3/5)`, `·3/5·`, review 10g).
        // A digit in round brackets alone (`(3)`) is a row marker, not a page.
        let pairs = pageNumberBrackets
        if let first = scalars.first, let last = scalars.last, scalars.count >= 3, pairs[first] == last {
            let inner = Array(scalars.dropFirst().dropLast())
            if isPageOrPageCount(inner), first != "(" && first != "（" || inner.contains("/") { return true }
        }
        if scalars.contains("页") {
            return scalars.allSatisfy { isDigit($0) || pageCountScalars.contains($0) }
        }
        // `3/12`, `3 / 12`: page 3 of 12.
        if let slash = scalars.firstIndex(of: "/") {
            let page = scalars[..<slash], pages = scalars[scalars.index(after: slash)...]
            if (1...4).contains(page.count), (1...4).contains(pages.count), page.allSatisfy(isDigit), pages.allSatisfy(isDigit),
                let p = Int(String(scalars: page)), let n = Int(String(scalars: pages)), p >= 1, p <= n
            {
                return true
            }
        }
        let lower = String(scalars: scalars).lowercased()
        if lower.hasPrefix("page") {
            return lower.dropFirst(4).replacingOccurrences(of: "of", with: "/").unicodeScalars.allSatisfy { isDigit($0) || $0 == "/" }
        }
        // `3 of 5` without the word Page (a PDF viewer's or a print footer's page count): page ≤ pages.
        let of = lower.components(separatedBy: "of")
        if of.count == 2, (1...4).contains(of[0].count), (1...4).contains(of[1].count),
            of[0].unicodeScalars.allSatisfy(isDigit), of[1].unicodeScalars.allSatisfy(isDigit),
            let p = Int(of[0]), let n = Int(of[1]), p >= 1, p <= n
        {
            return true
        }
        return false
    }

    // The sets of the footer test, made once (not at every short line).
    private static let pageDashes: Set<Unicode.Scalar> = ["-", "—", "–", "─", "━", "－", "―"]
    private static let pageNumberBrackets: [Unicode.Scalar: Unicode.Scalar] = [
        "·": "·", "•": "•", "・": "・", "∙": "∙", "〔": "〕", "[": "]", "【": "】", "［": "］",
        "<": ">", "〈": "〉", "«": "»", "‹": "›", "(": ")", "（": "）",
    ]
    private static let pageCountScalars: Set<Unicode.Scalar> = ["第", "页", "共", "/", ",", "，", "、", "(", ")"]

    /// `3` (at most four digits) or `3/5` (a page of a count, page ≤ pages): what a footer puts
    /// between its dashes, dots or brackets.
    private static func isPageOrPageCount(_ inner: [Unicode.Scalar]) -> Bool {
        guard !inner.isEmpty else { return false }
        if inner.count <= 4, inner.allSatisfy(isDigit) { return true }
        guard let slash = inner.firstIndex(of: "/") else { return false }
        let page = inner[..<slash], pages = inner[(slash + 1)...]
        guard (1...4).contains(page.count), (1...4).contains(pages.count), page.allSatisfy(isDigit), pages.allSatisfy(isDigit),
            let p = Int(String(String.UnicodeScalarView(page))), let n = Int(String(String.UnicodeScalarView(pages)))
        else { return false }
        return p >= 1 && p <= n
    }

    /// A line naming the report itself ("示范县教育局2022年政府信息公开工作年度报告"): in a table's
    /// section, only a running page header.
    static func isRunningHeader(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Every title marker has 信息公开 in it: most lines are passed over on this byte search.
        guard contains(b, start, end, Self.informationDisclosure) else { return false }
        let text = String(validUTF8: UnsafeBufferPointer(rebasing: b[start..<end]))
        return runningHeaderMarkers.contains { text.hasSubstring($0) }
    }

    private static let informationDisclosure = Array("信息公开".utf8)

    /// A line that is a report's title or a piece of it, in any of the forms real headers take:
    /// `2022年度政府信息公开报告`, `示范县教育局<tab>2022年政府信息公开工作年度报告<tab>3`,
    /// `…2022年政务公开工作年度报告`, or the second line of a title split over two, `（2022年度）`
    /// or `(2023 年度)`. Its only figures are a year and at most a page number, so no row's values
    /// are lost with it; a year there must never become a cell's value.
    static func isTitleLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Both forms are decided on the line's bytes first: a year-only line has 年 (E5 B9 B4)
        // and nothing but the year and brackets; a title has 公开 and 报告 or 年报. Only lines
        // passing the second test are decoded (decoding every line was a fifteenth of a check).
        if isBareYearLine(b, start, end) { return true }
        guard contains(b, start, end, Self.disclosure),
            contains(b, start, end, Self.informationDisclosure) || contains(b, start, end, Self.governmentAffairsDisclosure),
            contains(b, start, end, Self.report) || contains(b, start, end, Self.annualReport)
        else { return false }
        let text = String(validUTF8: UnsafeBufferPointer(rebasing: b[start..<end]))
        let numbers = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).map(String.init)
        let years = numbers.filter { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }
        // The title's own figures: a year, and a page number (`3`, `3/12`) after it.
        let others = numbers.filter { !years.contains($0) }
        return years.count <= 1 && others.count <= 2 && others.allSatisfy { $0.count <= 3 }
            && !text.hasSubstring("、") && !text.hasSubstring("，") && !text.hasSubstring("。")
    }

    /// A year-only line: brackets, spaces, the year (19xx or 20xx), 年 or 年度, nothing else
    /// (`（2022年度）`, `(2023 年度)`).
    private static func isBareYearLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // The line without " \t\r()[]" and （）［］【】 (EF BC 88/89, EF BC BB/BD, E3 80 90/91).
        var kept: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0, firstAt = 0, fourthAt = 0
        var i = start
        while i < end {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0D, 0x28, 0x29, 0x5B, 0x5D: i += 1; continue
            case 0xEF where i + 2 < end && b[i + 1] == 0xBC && (b[i + 2] == 0x88 || b[i + 2] == 0x89 || b[i + 2] == 0xBB || b[i + 2] == 0xBD):
                i += 3; continue
            case 0xE3 where i + 2 < end && b[i + 1] == 0x80 && (b[i + 2] == 0x90 || b[i + 2] == 0x91):
                i += 3; continue
            default: break
            }
            guard count < 10 else { return false }
            // A year starts with 1 or 2: any other first byte (a row's label, most lines) decides at once.
            if count == 0, c != 0x31, c != 0x32 { return false }
            if count == 0 { firstAt = i } else if count == 3 { fourthAt = i }
            withUnsafeMutableBytes(of: &kept) { $0[count] = c }
            count += 1
            i += 1
        }
        // 4 digits in one run ("20 23年" is two numbers) and 年 (E5 B9 B4), or 年度 (E5 BA A6) too.
        guard count == 7 || count == 10, fourthAt - firstAt == 3 else { return false }
        return withUnsafeBytes(of: &kept) { k in
            (k[0] == 0x31 && k[1] == 0x39 || k[0] == 0x32 && k[1] == 0x30) && (0x30...0x39).contains(k[2]) && (0x30...0x39).contains(k[3])
                && k[4] == 0xE5 && k[5] == 0xB9 && k[6] == 0xB4 && (count == 7 || (k[7] == 0xE5 && k[8] == 0xBA && k[9] == 0xA6))
        }
    }

    /// Whether `b[start..<end]` holds `needle`: found with the C library's memchr (`search`; a
    /// byte loop before, over every table row's line for each of the title's words).
    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { String.search(UnsafeBufferPointer(rebasing: b[start..<end]), $0) }
    }

    private static let disclosure = Array("公开".utf8)
    private static let governmentAffairsDisclosure = Array("政务公开".utf8)
    private static let report = Array("报告".utf8)
    private static let annualReport = Array("年报".utf8)

    private static let runningHeaderMarkers = IssuerReader.titleMarkers.filter { $0.hasSubstring("信息公开") }

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
        // A sign word standing apart before a number (`减 10`, `减少 10`, `↓ 10`, `▼ 10`): the number's
        // sign, as far as the tokens can tell (`SignWords.settle` gives it to its column).
        var pendingSign: (text: String, negative: Bool)?
        let firstToken = tokens.count
        while i < end {
            while i < end, b[i] == 0x20 || b[i] == 0x0D || b[i] == 0x0B || b[i] == 0x0C { i += 1 }
            let wordStart = i
            // An ideograph (lead byte E4…E9) is passed over whole: its continuation bytes are no space.
            while i < end, b[i] != 0x20, b[i] != 0x0D, b[i] != 0x0B, b[i] != 0x0C { i += stepToSeparator(b, i, end) }
            if let sign = spacedSign(b, wordStart, i, end) {
                pendingSign = sign
                continue
            }
            // …and after a number of the same cell, with no number after it (`10 减`, `10 ↓`).
            if pendingSign == nil, i - wordStart >= 3, tokens.count > firstToken,
                let negative = SignWords.apartSign(of: UnsafeBufferPointer(rebasing: b[wordStart..<i]), before: false),
                let last = tokens.last, case .number(let n) = last.kind, n >= 0, isPlainCount(last.text)
            {
                // A longer word (`个(减少)`) is written as the splitter knows it.
                let printed = UnsafeBufferPointer(rebasing: b[wordStart..<i])
                let sign = printed.count <= SignWords.longestWord ? String(validUTF8: printed) : negative ? "减" : "增"
                var token = ReportToken(kind: .number(negative ? -n : n), text: last.text + sign, line: last.line)
                token.signWord = .apartAfter
                token.signDecrease = negative
                tokens[tokens.count - 1] = token
                continue
            }
            let firstNew = tokens.count
            let sign = pendingSign
            pendingSign = nil
            defer { if let sign { signed(&tokens, at: firstNew, by: sign, line: line) } }
            if i > wordStart, b[wordStart] >= 0x30, b[wordStart] <= 0x39, let close = remarkEnd(b, wordStart, end) {
                // `3（含修订1件）`: a remark in brackets after a value, its words and figures
                // included, is no value of the row (review 10h M4).
                var k = wordStart
                while b[k] >= 0x30, b[k] <= 0x39 { k += 1 }
                pieces(ofBytes: UnsafeBufferPointer(rebasing: b[wordStart..<k]), line: line, into: &tokens)
                // …but a sign word in brackets (`19（下降）`, `19（同比减少）`) is the number's sign (reviews
                // 24 and 26 read +19).
                let remark = String(validUTF8: UnsafeBufferPointer(rebasing: b[k...close]))
                if let negative = SignWords.sign(of: UnsafeBufferPointer(rebasing: b[k...close])) ?? SignWords.suffixSign(remark[...]),
                    let last = tokens.last, case .number(let n) = last.kind, n >= 0
                {
                    var token = ReportToken(kind: .number(negative ? -n : n), text: last.text + remark, line: last.line)
                    token.signWord = .after
                    token.signDecrease = negative
                    tokens[tokens.count - 1] = token
                }
                i = close + 1
                continue
            }
            // `予以公开6（2件为依申请）1001`: the same remark after a value glued to its label
            // (review 10j H4) — the label and the value are read, the remark skipped. Only a word
            // with a `(` holds one (the bracket after the digits is before the word's end, a space).
            if i > wordStart, b[wordStart] > 0x39 || b[wordStart] < 0x30, firstIndex(of: 0x28, in: b, wordStart, i) != nil {
                var p = wordStart + 1
                var cut: (Int, Int)?
                while p < i, cut == nil {
                    if b[p] >= 0x30, b[p] <= 0x39, !(b[p - 1] >= 0x30 && b[p - 1] <= 0x39), b[p - 1] != 0x2E,
                        let close = remarkEnd(b, p, end)
                    {
                        var k = p
                        while b[k] >= 0x30, b[k] <= 0x39 { k += 1 }
                        cut = (k, close)
                    }
                    p += 1
                }
                if let (k, close) = cut {
                    pieces(ofBytes: UnsafeBufferPointer(rebasing: b[wordStart..<k]), line: line, into: &tokens)
                    i = close + 1
                    continue
                }
            }
            if i > wordStart {
                // A number inside a URL, an e-mail address or a path is never a value.
                let word = UnsafeBufferPointer(rebasing: b[wordStart..<i])
                if i - wordStart >= 5, hasWebMark(b, wordStart, i), word.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }),
                    PageChrome.isWebWord(String(validUTF8: word))
                {
                    tokens.append(ReportToken(kind: .text, text: String(validUTF8: word), line: line))
                    continue
                }
                pieces(ofBytes: UnsafeBufferPointer(rebasing: b[wordStart..<i]), line: line, into: &tokens)
            }
        }
    }

    /// What a copy types between a label and its value, or prints for a blank cell (review 10j M4, H5).
    private static let labelValueSeparators: Set<Unicode.Scalar> = ["：", ":", "—", "－", "-", "–", "/", "／"]

    /// Where the remark in brackets after the digits at `start` ends (`3(含修订1件)`, the
    /// bracket normalised to ASCII): a `(` right after the digits, words inside, and its `)` in
    /// the same cell. Nil when there is none, and for a row marker (`16(二)部分公开`: the next
    /// row's label glued to a value).
    private static func remarkEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var k = start
        while k < end, b[k] >= 0x30, b[k] <= 0x39 { k += 1 }
        // `3(1件为修订)`: a remark may start with a figure of its own (review 10i L1), if words follow.
        let digitFirst = k + 1 < end && b[k + 1] >= 0x30 && b[k + 1] <= 0x39
        guard k + 1 < end, b[k] == 0x28, b[k + 1] >= 0x80 || digitFirst else { return nil }
        var close = k + 1
        while close < end, b[close] != 0x29 { close += 1 }
        guard close < end else { return nil }
        let inside = String(validUTF8: UnsafeBufferPointer(rebasing: b[(k + 1)..<close]))
        guard inside.contains(where: { !"一二三四五六七八九十".contains($0) && $0 != " " && !(digitFirst && $0.isASCII) }) else { return nil }
        return close
    }

    /// A word's `scan`: whether it has an ASCII digit, nothing else, 〇 or 零, 第.
    private typealias WordScan = (digit: Bool, allDigits: Bool, zero: Bool, ordinal: Bool)

    /// What `pieces` asks of a word's bytes, in one pass: ASCII digits, other bytes, and 〇
    /// (E3 80 87), 零 (E9 9B B6) or 第 (E7 AC AC), whose three bytes are that scalar wherever they
    /// stand in valid UTF-8 (four scans of every word before; 第 searched for apart, a fiftieth
    /// of the tokenizer).
    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> WordScan {
        var digit = false, other = false, zero = false, ordinal = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 48 && c <= 57 {
                digit = true
                i += 1
                continue
            }
            other = true
            // A lead byte E0…EF and its two continuation bytes, taken at once (a byte loop
            // looked at every byte of every ideograph).
            if c >= 0xE0 && c <= 0xEF && i + 2 < n {
                let c1 = b[i + 1], c2 = b[i + 2]
                if c == 0xE3 && c1 == 0x80 && c2 == 0x87 || c == 0xE9 && c1 == 0x9B && c2 == 0xB6 { zero = true }
                if c == 0xE7 && c1 == 0xAC && c2 == 0xAC { ordinal = true }
                i += 3
                continue
            }
            i += 1
        }
        return (digit, !other, zero, ordinal)
    }

    /// The word `b[start..<end]` when it is a sign word (`SignWords.words`) and the next word (after
    /// spaces) starts with a digit: `减 10` is −10, as `减10` is (review 17: the sign was dropped and 10 read).
    private static func spacedSign(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ lineEnd: Int) -> (text: String, negative: Bool)? {
        guard end - start >= 3, end < lineEnd else { return nil }
        var next = end
        while next < lineEnd, b[next] == 0x20 { next += 1 }
        guard next > end, next < lineEnd, b[next] >= 0x30, b[next] <= 0x39 else { return nil }
        let word = UnsafeBufferPointer(rebasing: b[start..<end])
        guard let negative = SignWords.apartSign(of: word, before: true) else { return nil }
        // A longer word (`同比减少`) is written as the splitter knows it.
        return (word.count <= SignWords.longestWord ? String(validUTF8: word) : negative ? "减" : "增", negative)
    }

    /// Whether a number's text is a count printed plainly: digits, with thousands commas or a
    /// decimal point after the first (`10`, `1,872`: review 22 saw the sign of `5 减 1,872` dropped).
    private static func isPlainCount(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { first = false; continue }
            if first || (byte != 0x2C && byte != 0x2E) { return false }
        }
        return !first
    }

    /// The first token written for the word after a spaced sign, signed by it when it is a count
    /// (`10` after `减` → −10, printed `减10`); otherwise the sign stays a word before it.
    private static func signed(_ tokens: inout [ReportToken], at k: Int, by sign: (text: String, negative: Bool), line: Int) {
        if k < tokens.count, case .number(let n) = tokens[k].kind, n >= 0, isPlainCount(tokens[k].text) {
            var token = ReportToken(kind: .number(sign.negative ? -n : n), text: sign.text + tokens[k].text, line: tokens[k].line)
            token.signWord = .apartBefore
            token.signDecrease = sign.negative
            tokens[k] = token
        } else {
            tokens.insert(ReportToken(kind: .text, text: sign.text, line: line), at: min(k, tokens.count))
        }
    }

    /// `pieces(of:)` of a word's bytes (valid UTF-8 cut at ASCII bytes from a line): scanned where
    /// they are, before the word's string is made (scanning the string, copied for it, cost more
    /// than the scan). A word of digits alone, most words of a table, is a value at once.
    private static func pieces(ofBytes word: UnsafeBufferPointer<UInt8>, line: Int, into tokens: inout [ReportToken]) {
        let bytes = scan(word)
        if bytes.allDigits, !word.isEmpty {
            tokens.append(valueToken(digits: word, line: line))
            return
        }
        pieces(of: String(validUTF8: word), scanned: bytes, line: line, into: &tokens)
    }

    /// `valueToken` of a word of ASCII digits, read on its bytes (parsing the string made of
    /// them cost more than making it); a one-digit word, most of a table's cells, takes its
    /// string from `digitStrings` (making one validated its byte).
    private static func valueToken(digits word: UnsafeBufferPointer<UInt8>, line: Int) -> ReportToken {
        let text = word.count == 1 ? digitStrings[Int(word[0] &- 0x30)] : String(validUTF8: word)
        guard word.count <= 15 else { return ReportToken(kind: .digits, text: text, line: line) }
        var n = 0
        for c in word { n = n * 10 + Int(c &- 0x30) }
        return ReportToken(kind: .number(Decimal(n)), text: text, line: line)
    }

    /// Where a blank cell's marker glued to the end of a row's label starts (`…申请数量—`,
    /// `…继续办理无`): the marker is the row's first cell (review 25: taken for part of the label,
    /// the row was one value short and its values were moved). Only after the end of a row's label
    /// (`rowLabelEndings`): a label wrapped to the next line goes on after the marker (`6.属于四类无`
    /// / `过程性信息`: cut there, the row's label was lost — review 26), and words 无 completes
    /// (有无, 暂无) are no label's end.
    private static func markerAfterLabel(_ text: String) -> String.Index? {
        // Asked of every word of words alone: most end in an ideograph whose last byte is none of
        // the markers' (— E2 80 94, × C3 97, 无 E6 97 A0, and - / \ in ASCII) — passed on that byte.
        switch text.utf8.last {
        case 0x94, 0x97, 0xA0, 0x2D, 0x2F, 0x5C: break
        default: return nil
        }
        let scalars = text.unicodeScalars
        guard let last = scalars.last else { return nil }
        switch last {
        case "—", "-", "/", "\\", "×", "无": break
        default: return nil
        }
        var cut = scalars.index(before: scalars.endIndex)
        if last == "—", cut > scalars.startIndex, scalars[scalars.index(before: cut)] == "—" { cut = scalars.index(before: cut) }
        // The label's last two ideographs, before a closing bracket or quote (`…情形)`, `…稳定”`).
        var end = cut
        if end > scalars.startIndex, [")", "”", "\""].contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        guard end > scalars.startIndex else { return nil }
        let second = scalars.index(before: end)
        guard second > scalars.startIndex else { return nil }
        let first = scalars.index(before: second)
        guard isIdeograph(scalars[first]), isIdeograph(scalars[second]),
            rowLabelEndings.contains(String(String.UnicodeScalarView([scalars[first], scalars[second]])))
        else { return nil }
        return cut
    }

    /// The last two ideographs of the tables' row labels, both formats (数量, 办理, 公开, 情形, 文件…),
    /// and of the keys of four or more ideographs rows are found by (a label printed short, `四、结转`:
    /// 上年结转's 结转).
    private static let rowLabelEndings: Set<String> = {
        var labels: [String] = []
        for schema in [ReportSchema.v2021, ReportSchema.v2019] {
            labels += schema.t3Rows.map(\.label) + schema.t2.flatMap({ $0.rows.map(\.label) })
        }
        labels += (Array(TableReader.t3Keys.values.joined()) + Array(TableReader.t2RowKeys.values.joined())).filter {
            $0.unicodeScalars.filter(isIdeograph).count >= 4
        }
        var endings: Set<String> = []
        for label in labels {
            let ideographs = label.unicodeScalars.filter(isIdeograph)
            if ideographs.count >= 2 { endings.insert(String(String.UnicodeScalarView(ideographs.suffix(2)))) }
        }
        return endings
    }()

    private static func isIdeograph(_ s: Unicode.Scalar) -> Bool { s.value >= 0x4E00 && s.value <= 0x9FFF }

    /// A word's label and the marker glued after it (`markerAfterLabel`'s cut) as two tokens.
    private static func appendLabelAndMarker(_ word: String, cut: String.Index, line: Int, into tokens: inout [ReportToken]) {
        tokens.append(ReportToken(kind: .text, text: String(word[..<cut]), line: line))
        var marker = ReportToken(kind: .missingMarker, text: String(word[cut...]), line: line)
        marker.markerAfterLabel = true
        tokens.append(marker)
    }

    /// `0` to `9`, made once.
    private static let digitStrings: [String] = (0...9).map { String($0) }

    /// A word split where letters meet digits: `予以公开16` → `予以公开` `16`; `1.属于` → `1.` `属于`.
    /// `scanned`: `scan` of the word's bytes.
    private static func pieces(of text: String, scanned: WordScan, line: Int, into tokens: inout [ReportToken]) {
        var text = text
        func scan(_ text: inout String) -> WordScan {
            text.withUTF8 { ReportTokenizer.scan($0) }
        }
        var bytes = scanned
        if bytes.zero { text = chineseZeros(text); bytes = scan(&text) }
        if bytes.digit, bytes.ordinal { text = articleNumerals(text); bytes = scan(&text) }
        // Fast paths: most words are all digits (a value) or have no ASCII digit at all (a label).
        if bytes.allDigits {
            tokens.append(valueToken(text, line: line))
            return
        } else if !bytes.digit {
            if isMissingMarker(text) {
                tokens.append(ReportToken(kind: .missingMarker, text: text, line: line))
            } else if let cut = markerAfterLabel(text) {
                appendLabelAndMarker(text, cut: cut, line: line, into: &tokens)
            } else {
                tokens.append(ReportToken(kind: .text, text: text, line: line))
            }
            return
        }
        // (No missing marker has a digit: a word with one is never one, and is not hashed to ask.)
        if let number = parseNumber(text) { tokens.append(ReportToken(kind: .number(number), text: text, line: line)); return }
        // 2019 format's 本年增/减 is printed as 增15 / 减3.
        if let first = text.unicodeScalars.first, first == "增" || first == "减" || first == "+" || first == "-",
            let signed = signedChange(text)
        {
            var token = ReportToken(kind: .number(signed), text: text, line: line)
            if first == "增" || first == "减" {
                token.signWord = .before
                token.signDecrease = first == "减"
            }
            tokens.append(token)
            return
        }

        let scalars = Array(text.unicodeScalars)
        var index = 0
        let firstOfWord = tokens.count
        defer {
            // Values cut from one word follow each other without a separator.
            if tokens.count - firstOfWord > 1 {
                for t in (firstOfWord + 1)..<tokens.count where tokens[t].isValue && tokens[t - 1].isValue { tokens[t].gluedToPrevious = true }
                // A colon, dash or slash before the digits (`行政规范性文件：256`, `—256`, `/256`) is a
                // separator the copy typed, or a blank cell: the digits are not glued (review 10j M4, H5).
                for t in (firstOfWord + 1)..<tokens.count where tokens[t].isValue && tokens[t - 1].kind == .text {
                    if let last = tokens[t - 1].text.unicodeScalars.last, labelValueSeparators.contains(last) { continue }
                    tokens[t].gluedToLabel = true
                }
            }
        }
        while index < scalars.count {
            let start = index
            if isDigit(scalars[index]) {
                while index < scalars.count,
                    isDigit(scalars[index]) || (isNumberPunctuation(scalars[index]) && index + 1 < scalars.count && isDigit(scalars[index + 1]))
                {
                    index += 1
                }
                let digits = String(scalars: scalars[start..<index])
                // `1.` or `1、` before text is an ordinal of a row label, not a value. The
                // templates number rows 1 to 8, so a longer run (`00000007.属于…`) is the previous
                // row's digits glued to the ordinal.
                // `(1)`, `1)`: a row marker as well; a longer run without its `(` is the previous
                // row's digits glued to it.
                // Without its `(`, only when a label follows in the same word (`17)` ending a row
                // is a value and a stray bracket).
                if index < scalars.count, scalars[index] == ")", digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                   start > 0 && scalars[start - 1] == "(" ? digits.utf8.count <= 2 : index + 1 < scalars.count && !isDigit(scalars[index + 1]) {
                    index += 1
                    if digits.utf8.count > 1, !(start > 0 && scalars[start - 1] == "(") {
                        var value = valueToken(String(digits.dropLast()), line: line)
                        value.cutBeforeOrdinal = true
                        tokens.append(value)
                        tokens.append(ReportToken(kind: .ordinal, text: String(digits.suffix(1)) + ")", line: line))
                    } else {
                        tokens.append(ReportToken(kind: .ordinal, text: digits + ")", line: line))
                    }
                } else if index < scalars.count, isOrdinalMark(scalars[index]),
                          !digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = parseNumber(digits) {
                    // A decimal (`12.5、`, `12.50.`) is no row marker: the mark after it is stray,
                    // and the number keeps its point.
                    index += 1
                    tokens.append(ReportToken(kind: .number(number), text: digits, line: line))
                } else if index < scalars.count, isOrdinalMark(scalars[index]) {
                    index += 1
                    if digits.utf8.count > 1, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                        var value = valueToken(String(digits.dropLast()), line: line)
                        value.cutBeforeOrdinal = true
                        tokens.append(value)
                        var ordinal = ReportToken(kind: .ordinal, text: String(digits.suffix(1)) + ".", line: line)
                        ordinal.markText = String(digits.suffix(1)) + String(scalars[index - 1])
                        tokens.append(ordinal)
                    } else {
                        var ordinal = ReportToken(kind: .ordinal, text: digits + ".", line: line)
                        ordinal.markText = digits + String(scalars[index - 1])
                        tokens.append(ordinal)
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
                // (The sign words have one or two scalars: longer runs are compared with none.)
                // (Not the words the splitter does not know between two runs of digits, `65下降872`: a
                // glued row whose sign may be the run before's — review 24; left unread, as before.)
                if index < scalars.count, let (signText, negative, glued) = gluedSign(scalars, start, index) {
                    var end = index
                    while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                    var digits = String(scalars: scalars[index..<end])
                    // Thousands groups after them (`5减21,205`): the comma may be a separator of
                    // the change's own digits (−21,205), of the next value's (−2 and 1,205) or
                    // stand between the two (−21 and 205). The run is kept as one signed run of
                    // digits without its commas: the row's splitter lists every cut, and a cell is
                    // read only where all agree (never −21 and 205 on the comma alone).
                    while end + 3 < scalars.count, scalars[end] == ",", isDigit(scalars[end + 1]), isDigit(scalars[end + 2]),
                          isDigit(scalars[end + 3]), end + 4 == scalars.count || !isDigit(scalars[end + 4]) {
                        digits += String(scalars: scalars[(end + 1)..<(end + 4)])
                        end += 4
                    }
                    if end == scalars.count || !isOrdinalMark(scalars[end]), digits.utf8.count <= 15, let n = Int(digits) {
                        var token = ReportToken(
                            kind: .number(Decimal(negative ? -n : n)), text: signText + digits, line: line, minusGluedToDigits: glued)
                        if signText != "-", signText != "+" {
                            token.signWord = .before
                            token.signDecrease = negative
                        }
                        tokens.append(token)
                        index = end
                        continue
                    }
                }
                let piece = String(scalars: scalars[start..<index])
                // A sign word after the digits at the word's end (`10减`, `10↓`): the number's sign
                // (review 17: read +10).
                if index == scalars.count, start > 0, isDigit(scalars[start - 1]), let last = tokens.last, case .number(let n) = last.kind,
                    n >= 0, isPlainCount(last.text), let negative = SignWords.suffixSign(piece[...])
                {
                    var token = ReportToken(kind: .number(negative ? -n : n), text: last.text + piece, line: last.line)
                    token.signWord = .after
                    token.signDecrease = negative
                    tokens[tokens.count - 1] = token
                    continue
                }
                if index == scalars.count, !isMissingMarker(piece), let cut = markerAfterLabel(piece) {
                    appendLabelAndMarker(piece, cut: cut, line: line, into: &tokens)
                    continue
                }
                tokens.append(ReportToken(kind: isMissingMarker(piece) ? .missingMarker : .text, text: piece, line: line))
            }
        }
    }

    /// 〇 and 零 standing for the digit 0 in a cell (`〇`, `予以公开零`, `1〇`) become `0`; not in
    /// numerals (二〇二三年, 一百零五) or words (零星).
    static func chineseZeros(_ text: String) -> String {
        let numerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "两"]
        let s = Array(text.unicodeScalars)
        func isZero(_ c: Unicode.Scalar) -> Bool { c == "〇" || c == "零" }
        var out = String.UnicodeScalarView()
        for (i, c) in s.enumerated() {
            guard isZero(c) else { out.append(c); continue }
            var left = i - 1
            while left >= 0, isZero(s[left]) { left -= 1 }
            var right = i + 1
            while right < s.count, isZero(s[right]) { right += 1 }
            let leftFits = left < 0 || isDigit(s[left]) || !numerals.contains(s[left])
            let rightFits = right == s.count || isDigit(s[right]) || s[right] == "." || s[right] == "、"
            out.append(leftFits && rightFits ? "0" : c)
        }
        return String(out)
    }

    /// Article and item numbers written with Arabic digits (`第20条第(5)项`, `第20条第5项`, `第3款`)
    /// become the numerals the templates print (`第二十条第(五)项`): they are part of a caption or
    /// label, never values.
    static func articleNumerals(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            out.append(s[i])
            guard s[i] == "第" else { i += 1; continue }
            var j = i + 1
            let open = j < s.count && s[j] == "("
            if open { j += 1 }
            let digitsStart = j
            while j < s.count, isDigit(s[j]), j - digitsStart < 3 { j += 1 }
            let close = open && j < s.count && s[j] == ")"
            let after = close ? j + 1 : j
            guard j > digitsStart, open == close, after < s.count, ["条", "项", "款"].contains(s[after]),
                let n = Int(String(scalars: s[digitsStart..<j])), (1...99).contains(n)
            else { i += 1; continue }
            if open { out.append("(") }
            out.append(contentsOf: chineseNumeral(n).unicodeScalars)
            if close { out.append(")") }
            i = after
        }
        return String(out)
    }

    /// 1–99 as the templates write them: 五, 十, 十二, 二十, 二十三.
    private static func chineseNumeral(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10]
    }

    /// The sign word `scalars[start..<end]` glued before digits, as the token writes it, whether a
    /// decrease, and whether a minus follows digits (`1-25`): 增/减/+/- (`12增1340`) and the one- and
    /// two-character words, written 增/减 as the row's splitter knows them (review 22: `增长5872` was
    /// never cut into 增长5 and 872); at the start of a word also a longer one, bracketed or after a
    /// comparison (`(减少)5`, `同比减少5`). Punctuation the copy wrapped the cell in, or a field's
    /// comma, may stand before the sign (`"-3"`, `**-3**`, `【-3】`, `84,-5`: review 27 read +3).
    /// Not the words the splitter does not know between two runs of digits, `65下降872`: a glued
    /// row whose sign may be the run before's (review 24; left unread, as before).
    private static func gluedSign(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> (text: String, negative: Bool, glued: Bool)? {
        var first = start
        while first < end - 1, isCellWrapper(scalars[first]) { first += 1 }
        let afterDigits = first > 0 && isDigit(scalars[first - 1])
        if end - first <= 2, let sign = signWords.first(where: { $0.elementsEqual(scalars[first..<end]) }) {
            let text = String(scalars: sign)
            let negative = negativeSignWords.contains(text)
            guard spelledAsIncreaseOrDecrease.contains(text) else { return (text, negative, text == "-" && afterDigits) }
            return afterDigits ? nil : (negative ? "减" : "增", negative, false)
        }
        guard !afterDigits, end - first > 2, SignWords.lastScalars.contains(scalars[end - 1]),
            let negative = SignWords.prefixSign(Substring(String(scalars: scalars[first..<end])))
        else { return nil }
        return (negative ? "减" : "增", negative, false)
    }

    /// What a copy wraps a cell in or separates fields with, before a sign: quotes, square and
    /// lenticular brackets, Markdown's emphasis, commas. (Compared, not hashed into a set: asked
    /// of every word glued to digits.)
    private static func isCellWrapper(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "'", "“", "‘", "[", "【", "〔", "*", "_", ",", "，": return true
        default: return false
        }
    }

    /// A run of digits as a value: a number, or (past 15 digits) a glued run with no value.
    static func valueToken(_ digits: String, line: Int) -> ReportToken {
        if digits.utf8.count <= 15, let n = Int(digits) { return ReportToken(kind: .number(Decimal(n)), text: digits, line: line) }
        return ReportToken(kind: .digits, text: digits, line: line)
    }

    /// Glued before digits (`减3`, `下降2`, `负1`: review 21 read the last two +2, +1), and `+`, `-`.
    private static let signWords: [[Unicode.Scalar]] = (Array(SignWords.gluedWords.keys) + ["+", "-"]).map { Array($0.unicodeScalars) }
    private static let negativeSignWords: Set<String> = Set(SignWords.gluedWords.filter(\.value).keys).union(["-"])
    private static let spelledAsIncreaseOrDecrease: Set<String> = Set(SignWords.gluedWords.keys).subtracting(["增", "减", "增加", "减少"])

    /// `.` and `,` inside a number. (Compared, not hashed into a set: asked of every digit of a
    /// word with other characters.)
    private static func isNumberPunctuation(_ s: Unicode.Scalar) -> Bool { s == "." || s == "," }
    /// The marks after a row's ordinal: `.`, `、`, `．`. (Compared, not hashed into a set.)
    private static func isOrdinalMark(_ s: Unicode.Scalar) -> Bool { s == "." || s == "、" || s == "．" }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// `16`, `1,234`, `380.3096424`; not `1,2` or `1.2.3`.
    static func parseNumber(_ text: String) -> Decimal? {
        // A word with any other character than digits, `,` and `.` is no number (every
        // character of it ends up in a part tested below): told on its bytes, before the
        // splitting (`2023年`, `1.属于`: a hundredth of a check). Its commas and points are
        // counted in the same pass (a pass of the string's view for each cost more than the test).
        var word = text
        let (first, numberBytes, commas, points, last): (UInt8?, Bool, Int, Int, UInt8?) = word.withUTF8 { b in
            var commas = 0, points = 0
            for c in b {
                if c == 44 { commas += 1 } else if c == 46 { points += 1 } else if c < 48 || c > 57 { return (b.first, false, 0, 0, nil) }
            }
            return (b.first, true, commas, points, b.last)
        }
        // The first scalar a digit: the first byte (an ASCII byte is a scalar of its own).
        guard let first, first >= 48 && first <= 57, numberBytes else { return nil }
        // Without a comma the parts below are the text's: two points or more, or a point at the
        // end (the ordinals `1.`, `12.`), leave an empty part or a third one — no number, told
        // without splitting (the ordinals of table 三 were most of this test's cost).
        if commas == 0, points > 1 || (points == 1 && last == 46) { return nil }
        var digits = text
        if commas > 0 {
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
        return Decimal(string: digits, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func signedChange(_ text: String) -> Decimal? {
        for (prefix, sign) in [("增加", 1), ("减少", -1), ("增", 1), ("减", -1), ("+", 1)] where text.hasPrefix(prefix) {
            guard let n = parseNumber(String(text.dropFirst(prefix.count))) else { return nil }
            return sign > 0 ? n : -n
        }
        if text.hasPrefix("-"), text.count > 1, let n = parseNumber(String(text.dropFirst())) { return -n }
        return nil
    }
}
