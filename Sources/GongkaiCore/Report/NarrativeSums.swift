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
    static let statusWords = ["已办结", "未办结", "办结", "在办", "办理中", "已答复", "未答复", "已回复", "未回复"]

    /// Subjects that are not what a total of applications, messages or publications counts:
    /// a part naming one (when the total does not) starts another statement.
    static let otherSubjects = ["案件", "复议", "诉讼"]

    /// Words after which a list may have ended and a new statement begun.
    static let listBreaks: [String] = ["；", ";", "另有", "此外", "另外", "同时"]

    /// Words of a comparison with another period ("同比增长 12 件", "比上年减少 3 件"): the number
    /// is a difference, neither a part nor a total, and does not end the list either. These name
    /// the other period, so anywhere in the number's clause they make it a comparison.
    static let periodWords = ["同比", "环比", "比上年", "比去年", "比上一年", "较上年", "较去年", "较上一年", "较前一年",
                              "与上年", "与去年", "与上一年", "上年同期", "去年同期"]
    /// Words of a change ("增长 12 件", "减少了 3 件"): a comparison only right before the number
    /// (a label that merely contains one, "经济增长类 401 条", is a part like any other).
    static let changeWords = ["增长", "下降", "增加", "减少", "上升", "降低", "提高", "回落", "增幅", "降幅", "多出", "少了"]
    /// What may stand between a change word and its number: "增加了近 5 件", "下降约 3 件".
    static let changeFillers = ["了", "约", "近", "将近", "超过", "逾", "达", "达到", "为", "共", "计", ":", "：", " "]

    /// Whether a number whose clause (up to the number) is `clause` is a difference from another
    /// period.
    static func isComparison(clause: String) -> Bool {
        if periodWords.contains(where: { clause.hasSubstring($0) }) { return true }
        if isPreviousPeriodFigure(clause: clause) { return true }
        var rest = Substring(clause)
        while let filler = changeFillers.first(where: { rest.hasSuffix($0) }) { rest = rest.dropLast(filler.count) }
        return changeWords.contains { rest.hasSuffix($0) }
    }

    /// Words that give another period's figure in a clause of its own: "去年为 25 件",
    /// "上年为 35 件", "2021 年为 25 件". (Not "上年结转 1 件", a figure of this year.)
    static let previousPeriodLeads = ["去年为", "去年是", "上年为", "上年是", "上年度为", "上一年为", "上一年度为", "去年同期为", "上年同期为"]

    /// Whether a number's clause (up to it) only names another period's figure: a lead of
    /// `previousPeriodLeads`, or a bare year with 为 ("2021 年为", "2021年度为").
    static func isPreviousPeriodFigure(clause: String) -> Bool {
        let compact = clause.filter { !$0.isWhitespace }
        if previousPeriodLeads.contains(where: { compact.hasPrefix($0) }) { return true }
        let digits = compact.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, digits.hasPrefix("19") || digits.hasPrefix("20") else { return false }
        let rest = compact.dropFirst(4)
        return rest == "年为" || rest == "年度为" || rest == "年是" || rest == "年度是"
    }

    /// `q` in the total's unit: the same unit, or the same with 万 ("三十万件" and a total of
    /// 500000 件 count the same things). Nil for another unit, which ends a list.
    static func inUnit(_ q: Quantity, of total: Quantity) -> Quantity? {
        if q.unit == total.unit { return q }
        func split(_ unit: String) -> (Decimal, String) {
            if unit.hasPrefix("万") { return (10000, String(unit.dropFirst())) }
            if unit.hasPrefix("亿") { return (100_000_000, String(unit.dropFirst())) }
            return (1, unit)
        }
        let (from, base) = split(q.unit), (to, totalBase) = split(total.unit)
        guard base == totalBase, !base.isEmpty else { return nil }
        let factor = from / to
        let written = factor > 1 && to == 1 ? q.written + String(q.unit.prefix(1)) : "\(q.written)\(q.unit)即 \((q.value * factor).plain)"
        return Quantity(value: q.value * factor, unit: total.unit, range: q.range, approximation: q.approximation,
                        written: written, halfUnit: q.halfUnit * factor)
    }

    /// Words that start a figure a part includes ("不予公开 20 件（含上年结转 5 件）",
    /// "，包括上年结转 5 件"): a detail of the part, not a part; the parts then may count more
    /// than the total does, so their sum is not compared exactly.
    /// A bare 含 is one only where a detail of the figure before it starts: right after a
    /// bracket or a comma (`30 件（含…`, `30 件，含…`). After a 顿号 it starts the next part's
    /// label (`和县 30 件、含山县 20 件`).
    static let inclusionLeads = ["含", "包括", "包含", "其中含", "内含"]

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

    /// Whether a part's clause, starting at `start`, is a figure the previous part includes.
    static func isInclusion(clauseLead: String, start: Int, in s: [Unicode.Scalar]) -> Bool {
        guard inclusionLeads.contains(where: { clauseLead.hasPrefix($0) }) else { return false }
        if clauseLead.hasPrefix("含") {
            var i = start
            while i > 0, s[i - 1] == " " { i -= 1 }
            return i > 0 && ["(", "（", "，", ","].contains(s[i - 1])
        }
        return true
    }

    static func sums(in text: String, section: ReportSection) -> (findings: [Finding], passed: Int) {
        let s = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        var findings: [Finding] = []
        var passed = 0
        let all = quantities(in: s)
        func isComparison(_ q: Quantity) -> Bool {
            Self.isComparison(clause: clause(before: q.range.lowerBound, in: s, from: max(0, q.range.lowerBound - 30)))
        }
        var comparison = all.map(isComparison)
        // "分别增长 5 件和 3 件": a figure joined to a comparison by 和, 、 or 及 is one too.
        for k in all.indices.dropFirst() where !comparison[k] && comparison[k - 1] {
            let gap = string(all[k - 1].range.upperBound..<all[k].range.lowerBound).filter { !$0.isWhitespace }
            if ["和", "、", "及", "以及", "与"].contains(gap) { comparison[k] = true }
        }
        for (stated, figure) in all.enumerated() {
            // "共受理申请 50 件，同比增长 30%，其中…": a comparison that states no count (a share,
            // 三成, 一倍) may stand between the total and its parts.
            guard var span = breakdownSpan(after: figure.range.upperBound, in: s)
                ?? (comparison[stated] ? nil : breakdownSpan(afterComparisonFrom: figure.range.upperBound, in: s, quantities: all))
            else { continue }
            // "共受理申请 50 件（含上年结转 5 件），其中…": the bracket says what the total
            // includes; the parts after it are the total's (carried over ones among them).
            if span.lowerBound > 0, s[span.lowerBound - 1] == "(",
               inclusionLeads.contains(where: { string(span).filter { !$0.isWhitespace }.hasPrefix($0) }) {
                guard let after = breakdownSpan(after: span.upperBound + 1, in: s) else { continue }
                span = after
            }
            // A figure inside such a bracket ("含上年结转 5 件）") is a detail of the total before
            // it, not a total of the list after the bracket.
            if let open = (max(0, figure.range.lowerBound - 12)..<figure.range.lowerBound).last(where: { s[$0] == "(" || s[$0] == ")" }),
               s[open] == "(", figure.range.upperBound < s.count,
               (figure.range.upperBound..<min(s.count, figure.range.upperBound + 3)).contains(where: { s[$0] == ")" }) { continue }
            // "共受理申请 50 件，同比增长 12 件，其中…": 其中 refers to the figure before the comparison.
            var index = stated
            if comparison[stated] {
                let start = sentenceStart(before: figure.range.lowerBound, in: s)
                guard let previous = all[..<stated].indices.last(where: {
                    !comparison[$0] && all[$0].unit == figure.unit && all[$0].range.lowerBound >= start
                }) else { continue }
                index = previous
            }
            let total = all[index]
            var totalClause: String?
            var parts: [Quantity] = []
            // k in `mayEnd`: the list may consist of the first k parts.
            var mayEnd: Set<Int> = []
            var depth = 0
            var cursor = span.lowerBound
            var included: [Quantity] = []
            var restated: Quantity?
            for k in (stated + 1)..<all.count where all[k].range.lowerBound >= span.lowerBound && all[k].range.upperBound <= span.upperBound {
                let q = all[k]
                let gap = string(cursor..<q.range.lowerBound)
                for c in gap.unicodeScalars { if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } }
                cursor = q.range.upperBound
                let rawClause = clause(before: q.range.lowerBound, in: s, from: span.lowerBound)
                let clauseLead = rawClause.filter { !$0.isWhitespace }
                if !parts.isEmpty, Self.isInclusion(clauseLead: clauseLead, start: q.range.lowerBound - rawClause.unicodeScalars.count, in: s) {
                    // Only a figure of another period may be outside what the total counts.
                    if otherPeriodWords.contains(where: { clauseLead.hasSubstring($0) }), let q = Self.inUnit(q, of: total) { included.append(q) }
                    continue
                }
                guard depth <= 0 else { continue }  // inside a nested parenthesis: a part's own detail
                if parts.count >= 2, restatedTotalLeads.contains(where: { clauseLead.hasPrefix($0) }) || bareTotalLeads.contains(clauseLead) {
                    if exactTotalLeads.contains(where: { clauseLead.hasPrefix($0) }) || bareTotalLeads.contains(clauseLead) {
                        restated = Self.inUnit(q, of: total)
                    }
                    break
                }
                let lead = string(max(0, q.range.lowerBound - 5)..<q.range.lowerBound).filter { !$0.isWhitespace }
                if statusWords.contains(where: { lead.hasSuffix($0) }) { continue }
                if comparison[k] { continue }
                // Another unit or another subject: the list has ended.
                guard let q = Self.inUnit(q, of: total) else { break }
                let partClause = clause(before: q.range.lowerBound, in: s, from: span.lowerBound)
                if otherSubjects.contains(where: { partClause.hasSubstring($0) }) {
                    let subject = totalClause ?? clause(before: total.range.lowerBound, in: s, from: max(0, total.range.lowerBound - 40))
                    totalClause = subject
                    if otherSubjects.contains(where: { partClause.hasSubstring($0) && !subject.hasSubstring($0) }) { break }
                }
                if !parts.isEmpty, listBreaks.contains(where: { gap.hasSubstring($0) }) { mayEnd.insert(parts.count) }
                parts.append(q)
            }
            guard parts.count >= 2 else { continue }
            mayEnd.insert(parts.count)
            // 其中 may also refer to a figure stated earlier in the sentence ("共收到申请 15 件，
            // 上年结转 1 件，其中…" lists all 16): those are other possible totals.
            let sentence = sentenceStart(before: total.range.lowerBound, in: s)
            let earlier = all[..<index].indices.filter { !comparison[$0] && all[$0].unit == total.unit && all[$0].range.lowerBound >= sentence }
                .map { all[$0] }
            var verdict = judge(total: total, parts: parts, mayEnd: mayEnd, otherTotals: Array(earlier))
            if !included.isEmpty, verdict != .consistent {
                // The parts include figures the total may not count (上年结转): with them added
                // to the total the list may add up; otherwise the sum is not comparable exactly.
                var extended = total
                extended.value += included.reduce(Decimal(0)) { $0 + $1.value }
                extended.halfUnit += included.reduce(Decimal(0)) { $0 + $1.halfUnit }
                if included.contains(where: { $0.approximation != .exact }) { extended.approximation = .atLeast }
                if judge(total: extended, parts: parts, mayEnd: mayEnd, otherTotals: Array(earlier)) == .consistent {
                    verdict = .consistent
                } else if case .finding(.error, let expected, let why) = verdict {
                    let details = included.map { "\($0.written) \(total.unit)" }.joined(separator: "、")
                    verdict = .finding(.warning, expected: expected, why: why + "（分项注明含有 \(details)，合计可能不含这些数，请核对口径）")
                }
            }
            // "共受理申请 50 件，其中…，合计 55 件": the total restated otherwise is a contradiction
            // (whichever figure is wrong).
            if let restated, restated.bounds.low > (total.bounds.high ?? restated.bounds.low) || (restated.bounds.high.map { $0 < total.bounds.low } ?? false) {
                let excerpt = String(string(total.range.lowerBound..<min(s.count, restated.range.upperBound)).prefix(160))
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
                let excerpt = String(string(total.range.lowerBound..<span.upperBound).prefix(160)) + closing
                findings.append(Finding(
                    rule: .narrativeSum, severity: severity, expected: expected, actual: total.written,
                    message: "第\(section.numeral)部分称合计 \(total.written) \(total.unit)，\(why)。原文：“\(excerpt)”",
                    location: .init(table: section.heading)))
            }
        }
        return (findings, passed)
    }

    enum SumJudgement: Equatable {
        case consistent
        case finding(Finding.Severity, expected: String, why: String)
    }

    /// The verdict on a total and its listed parts (at least two). `otherTotals` are figures
    /// earlier in the sentence that 其中 may refer to instead (with the stated total, and with
    /// their sum, they are the possible totals).
    static func judge(total: Quantity, parts: [Quantity], mayEnd: Set<Int>, otherTotals: [Quantity] = []) -> SumJudgement {
        if !otherTotals.isEmpty {
            var candidates = [total] + otherTotals
            let all = candidates
            let value = all.reduce(Decimal(0)) { $0 + $1.value }
            let exact = all.allSatisfy { $0.approximation == .exact }
            candidates.append(Quantity(value: value, unit: total.unit, range: total.range, approximation: exact ? .exact : .atLeast,
                                       written: value.plain, halfUnit: all.reduce(Decimal(0)) { $0 + $1.halfUnit }))
            let verdicts = candidates.map { judge(total: $0, parts: parts, mayEnd: mayEnd) }
            if verdicts.contains(.consistent) { return .consistent }
            let own = verdicts[0]
            // An error only when the list exceeds every figure it may refer to.
            if verdicts.allSatisfy({ if case .finding(.error, _, _) = $0 { return true } else { return false } }) { return own }
            if case .finding(let severity, let expected, let why) = own {
                return .finding(severity == .info ? .info : .warning, expected: expected,
                                why: why + "（“其中”也可能是指前面的 \(otherTotals.map { "\($0.written) \($0.unit)" }.joined(separator: "、"))，请核对）")
            }
            return own
        }
        let unit = total.unit
        let (totalLow, totalHigh) = total.bounds
        func sum(_ k: Int) -> (low: Decimal, high: Decimal?) {
            var low: Decimal = 0
            var high: Decimal? = 0
            for q in parts.prefix(k) {
                let b = q.bounds
                low += b.low
                high = high.flatMap { h in b.high.map { h + $0 } }
            }
            return (low, high)
        }
        func fits(_ k: Int) -> Bool {
            let p = sum(k)
            return (totalHigh.map { p.low <= $0 } ?? true) && (p.high.map { totalLow <= $0 } ?? true)
        }
        func exceeds(_ k: Int) -> Bool { totalHigh.map { sum(k).low > $0 } ?? false }
        let approximate = total.isApproximate || parts.contains { $0.isApproximate }
        let expression = parts.map(\.written).joined(separator: " + ")
        let full = sum(parts.count)
        let fullText = approximate ? "至少为 \(full.low.plain) \(unit)" : "= \(full.low.plain) \(unit)"
        let approximations = parts.filter { $0.isApproximate }.map { "“\($0.written)”" }
        let lowest = approximations.isEmpty ? "" : "（\(approximations.joined(separator: "、"))按最小值计）"

        // A reading of the list that ends where it may end and adds up (within what the
        // approximations allow): consistent.
        if mayEnd.contains(where: { fits($0) }) { return .consistent }
        // The first part is the whole total ("共 50 件，其中自然人申请 50 件，已办结 48 件…",
        // "356 条，其中政府网站 356 条、政务微博 120 条…"): what follows breaks the total down
        // another way (by status, by channel republishing the same items), not a list of
        // shares. Consistent when the rest adds up to the total again; otherwise only a doubt.
        // (Equal as written: "十余件" merely may be the whole of 20.)
        if parts[0].value == total.value, parts[0].approximation == total.approximation {
            let rest = parts.dropFirst()
            if rest.count >= 2, judge(total: total, parts: Array(rest), mayEnd: [rest.count]) == .consistent { return .consistent }
            return .finding(.warning, expected: full.low.plain,
                            why: "列出的第一项 \(parts[0].written) \(unit) 即等于合计，其后的 \(rest.map { "\($0.written) \(unit)" }.joined(separator: "、"))可能是另一种口径的分项，请核对")
        }
        // A shorter run of the parts adds up, but the list does not visibly end there.
        if let k = (2..<max(2, parts.count)).first(where: { fits($0) }) {
            let rest = parts[k...].map { "\($0.written) \(unit)" }.joined(separator: "、")
            return .finding(.warning, expected: full.low.plain,
                            why: "列出的分项 \(expression) \(fullText)；其中前 \(k) 项之和与合计相符，其后的 \(rest)可能不属于该合计，请核对")
        }
        let shortest = mayEnd.min() ?? parts.count
        if exceeds(shortest) {
            // Every reading of the list exceeds the total, even at its lowest.
            let listed = shortest == parts.count ? "列出的分项 \(expression) \(fullText)"
                : "即使列举在“；”处结束，前 \(shortest) 项之和\(approximate ? "至少" : "")也有 \(sum(shortest).low.plain) \(unit)"
            return .finding(.error, expected: sum(shortest).low.plain, why: "但\(listed)\(lowest)，超过合计")
        }
        if exceeds(parts.count) {
            return .finding(.warning, expected: full.low.plain,
                            why: "列出的分项 \(expression) \(fullText)，超过合计；但列举可能在“；”处结束，前 \(shortest) 项之和为 \(sum(shortest).low.plain) \(unit)，请核对列举范围")
        }
        if approximate {
            return .finding(.info, expected: full.low.plain,
                            why: "列出的分项 \(expression) 按约数估计与合计不完全相符（约数只能说明大致范围；如为不完全列举可忽略）")
        }
        return .finding(.warning, expected: full.low.plain, why: "但列出的分项 \(expression) \(fullText)（如为不完全列举可忽略）")
    }

    /// Where the sentence containing `position` starts (after 。 or a blank line).
    private static func sentenceStart(before position: Int, in s: [Unicode.Scalar]) -> Int {
        var i = position
        while i > 0, s[i - 1] != "。", !(s[i - 1] == "\n" && i >= 2 && s[i - 2] == "\n") { i -= 1 }
        return i
    }

    /// The clause a number belongs to: back to the previous comma, semicolon, colon or bracket.
    private static func clause(before position: Int, in s: [Unicode.Scalar], from floor: Int) -> String {
        var i = position
        while i > floor, !["，", ",", "；", ";", "：", ":", "(", "（", "。", "、"].contains(s[i - 1]) { i -= 1 }
        return String(String.UnicodeScalarView(s[i..<position]))
    }

    /// Where the parts of a total are listed when a clause comparing with another period, with
    /// no count in it, stands between the total and 其中: "50 件，同比增长 30%，其中…",
    /// "50 件，比上年增长三成，其中…". (A comparison stating a count is a quantity of its own,
    /// and 其中 after it is taken back to the total in `sums`.)
    static func breakdownSpan(afterComparisonFrom end: Int, in s: [Unicode.Scalar], quantities: [Quantity]) -> Range<Int>? {
        var i = end
        while i < s.count, i - end < 3, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < s.count, s[i] == "，" || s[i] == "," else { return nil }
        let start = i + 1
        // The clause: up to the next comma, at most 24 characters, within the sentence.
        guard let stop = (start..<min(s.count, start + 24)).first(where: { s[$0] == "，" || s[$0] == "," }) else { return nil }
        let clause = String(String.UnicodeScalarView(s[start..<stop]))
        guard !clause.contains(where: { "。；;:：其".contains($0) }),
              !quantities.contains(where: { $0.range.lowerBound >= start && $0.range.lowerBound < stop }) else { return nil }
        // The clause up to its first figure (a digit or a Chinese numeral) must be a comparison.
        let numerals: Set<Unicode.Scalar> = ["一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "半"]
        let scalars = Array(clause.unicodeScalars)
        guard let figure = scalars.firstIndex(where: { ($0.value >= 48 && $0.value <= 57) || numerals.contains($0) }),
              isComparison(clause: String(String.UnicodeScalarView(scalars[..<figure]))) else { return nil }
        return breakdownSpan(after: stop, in: s)
    }

    /// Where the parts of a total are listed: a parenthesis right after it, or a sentence
    /// starting with 其中 right after it.
    static func breakdownSpan(after end: Int, in s: [Unicode.Scalar]) -> Range<Int>? {
        var i = end
        while i < s.count, i - end < 3, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < s.count else { return nil }
        if s[i] == "(" {
            var depth = 0
            for j in i..<s.count {
                if s[j] == "(" { depth += 1 } else if s[j] == ")" { depth -= 1; if depth == 0 { return (i + 1)..<j } }
            }
            return nil
        }
        let window = min(s.count, i + 6)
        guard let q = (i..<max(i, window - 1)).first(where: { s[$0] == "其" && s[$0 + 1] == "中" }) else { return nil }
        let start = q + 2
        // A sentence ends at 。 or a blank line; single line breaks are wrapping (PDF copies).
        let stop = (start..<s.count).first { s[$0] == "。" || (s[$0] == "\n" && $0 + 1 < s.count && s[$0 + 1] == "\n") } ?? s.count
        return start..<stop
    }
}
