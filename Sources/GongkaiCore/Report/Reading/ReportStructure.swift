import Foundation

/// The parts of a report found in its text: the preamble (title), the six sections, the
/// issuer, the year and the format version.
struct ReportStructure: Sendable {
    var preamble: String
    /// Text of each section found, from after its heading to the next heading.
    var sections: [ReportSection: String]
    var issuer: String?
    var year: Int?
    var formatVersion: ReportFormatVersion?
    /// The format in force for the report's year (nil when the year is unknown).
    var expectedFormatVersion: ReportFormatVersion?
    /// The year the head states (the title, a year line under it) and the statistical period's
    /// (or the body's) when they differ, with the year read: for a warning (review 10i H3, L3).
    var yearConflict: (stated: Int, period: Int, read: Int, bareLine: Bool, fromPeriod: Bool)?
    /// Markers of the format seen (for the "unsupported" explanation).
    var formatEvidence: [String]
    /// The report's text: all of it, or up to the title of a second report pasted after it
    /// (tables missing from the sections are looked for here, never in the next report).
    var text: String = ""

    static let titleKeys: [ReportSection: [String]] = [
        .overview: ["总体情况", "概述"],
        .proactive: ["主动公开"],
        .requests: ["收到和处理", "依申请公开", "处理政府信息公开申请", "收到处理"],
        .reviewLitigation: ["复议", "诉讼"],
        .problems: ["存在的主要问题", "主要问题", "问题及改进", "存在问题", "改进情况"],
        .other: ["其他需要报告", "其他事项", "其他需报告"],
    ]

    private static let numerals: [Character: ReportSection] = [
        "一": .overview, "二": .proactive, "三": .requests, "四": .reviewLitigation, "五": .problems, "六": .other,
    ]
    private static let separators: Set<Character> = ["、", ".", ",", " ", ":", "．", "，", "：", "\t"]

