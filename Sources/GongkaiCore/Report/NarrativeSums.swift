import Foundation

/// N2: a total stated with its parts ("共受理申请 50 件，其中：予以公开 30 件，…").
///
/// The list of parts is read for what it may be, not for everything that follows: a different
/// unit or subject (行政复议案件 after 申请) ends it; a semicolon may end it. When a reading of
/// the list that ends where it may end adds up, the statement is consistent. An error only when
/// every possible reading of the list exceeds the total, even at the lowest value its
/// approximate parts allow ("1600 余" = at least 1600); otherwise a warning or a note.
extension NarrativeChecks {
    /// Words that introduce a breakdown of the previous part (`已办结 7508，未办结 10 件`), whose
    /// numbers are not parts of the total.
    /// 答复 and 回复 end a status as 办结 does: "按时答复 90 件，延期答复 6 件，未答复 5 件" is a
    /// breakdown by status, 未答复 one of its parts (review 10m L4). "正在办理 2 件" after parts of
    /// another dimension is a status, not a further part (review 10l L1, the comma variant).
    static let statusWords = [
        "已办结", "未办结", "办结", "在办", "办理中", "正在办理", "正在处理", "已答复", "未答复", "答复", "已回复", "未回复", "回复",
    ]

    /// The statuses of what is done: a part after one of them whose words end the same way
    /// (超期办结, 按期办结, 延期答复, 当场答复) is a kind of it, not another part.
    static let doneStatusWords = ["已办结", "办结", "已答复", "答复", "已回复", "回复"]
    /// The word lists above, tested on the words before every part (see `WordList`).
    static let statusWordList = WordList(statusWords)
    static let doneStatusWordList = WordList(doneStatusWords)
    private static let doneEnds = WordList(["办结", "答复", "回复"])
    private static let notDoneWords = WordList(["未办结", "未答复", "未回复"])

    /// Whether the words before a figure name a kind of a done status (`超期办结`, `延期答复`),
    /// not a status of its own (`未办结`) nor the done status itself (`已办结`, `其中办结`): a
    /// qualifier stands right before 办结/答复/回复 (按期, 超期, 当场, 转办 …), not 已, 未 or the
    /// words that lead into a list (其中, 共, 均, 全).
    static func namesKindOfDone(_ lead: String) -> Bool {
        guard doneEnds.isSuffix(of: lead) else { return false }
        let scalars = Array(lead.unicodeScalars)
        guard scalars.count >= 3 else { return false }
        let before = scalars[scalars.count - 3]
        return before.properties.isIdeographic && !"已未中共均全".unicodeScalars.contains(before)
    }

    /// Whether the words before a figure name the done status itself (已办结, 其中办结, 已答复), not
    /// a kind of it (超期办结) nor what is not done (未办结, which ends in 办结 too).
    static func namesDone(_ lead: String) -> Bool {
        doneStatusWordList.isSuffix(of: lead) && !notDoneWords.isSuffix(of: lead) && !namesKindOfDone(lead)
    }

    /// Subjects that are not what a total of applications, messages or publications counts:
    /// a part naming one (when the total does not) starts another statement.
    static let otherSubjects = ["案件", "复议", "诉讼"]

    /// Words after which a list may have ended and a new statement begun.
    static let listBreaks: [String] = ["；", ";", "另有", "此外", "另外", "同时"]
    private static let listBreakMatcher = KeyMatcher(listBreaks)

    /// Words of a comparison with another period ("同比增长 12 件", "比上年减少 3 件"): the number
    /// is a difference, neither a part nor a total, and does not end the list either. These name
    /// the other period, so anywhere in the number's clause they make it a comparison.
    static let periodWords = [
        "同比", "环比", "比上年", "比去年", "比上一年", "较上年", "较去年", "较上一年", "较前一年",
        "与上年", "与去年", "与上一年", "上年同期", "去年同期",
    ]
    /// "超过上年 5 件", "少于去年 3 件" (review 10i L4): a comparison only right before the number,
    /// like a change word — a label that holds one (`办理时间多于上年平均的 21 件`) is a part
    /// (review 10j M2).
    static let comparedWords = [
        "超过上年", "超出上年", "多于上年", "少于上年", "高于上年", "低于上年", "超过去年", "超出去年", "多于去年",
        "少于去年", "高于去年", "低于去年", "超过上一年", "多于上一年", "少于上一年",
        // "不足上年 60 件的水平" (review 10j L2): last year's figure, not a part.
        "不足上年", "不足去年", "不足上一年", "不到上年", "不到去年", "不及上年", "不及去年",
    ]
    /// Words of a change ("增长 12 件", "减少了 3 件"): a comparison only right before the number
    /// (a label that merely contains one, "经济增长类 401 条", is a part like any other).
    static let changeWords = ["增长", "下降", "增加", "减少", "上升", "降低", "提高", "回落", "增幅", "降幅", "多出", "少了"]
    /// What may stand between a change word and its number: "增加了近 5 件", "下降约 3 件".
    static let changeFillers = ["了", "约", "近", "将近", "超过", "逾", "达", "达到", "为", "共", "计", ":", "：", " "]
    private static let changeOrComparedWordEnds = WordEnds(changeWords + comparedWords)
    private static let changeFillerEnds = WordEnds(changeFillers)

    /// Words found at the end of bytes, each compared only where the bytes end in its last
    /// byte: trying every change word and filler on every figure's clause was most of
    /// `isComparison`'s cost.
    struct WordEnds: Sendable {
        private let words: [[UInt8]]
        /// Indices into `words` (in the list's order) by their last byte.
        private let byLastByte: [[Int]]

        init(_ list: [String]) {
            words = list.map { Array($0.utf8) }
            var byLastByte = [[Int]](repeating: [], count: 256)
            for (k, word) in words.enumerated() { if let last = word.last { byLastByte[Int(last)].append(k) } }
            self.byLastByte = byLastByte
        }

        /// The byte count of the first word in the list that the first `end` bytes of `b` end
        /// with; nil when none does.
        func firstLength(endingAt end: Int, in b: UnsafeBufferPointer<UInt8>) -> Int? {
            guard end > 0 else { return nil }
            for k in byLastByte[Int(b[end - 1])] {
                let word = words[k]
                guard word.count <= end else { continue }
                let start = end - word.count
                var same = true
                for i in word.indices where b[start + i] != word[i] { same = false; break }
                if same { return word.count }
            }
            return nil
        }
    }

    /// `periodWords` searched in one pass (each figure's clause is asked).
    static let periodWordMatcher = KeyMatcher(periodWords)

    /// Whether a number whose clause (up to the number) is `clause` is a difference from another
    /// period.
    static func isComparison(clause: String) -> Bool {
        var text = clause
        return text.withUTF8 { isComparison(bytes: $0) { clause } }
    }