    static func split(_ text: String) -> ReportStructure {
        var sections: [ReportSection: String] = [:]
        var preambleText = ""
        // Lines are found on UTF-8 bytes; only lines starting with 一…六 are looked at as text.
        var headingLines: [(section: ReportSection, lineStart: Int, bodyStart: Int, rest: String)] = []
        var current: ReportSection?
        var bytes = Array(text.utf8)
        // Lines are taken from the text itself (cut after a line feed and before one, or after
        // ASCII chrome: at scalar boundaries), not decoded from `bytes` and validated again.
        let textUTF8 = text.utf8
        func textLine(_ from: Int, _ to: Int) -> Substring {
            text[textUTF8.index(textUTF8.startIndex, offsetBy: from)..<textUTF8.index(textUTF8.startIndex, offsetBy: to)]
        }
        var lineStart = 0
        // Where a second report pasted after this one starts (its title), if one does.
        var nextReport: Int?
        // The report's own title (the last one before any sentence) and where it ends; a later
        // title naming another agency or year after text of this report: another report's,
        // which starts there once a part heading follows it (review 10g H4).
        var ownTitle: (issuer: String?, year: Int?, start: Int, end: Int)?
        var otherTitle: Int?
        // The last 。 before `scanned` (found once, as lines are read: titles repeat on every page).
        var lastFullStop: Int?
        var scanned = 0
        // Each distinct line read as a title (where its bytes are, the line, the reading): a few
        // a report, found by their bytes first (hashing a line of ideographs into a dictionary
        // cost more than reading it), then, as a dictionary of the lines would, by `==`.
        var titleLines: [(start: Int, end: Int, raw: String, read: (isTitle: Bool, issuer: String?, year: Int?))] = []
        // The issuers read from titles, for the head's lines read again by `identify`.
        var issuerReadings = IssuerReader.IssuerReadings()
        func sentence(since position: Int, before end: Int) -> Bool {
            var i = max(scanned, 0)
            while i + 2 < end {
                if bytes[i] == 0xE3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 { lastFullStop = i }
                i += 1
            }
            scanned = max(scanned, end - 2)
            return (lastFullStop ?? -1) >= position
        }
        while lineStart <= bytes.count {
            let lineEnd = ReportText.lineEnd(in: bytes, from: lineStart)
            if lineEnd - lineStart <= 320, containsReport(bytes[lineStart..<lineEnd]) {
                // Titles repeat on every page: each distinct line is read as a title once.
                let sameBytes = titleLines.first {
                    $0.end - $0.start == lineEnd - lineStart && bytes[$0.start..<$0.end] == bytes[lineStart..<lineEnd]
                }
                let known =
                    sameBytes?.read
                    ?? {
                        let raw = String(textLine(lineStart, lineEnd))
                        if let same = titleLines.first(where: { $0.raw == raw }) { return same.read }
                        let line = ReportText.trimmedSpaces(raw)
                        let read =
                            IssuerReader.isReportTitle(line)
                            ? (isTitle: true, issuer: IssuerReader.titles(in: [line], readings: &issuerReadings).first?.issuer, year: titleYear(line))
                            : (isTitle: false, issuer: nil, year: nil)
                        // At most 64 remembered: the lines looked through for each line stay few
                        // when thousands of lines of site navigation name 年报 (review 10l M2).
                        if titleLines.count < 64 { titleLines.append((lineStart, lineEnd, raw, read)) }
                        return read
                    }()
                if known.isTitle {
                    let identity = (issuer: known.issuer, year: known.year)
                    if let own = ownTitle, sentence(since: own.end, before: lineStart) {
                        if (identity.issuer != nil && own.issuer != nil && identity.issuer != own.issuer)
                            || (identity.year != nil && own.year != nil && identity.year != own.year)
                        {
                            otherTitle = otherTitle ?? lineStart
                        }
                    } else if ownTitle == nil, !headingLines.isEmpty, sentence(since: 0, before: lineStart) {
                        // A report without a title, then a titled one.
                        otherTitle = otherTitle ?? lineStart
                    } else if otherTitle == nil {
                        ownTitle = (identity.issuer, identity.year, lineStart, lineEnd)
                    }
                }
            }
            var first = lineStart
            // Headings copied inside table cells or Markdown (`| 三、… |`, `## 三、…`, `**三、…**`).
            while first < lineEnd, isHeadingChrome(bytes[first]) { first += 1 }
            if first + 2 < lineEnd, isNumeral(bytes, first), startsSeparator(bytes, first + 3, lineEnd) {
                var bodyStart = min(lineEnd + 1, bytes.count)
                var read = heading(textLine(first, lineEnd))
                // A heading broken over two lines (`二、主动` / `公开政府信息情况`: a Word or PDF title
                // wrapped in a narrow cell; review 27 found no part 二, and a superseded table 二 unread).
                if read == nil, lineEnd - first <= 30, lineEnd < bytes.count {
                    let nextEnd = ReportText.lineEnd(in: bytes, from: lineEnd + 1)
                    if nextEnd - lineEnd <= 60, let joined = heading(Substring(textLine(first, lineEnd) + textLine(lineEnd + 1, nextEnd))),
                        joined.1.isEmpty
                    {
                        read = joined
                        bodyStart = min(nextEnd + 1, bytes.count)
                    }
                }
                if let (section, rest) = read {
                    if let title = otherTitle {
                        // Another report's title, then a part heading that starts the parts again
                        // (or follows a report that got no further than its overview): that report
                        // starts at its title. A heading continuing a report's parts past its
                        // overview ("五、…" after "四、…") leaves the title a line of the report's text.
                        if let current, section > current, current > .overview {
                            otherTitle = nil
                        } else {
                            nextReport = title
                            break
                        }
                    }
                    let found = (section: section, lineStart: lineStart, bodyStart: bodyStart, rest: String(rest))
                    if current.map({ section > $0 }) ?? true {
                        current = section
                        headingLines.append(found)
                    } else if let firstSection = headingLines.first?.section, section <= firstSection,
                        isContents(headingLines.map { ($0.bodyStart, $0.lineStart, $0.rest) }, before: lineStart, title: ownTitle?.start, in: bytes)
                    {
                        // The headings so far were a table of contents (目录, under a cover or the
                        // title): the report's parts start again here (review 10g H6).
                        current = section
                        headingLines = [found]
                    } else if section == .overview, let firstHeading = headingLines.first?.lineStart,
                        let title = reportTitleLine(before: lineStart, in: bytes, after: firstHeading),
                        containsFullStop(bytes[firstHeading..<title])
                    {
                        // "一、总体情况" again under the report's own title, after text: the text
                        // before was a cover or an abstract of the same report, which starts
                        // again here. Under another report's title it is the next report (its
                        // tables are never this one's; review 10f H7).
                        let repeated = String(decoding: bytes[title..<lineStart], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
                        let identity = (issuer: IssuerReader.titles(in: [repeated]).first?.issuer, year: titleYear(repeated))
                        if let own = ownTitle, identity.issuer == own.issuer || identity.issuer == nil || own.issuer == nil,
                            identity.year == own.year || identity.year == nil || own.year == nil
                        {
                            current = section
                            headingLines = [found]
                        } else {
                            nextReport = title
                            break
                        }
                    }
                }
            }
            lineStart = lineEnd + 1
        }
        if let nextReport { bytes.removeSubrange(nextReport...) }
        let reportText = nextReport == nil ? text : String(decoding: bytes, as: UTF8.self)
        // The parts are cut from the report's text at line starts (after a line feed, so on
        // scalar boundaries): copied as they are, not decoded and validated again.
        let utf8 = reportText.utf8
        func string(_ from: Int, _ to: Int) -> String {
            guard from < to else { return "" }
            return String(reportText[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        }
        preambleText = string(0, headingLines.first?.lineStart ?? bytes.count)
        for (i, h) in headingLines.enumerated() {
            let end = i + 1 < headingLines.count ? headingLines[i + 1].lineStart : bytes.count
            var body = string(h.bodyStart, end)
            // A line feed ends the body as a character of its own but after a CR (`\r\n` is one
            // character): told on the bytes (`hasSuffix` compared characters).
            if body.utf8.last == 0x0A, body.utf8.dropLast().last != 0x0D { body.removeLast() }
            sections[h.section] = h.rest.isEmpty ? body : h.rest + "\n" + body
        }
        var structure = ReportStructure(
            preamble: preambleText, sections: sections, issuer: nil, year: nil,
            formatVersion: nil, expectedFormatVersion: nil, formatEvidence: [], text: reportText)
        // The signature is looked for before a list of other pages at the end (相关阅读 and the
        // agencies and dates of other reports, however long), in the last section.
        // (Without headings, only the second half: a list at the head is above the report.)
        let end = listOfOtherPages(in: bytes, from: headingLines.last?.bodyStart ?? bytes.count / 2) ?? bytes.count
        let signed = end == bytes.count ? reportText : string(0, end)
        structure.identify(fullText: reportText, signedText: signed, issuerReadings: &issuerReadings)
        return structure
    }

    /// Whether bytes of UTF-8 text hold a 。 (E3 80 82): text, not a table of contents.
    private static func containsFullStop(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 2 < bytes.endIndex {
            if bytes[i] == 0xE3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 { return true }
            i += 1
        }
        return false
    }

    /// Whether bytes of UTF-8 text hold 报 (E6 8A A5): a cheap filter before a line is looked at as a title.
    private static func containsReport(_ bytes: ArraySlice<UInt8>) -> Bool {
        // E6 is only ever a lead byte in valid UTF-8: the three bytes are 报 wherever they stand,
        // found with the C library's memchr (`search`; a scalar-by-scalar loop before).
        bytes.withUnsafeBufferPointer { line in reportBytes.withUnsafeBufferPointer { String.search(line, $0) } }
    }

    private static let reportBytes: [UInt8] = [0xE6, 0x8A, 0xA5]

    /// Characters of a table of contents' lines besides the headings: page numbers and leaders.
    private static let contentsFiller: Set<Character> = [".", "．", "…", "⋯", "·", "•", "-", "—", "_", "－", "、"]

    private static func isContentsFiller<S: StringProtocol>(_ text: S) -> Bool {
        text.allSatisfy { $0.isWhitespace || $0.isNumber || contentsFiller.contains($0) }
    }

    /// Whether headings (body start, line start, text after the title) found before `position`
    /// are a table of contents: at least two, nothing but page numbers or dotted leaders after
    /// and between them, and after the last only a short preamble — or a short cover (no
    /// sentence) before the report's title (starting at `title`) and a short preamble under it.
    private static func isContents(_ headings: [(bodyStart: Int, lineStart: Int, rest: String)], before position: Int, title: Int?, in bytes: [UInt8])
        -> Bool
    {
        guard headings.count >= 2 else { return false }
        for (i, h) in headings.enumerated() {
            guard isContentsFiller(h.rest) else { return false }
            let end = i + 1 < headings.count ? headings[i + 1].lineStart : position
            guard h.bodyStart <= end else { continue }
            if i + 1 < headings.count {
                guard isContentsFiller(String(decoding: bytes[h.bodyStart..<end], as: UTF8.self)) else { return false }
            } else {
                let cover = title.map { $0 >= h.bodyStart && $0 < end ? $0 : h.bodyStart } ?? h.bodyStart
                if cover - h.bodyStart > 600 || containsFullStop(bytes[h.bodyStart..<cover]) || end - cover > 1_500 { return false }
            }
        }
        return true
    }

    /// The start of a report's title line among the six non-empty lines before `position`
    /// (and after `floor`): "示范县财政局2021年政府信息公开工作年度报告", not a sentence.
    private static func reportTitleLine(before position: Int, in bytes: [UInt8], after floor: Int) -> Int? {
        var end = position
        var seen = 0
        while end > floor, seen < 6 {
            var start = end - 1
            while start > floor, bytes[start - 1] != 0x0A { start -= 1 }
            let line = ReportText.trimmedSpaces(String(decoding: bytes[start..<(end - 1 >= start ? end - 1 : start)], as: UTF8.self))
            if !line.isEmpty {
                seen += 1
                if IssuerReader.isReportTitle(line) { return start }
            }
            end = start
        }
        return nil
    }

    /// The start of the line that opens a list of other pages ("相关阅读", "【相关链接】",
    /// "■ 推荐阅读"), at or after `from`.
    private static func listOfOtherPages(in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { all in
            var lineStart = from
            while lineStart < all.count {
                let lineEnd = ReportText.lineEnd(in: all, from: lineStart)
                // Labels are short: a long line is text. The labels are looked for with memchr:
                // a byte loop at every place of every line was most of the time of a report
                // followed by thousands of lines of site navigation (review 10l M2).
                if lineEnd - lineStart < 160 {
                    let line = UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd])
                    if IssuerReader.endListLabelBytes.contains(where: { label in label.withUnsafeBufferPointer { String.search(line, $0) } }),
                        IssuerReader.isListOfOtherPages(String(decoding: line, as: UTF8.self))
                    {
                        return lineStart
                    }
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
    }

    /// Spaces, tabs and the Markdown or table characters that may precede a heading.
    /// (Compared, not hashed into a set: this is asked at the start of every line.)
    private static func isHeadingChrome(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x7C || c == 0x23 || c == 0x2A || c == 0x3E
    }

    /// Whether 一二三四五六 starts at `i` (E4 B8 80, E4 BA 8C, E4 B8 89, E5 9B 9B, E4 BA 94,
    /// E5 85 AD): a cheap filter before a line is decoded (most lines of a report start with
    /// another ideograph led by E4 or E5).
    private static func isNumeral(_ b: [UInt8], _ i: Int) -> Bool {
        switch (b[i], b[i + 1], b[i + 2]) {
        case (0xE4, 0xB8, 0x80), (0xE4, 0xBA, 0x8C), (0xE4, 0xB8, 0x89), (0xE5, 0x9B, 0x9B), (0xE4, 0xBA, 0x94), (0xE5, 0x85, 0xAD): return true
        default: return false
        }
    }

    /// Whether one of `separators` starts at `i` (before `end`): ` `, `\t`, `.`, `,`, `:`, or 、 (E3 80 81),
    /// ． (EF BC 8E), ， (EF BC 8C), ： (EF BC 9A). A line whose numeral is followed by anything else
    /// is no heading (`一是…`, most lines starting with a numeral): it is not decoded to be asked.
    /// (The separators are characters of one scalar, none canonically equivalent to any other
    /// sequence, so the character after the numeral is one of them only if its first scalar is.)
    private static func startsSeparator(_ b: [UInt8], _ i: Int, _ end: Int) -> Bool {
        guard i < end else { return false }
        switch b[i] {
        case 0x20, 0x09, 0x2E, 0x2C, 0x3A: return true
        case 0xE3: return i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x81
        case 0xEF: return i + 2 < end && b[i + 1] == 0xBC && (b[i + 2] == 0x8E || b[i + 2] == 0x8C || b[i + 2] == 0x9A)
        default: return false
        }
    }

    /// A section heading: a numeral, a separator and the section's title words near the start.
    /// The line starts with a numeral 一…六 and a separator (`split` asks its bytes first).
    private static func heading(_ line: Substring) -> (ReportSection, Substring)? {
        let section: ReportSection
        let afterNumeral: Substring
        if let plain = plainHead(line) {
            (section, afterNumeral) = (plain.section, plain.afterNumeral)
            guard holdsTitleKey(section, plain.head) else { return nil }
        } else {
            let trimmed = line.drop(while: { $0.isWhitespace })
            guard let first = trimmed.first, let found = numerals[first] else { return nil }
            section = found
            afterNumeral = trimmed.dropFirst()
            guard let next = afterNumeral.first, separators.contains(next) else { return nil }
            let head = ReportText.key(String(afterNumeral.prefix(24)))
            guard titleKeys[section]!.contains(where: { head.hasSubstring($0) }) else { return nil }
        }
        // Text after the title on the same line (some reports run the first paragraph on).
        let title = section.heading.dropFirst(2)
        // More than 30 characters: counted up to the 31st, not to the end of a long line.
        // (No more than 30 bytes: no more than 30 characters, without counting them.) Asked only
        // when the title words are not found: counting characters was a fifth of this test.
        var isLong: Bool {
            afterNumeral.utf8.count > 30 && afterNumeral.index(afterNumeral.startIndex, offsetBy: 31, limitedBy: afterNumeral.endIndex) != nil
        }
        var rest: Substring
        switch titleEnd(section, in: afterNumeral) {
        case .found(let end): rest = afterNumeral[end...]
        case .absent: rest = isLong ? afterNumeral : ""
        case .undecided:
            if let range = afterNumeral.range(of: title) { rest = afterNumeral[range.upperBound...] } else { rest = isLong ? afterNumeral : "" }
        }
        // Closing Markdown or cell bars of a heading copied from a table or a Markdown page.
        rest = rest.drop(while: { $0.isWhitespace || $0 == "|" || $0 == "*" })
        while let last = rest.last, last.isWhitespace || last == "|" || last == "*" || last == "#" { rest = rest.dropLast() }
        return (section, rest)
    }

    /// The numeral's section, the line after the numeral and its first 24 characters (whose key
    /// holds a heading's title words) for a line that starts with a numeral and a separator,
    /// read on its scalars when every scalar is a character of its own (`YearScan.isPlain`:
    /// nearly every line), as `heading` reads them on its characters (which cost more than the
    /// rest of the test); nil otherwise.
    private static func plainHead(_ line: Substring) -> (section: ReportSection, afterNumeral: Substring, head: Substring)? {
        guard line.utf8.withContiguousStorageIfAvailable({ YearScan.isPlain($0) }) == true else { return nil }
        let scalars = line.unicodeScalars
        // The line starts with its numeral (see `split`): no space to pass over.
        guard let numeral = scalars.first, let section = numeralSection(numeral) else { return nil }
        let afterNumeral = line[scalars.index(after: scalars.startIndex)...]
        guard let next = afterNumeral.unicodeScalars.first, isSeparator(next) else { return nil }
        let rest = afterNumeral.unicodeScalars
        let end = rest.index(rest.startIndex, offsetBy: 24, limitedBy: rest.endIndex) ?? rest.endIndex
        return (section, afterNumeral, afterNumeral[..<end])
    }

    /// Whether the key of a line's head holds one of the section's `titleKeys`: looked for in the
    /// key's bytes, no string of the key made (which was most of the cost of a line that is no
    /// heading, a table's row).
    private static func holdsTitleKey(_ section: ReportSection, _ head: Substring) -> Bool {
        let keys = titleKeyBytes[section.index]
        let found = head.utf8.withContiguousStorageIfAvailable { bytes in
            ReportText.withKeyBytes(of: bytes) { key in keys.contains { word in word.withUnsafeBufferPointer { String.search(key, $0) } } }
        }
        return found ?? titleKeys[section]!.contains { ReportText.key(String(head)).hasSubstring($0) }
    }

    /// `titleKeys` in UTF-8, in the order of `ReportSection.allCases`.
    private static let titleKeyBytes: [[[UInt8]]] = ReportSection.allCases.map { titleKeys[$0]!.map { Array($0.utf8) } }

    /// `numerals` of a scalar.
    private static func numeralSection(_ s: Unicode.Scalar) -> ReportSection? {
        switch s {
        case "一": .overview
        case "二": .proactive
        case "三": .requests
        case "四": .reviewLitigation
        case "五": .problems
        case "六": .other
        default: nil
        }
    }

    /// Whether a scalar is one of `separators` (each is a character of one scalar; compared, not
    /// hashed into a set).
    private static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "、", ".", ",", " ", ":", "．", "，", "：", "\t": true
        default: false
        }
    }

    /// The UTF-8 bytes of each section's title words (its heading without the numeral and
    /// its mark), in the order of `ReportSection.allCases`.
    private static let titleBytes: [[UInt8]] = ReportSection.allCases.map { Array($0.heading.dropFirst(2).utf8) }

    private enum TitleEnd { case found(Substring.Index), absent, undecided }

    /// Where the section's title words end in a heading line, found on the line's bytes: the
    /// same as Foundation's `range(of:)` (bridged at every call: a third of the heading test)
    /// when every scalar of the line is a character of its own, without a canonical
    /// equivalent among the scalars that are not ideographs (`YearScan.isPlain`): the title's
    /// ideographs then match only themselves. Other lines are left to `range(of:)`.
    private static func titleEnd(_ section: ReportSection, in line: Substring) -> TitleEnd {
        let needle = titleBytes[section.index]
        let found: Int? = line.utf8.withContiguousStorageIfAvailable { b -> Int in
            guard YearScan.isPlain(b) else { return -2 }
            let n = needle.count
            var i = 0
            while i + n <= b.count {
                if b[i] == needle[0] {
                    var k = 1
                    while k < n, b[i + k] == needle[k] { k += 1 }
                    if k == n { return i + n }
                }
                i += 1
            }
            return -1
        }
        guard let found, found != -2 else { return .undecided }
        if found == -1 { return .absent }
        return .found(line.utf8.index(line.utf8.startIndex, offsetBy: found))
    }

    // MARK: issuer, year, format

    private mutating func identify(fullText: String, signedText: String, issuerReadings: inout IssuerReader.IssuerReadings) {
        // Lines cut at line feeds on the bytes (splitting the characters cost more): the text is
        // normalised, without CR, so a line feed is a character of its own. Each line is copied
        // from the preamble, not validated as UTF-8 again.
        let preamble = preamble
        var preambleBytes = preamble
        let titleLines = preambleBytes.withUTF8 { b in b.split(separator: 0x0A).map { Self.trimmedSpaces($0, of: preamble, preamble.utf8) } }
            .filter { !$0.isEmpty }
        let head = Array(titleLines.prefix(12))
        let titleRegion = titleLines.prefix(6).joined(separator: "\n")
        // The issuer where reports state it: the title, else the signature, else "本报告由…编制",
        // else a line "发布机构：…".
        let lastLines = Self.lastLines(of: signedText)
        let last = IssuerReader.LastLines(lastLines)
        let signed = IssuerReader.signature(in: last)
        let stated = signed ?? IssuerReader.statedCompiler(in: fullText)
            ?? IssuerReader.labelledIssuer(in: head + last.labelled)
        // Whether the text is plain (`YearScan.isPlain`), asked once: its parts (the sections, the
        // title's lines) are plain too, and are not read again to ask.
        var copy = fullText
        let plain = copy.withUTF8 { YearScan.isPlain($0) }
        let partsPlain: Bool? = plain ? true : nil
        let statistical = Self.statisticalYear(in: fullText, plain: plain)
        // Between titles that disagree, the year the body confirms: the statistical period's, else
        // the year before the date at the end (reports are published early in the next year).
        let confirmedYear = statistical ?? IssuerReader.publicationYear(in: last).map { $0 - 1 }
        let headTitles = IssuerReader.titles(in: head, readings: &issuerReadings)
        let fromTitles = Self.titleIssuerAndYear(headTitles, stated: stated, statistical: confirmedYear)
        var titleIssuer = fromTitles.issuer
        let titleYear = fromTitles.year, listed = fromTitles.listed
        // A title joined onto a whole name from the line above (金沙 / 江市城关镇人民政府…) stands
        // only where the signature or the body names it: a column's or a page's words above a
        // title (通知公告, 正文, 县直部门) are no part of its name. Else the title line's own name
        // where the text names it again (示范县教育局 in the overview), or none: a place's name
        // cut in two leaves either part a wrong name (reviews 28, 29).
        // (A mention counts where it starts a name — not 房和城乡建设局 inside 住房和城乡建设局: review
        // 30.) Nor is another body's signature taken then: the title named one, unsure which.
        var statedStands = true
        if let name = titleIssuer, name != stated, let alone = headTitles.first(where: { $0.issuer == name && $0.alone != nil })?.alone,
            Self.mentions(of: name, in: fullText, upTo: 1) == 0
        {
            let confirmed = alone == stated || Self.mentions(of: alone, in: fullText, upTo: 2) >= 2
            titleIssuer = confirmed ? alone : nil
            statedStands = confirmed || stated.map { alone.hasSuffix($0) } ?? false
        }
        issuer = titleIssuer ?? (statedStands ? stated : nil)
        if let titleIssuer, let last = titleIssuer.last, Self.placeEndings.contains(last) {
            issuer = Self.placeTitleIssuer(place: titleIssuer, signed: signed, body: fullText)
        }
        // A second name in brackets as Chinese prints it (the text was normalised to ASCII ones).
        if let name = issuer, name.hasSuffix(")") {
            issuer = name.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
        }
        // The year the report is about: the title's, else the statistical period's, else one
        // that is not a date (a publication date belongs to the following year). When the head
        // lists several reports' titles, its lines decide nothing by position.
        // Years inside a document's name (《2021年政务公开工作要点》) and ranges (2021—2025年)
        // are never the report's; the year before the date at the end is preferred to a year
        // merely mentioned in the overview (review 10f H8).
        let published = IssuerReader.yearBeforeSignatureDate(in: last)
        // The head against the body (review 10i H3, L3). A bare year line under the title (`2023年`,
        // `二〇二三年`, without 度 or brackets) is as often the cover's year of publication: where
        // the statistical period or, failing it, the overview names another year, that year is the
        // report's. A title's year (or a year line with 年度 or in brackets) that the period
        // contradicts is kept unless the overview sides with the period (a period sentence copied
        // from last year's report is a common slip; a title's own year is not). Either way a
        // warning says so.
        let bare = listed ? nil : Self.bareYearLine(in: titleLines.prefix(6))
        var nearby = listed ? nil : Self.yearNotDate(in: titleRegion, plain: partsPlain)
        let overviewYear = Self.yearNotDate(in: sections[.overview] ?? "", plain: partsPlain)
        // For a bare line the overview breaks a tie with the period as for a title (review 10j H1),
        // unless it speaks from the next year's start (`2023年初，…总结上年工作`: written when
        // the cover's year was printed, the period's year stays).
        let overviewSides = overviewYear == bare && !Self.speaksFromYearStart(sections[.overview] ?? "")
        if titleYear == nil, let bare, nearby == nil || nearby == bare, let body = statistical ?? overviewYear, body != bare {
            nearby = nil
            let read = statistical != nil && overviewSides ? bare : body
            yearConflict = (bare, body, read, true, statistical != nil)
        } else if let stated = titleYear ?? nearby, let statistical, stated != statistical {
            let read = overviewYear == statistical ? statistical : stated
            yearConflict = (stated, statistical, read, false, true)
        }
        year =
            yearConflict?.read ?? titleYear ?? nearby
            ?? statistical ?? (listed ? nil : Self.reportYear(in: String(fullText.prefix(3_000))))
            ?? published
            ?? Self.yearNotDate(in: sections[.overview] ?? "") ?? (listed ? nil : Self.yearNotDate(in: String(fullText.prefix(400))))
        decideFormat(fullText: fullText)
    }

    /// How many times `word` stands in `text` as the start of a name (after no ideograph: not
    /// 房和城乡建设局 inside 住房和城乡建设局), counted up to `limit`.
    static func mentions(of word: String, in text: String, upTo limit: Int) -> Int {
        var count = 0
        var search = text.startIndex..<text.endIndex
        while count < limit, let found = text.range(of: word, range: search) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : nil
            if !(before?.unicodeScalars.first?.properties.isIdeographic ?? false) { count += 1 }
            search = found.upperBound..<text.endIndex
        }
        return count
    }

    /// The issuer of a report whose title names only a place ("示范县2022年…报告"), given the
    /// signature at the end. The place's government, its office (示范县人民政府办公室, 政府办),
    /// a town or township of it (示范县城关镇人民政府, …街道办事处) sign or compile the place's
    /// report: the place stays the issuer, as does a compiler (本报告由…编制) or a publisher
    /// label (发布单位：…), which say who prepared or posted the report, not whose it is. A
    /// bureau of the place (示范县教育局) signing is the bureau's own report only when the body
    /// speaks of it too (outside "由…编制"); a bureau the body never names may as well be the
    /// office compiling the place's report (政务服务和大数据管理局): then nil, never a guess.
    static func placeTitleIssuer(place: String, signed: String?, body: String) -> String? {
        guard let signed, signed.count > place.count, signed.hasPrefix(place) else { return place }
        let agency = signed.dropFirst(place.count)
        if ["政府", "街道", "办事处", "办公室", "政府办"].contains(where: { agency.hasSubstring($0) }) { return place }
        var mentions = 0
        var search = body.startIndex..<body.endIndex
        while let found = body.range(of: signed, range: search) {
            if found.lowerBound == body.startIndex || body[body.index(before: found.lowerBound)] != "由" { mentions += 1 }
            search = found.upperBound..<body.endIndex
        }
        // The signature itself is one mention.
        return mentions >= 2 ? signed : nil
    }

    /// Last characters of a place's name (a title "示范县2022年…" names the county, not an agency).
    static let placeEndings: Set<Character> = ["县", "市", "区", "旗", "州", "盟", "省", "乡", "镇"]

    /// The issuer and year the titles at the head give, and whether they are several reports'.
    /// Titles that agree (or leave a part unsaid) give what they say. Titles that disagree — a
    /// copied page listing other reports above the report (相关报告, 热点信息) — give only what
    /// the body confirms: the title whose issuer is the signature's (or 本报告由…编制) or whose
    /// year is the statistical period's, and that neither contradicts. A part every title
    /// states alike stands; otherwise nil, never the first title of the list.
    static func titleIssuerAndYear(_ titles: [IssuerReader.Title], stated: String?, statistical: Int?)
        -> (issuer: String?, year: Int?, listed: Bool) {
        // A sentence naming a report ("现将…年度报告公布如下", "对照2021年…年度报告") is no title
        // when a line that is one stands among them.
        // (Characters compared only where the bytes may hold such a mark: most titles hold none.)
        let sentences = titles.filter {
            IssuerReader.mayHoldSentenceMark($0.line) && $0.line.contains(where: { "，。；,;".contains($0) })
        }
        let lines = sentences.count < titles.count ? titles.filter { t in !sentences.contains { $0.line == t.line } } : titles
        let candidates = lines.map { (issuer: $0.issuer, year: Self.titleYear($0.line)) }
        let issuers = Set(candidates.compactMap(\.issuer)), years = Set(candidates.compactMap(\.year))
        guard issuers.count > 1 || years.count > 1 else {
            // The issuer-naming title first, as one title and its subtitle.
            let first = candidates.first { $0.issuer != nil } ?? candidates.first
            return (first?.issuer, first?.year ?? years.first, false)
        }
        let confirmed = candidates.filter { c in
            let contradicted = (c.issuer != nil && stated != nil && c.issuer != stated) || (c.year != nil && statistical != nil && c.year != statistical)
            let confirms = (c.issuer != nil && c.issuer == stated) || (c.year != nil && c.year == statistical)
            return confirms && !contradicted
        }
        func only<T: Hashable>(_ values: [T?]) -> T? { let set = Set(values.compactMap { $0 }); return set.count == 1 ? set.first : nil }
        let issuer = candidates.allSatisfy({ $0.issuer != nil }) && issuers.count == 1 ? issuers.first : only(confirmed.map(\.issuer))
        let year = candidates.allSatisfy({ $0.year != nil }) && years.count == 1 ? years.first : only(confirmed.map(\.year))
        return (issuer, year, true)
    }

    /// The last non-empty lines of a text (where a signature is), without splitting all of it.
    static func lastLines(of text: String, count: Int = 14) -> [String] {
        // On UTF-8 bytes (the text is normalised: a line feed is a character of its own).
        var lines: [String] = []
        var copy = text
        let utf8 = text.utf8
        copy.withUTF8 { b in
            var end = b.count
            var i = b.count
            while i > 0, lines.count < count {
                i -= 1
                // Back to the line feed before the line (or the text's start) in a loop of its own.
                while i > 0, b[i] != 0x0A { i -= 1 }
                let line = trimmedSpaces(b[(b[i] == 0x0A ? i + 1 : i)..<end], of: text, utf8)
                if !line.isEmpty { lines.append(line) }
                end = i
            }
        }
        return lines.reversed()
    }

    /// `ReportText.trimmedSpaces` of the bytes `line` of `text` (whose UTF-8 is `utf8`), the
    /// line copied from the text, not decoded and validated again (that was most of the cost of
    /// the last lines, long lines of the last section among them).
    private static func trimmedSpaces(_ line: Slice<UnsafeBufferPointer<UInt8>>, of text: String, _ utf8: String.UTF8View) -> String {
        var start = line.startIndex, end = line.endIndex
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return "" }
        // Cut at ASCII bytes or the line's ends (a line feed or the text's ends): scalar boundaries.
        let copy = String(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        // A line starting or ending with a non-ASCII character may have another kind of space there.
        guard line[start] >= 0x80 || line[end - 1] >= 0x80 else { return copy }
        let first = copy.unicodeScalars.first!, last = copy.unicodeScalars.last!
        // `whitespaces` (tab and the category Zs) holds nothing above U+3000: an ideograph or a
        // full-width mark at either end is not looked up.
        func mayBeSpace(_ s: Unicode.Scalar) -> Bool { s.value <= 0x3000 && ReportText.whitespaces.contains(s) }
        guard mayBeSpace(first) || mayBeSpace(last) else { return copy }
        return copy.trimmingCharacters(in: .whitespaces)
    }

    /// Table headers only one format has (narrative words such as 政府集中采购 are left out:
    /// reports in the 2021 format still mention procurement in their text).
    static let headers2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "不补正", "收费通知"]
    static let headers2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第九项", "采购项目数量"]

    /// The format in force for the year decides, unless the tables printed are clearly the other
    /// format's: then they are read as printed (a 2021+ report in the superseded format gets V1).
    private mutating func decideFormat(fullText: String) {
        let tableText = [sections[.proactive], sections[.requests]].compactMap { $0 }.joined(separator: "\n")
        // The headers are looked for in the key's bytes: a string of the tables' key would be
        // validated as UTF-8 again for nothing.
        let (v2021, headers2019, v2019) = ReportText.withKeyBytes(tableText.isEmpty ? fullText : tableText) { key in
            func has(_ header: String) -> Bool {
                var header = header
                return header.withUTF8 { String.search(key, $0) }
            }
            let headers2019 = Self.headers2019.filter(has)
            return (Self.headers2021.filter(has), headers2019, headers2019 + ["政府集中采购", "采购总金额"].filter(has))
        }
        let strong2021 = v2021.count >= 2 && v2019.count <= 1
        let strong2019 = headers2019.count >= 2 && v2021.isEmpty
        formatEvidence = v2021.count >= v2019.count ? v2021 : v2019
        if let year, let inForce = ReportFormatVersion.inForce(forYear: year),
           !(v2021.isEmpty && v2019.isEmpty) || Self.looksLikeReport(preamble: preamble, sections: sections, fullText: fullText) {
            expectedFormatVersion = inForce
            switch inForce {
            case .v2021: formatVersion = strong2019 ? .v2019 : .v2021
            case .v2019: formatVersion = strong2021 ? .v2021 : .v2019
            }
        } else if v2021.count > v2019.count {
            formatVersion = .v2021
        } else if v2019.count > v2021.count {
            formatVersion = .v2019
        }
    }