    /// `isComparison(clause:)` of scalars of a text (every figure's clause is asked): on their
    /// UTF-8 written into a buffer, a string made only for the tests that need one.
    static func isComparison(clause: ArraySlice<Unicode.Scalar>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, clause.count * 4)) { buffer in
            let n = String.writeUTF8(of: clause, into: buffer)
            return isComparison(bytes: UnsafeBufferPointer(rebasing: buffer[0..<n])) { String(scalars: clause) }
        }
    }

    /// `isComparison(clause:)` of the clause's UTF-8 `b`; `clause()` makes its string.
    private static func isComparison(bytes b: UnsafeBufferPointer<UInt8>, _ clause: () -> String) -> Bool {
        if periodWordMatcher.matchesAny(b) { return true }
        // Every lead of another period's figure, and the year's form, holds 为 (E4 B8 BA) or 是
        // (E6 98 AF): without either, no string for `isPreviousPeriodFigure`.
        if holds(b, 0xE4, 0xB8, 0xBA) || holds(b, 0xE6, 0x98, 0xAF), isPreviousPeriodFigure(clause: clause()) { return true }
        // On the clause's bytes when every scalar is ASCII or a three-byte one from U+1000 on
        // (lead bytes E1–EF; no scalar there joins the character after it, so a filler's
        // characters are its scalars): `hasUTF8Suffix` on a substring, word by word, was most of
        // this test's cost.
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1 } else if b[i] >= 0xE1 && b[i] <= 0xEF { i += 3 } else { return endsWithChange(clause()) }
        }
        var end = b.count
        while let filler = changeFillerEnds.firstLength(endingAt: end, in: b) { end -= filler }
        return changeOrComparedWordEnds.firstLength(endingAt: end, in: b) != nil
    }

    /// Whether valid UTF-8 holds the three-byte scalar `c0 c1 c2` (its lead byte, found by the C
    /// library's memchr, is in no other place of a scalar).
    private static func holds(_ b: UnsafeBufferPointer<UInt8>, _ c0: UInt8, _ c1: UInt8, _ c2: UInt8) -> Bool {
        guard let base = b.baseAddress else { return false }
        var i = 0
        while i + 2 < b.count, let found = memchr(base + i, Int32(c0), b.count - 2 - i) {
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if b[at + 1] == c1, b[at + 2] == c2 { return true }
            i = at + 1
        }
        return false
    }

    /// Whether a clause ends in a change or compared word, after any fillers (the test on
    /// characters, for a clause whose scalars are not all of the kinds the byte test reads).
    private static func endsWithChange(_ clause: String) -> Bool {
        var rest = Substring(clause)
        while let filler = changeFillers.first(where: { rest.hasUTF8Suffix($0) }) { rest = rest.dropLast(filler.count) }
        return changeWords.contains { rest.hasUTF8Suffix($0) } || comparedWords.contains { rest.hasUTF8Suffix($0) }
    }

    /// Words that give another period's figure in a clause of its own: "去年为 25 件",
    /// "上年为 35 件", "2021 年为 25 件". (Not "上年结转 1 件", a figure of this year.)
    static let previousPeriodLeads = ["去年为", "去年是", "上年为", "上年是", "上年度为", "上一年为", "上一年度为", "去年同期为", "上年同期为"]
    private static let previousPeriodLeadList = WordList(previousPeriodLeads)

    /// Whether a number's clause (up to it) only names another period's figure: a lead of
    /// `previousPeriodLeads`, or a bare year with 为 ("2021 年为", "2021年度为").
    static func isPreviousPeriodFigure(clause: String) -> Bool {
        // Every lead and the year's form end in 为 or 是: without either, no copy of the clause.
        guard clause.hasSubstring("为") || clause.hasSubstring("是") else { return false }
        let compact = ReportText.withoutWhitespace(clause)
        if previousPeriodLeadList.isPrefix(of: compact) { return true }
        // A year's digits are ASCII: a clause starting otherwise names none.
        guard let first = compact.utf8.first, first >= 0x30, first <= 0x39 else { return false }
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, digits.hasPrefix("19") || digits.hasPrefix("20") else { return false }
        let rest = compact.dropFirst(4)
        return rest == "年为" || rest == "年度为" || rest == "年是" || rest == "年度是"
    }

    /// `q` in the total's unit: the same unit, or the same with 万 ("三十万件" and a total of
    /// 500000 件 count the same things). Nil for another unit, which ends a list.
    static func inUnit(_ q: Quantity, of total: Quantity) -> Quantity? {
        if q.unit == total.unit { return q }
        func split(_ unit: String) -> (Int, String) {
            if unit.hasPrefix("万") { return (10000, String(unit.dropFirst())) }
            if unit.hasPrefix("亿") { return (100_000_000, String(unit.dropFirst())) }
            return (1, unit)
        }
        let (from, base) = split(q.unit), (to, totalBase) = split(total.unit)
        guard base == totalBase, !base.isEmpty else { return nil }
        let factor = Decimal(from) / Decimal(to)
        let written = from > to && to == 1 ? q.written + String(q.unit.prefix(1)) : "\(q.written)\(q.unit)即 \((q.value * factor).plain)"
        return Quantity(
            value: q.value * factor, unit: total.unit, range: q.range, approximation: q.approximation,
            written: written, halfUnit: q.halfUnit * factor, wholeHalfUnit: q.wholeHalfUnit * factor,
            fixed: q.fixed?.scaled(by: from, dividedBy: to))
    }

    /// Words that start a figure a part includes ("不予公开 20 件（含上年结转 5 件）",
    /// "，包括上年结转 5 件"): a detail of the part, not a part; the parts then may count more
    /// than the total does, so their sum is not compared exactly.
    /// A bare 含 is one only where a detail of the figure before it starts: right after a
    /// bracket or a comma (`30 件（含…`, `30 件，含…`). After a 顿号 it starts the next part's
    /// label (`和县 30 件、含山县 20 件`).
    static let inclusionLeads = ["含", "包括", "包含", "其中含", "内含"]
    private static let inclusionLeadList = WordList(inclusionLeads)
    private static let bareInclusionLead = WordList(["含"])

    /// Words of what a part may include that the total need not count: figures of another
    /// period (上年结转). A part including one may make the parts exceed the total; a part
    /// including a share of itself (`予以公开 30 件（含部分公开 5 件）`) may not.
    static let otherPeriodWords = ["结转", "上年", "去年", "往年", "以前年度", "上一年", "跨年"]

    /// Words that restate the total after its parts ("，合计 50 件", "，以上 50 件均按期答复"):
    /// the list has ended. 共 only right before the number ("，共 50 件"): a label starting with
    /// it (共享平台, 共性问题) is a part.
    static let restatedTotalLeads = ["合计", "共计", "总计", "累计", "总共", "以上", "上述"]
    static let bareTotalLeads: Set<String> = ["共", "共有", "共为", "共达"]
    /// Restatements that are the total again (a different figure after them is a contradiction);
    /// 以上, 上述, 累计 may introduce a subset or another count ("以上 48 件均按期答复").
    static let exactTotalLeads = ["合计", "共计", "总计", "总共"]
    private static let restatedTotalLeadList = WordList(restatedTotalLeads)
    private static let exactTotalLeadList = WordList(exactTotalLeads)
    /// A clause of a subset of the parts (see `countedSums`).
    private static let subsetLead = WordList(["其中"])

    /// Whether a part's clause, starting at `start`, is a figure the previous part includes.
    static func isInclusion(clauseLead: String, start: Int, in s: [Unicode.Scalar]) -> Bool {
        guard inclusionLeadList.isPrefix(of: clauseLead) else { return false }
        if bareInclusionLead.isPrefix(of: clauseLead) {
            var i = start
            while i > 0, s[i - 1] == " " { i -= 1 }
            return i > 0 && ["(", "（", "，", ","].contains(s[i - 1])
        }
        return true
    }

    /// Words of figures carried over from another period (上年遗留 1 件, 上年结转 2 件): after a
    /// list break the list may have ended before them.
    static let carriedOverWords = ["遗留", "结转", "上年", "去年", "往年", "以前年度", "上一年"]

    /// Verbs a statement of its own is made with, followed by what it counts (政务微博发布信息 850 条,
    /// 政务热线受理咨询 850 件). Right before the number a verb is a part's label ("信函收到 45 件",
    /// "政务新媒体发布 450 条": parts — reviews 22–24). Not 公开, 办理, 制发 nor 印发: labels hold
    /// them with an object as well ("信息公开目录类信息 928 条", "印发通知 75 件").
    static let statementVerbs = ["发布", "转载", "推送", "受理", "收到"]

    /// Whether the clause before a figure holds a statement verb with words after it (its object).
    static func hasVerbWithObject(_ clauseLead: String) -> Bool {
        statementVerbs.contains { verb in
            guard let range = clauseLead.plainRange(of: verb, backwards: true) else { return false }
            return clauseLead[range.upperBound...].unicodeScalars.contains { $0.properties.isIdeographic }
        }
    }

    /// +1 for an opening 【 [ 〔 〖 〈 「 『 {, −1 for a closing one, else 0.
    static func squareBracketStep(_ c: Unicode.Scalar) -> Int {
        switch c {
        case "[", "【", "〔", "〖", "〈", "「", "『", "{": return 1
        case "]", "】", "〕", "〗", "〉", "」", "』", "}": return -1
        default: return 0
        }
    }

    /// Words starting with 另 that add nothing (另行, 另一部分): no figure given in addition.
    static let notAdditionLeads = ["另行", "另一", "另案"]

    /// Whether a part's clause carries figures forward to the next year ("结转下年度 5 件",
    /// "结转至下一年度"): what this year's total left undone. Unlike a carry-in (上年结转), it is
    /// counted in the total: a result row of table 三 ((四) 结转下年度继续办理) and what is not
    /// done in a breakdown by status.
    static func carriesForward(_ clause: String) -> Bool {
        clause.hasSubstring("结转") && ["下年", "下一年", "次年"].contains(where: { clause.hasSubstring($0) })
    }

    /// At most this many parts are read for one total: a longer "list" is no enumeration anyone
    /// wrote, and it is left unjudged (the work per total stays bounded: review 10f H12).
    static let maxParts = 64

    /// Words that make a figure after the parts one of another period's plan or a cumulative
    /// count — "2023年计划公开 400 条", "专栏自开通以来共发布 2000 条", "近三年累计 …" — never a
    /// part of this year's total: the list has ended (review 10f M1, M2). (计划 alone is no such
    /// word: 计划生育类, 规划计划类 are labels of parts.)
    static let planWords = [
        "计划公开", "计划发布", "计划完成", "计划办理", "计划于", "预计", "力争", "明年",
        "拟公开", "拟发布", "拟办理", "拟于", "拟在", "拟将", "下一步", "下一阶段",
    ]
    static let cumulativeWords = ["以来", "累计", "迄今", "至今", "历年", "近三年", "近两年", "近五年", "近几年"]
    /// Both lists searched in one pass over a part's clause.
    private static let planOrCumulativeMatcher = KeyMatcher(planWords + cumulativeWords)

    /// The result groups of table 三. In a list whose first part is no result group ("其中涉及招生
    /// 入学的申请 5 件，予以公开 3 件"), a result group gives that part's results, not a part.
    static let resultGroupWords = ["予以公开", "全部公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]

    /// Sentence ends and matching brackets of a text, found once, so that the sentence or the
    /// bracket around a figure is found by a look-up, not by a walk over the text (a text with
    /// thousands of figures in one sentence must not take quadratic time).
    struct SumText {
        let s: [Unicode.Scalar]
        /// Sorted positions where a sentence starts (after 。 or a blank line).
        private var starts: [Int] = []
        /// Sorted positions where a sentence ends (a 。 or the first line break of a blank line).
        private var ends: [Int] = []
        /// The position of the `)` closing the `(` at a position.
        private var closing: [Int: Int] = [:]

        init(_ s: [Unicode.Scalar]) {
            self.s = s
            var open: [Int] = []
            var starts: [Int] = [], ends: [Int] = [], closing: [Int: Int] = [:]
            // In one read of the scalars: checking the array's bounds at every scalar of the text
            // was most of this pass.
            s.withUnsafeBufferPointer { s in
                for i in s.indices {
                    // Only 。 and the ASCII line feed and brackets matter: other scalars are
                    // passed on one comparison or two.
                    let v = s[i].value
                    guard v <= 0x29 || v == 0x3002 else { continue }
                    switch s[i] {
                    case "。":
                        ends.append(i)
                        starts.append(i + 1)
                    case "\n":
                        if i + 1 < s.count, s[i + 1] == "\n" { ends.append(i) }
                        if i > 0, s[i - 1] == "\n" { starts.append(i + 1) }
                    case "(": open.append(i)
                    case ")": if let o = open.popLast() { closing[o] = i }
                    default: break
                    }
                }
            }
            self.starts = starts
            self.ends = ends
            self.closing = closing
        }

        /// The first index of `sorted` whose value is at least `value`.
        private static func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < value { low = mid + 1 } else { high = mid }
            }
            return low
        }

        /// Where the sentence containing `position` starts (after 。 or a blank line).
        func sentenceStart(before position: Int) -> Int {
            let i = Self.firstIndex(in: starts, atLeast: position + 1)
            return i > 0 ? starts[i - 1] : 0
        }

        /// Where the sentence containing `position` ends (its 。, a blank line, or the text's end).
        func sentenceEnd(from position: Int) -> Int {
            let i = Self.firstIndex(in: ends, atLeast: position)
            return i < ends.count ? ends[i] : s.count
        }

        func closingBracket(of open: Int) -> Int? { closing[open] }
    }

    /// `scalars`, when given, are `text.scalarArray` (made once for the narrative checks of a section).
    static func sums(in text: String, section: ReportSection, year: Int? = nil, scalars: [Unicode.Scalar]? = nil)
        -> (findings: [Finding], passed: Int)
    {
        let r = countedSums(in: text, section: section, year: year, scalars: scalars)
        return (r.findings, r.passed)
    }

    /// `sums`, with the work done (parts and figures looked at), which grows linearly with the
    /// text: at most `maxParts` parts per total, and a budget for the whole text beyond which
    /// the rest is not checked. Tests count it instead of timing the check.
    static func countedSums(in text: String, section: ReportSection, year: Int? = nil, scalars: [Unicode.Scalar]? = nil)
        -> (findings: [Finding], passed: Int, work: Int)
    {
        let s = scalars ?? text.scalarArray
        let all = quantities(in: s)
        // A text without figures (a section's narrative often) has no sums: its sentences and
        // brackets are not looked for.
        guard !all.isEmpty else { return ([], 0, 0) }
        let t = SumText(s)
        func string(_ range: Range<Int>) -> String { String(scalars: s[range]) }
        func compact(_ range: Range<Int>) -> String { withoutWhitespace(s, range) }
        /// The first 160 characters of the text at `range`, quoted in a finding: on the scalars
        /// when they are plain (each scalar a character; see `WordList`), without counting characters.
        func quote(_ range: Range<Int>) -> String {
            var text = string(range)
            // No more than 160 scalars: no more than 160 characters, the whole text.
            if range.count <= 160 { return text }
            if text.withUTF8(YearScan.isPlain) { return string(range.lowerBound..<min(range.upperBound, range.lowerBound + 160)) }
            return String(text.prefix(160))
        }
        var findings: [Finding] = []
        var passed = 0
        var work = 0
        // Far beyond any report (whose lists together hold fewer parts than it has figures); an
        // upload built to make N2 run away stops here, with a note, unchecked rather than slow.
        let budget = 20_000 + 4 * all.count
        func isComparison(_ q: Quantity) -> Bool {
            Self.isComparison(clause: s[clauseStart(before: q.range.lowerBound, in: s, from: max(0, q.range.lowerBound - 30))..<q.range.lowerBound])
        }
        // "分别增长 5 件和 3 件": a figure joined to a comparison by 和, 、 or 及 is one too.
        func joinedToPrevious(_ k: Int) -> Bool {
            let gap = all[k - 1].range.upperBound..<all[k].range.lowerBound
            // A scalar that is surely no space and none of the joiners' (most gaps start with one)
            // tells without a string of the gap.
            for c in s[gap] where isSurelyNoSpace(c) && c != "和" && c != "、" && c != "及" && c != "以" && c != "与" { return false }
            return ["和", "、", "及", "以及", "与"].contains(compact(gap))
        }
        // Whether each figure is a comparison, told when first asked: only figures around a
        // breakdown are (testing every figure's clause was most of N2's cost in a text with few lists).
        var comparisons = [Bool?](repeating: nil, count: all.count)
        func comparison(_ k: Int) -> Bool {
            if let known = comparisons[k] { return known }
            // Back over the figures joined to the one before them, to one that decides alone.
            var j = k
            let decided: Bool
            while true {
                if let known = comparisons[j] {
                    decided = known
                    break
                }
                if isComparison(all[j]) {
                    decided = true
                    break
                }
                if j == 0 || !joinedToPrevious(j) {
                    decided = false
                    break
                }
                j -= 1
            }
            for i in j...k { comparisons[i] = decided }
            return decided
        }
        for (stated, figure) in all.enumerated() {
            work += 1
            guard work <= budget else {
                findings.append(
                    Finding(
                        rule: .narrativeSum, severity: .info,
                        message: "第\(section.numeral)部分数字过多（\(all.count) 处），合计与分项之和只核对了前 \(stated) 处",
                        location: .init(table: section.heading)))
                break
            }
            // "共受理申请 50 件，同比增长 30%，其中…": a comparison that states no count (a share,
            // 三成, 一倍) may stand between the total and its parts.
            let nextStart = stated + 1 < all.count ? all[stated + 1].range.lowerBound : s.count
            // (The span after a comparison is looked for first: it is rarely there, and whether
            // the total is a comparison is then not asked.)
            func spanAfterComparison() -> Range<Int>? {
                guard let span = breakdownSpan(afterComparisonFrom: figure.range.upperBound, in: t, nextFigure: nextStart) else { return nil }
                return comparison(stated) ? nil : span
            }
            guard var span = breakdownSpan(after: figure.range.upperBound, in: t) ?? spanAfterComparison() else { continue }
            // "共受理申请 50 件（含上年结转 5 件），其中…": the bracket says what the total
            // includes; the parts after it are the total's (carried over ones among them).
            if span.lowerBound > 0, s[span.lowerBound - 1] == "(",
                inclusionLeadList.isPrefix(of: compact(span.lowerBound..<min(span.upperBound, span.lowerBound + 8)))
            {
                guard let after = breakdownSpan(after: span.upperBound + 1, in: t) else { continue }
                span = after
            }
            // 分别为 lists the parts of a total only after a figure stated as a total (共, 全年, 合计…):
            // after several figures ("复议 1 件、诉讼 2 件，分别为…") it goes through them in turn.
            let respectively = span.lowerBound >= 3 && s[span.lowerBound - 3] == "分" && s[span.lowerBound - 2] == "别"
            if respectively {
                let from = clauseStart(before: figure.range.lowerBound, in: s, from: max(0, figure.range.lowerBound - 30))
                let clause = compact(from..<figure.range.lowerBound)
                guard Self.totalWords.contains(where: { clause.hasSubstring($0) }) else { continue }
                // "编发 2 期，分别为第 10 期和第 11 期": ordinals, no parts (review 28).
                if span.contains(where: { s[$0] == "第" }) { continue }
            }
            // A figure inside such a bracket ("含上年结转 5 件）") is a detail of the total before
            // it, not a total of the list after the bracket.
            if let open = (max(0, figure.range.lowerBound - 12)..<figure.range.lowerBound).last(where: { s[$0] == "(" || s[$0] == ")" }),
               s[open] == "(", figure.range.upperBound < s.count,
               (figure.range.upperBound..<min(s.count, figure.range.upperBound + 3)).contains(where: { s[$0] == ")" }) { continue }
            // "共受理申请 50 件，同比增长 12 件，其中…": 其中 refers to the figure before the comparison.
            var index = stated
            let sentence = t.sentenceStart(before: figure.range.lowerBound)
            if comparison(stated) {
                var previous: Int?
                var j = stated - 1
                while j >= 0, stated - j <= 16, all[j].range.lowerBound >= sentence {
                    if !comparison(j), all[j].unit == figure.unit { previous = j; break }
                    j -= 1
                }
                work += stated - j
                guard let previous else { continue }
                index = previous
            }
            let total = all[index]
            // A total whose digits a line break cut (`累计发布各类信息62⏎3条`: Word's line breaks in a
            // run) is read in part: no sum is judged on it (review 28: 3 of 623, a false error).
            if total.range.lowerBound >= 2, s[total.range.lowerBound - 1] == "\n", s[total.range.lowerBound - 2].value >= 48,
                s[total.range.lowerBound - 2].value <= 57
            {
                continue
            }
            var totalClause: String?
            var parts: [Quantity] = []
            // k in `mayEnd`: the list may consist of the first k parts.
            var mayEnd: Set<Int> = []
            // k in `endsIfComplete`: the list may end after k parts only if it adds up there —
            // the part after k is of the first part's kind (a result group after result groups,
            // a status after a status, 结转下年度 after either), so a list that falls short there
            // goes on (review 10m L4).
            var endsIfComplete: Set<Int> = []
            // Every part so far is a kind of a done status (超期办结): a done status after them
            // (已办结) is what they are kinds of (review 10m L4, k06).
            var partsAreKindsOfDone = true
            var depth = 0
            var cursor = span.lowerBound
            var included: [Quantity] = []
            var restated: Quantity?
            var tooLong = false
            var firstIsGroup = false
            var firstIsStatus = false
            var firstPartClause = ""
            var lastPartClause = ""
            // A list break (；) before a figure that is skipped (a status, a comparison) still
            // separates the parts around it: "其中自然人 48 件、企业 2 件；已办结 48 件、正在办理 2 件"
            // may end after 企业 (review 10k L1).
            var breakSincePart = false
            // k in `clauseEnds`: after a clause break (，；) outside any bracket opened after the
            // total, part k is said to be given in addition (另, 另外, 此外, 同时) — there a run of the
            // first k parts that adds up exactly is the list, the figure after it a separate one
            // (the issue: "when a prefix of the listed parts adds up to the total exactly, the
            // statement is consistent"; review 16: "其他处理 2 件，另收到信访件 3 件" was a warning).
            // Without such words a break alone does not end the list ("其中网上 30 件、信函 20 件，
            // 当面 4 件" of 50, "维持 3 件、纠正 2 件，正在审理 1 件" of 5: reviews 17, 18) — the
            // extent stays uncertain and a run that adds up is a warning, as the issue asks. Not a
            // place the list may end for `judge`: a list that exceeds its total is still an error.
            var clauseEnds: [Int] = []
            var clauseBreakSincePart = false
            var bracketsOpen = 0
            // 【】, [], 〔〕, 〖〗 around a list as well (for the verb rule below: review 23).
            var otherBracketsOpen = 0
            for c in s[min(total.range.upperBound, span.lowerBound)..<span.lowerBound] {
                if c == "(" { bracketsOpen += 1 } else if c == ")" { bracketsOpen -= 1 }
                otherBracketsOpen += Self.squareBracketStep(c)
            }
            var lastPartIsDone = false
            var k = stated + 1
            while k < all.count, all[k].range.lowerBound < span.lowerBound { k += 1 }
            while k < all.count, all[k].range.upperBound <= span.upperBound {
                defer { k += 1 }
                work += 1
                let q = all[k]
                let gap = string(cursor..<q.range.lowerBound)
                for c in s[cursor..<q.range.lowerBound] {
                    if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                    otherBracketsOpen += Self.squareBracketStep(c)
                }
                let gapStart = cursor
                cursor = q.range.upperBound
                let clauseFrom = clauseStart(before: q.range.lowerBound, in: s, from: span.lowerBound)
                let rawClause = string(clauseFrom..<q.range.lowerBound)
                let clauseLead = compact(clauseFrom..<q.range.lowerBound)
                // Whether the words between the parts hold a list break: asked once, used thrice.
                // A clause of its own led by 另 ("…，另收到信访件 60 件") adds a figure, as 另有 does
                // (review 21: the 60 was summed, a false error).
                let gapHasBreak =
                    listBreakMatcher.matchesAny(gap)
                    || (clauseFrom > gapStart && clauseLead.hasPrefix("另") && !notAdditionLeads.contains(where: { clauseLead.hasPrefix($0) }))
                if depth <= 0, gapHasBreak { breakSincePart = true }
                // (On the bytes: `contains` of a string went through Foundation. The text is
                // normalised: ，and ；are ASCII here.)
                let gapHasComma = gap.utf8.contains(0x2C)
                if bracketsOpen + depth <= 0, gapHasComma || gap.utf8.contains(0x3B) { clauseBreakSincePart = true }
                if !parts.isEmpty, Self.isInclusion(clauseLead: clauseLead, start: clauseFrom, in: s) {
                    // Only a figure of another period may be outside what the total counts:
                    // 上年结转, or a year other than the report's ("含2021年发布的 1 条").
                    if otherPeriodWords.contains(where: { clauseLead.hasSubstring($0) }) || Self.namesOtherYear(clauseLead, than: year),
                        let q = Self.inUnit(q, of: total)
                    {
                        included.append(q)
                    }
                    continue
                }
                guard depth <= 0 else { continue }  // inside a nested parenthesis: a part's own detail
                if parts.count >= 2, restatedTotalLeadList.isPrefix(of: clauseLead) || bareTotalLeads.contains(clauseLead) {
                    // "…1件；共3件，其中…": after a semicolon, 共 starts another statement.
                    if gapHasBreak { break }
                    if exactTotalLeadList.isPrefix(of: clauseLead) || bareTotalLeads.contains(clauseLead) {
                        restated = Self.inUnit(q, of: total)
                    }
                    break
                }
                let lead = compact(max(0, q.range.lowerBound - 5)..<q.range.lowerBound)
                // A status breaks down the part before it; as the first part (`其中已答复 6 件，
                // 转办 2 件`) it breaks down the total, and later statuses are parts too (review 10k M2).
                let isStatus = statusWordList.isSuffix(of: lead)
                if isStatus, !parts.isEmpty, !firstIsStatus { continue }
                let namesKind = Self.namesKindOfDone(lead)
                // "其中已办结 48 件，超期办结 1 件，未办结 2 件": 48 + 2, the 1 is among the 48 (review 10l H1).
                if lastPartIsDone, namesKind { continue }
                if comparison(k) { continue }
                // A plan or a count over several years ("2023年计划公开 400 条", "自开通以来共发布
                // 2000 条") is no part of this year's total: the list has ended.
                if !parts.isEmpty, Self.isPlanOrCumulative(clauseLead, year: year) { break }
                // "…人事信息 16 条，其中2022年12月发布 30 条": a subset of the parts, not one.
                if !parts.isEmpty, subsetLead.isPrefix(of: clauseLead) { break }
                // "…其余 2 件正在办理中；上年遗留 1 件已办结": after a semicolon, a figure of
                // another period may be another statement (review 10k M2) or the last part
                // ("…当面咨询 15 件；上年结转 5 件", "；结转下年度 5 件": review 10l L2): the list may end.
                let afterBreak = gapHasBreak
                let partClause = rawClause
                let isGroup = resultGroupWords.contains { partClause.hasSubstring($0) }
                // Of the first part's kind: the list goes on unless it is complete before it.
                let forward = Self.carriesForward(clauseLead)
                let sameKind = !parts.isEmpty && (firstIsGroup && (isGroup || forward) || firstIsStatus && (isStatus || forward))
                func mayEndBefore() {
                    if sameKind { endsIfComplete.insert(parts.count) } else { mayEnd.insert(parts.count) }
                }
                if parts.count >= 2, afterBreak, carriedOverWords.contains(where: { clauseLead.hasSubstring($0) }) {
                    mayEndBefore()
                }
                // A clause after a comma with a verb of its own, where the first part had none ("其中政策
                // 文件 300 条，政务微博发布信息 850 条"): another channel's statement may have begun
                // (review 21: summed, a false error).
                if !parts.isEmpty, bracketsOpen + depth <= 0, otherBracketsOpen <= 0, clauseFrom > gapStart, gapHasComma,
                    Self.hasVerbWithObject(clauseLead), !Self.hasVerbWithObject(firstPartClause)
                {
                    mayEndBefore()
                }
                // After parts, a carry-over (上年结转 1 件, 上年遗留 3 件) or a dated figure (12月发布
                // 30 条) may be another figure than a part: the list may end before it.
                if parts.count >= 2,
                    clauseLead.hasSubstring("结转") || clauseLead.hasSubstring("遗留")
                        || Self.namesMonth(clauseLead) && !Self.namesMonth(firstPartClause)
                {
                    mayEndBefore()
                }
                // Another unit or another subject: the list has ended.
                guard let q = Self.inUnit(q, of: total) else { break }
                if otherSubjects.contains(where: { partClause.hasSubstring($0) }) {
                    let subject = totalClause ?? clause(before: total.range.lowerBound, in: s, from: max(0, total.range.lowerBound - 40))
                    totalClause = subject
                    if otherSubjects.contains(where: { partClause.hasSubstring($0) && !subject.hasSubstring($0) }) { break }
                }
                // "其中超期办结 1 件，已办结 48 件，未办结 2 件": the kinds before the done status are
                // its details; the list is 48 + 2 (review 10m L4, k06).
                if !parts.isEmpty, partsAreKindsOfDone, isStatus, Self.namesDone(lead) {
                    parts.removeAll()
                    mayEnd.removeAll()
                    endsIfComplete.removeAll()
                }
                // "其中涉及招生入学的申请 5 件，予以公开 3 件": results of a part, not a part.
                if parts.isEmpty {
                    firstIsGroup = isGroup
                    firstIsStatus = isStatus
                    firstPartClause = clauseLead
                } else if isGroup, !firstIsGroup {
                    continue
                }
                if !parts.isEmpty, breakSincePart { mayEndBefore() }
                guard parts.count < maxParts else { tooLong = true; break }
                if parts.count >= 2, clauseBreakSincePart, !sameKind, Self.additionLeads.contains(where: { clauseLead.hasPrefix($0) }) {
                    clauseEnds.append(parts.count)
                }
                clauseBreakSincePart = false
                parts.append(q)
                lastPartClause = clauseLead
                partsAreKindsOfDone = partsAreKindsOfDone && isStatus && namesKind
                breakSincePart = false
                // 按期办结 is a kind, not the done status: its siblings (超期办结) are parts (review 10m M1).
                // (After 未办结 too: a kind of done there is still a detail of the done ones.)
                lastPartIsDone = isStatus && doneStatusWordList.isSuffix(of: lead) && !namesKind
            }
            // One part is judged too (review 10m M2): "50 件，其中已办结 51 件，超期办结 1 件" — a part
            // that exceeds its whole is an error; one at or below it says nothing.
            guard !parts.isEmpty, !tooLong else { continue }
            work += parts.count
            mayEnd.insert(parts.count)
            // 其中 may also refer to a figure stated earlier in the sentence ("共收到申请 15 件，
            // 上年结转 1 件，其中…" lists all 16): those are other possible totals (the nearest few).
            var earlier: [Quantity] = []
            var j = index - 1
            while j >= 0, index - j <= 16, earlier.count < 4, all[j].range.lowerBound >= sentence {
                if !comparison(j), all[j].unit == total.unit { earlier.insert(all[j], at: 0) }
                j -= 1
            }
            work += index - j
            // A list in brackets opened after the total that close right after its last part, the
            // rest (其他, 其余: "747 条（其中…，其他 1 条）"): its extent is printed, and a shorter run
            // adding up is no reading of it (review 25: a true mismatch was a warning). Another
            // last part may still be a figure the total leaves out (the seed's "…（热线 7518 件…；
            // 信箱 98 件、服务网 191 件、微信 14 件）" of 7807: a warning).
            // Only the rest named alone (其他, 其它, 其余, 其他类…): 其他 qualifying another statement
            // ("其他平台同步发布 350 条", "其他部门转办 3 件") is no rest of the list (review 26).
            var closed = false
            if bracketsOpen > 0 || otherBracketsOpen > 0, let last = parts.last, Self.restWords.contains(lastPartClause) {
                var i = last.range.upperBound
                while i < s.count, i - last.range.upperBound < 12, !(s[i].value >= 48 && s[i].value <= 57), s[i] != "(" {
                    if s[i] == ")" || Self.squareBracketStep(s[i]) < 0 { closed = true; break }
                    i += 1
                }
            }
            var verdict = judge(total: total, parts: parts, mayEnd: mayEnd, endsIfComplete: endsIfComplete, otherTotals: earlier, closed: closed)
            // "设置专栏 3 个，分别为 12 个子栏目、8 个子栏目、5 个子栏目": as many parts as the total
            // counts may be a figure for each item, not a breakdown — or one that does not add up
            // ("2 件，分别为自然人申请 1 件、法人申请 3 件"): the words cannot tell, so a warning (reviews
            // 29–31).
            let asManyAsCounted = respectively && total.approximation == .exact && total.value == Decimal(parts.count)
            if asManyAsCounted, case .finding(.error, let expected, let why) = verdict {
                verdict = .finding(.warning, expected: expected, why: why + "（列出的项数恰等于合计，也可能是逐项列出的数字，请核对）")
            }
            if verdict != .consistent, !clauseEnds.isEmpty,
                clauseEnds.contains(where: ListSums(total: total, parts: parts, loose: false).fitsExactly)
            {
                verdict = .consistent
            }
            if !included.isEmpty, verdict != .consistent {
                // The parts include figures the total may not count (上年结转): with them added
                // to the total the list may add up; otherwise the sum is not comparable exactly.
                var extended = total
                extended.value += included.reduce(Decimal(0)) { $0 + $1.value }
                extended.halfUnit += included.reduce(Decimal(0)) { $0 + $1.halfUnit }
                extended.wholeHalfUnit += included.reduce(Decimal(0)) { $0 + $1.wholeHalfUnit }
                if included.contains(where: { $0.approximation != .exact }) { extended.approximation = .atLeast }
                let widened = judge(
                    total: extended, parts: parts, mayEnd: mayEnd, endsIfComplete: endsIfComplete, otherTotals: earlier, closed: closed)
                if widened == .consistent {
                    verdict = .consistent
                } else if case .finding(.error, let expected, let why) = verdict {
                    let details = included.map { "\($0.written) \(total.unit)" }.joined(separator: "、")
                    verdict = .finding(.warning, expected: expected, why: why + "（分项注明含有 \(details)，合计可能不含这些数，请核对口径）")
                }
            }
            // "受理诉求 2万件，其中热线 15000件、网站 6000件": a whole figure in 万 or 亿 may be
            // rounded to its unit; an error only when the list exceeds the total even so.
            if case .finding(.error, let expected, let why) = verdict,
                ([total] + parts + earlier).contains(where: { $0.wholeHalfUnit != 0 })
            {
                let loose = judge(
                    total: total, parts: parts, mayEnd: mayEnd, endsIfComplete: endsIfComplete, otherTotals: earlier, loose: true, closed: closed)
                let stillAnError: Bool
                if case .finding(.error, _, _) = loose { stillAnError = true } else { stillAnError = false }
                if !stillAnError {
                    let wholes = ([total] + parts + earlier).filter { $0.wholeHalfUnit != 0 }.map { q in
                        // As printed: "5000万件", not the conversion "5000万件即 0.5" into the total's unit.
                        q.written.contains("即") ? "“\(q.written.components(separatedBy: "即")[0])”" : "“\(q.written)\(q.unit)”"
                    }.joined(separator: "、")
                    verdict = .finding(
                        loose == .consistent ? .info : .warning, expected: expected,
                        why: why + "；但\(wholes)可能是四舍五入到万（亿）位的约数，按约数计\(loose == .consistent ? "可以相符" : "不一定超过合计")，请核对")
                }
            }
            // A single part is no list to be complete: only a part beyond its whole is told.
            if parts.count == 1 {
                guard case .finding(.error, _, _) = verdict else { continue }
            }
            // "共受理申请 50 件，其中…，合计 55 件": the total restated otherwise is a contradiction
            // (whichever figure is wrong).
            if let restated, restated.bounds.low > (total.bounds.high ?? restated.bounds.low) || (restated.bounds.high.map { $0 < total.bounds.low } ?? false) {
                let excerpt = quote(total.range.lowerBound..<min(s.count, restated.range.upperBound))
                findings.append(Finding(
                    rule: .narrativeSum, severity: .warning, expected: total.written, actual: restated.written,
                    message: "第\(section.numeral)部分先称合计 \(total.written) \(total.unit)，列出分项后又称合计 \(restated.written) \(total.unit)，两者不符，请核对。原文：“\(excerpt)”",
                    location: .init(table: section.heading)))
            }
            switch verdict {
            case .consistent:
                passed += 1
            case .finding(let severity, let expected, let why):
                let closing = span.upperBound < s.count && s[span.upperBound] == ")" ? ")" : ""
                let excerpt = quote(total.range.lowerBound..<min(span.upperBound, total.range.lowerBound + 200)) + closing
                findings.append(Finding(
                    rule: .narrativeSum, severity: severity, expected: expected, actual: total.written,
                    message: "第\(section.numeral)部分称合计 \(total.written) \(total.unit)，\(why)。原文：“\(excerpt)”",
                    location: .init(table: section.heading)))
            }
        }
        return (findings, passed, work)
    }

    /// Whether a clause names a month ("12月", "十二月"): a dated figure.
    static func namesMonth(_ clause: String) -> Bool {
        var text = clause
        if text.withUTF8(YearScan.isPlain) {
            // Each scalar a character of its own (see `WordList`): the same test on the scalars,
            // without the walk over characters.
            let s = clause.unicodeScalars
            guard let month = s.firstIndex(of: "月"), month > s.startIndex else { return false }
            let before = s[s.index(before: month)]
            return before.properties.numericType != nil || "一二三四五六七八九十".unicodeScalars.contains(before)
        }
        guard let month = clause.firstIndex(of: "月"), month > clause.startIndex else { return false }
        let before = clause[clause.index(before: month)]
        return before.isNumber || "一二三四五六七八九十".contains(before)
    }

    /// Whether a clause names a year (four digits and 年) other than the report's; any year when
    /// the report's is not known.
    static func namesOtherYear(_ clause: String, than year: Int?) -> Bool {
        yearsNamed(in: clause).contains { $0 != year }
    }

    /// The years a short text names: four digits 19xx or 20xx followed by 年.
    static func yearsNamed(in text: String) -> [Int] {
        let s = text.scalarArray
        var years: [Int] = []
        var k = 0
        func isDigit(_ i: Int) -> Bool { i < s.count && s[i].value >= 48 && s[i].value <= 57 }
        while k < s.count {
            guard isDigit(k) else { k += 1; continue }
            var e = k
            while isDigit(e) { e += 1 }
            if e - k == 4, e < s.count, s[e] == "年", let y = Int(String(scalars: s[k..<e])), (1900...2099).contains(y) {
                years.append(y)
            }
            k = e
        }
        return years
    }

    /// Whether a part's clause states a plan (计划公开, 预计) or a year after the report's, or a
    /// count over several years (以来, 累计, 近三年).
    static func isPlanOrCumulative(_ clause: String, year: Int?) -> Bool {
        if planOrCumulativeMatcher.matchesAny(clause) { return true }
        guard let year else { return false }
        return yearsNamed(in: clause).contains { $0 > year }
    }

    enum SumJudgement: Equatable {
        case consistent
        case finding(Finding.Severity, expected: String, why: String)
    }

    /// The verdict on a total and its listed parts (one or more). `endsIfComplete`: where the list
    /// may end only if it adds up there (a shorter reading that falls short is none). `otherTotals` are figures
    /// earlier in the sentence that 其中 may refer to instead (with the stated total, and with
    /// their sum, they are the possible totals). `loose`: whole figures in 万 or 亿 taken as
    /// rounded to their unit.
    /// A list's last part named as the rest of it (the words before its number).
    static let restWords: Set<String> = ["其他", "其它", "其余", "其他类", "其它类", "其他信息", "其它信息", "其他方面", "其他类别", "其他事项", "其他类信息"]

    static func judge(
        total: Quantity, parts: [Quantity], mayEnd: Set<Int>, endsIfComplete: Set<Int> = [], otherTotals: [Quantity] = [], loose: Bool = false,
        closed: Bool = false
    ) -> SumJudgement {
        // `其余申请内容不足 20 件`: a label (exactly 20) or "fewer than 20". Where only the label
        // reading breaks the sum, a warning (review 10j H2).
        if parts.contains(where: \.shortfallMayQualify) {
            let asLabels = parts.map { part in
                var q = part
                q.shortfallMayQualify = false
                return q
            }
            let verdict = judge(
                total: total, parts: asLabels, mayEnd: mayEnd, endsIfComplete: endsIfComplete, otherTotals: otherTotals, loose: loose, closed: closed)
            guard case .finding(.error, let expected, let why) = verdict else { return verdict }
            let asQualified = asLabels.enumerated().map { i, q in
                var q = q
                if parts[i].shortfallMayQualify { q.approximation = .under; q.written = "不足" + q.written }
                return q
            }
            if case .finding(.error, _, _) = judge(
                total: total, parts: asQualified, mayEnd: mayEnd, endsIfComplete: endsIfComplete, otherTotals: otherTotals, loose: loose,
                closed: closed)
            {
                return verdict
            }
            let words = parts.filter(\.shortfallMayQualify).map { "“不足 \($0.written) \($0.unit)”" }.joined(separator: "、")
            return .finding(.warning, expected: expected, why: why + "（若\(words)是“少于”之意则相符，请核对）")
        }
        if !otherTotals.isEmpty {
            // Most lists add up to the stated total: the other figures are judged only when not.
            let own = judge(total: total, parts: parts, mayEnd: mayEnd, endsIfComplete: endsIfComplete, loose: loose, closed: closed)
            if own == .consistent { return .consistent }
            let all = [total] + otherTotals
            let value = all.reduce(Decimal(0)) { plus($0, $1.value) }
            // Whole when every figure is (its digits are the Decimal's printing).
            let whole = all.reduce(Int?(0)) { sum, q in
                guard let sum, let w = q.whole else { return nil }
                let (added, overflow) = sum.addingReportingOverflow(w)
                return overflow ? nil : added
            }
            let fixed = Quantity.Fixed.sum(all.map(\.fixed))
            let exact = all.allSatisfy { $0.approximation == .exact }
            var candidates = otherTotals
            candidates.append(
                Quantity(
                    value: value, unit: total.unit, range: total.range, approximation: exact ? .exact : .atLeast,
                    written: whole.map { String($0) } ?? value.plain, halfUnit: all.reduce(Decimal(0)) { plus($0, $1.halfUnit) },
                    wholeHalfUnit: all.reduce(Decimal(0)) { plus($0, $1.wholeHalfUnit) }, fixed: fixed, whole: whole))
            let verdicts =
                [own]
                + candidates.map { judge(total: $0, parts: parts, mayEnd: mayEnd, endsIfComplete: endsIfComplete, loose: loose, closed: closed) }
            if verdicts.contains(.consistent) { return .consistent }
            // An error only when the list exceeds every figure it may refer to.
            if verdicts.allSatisfy({ if case .finding(.error, _, _) = $0 { return true } else { return false } }) { return own }
            if case .finding(let severity, let expected, let why) = own {
                return .finding(severity == .info ? .info : .warning, expected: expected,
                                why: why + "（“其中”也可能是指前面的 \(otherTotals.map { "\($0.written) \($0.unit)" }.joined(separator: "、"))，请核对）")
            }
            return own
        }
        let unit = total.unit
        let sums = ListSums(total: total, parts: parts, loose: loose)
        // A reading of the list that ends where it may end and adds up (within what the
        // approximations allow): consistent. (The texts of a finding are made after this:
        // most lists add up, and printing their numbers cost more than judging them.)
        if mayEnd.contains(where: sums.fits) || endsIfComplete.contains(where: sums.fits) { return .consistent }
        let approximate = total.isApproximate || parts.contains { $0.isApproximate }
        let expression = parts.map(\.written).joined(separator: " + ")
        // Printed once: each printing of a Decimal costs thousands of instructions.
        let fullLow = sums.lowest(parts.count)
        let fullText = approximate ? "至少为 \(fullLow) \(unit)" : "= \(fullLow) \(unit)"
        let approximations = parts.filter { $0.isApproximate }.map { "“\($0.written)”" }
        let lowest = approximations.isEmpty ? "" : "（\(approximations.joined(separator: "、"))按最小值计）"
        // The first part is the whole total ("共 50 件，其中自然人申请 50 件，已办结 48 件…",
        // "356 条，其中政府网站 356 条、政务微博 120 条…"): what follows breaks the total down
        // another way (by status, by channel republishing the same items), not a list of
        // shares. Consistent when the rest adds up to the total again; otherwise only a doubt.
        // (Equal as written: "十余件" merely may be the whole of 20.)
        if parts[0].value == total.value, parts[0].approximation == total.approximation {
            let rest = parts.dropFirst()
            if rest.count >= 2, judge(total: total, parts: Array(rest), mayEnd: [rest.count]) == .consistent { return .consistent }
            return .finding(
                .warning, expected: fullLow,
                why: "列出的第一项 \(parts[0].written) \(unit) 即等于合计，其后的 \(rest.map { "\($0.written) \(unit)" }.joined(separator: "、"))可能是另一种口径的分项，请核对")
        }
        // A shorter run of the parts adds up, but the list does not visibly end there.
        if !closed, let k = (2..<max(2, parts.count)).first(where: sums.fits) {
            let rest = parts[k...].map { "\($0.written) \(unit)" }.joined(separator: "、")
            return .finding(
                .warning, expected: fullLow,
                why: "列出的分项 \(expression) \(fullText)；其中前 \(k) 项之和与合计相符，其后的 \(rest)可能不属于该合计，请核对")
        }
        let shortest = mayEnd.min() ?? parts.count
        if sums.exceeds(shortest) {
            // Every reading of the list exceeds the total, even at its lowest.
            let listed: String
            if parts.count == 1 {
                listed = "列出的唯一分项\(approximate ? "至少" : "")为 \(fullLow) \(unit)"
            } else if shortest == parts.count {
                listed = "列出的分项 \(expression) \(fullText)"
            } else {
                listed = "即使列举只到第 \(shortest) 项，前 \(shortest) 项之和\(approximate ? "至少" : "")也有 \(sums.lowest(shortest)) \(unit)"
            }
            return .finding(.error, expected: sums.lowest(shortest), why: "但\(listed)\(lowest)，超过合计")
        }
        if sums.exceeds(parts.count) {
            let why = "列出的分项 \(expression) \(fullText)，超过合计；但列举可能只到第 \(shortest) 项，前 \(shortest) 项之和为 \(sums.lowest(shortest)) \(unit)，请核对列举范围"
            return .finding(.warning, expected: fullLow, why: why)
        }
        if approximate {
            return .finding(
                .info, expected: fullLow,
                why: "列出的分项 \(expression) 按约数估计与合计不完全相符（约数只能说明大致范围；如为不完全列举可忽略）")
        }
        // A list whose brackets close after the rest named alone (…，其他 298 条）) is whole: what it
        // falls short by is missing from it (review 27: "如为不完全列举可忽略" for 457 of 458).
        if closed {
            return .finding(.error, expected: fullLow, why: "但列出的分项 \(expression) \(fullText)，少于合计（列举以“其他”等其余部分收尾，是完整的列举）")
        }
        return .finding(.warning, expected: fullLow, why: "但列出的分项 \(expression) \(fullText)（如为不完全列举可忽略）")
    }

    /// Words that state a figure as a total (before 分别为).
    static let totalWords = ["共", "总", "合计", "累计", "全年", "全部"]

    /// Words that start a figure given in addition to a list, not a part of it.
    static let additionLeads = ["另", "此外", "另外", "同时"]

    /// The sums of the first k parts of a list, for every k (in one pass: a list is judged in
    /// linear time), with the bounds of the total they are compared with. In millionths when
    /// every figure has them (`Quantity.fixedBounds`, most): a Decimal addition or comparison
    /// costs thousands of instructions, and printing one more; else in Decimal.
    private struct ListSums {
        private enum Values {
            case fixed(low: Int, high: Int?, lows: [Int], highs: [Int?])
            case decimal(low: Decimal, high: Decimal?, lows: [Decimal], highs: [Decimal?])
        }
        private let values: Values
        private let parts: [Quantity]
        private let loose: Bool
        private let totalIsExact: Bool

        init(total: Quantity, parts: [Quantity], loose: Bool) {
            values = Self.fixed(total: total, parts: parts, loose: loose) ?? Self.decimal(total: total, parts: parts, loose: loose)
            self.parts = parts
            self.loose = loose
            totalIsExact = Self.isExact(total)
        }

        private static func isExact(_ q: Quantity) -> Bool { q.approximation == .exact && q.halfUnit.isZero && q.wholeHalfUnit.isZero }

        /// The sums in millionths; nil when a figure has none or a sum overflows.
        private static func fixed(total: Quantity, parts: [Quantity], loose: Bool) -> Values? {
            guard let t = total.fixedBounds(loose: loose) else { return nil }
            var lows = [0]
            var highs: [Int?] = [0]
            lows.reserveCapacity(parts.count + 1)
            highs.reserveCapacity(parts.count + 1)
            for q in parts {
                guard let b = q.fixedBounds(loose: loose) else { return nil }
                let (low, overflow) = lows[lows.count - 1].addingReportingOverflow(b.low)
                guard !overflow else { return nil }
                lows.append(low)
                guard let h = highs[highs.count - 1], let bh = b.high else { highs.append(nil); continue }
                let (high, overflows) = h.addingReportingOverflow(bh)
                guard !overflows else { return nil }
                highs.append(high)
            }
            return .fixed(low: t.low, high: t.high, lows: lows, highs: highs)
        }

        private static func decimal(total: Quantity, parts: [Quantity], loose: Bool) -> Values {
            let (totalLow, totalHigh) = total.bounds(loose: loose)
            let (lows, highs) = decimalSums(parts, loose: loose)
            return .decimal(low: totalLow, high: totalHigh, lows: lows, highs: highs)
        }

        private static func decimalSums(_ parts: [Quantity], loose: Bool) -> (lows: [Decimal], highs: [Decimal?]) {
            var lows: [Decimal] = [0]
            var highs: [Decimal?] = [0]
            // While every part is one value (exact, not rounded), the high sum is the low one: it is
            // only compared (by value), and a Decimal addition costs thousands of instructions.
            var oneValue = true
            for q in parts {
                let b = q.bounds(loose: loose)
                let low = plus(lows[lows.count - 1], b.low)
                lows.append(low)
                oneValue = oneValue && q.approximation == .exact && q.halfUnit.isZero && (!loose || q.wholeHalfUnit.isZero)
                highs.append(oneValue ? low : highs[highs.count - 1].flatMap { h in b.high.map { plus(h, $0) } })
            }
            return (lows, highs)
        }

        /// Whether the first k parts may add up to the total (within what the approximations allow).
        func fits(_ k: Int) -> Bool {
            switch values {
            case .fixed(let low, let high, let lows, let highs):
                return (high.map { lows[k] <= $0 } ?? true) && (highs[k].map { low <= $0 } ?? true)
            case .decimal(let low, let high, let lows, let highs):
                return (high.map { lows[k] <= $0 } ?? true) && (highs[k].map { low <= $0 } ?? true)
            }
        }

        /// Whether the first k parts add up to the total exactly: every figure exact (no 余, 约,
        /// rounding), their sum the total.
        func fitsExactly(_ k: Int) -> Bool {
            guard !loose, totalIsExact, parts[..<k].allSatisfy(Self.isExact) else { return false }
            return fits(k)
        }

        /// Whether the first k parts exceed the total even at their lowest.
        func exceeds(_ k: Int) -> Bool {
            switch values {
            case .fixed(_, let high, let lows, _): return high.map { lows[k] > $0 } ?? false
            case .decimal(_, let high, let lows, _): return high.map { lows[k] > $0 } ?? false
            }
        }

        /// The lowest sum of the first k parts, printed as `Decimal.plain` prints it: the digits
        /// of a sum of whole counts (exact, at least or under them, not rounded), else the
        /// Decimal sum's printing.
        func lowest(_ k: Int) -> String {
            switch values {
            case .fixed(_, _, let lows, _):
                let digits = parts.allSatisfy { q in
                    guard q.whole != nil, let f = q.fixed, f.halfUnit == 0, !loose || f.wholeHalfUnit == 0 else { return false }
                    return q.approximation != .about && q.approximation != .atMost
                }
                return digits ? String(lows[k] / Quantity.Fixed.scale) : Self.decimalSums(parts, loose: loose).lows[k].plain
            case .decimal(_, _, let lows, _): return lows[k].plain
            }
        }
    }

    /// The clause a number belongs to: back to the previous comma, semicolon, colon or bracket
    /// (at most 80 characters: a clause without any stop is no clause of a list).
    private static func clause(before position: Int, in s: [Unicode.Scalar], from floor: Int) -> String {
        String(scalars: s[clauseStart(before: position, in: s, from: floor)..<position])
    }

    /// `ReportText.withoutWhitespace` of the scalars `s[range]`, with no string made to be
    /// filtered when every scalar is one its byte test decides (ASCII, or the CJK ideographs,
    /// punctuation and forms `isSimple` lists): the ASCII spaces dropped, as it drops them (N2
    /// asks this of the words before every part).
    private static func withoutWhitespace(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        func isSimple(_ v: UInt32) -> Bool {
            (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x3029) || (v >= 0xFF01 && v <= 0xFF5E)
                || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || (v >= 0x2460 && v <= 0x24FF)
                || (v >= 0x2500 && v <= 0x257F)
        }
        for c in s[range] where c.value >= 0x80 && !isSimple(c.value) {
            return ReportText.withoutWhitespace(String(scalars: s[range]))
        }
        return String(scalars: s[range].lazy.filter { c in !(c == " " || (c.value >= 0x09 && c.value <= 0x0D)) })
    }

    /// Whether a scalar is surely not white space: ASCII but the spaces, a CJK ideograph, CJK
    /// punctuation but the ideographic space, a full-width form.
    private static func isSurelyNoSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v != 0x20 && !(v >= 0x09 && v <= 0x0D) }
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x303F) || (v >= 0xFF01 && v <= 0xFF5E)
    }

    /// Where the clause before `position` starts (see `clause(before:in:from:)`).
    private static func clauseStart(before position: Int, in s: [Unicode.Scalar], from floor: Int) -> Int {
        var i = position
        // A switch, not an array literal: this runs back from every figure of the narrative.
        func endsClause(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "，", ",", "；", ";", "：", ":", "(", "（", "。", "、": return true
            default: return false
            }
        }
        while i > floor, position - i < 80, !endsClause(s[i - 1]) { i -= 1 }
        return i
    }

    /// Where the parts of a total are listed when a clause comparing with another period, with
    /// no count in it, stands between the total and 其中: "50 件，同比增长 30%，其中…",
    /// "50 件，比上年增长三成，其中…". (A comparison stating a count is a quantity of its own,
    /// and 其中 after it is taken back to the total in `sums`.) `nextFigure`: where the figure
    /// after the total starts.
    static func breakdownSpan(afterComparisonFrom end: Int, in t: SumText, nextFigure: Int) -> Range<Int>? {
        let s = t.s
        var i = end
        while i < s.count, i - end < 3, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < s.count, s[i] == "，" || s[i] == "," else { return nil }
        let start = i + 1
        // The clause: up to the next comma, at most 24 characters, within the sentence.
        guard let stop = (start..<min(s.count, start + 24)).first(where: { s[$0] == "，" || s[$0] == "," }) else { return nil }
        guard !(nextFigure >= start && nextFigure < stop), !holdsStop(s[start..<stop]) else { return nil }
        // The clause up to its first figure (a digit or a Chinese numeral) must be a comparison.
        guard let figure = s[start..<stop].firstIndex(where: startsFigure), isComparison(clause: String(scalars: s[start..<figure]))
        else { return nil }
        return breakdownSpan(after: stop, in: t)
    }

    /// Whether a clause after a total holds a character that makes it no comparison clause
    /// before a breakdown: a stop (。；;:：) or 其. Tested on the scalars when the clause is plain
    /// (`YearScan.isPlain`: each scalar a character, none equal to another), else on its characters.
    private static func holdsStop(_ clause: ArraySlice<Unicode.Scalar>) -> Bool {
        func isStop(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "。", "；", ";", ":", "：", "其": return true
            default: return false
            }
        }
        var text = String(scalars: clause)
        if text.withUTF8(YearScan.isPlain) { return clause.contains(where: isStop) }
        return text.contains(where: { "。；;:：其".contains($0) })
    }

    /// Whether a figure starts at a scalar: a digit or a Chinese numeral.
    private static func startsFigure(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "0"..."9", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "半": return true
        default: return false
        }
    }

    /// Where the parts of a total are listed: a parenthesis right after it, or a sentence
    /// starting with 其中 (or 分别为, 分别是) right after it.
    static func breakdownSpan(after end: Int, in t: SumText) -> Range<Int>? {
        let s = t.s
        var i = end
        while i < s.count, i - end < 3, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < s.count else { return nil }
        if s[i] == "(" {
            return t.closingBracket(of: i).map { (i + 1)..<$0 }
        }
        let window = min(s.count, i + 6)
        let start: Int
        if let q = (i..<max(i, window - 1)).first(where: { s[$0] == "其" && s[$0 + 1] == "中" }) {
            start = q + 2
        } else if let q = (i..<max(i, window - 2)).first(where: { s[$0] == "分" && s[$0 + 1] == "别" && (s[$0 + 2] == "为" || s[$0 + 2] == "是") }) {
            // "共发布 369 条，分别为工作动态 56 条、…": the whole total listed (review 27 saw none of these).
            start = q + 3
        } else {
            return nil
        }
        // A sentence ends at 。 or a blank line; single line breaks are wrapping (PDF copies).
        return start..<t.sentenceEnd(from: start)
    }
}