    /// No table markers (tables missing or unreadable) but the words of a report.
    private static func looksLikeReport(preamble: String, sections: [ReportSection: String], fullText: String) -> Bool {
        ReportText.key(preamble + (sections[.overview] ?? "")).hasSubstring("政府信息公开")
            && (fullText.hasSubstring("年度报告") || fullText.hasSubstring("工作报告") || fullText.hasSubstring("年报"))
    }

    /// `示范县(2023年度)` → `示范县`: drops a four-digit year with 年 or 年度 and its brackets.
    static func removingYears(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < s.count && s[k].value >= 48 && s[k].value <= 57 }
        while i < s.count {
            var j = i
            if s[j] == "(" || s[j] == "（" { j += 1 }
            if isDigit(j), isDigit(j + 1), isDigit(j + 2), isDigit(j + 3) {
                var k = j + 4
                while k < s.count, s[k] == " " { k += 1 }
                if k < s.count, s[k] == "年" {
                    k += 1
                    if k < s.count, s[k] == "度" { k += 1 }
                    if k < s.count, s[k] == ")" || s[k] == "）" { k += 1 }
                    i = k
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    nonisolated(unsafe) private static let yearPattern = try! NSRegularExpression(pattern: #"(19|20)\d{2}\s*年"#)
    nonisolated(unsafe) private static let yearEndPattern = try! NSRegularExpression(pattern: #"(19|20)\d{2}\s*年\s*12\s*月\s*31\s*日"#)

    /// The first year the pattern finds outside a document's name (《…》) and not as an end of
    /// a range ("2021—2025年", "2021年至2025年"): neither is the report's year.
    private static func firstYear(_ pattern: NSRegularExpression, in text: String) -> Int? {
        var found: Int?
        pattern.enumerateMatches(in: text, range: NSRange(text.startIndex..., in: text)) { match, _, stop in
            guard let match, let range = Range(match.range, in: text) else { return }
            if isInsideName(range.lowerBound, in: text) || isInRange(range, in: text) || isComparedYear(range, in: text) { return }
            found = Int(text[range].prefix(4))
            stop.pointee = true
        }
        return found
    }

    /// Whether a position is inside 《…》 (on its line).
    private static func isInsideName(_ position: String.Index, in text: String) -> Bool {
        var i = position
        var steps = 0
        while i > text.startIndex, steps < 80 {
            i = text.index(before: i)
            steps += 1
            switch text[i] {
            case "《": return true
            case "》", "\n": return false
            default: continue
            }
        }
        return false
    }

    /// Words before a year that make it the year compared with ("与2021年相比", "较2021年",
    /// "比2021年"), and after it ("2021年以来", "2021年同期").
    private static let comparedBefore: Set<Character> = ["与", "较", "比"]
    private static let comparedAfter = ["相比", "比较", "对比", "以来", "同期"]

    /// Whether a year is one the report compares with or counts from (与2021年相比, 较2021年,
    /// 自2019年新《条例》施行以来): never the report's own year (review 10g H5).
    private static func isComparedYear(_ range: Range<String.Index>, in text: String) -> Bool {
        var i = range.lowerBound
        while i > text.startIndex, text[text.index(before: i)] == " " { i = text.index(before: i) }
        if i > text.startIndex, comparedBefore.contains(text[text.index(before: i)]) { return true }
        var after = text[range.upperBound...].prefix(3)
        if after.hasPrefix("度") { after = after.dropFirst() }
        if comparedAfter.contains(where: { after.hasPrefix($0) }) { return true }
        // 自2019年…以来: a since-year, up to the end of its clause.
        if i > text.startIndex, text[text.index(before: i)] == "自" {
            let clause = text[range.upperBound...].prefix(40).prefix { !"，。；,;\n".contains($0) }
            if clause.hasSubstring("以来") { return true }
        }
        return false
    }

    /// Characters joining the two years of a range.
    private static let rangeJoiners: Set<Character> = ["—", "-", "–", "~", "～", "至", "到", "－"]

    /// Whether a year (`2025年` of "2021—2025年", `2021年` of "2021年至2025年") is an end of a range.
    private static func isInRange(_ range: Range<String.Index>, in text: String) -> Bool {
        // Before: a joiner with a year before it ("2021—", "2021年至").
        var i = range.lowerBound
        var k = 0
        while i > text.startIndex, k < 3, text[text.index(before: i)] == " " { i = text.index(before: i); k += 1 }
        if i > text.startIndex, rangeJoiners.contains(text[text.index(before: i)]) {
            var j = text.index(before: i)
            while j > text.startIndex, "年 —-".contains(text[text.index(before: j)]) { j = text.index(before: j) }
            if j > text.startIndex, text[text.index(before: j)].isASCII, text[text.index(before: j)].isNumber { return true }
        }
        // After: a joiner and another year ("2021年至2025年", "2021年—2025年").
        var a = range.upperBound
        while a < text.endIndex, text[a] == " " || text[a] == "度" { a = text.index(after: a) }
        guard a < text.endIndex, rangeJoiners.contains(text[a]) else { return false }
        a = text.index(after: a)
        while a < text.endIndex, text[a] == " " || text[a] == "—" { a = text.index(after: a) }
        let digits = text[a...].prefix(4)
        return digits.count == 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The first year of `pattern`: on bytes (`YearScan`), else with the expression (text with
    /// digits, spaces or character clusters beyond what `YearScan` reads).
    private static func firstYear(_ scan: YearScan.Pattern, in text: String, plain: Bool? = nil) -> Int? {
        if case .found(let year) = YearScan.first(scan, in: text, plain: plain) { return year }
        return firstYear(expression(scan), in: text)
    }

    /// The expression `YearScan` stands for (its tests compare the two).
    static func expression(_ scan: YearScan.Pattern) -> NSRegularExpression {
        switch scan {
        case .year: yearPattern
        case .reportYear: reportYearPattern
        case .notDate: yearNotDatePattern
        case .statistical: yearEndPattern
        }
    }

    /// The first year of the expression, as `firstYear` finds it without `YearScan`.
    static func firstYearByExpression(_ scan: YearScan.Pattern, in text: String) -> Int? { firstYear(expression(scan), in: text) }

    static func year(in text: String) -> Int? { firstYear(.year, in: text) }

    nonisolated(unsafe) private static let yearNotDatePattern = try! NSRegularExpression(pattern: #"(19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月)"#)
    nonisolated(unsafe) private static let reportYearPattern = try! NSRegularExpression(pattern: #"(19|20)\d{2}\s*年度"#)

    /// Digits written in Chinese numerals, as in a year "二〇二二".
    private static let chineseDigits: [Character: Int] = [
        "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// `chineseDigits` of a scalar (each of them is one scalar).
    private static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零", "○", "Ｏ": 0
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// The year a title states: `2022年(度)`, or only in a title's other forms — in brackets
    /// without 年 (`…年报（2022）`) or in Chinese numerals (`（二〇二二年）`). A title wrapped in
    /// 《…》 is read inside it.
    static func titleYear(_ line: String) -> Int? {
        var line = ReportText.trimmedSpaces(line)
        // Whether the line is plain (`YearScan.isPlain`), asked once: without its 《》 it is too.
        let plain = line.withUTF8 { YearScan.isPlain($0) }
        // 《 (E3 80 8A) and 》 (E3 80 8B) at the ends: on the bytes of a plain line, whose
        // characters are its scalars.
        let quoted =
            plain
            ? line.utf8.starts(with: [0xE3, 0x80, 0x8A]) && line.utf8.reversed().starts(with: [0x8B, 0x80, 0xE3])
            : line.hasPrefix("《") && line.hasSuffix("》")
        if quoted { line = String(line.dropFirst().dropLast()) }
        if let year = yearNotDate(in: line, plain: plain) { return year }
        // On the scalars when each is a character of its own (`YearScan.isPlain`, nearly every
        // title): the same tests as on the characters below, without breaking the line into
        // characters and hashing them (most of the cost of reading a title).
        if plain {
            let s = Array(line.unicodeScalars)
            func isDigit(_ k: Int) -> Bool { s[k].value >= 48 && s[k].value <= 57 }
            for i in s.indices {
                if s[i] == "（" || s[i] == "(", i + 5 < s.count, s[i + 5] == ")" || s[i + 5] == "）",
                    isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), isDigit(i + 4)
                {
                    let y = s[(i + 1)...(i + 4)].reduce(0) { $0 * 10 + Int($1.value) - 48 }
                    if (1990...2099).contains(y) { return y }
                }
                if i + 4 < s.count, s[i + 4] == "年" {
                    var y = 0
                    for k in i...(i + 3) {
                        guard let d = chineseDigit(s[k]) else {
                            y = -1
                            break
                        }
                        y = y * 10 + d
                    }
                    if (1990...2099).contains(y) { return y }
                }
            }
            return nil
        }
        let c = Array(line)
        for i in c.indices {
            // （2022） or (2022): four digits alone in brackets.
            if "（(".contains(c[i]), i + 5 < c.count, ")）".contains(c[i + 5]), c[(i + 1)...(i + 4)].allSatisfy({ $0.isASCII && $0.isNumber }),
                let y = Int(String(c[(i + 1)...(i + 4)])), (1990...2099).contains(y)
            {
                return y
            }
            // 二〇二二年: four Chinese digits before 年.
            if i + 4 < c.count, c[i + 4] == "年", c[i...(i + 3)].allSatisfy({ chineseDigits[$0] != nil }) {
                let y = c[i...(i + 3)].reduce(0) { $0 * 10 + chineseDigits[$1]! }
                if (1990...2099).contains(y) { return y }
            }
        }
        return nil
    }

    /// A line under the title that is only a year without 度 or brackets (`2023年`, `二〇二三年`).
    static func bareYearLine<S: Sequence>(in lines: S) -> Int? where S.Element == String {
        for line in lines {
            // Five characters besides spaces: in a plain line (`YearScan.isPlain`, each scalar a
            // character, and the only spaces tab, line feed, form feed and space) they are counted
            // on the bytes, and most lines are passed over without filtering their characters.
            var copy = line
            let plainCount: Int? = copy.withUTF8 { b in
                guard YearScan.isPlain(b) else { return nil }
                var count = 0
                for c in b where c & 0xC0 != 0x80 && c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0C { count += 1 }
                return count
            }
            if let plainCount, plainCount != 5 { continue }
            let t = line.filter { !$0.isWhitespace }
            guard t.count == 5, t.hasSuffix("年"), let year = titleYear(t) else { continue }
            return year
        }
        return nil
    }

    /// `2023年` but not `2024年1月20日`.
    /// (`plain`: whether the text is plain, when the caller knows it.)
    static func yearNotDate(in text: String, plain: Bool? = nil) -> Int? { firstYear(.notDate, in: text, plain: plain) }

    /// `2023 年度`.
    static func reportYear(in text: String) -> Int? { firstYear(.reportYear, in: text) }

    /// 统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止: the year of a `YYYY年12月31日` in a
    /// period sentence only (review 10j H1) — one that speaks of 统计, runs 起…至, or spans from
    /// 1月1日. A deadline (`计划于2023年12月31日前`) or a stock date (`截至2021年12月31日，现行有效…`)
    /// is no period.
    static func statisticalYear(in text: String, plain knownPlain: Bool? = nil) -> Int? {
        // Whether the text is plain, asked once of the whole text (three passes over it before):
        // the sentences of plain text are plain too.
        var copy = text
        let plain = knownPlain ?? copy.withUTF8 { YearScan.isPlain($0) }
        guard firstYear(.statistical, in: text, plain: plain) != nil else { return nil }
        for sentence in sentencesWith31(text, plain: plain) {
            // The year first: most sentences with "31" hold none (table rows, other dates).
            guard let year = firstYear(.statistical, in: String(sentence), plain: plain ? true : nil) else { continue }
            var words = String(sentence)
            if words.hasSubstring("截至") || words.hasSubstring("截止") {
                words = words.replacingOccurrences(of: "截至", with: "").replacingOccurrences(of: "截止", with: "")
            }
            let s = ReportText.withoutWhitespace(words)
            guard s.hasSubstring("统计") || (s.hasSubstring("起") && s.hasSubstring("至")) || s.hasSubstring("1月1日") else { continue }
            return year
        }
        return nil
    }

    /// The sentences of `text` (cut at a line end, 。 or ；) that hold "31", in order. On the
    /// bytes when every scalar is a character of its own (`YearScan.isPlain`: the cut is then the
    /// same as by characters), else by characters: splitting a whole report by characters was a
    /// third of a report check's time.
    static func sentencesWith31(_ text: String, plain: Bool? = nil) -> [Substring] {
        var copy = text
        let cuts: [Range<Int>]? = copy.withUTF8 { b in
            guard plain ?? YearScan.isPlain(b) else { return nil }
            // Each "31" is found with the C library's memchr, then the sentence around it (a pass
            // over every byte of the report cut every sentence to find the few with "31").
            var found: [Range<Int>] = []
            var from = 0
            while let at = next31(in: b, from: from) {
                var start = at
                while start > 0, !separatorEnds(b, at: start) { start -= 1 }
                var end = at
                while end < b.count, !separatorStarts(b, at: end) { end += 1 }
                found.append(start..<end)
                from = end
            }
            return found
        }
        guard let cuts else {
            return text.split(whereSeparator: { $0 == "\n" || $0 == "。" || $0 == "；" }).filter { $0.contains("31") }
        }
        let utf8 = text.utf8
        return cuts.map { r in
            text[utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)]
        }
    }

    /// Where the next "31" starts at or after `from`.
    private static func next31(in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = from
        while i + 1 < b.count, let found = memchr(base + i, 0x33, b.count - 1 - i) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if b[at + 1] == 0x31 { return at }
            i = at + 1
        }
        return nil
    }

    /// Whether a sentence's separator (a line feed, 。 E3 80 82, ； EF BC 9B) starts at `i`.
    private static func separatorStarts(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = b[i]
        if c == 0x0A { return true }
        guard i + 2 < b.count else { return false }
        return (c == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x82) || (c == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x9B)
    }

    /// Whether a sentence's separator ends right before `i` (its last byte is at `i - 1`).
    private static func separatorEnds(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        if b[i - 1] == 0x0A { return true }
        guard i >= 3 else { return false }
        return (b[i - 3] == 0xE3 && b[i - 2] == 0x80 && b[i - 1] == 0x82) || (b[i - 3] == 0xEF && b[i - 2] == 0xBC && b[i - 1] == 0x9B)
    }

    /// Whether the overview opens at a year's start (`2023年初`, `年初以来`): a report written then
    /// speaks of the year before.
    static func speaksFromYearStart(_ overview: String) -> Bool {
        guard let year = yearNotDate(in: overview), let r = overview.range(of: "\(year)") else { return false }
        return overview[r.upperBound...].filter { !$0.isWhitespace }.hasPrefix("年初")
    }
}
