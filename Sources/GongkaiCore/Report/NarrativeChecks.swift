import Foundation

/// Checks of what the report says in words: numbers that restate a table cell, totals stated
/// with their parts, the information-processing-fee statement, length, repetition.
public enum NarrativeChecks {
    /// A number with its unit, as written in the text: `7807 件`, `30.83 万件`; the range is in
    /// scalar offsets of the text.
    struct Quantity {
        let value: Decimal
        let unit: String
        let range: Range<Int>
    }

    static let units: [[Unicode.Scalar]] = ["人次", "件", "条", "个", "项", "次", "份", "宗", "起", "家", "篇", "期"].map { Array($0.unicodeScalars) }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Every `number unit` in the text, by a scan of its scalars (a regular expression here cost
    /// more than the rest of the check).
    static func quantities(in s: [Unicode.Scalar]) -> [Quantity] {
        var result: [Quantity] = []
        var i = 0
        while i < s.count {
            guard isDigit(s[i]), i == 0 || !(isDigit(s[i - 1]) || s[i - 1] == "." || s[i - 1] == "%") else { i += 1; continue }
            let start = i
            var end = i
            var sawDot = false
            while end < s.count {
                if isDigit(s[end]) { end += 1; continue }
                if s[end] == ".", !sawDot, end + 1 < s.count, isDigit(s[end + 1]) { sawDot = true; end += 1; continue }
                break
            }
            var j = end
            while j < s.count, s[j] == " " { j += 1 }
            var unit = ""
            if j < s.count, s[j] == "万" {
                unit = "万"
                j += 1
                while j < s.count, s[j] == " " { j += 1 }
            }
            if end - start <= 15, let matched = units.first(where: { u in j + u.count <= s.count && s[j..<(j + u.count)].elementsEqual(u) }),
               let value = Decimal(string: String(String.UnicodeScalarView(s[start..<end])), locale: Locale(identifier: "en_US_POSIX")) {
                result.append(Quantity(value: value, unit: unit + String(String.UnicodeScalarView(matched)), range: start..<(j + matched.count)))
                i = j + matched.count
            } else {
                i = end
            }
        }
        return result
    }

    // MARK: N2 — a total and its parts

    /// Words that introduce a breakdown of the previous part (`已办结 7508，未办结 10 件`), whose
    /// numbers are not parts of the total.
    static let statusWords = ["已办结", "未办结", "办结", "在办", "办理中", "已答复", "未答复", "已回复", "未回复"]

    static func sums(in text: String, section: ReportSection) -> (findings: [Finding], passed: Int) {
        let s = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        var findings: [Finding] = []
        var passed = 0
        let all = quantities(in: s)
        for (index, total) in all.enumerated() {
            guard let span = breakdownSpan(after: total.range.upperBound, in: s) else { continue }
            var parts: [Quantity] = []
            var depth = 0
            var cursor = span.lowerBound
            for q in all[(index + 1)...] where q.range.lowerBound >= span.lowerBound && q.range.upperBound <= span.upperBound {
                // Skip quantities inside a nested parenthesis.
                for c in s[cursor..<q.range.lowerBound] { if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } }
                cursor = q.range.lowerBound
                guard depth <= 0, q.unit == total.unit else { continue }
                let lead = string(max(0, q.range.lowerBound - 5)..<q.range.lowerBound).filter { !$0.isWhitespace }
                if statusWords.contains(where: { lead.hasSuffix($0) }) { continue }
                parts.append(q)
            }
            guard parts.count >= 2 else { continue }
            let sum = parts.reduce(Decimal(0)) { $0 + $1.value }
            if sum == total.value {
                passed += 1
                continue
            }
            let expression = parts.map(\.value.plain).joined(separator: " + ")
            let closing = span.upperBound < s.count && s[span.upperBound] == ")" ? ")" : ""
            let excerpt = String(string(total.range.lowerBound..<span.upperBound).prefix(160)) + closing
            findings.append(Finding(
                rule: .narrativeSum, severity: sum > total.value ? .error : .warning,
                expected: sum.plain, actual: total.value.plain,
                message: "第\(section.numeral)部分称合计 \(total.value.plain) \(total.unit)，但列出的分项 \(expression) = \(sum.plain) \(total.unit)"
                    + (sum < total.value ? "（如为不完全列举可忽略）" : "") + "。原文：“\(excerpt)”",
                location: .init(table: section.heading)))
        }
        return (findings, passed)
    }

    /// Where the parts of a total are listed: a parenthesis right after it, or a sentence
    /// starting with 其中 right after it.
    private static func breakdownSpan(after end: Int, in s: [Unicode.Scalar]) -> Range<Int>? {
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

    // MARK: N1 — numbers that restate a table cell

    /// A phrase that restates a table number: a lead word, optionally an object word a few
    /// characters on, then (within a few characters, no digit in between) a number and its
    /// unit. Matched by a scan of scalars; regular expressions cost more than the whole check.
    struct Restatement: Sendable {
        let leads: [[Unicode.Scalar]]
        let objects: [[Unicode.Scalar]]
        let units: [[Unicode.Scalar]]
        /// How far the object may be from the lead, and the number from what precedes it.
        let objectGap: Int
        let numberGap: Int
        let what: String
        let cells: [CellID]
        /// Other readings of the same words that are also right (e.g. received vs. handled).
        let alternatives: [[CellID]]

        init(leads: [String], objects: [String] = [], units: [String], objectGap: Int = 10, numberGap: Int,
             what: String, cells: [CellID], alternatives: [[CellID]] = []) {
            self.leads = leads.map { Array($0.unicodeScalars) }
            self.objects = objects.map { Array($0.unicodeScalars) }
            self.units = units.map { Array($0.unicodeScalars) }
            self.objectGap = objectGap
            self.numberGap = numberGap
            self.what = what
            self.cells = cells
            self.alternatives = alternatives
        }

        private static let clauseStops: Set<Unicode.Scalar> = ["。", ";", "；", ",", "，"]
        private static let sentenceStops: Set<Unicode.Scalar> = ["。", ";", "；"]

        private static func word(_ words: [[Unicode.Scalar]], at i: Int, in s: [Unicode.Scalar]) -> Int? {
            for w in words where s[i] == w[0] && i + w.count <= s.count {
                var k = 1
                while k < w.count, s[i + k] == w[k] { k += 1 }
                if k == w.count { return w.count }
            }
            return nil
        }

        /// (quote range, number range) of every occurrence.
        func matches(in s: [Unicode.Scalar]) -> [(Range<Int>, Range<Int>)] {
            var found: [(Range<Int>, Range<Int>)] = []
            var p = 0
            while p < s.count {
                guard let leadLength = Self.word(leads, at: p, in: s) else { p += 1; continue }
                var r = p + leadLength
                if !objects.isEmpty {
                    var k = 0
                    var objectEnd: Int?
                    while k <= objectGap, r + k < s.count, !Self.clauseStops.contains(s[r + k]) {
                        if let length = Self.word(objects, at: r + k, in: s) { objectEnd = r + k + length; break }
                        k += 1
                    }
                    guard let end = objectEnd else { p += 1; continue }
                    r = end
                }
                var d = r
                while d < s.count, d - r <= numberGap, !(s[d].value >= 48 && s[d].value <= 57), !Self.sentenceStops.contains(s[d]) { d += 1 }
                guard d < s.count, d - r <= numberGap, s[d].value >= 48, s[d].value <= 57 else { p += 1; continue }
                var e = d
                while e < s.count, s[e].value >= 48, s[e].value <= 57 { e += 1 }
                var u = e
                while u < s.count, s[u] == " " { u += 1 }
                guard let unitLength = Self.word(units, at: u, in: s) else { p += 1; continue }
                found.append((p..<(u + unitLength), d..<e))
                p = u + unitLength
            }
            return found
        }
    }

    static let restatements: [Restatement] = [
        Restatement(leads: ["收到", "受理", "办理", "新收", "接收"], objects: ["依申请公开", "政府信息公开申请", "信息公开申请"],
                    units: ["件", "个", "份"], numberGap: 8, what: "收到（办理）政府信息公开申请数", cells: [.t3("new_received", "total")],
                    alternatives: [[.t3("new_received", "total"), .t3("carried_over_in", "total")], [.t3("result_total", "total")]]),
        Restatement(leads: ["行政复议"], units: ["件", "起", "宗", "次"], numberGap: 12,
                    what: "政府信息公开行政复议案件数", cells: [.t4("admin_review", "total")]),
        Restatement(leads: ["行政诉讼"], units: ["件", "起", "宗", "次"], numberGap: 12,
                    what: "政府信息公开行政诉讼案件数", cells: [.t4("litigation_direct", "total"), .t4("litigation_after_review", "total")]),
    ]

    static func restatements(in text: String, section: ReportSection, report: AnnualReport) -> (findings: [Finding], passed: Int) {
        var findings: [Finding] = []
        var passed = 0
        let s = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        for r in restatements {
            for (whole, number) in r.matches(in: s) {
                guard number.count <= 15, let n = Int(string(number)) else { continue }
                let stated = Decimal(n)
                let quote = string(whole)
                let values = r.cells.map { report.cells[$0] }
                guard values.allSatisfy({ $0 != nil }) else {
                    findings.append(Finding(
                        rule: .narrativeRestatement, cells: r.cells, expected: stated.plain, actual: nil,
                        message: "第\(section.numeral)部分称“\(quote)”，但表格中对应的\(r.what)未填写",
                        location: .init(table: section.heading)))
                    continue
                }
                let table = values.compactMap { $0 }.reduce(0, +)
                let alternatives = r.alternatives.compactMap { cells -> Decimal? in
                    let v = cells.map { report.cells[$0] }
                    return v.allSatisfy { $0 != nil } ? v.compactMap { $0 }.reduce(0, +) : nil
                }
                if table == stated || alternatives.contains(stated) {
                    passed += 1
                } else {
                    findings.append(Finding(
                        rule: .narrativeRestatement, cells: r.cells, expected: table.plain, actual: stated.plain,
                        message: "第\(section.numeral)部分称“\(quote)”，但表格中\(r.what)为 \(table.plain)",
                        location: .init(table: section.heading)))
                }
            }
        }
        return (findings, passed)
    }

    // MARK: F1 — information processing fees

    static func feeStatement(sections: [ReportSection: String], version: ReportFormatVersion) -> [Finding] {
        let feeWords = ["信息处理费", "处理费"]
        func mentions(_ text: String?) -> Bool { feeWords.contains { text?.hasSubstring($0) == true } }
        var findings: [Finding] = []
        let elsewhere = sections.filter { $0.key != .other && mentions($0.value) }.keys.sorted()
        if let six = sections[.other] {
            if !mentions(six), version == .v2021 {
                let also = elsewhere.isEmpty ? "" : "（信息处理费在\(elsewhere.map { "第\($0.numeral)部分" }.joined(separator: "、"))提及）"
                findings.append(Finding(rule: .feeStatement,
                                        message: "第六部分未报告信息处理费收取情况，2021 年版格式要求在此专门报告\(also)",
                                        location: .init(table: ReportSection.other.heading)))
            }
        } else if !elsewhere.isEmpty {
            findings.append(Finding(rule: .feeStatement,
                                    message: "报告提及信息处理费，但没有第六部分“其他需要报告的事项”来专门报告收费情况",
                                    location: .init(table: ReportSection.other.heading)))
        }
        return findings
    }

    // MARK: Y1 — repetition from last year

    /// Sentences of at least 10 characters, normalised for comparison.
    static func sentences(_ text: String) -> [String] {
        text.split(whereSeparator: { "。！？；!?;\n".contains($0) })
            .map { ReportText.key(String($0)) }
            .filter { $0.count >= 10 }
    }

    static func repetition(current: AnnualReport, previous: AnnualReport) -> (finding: Finding?, share: Double) {
        let now = ReportSection.allCases.flatMap { sentences(current.sections[$0] ?? "") }
        let before = Set(ReportSection.allCases.flatMap { sentences(previous.sections[$0] ?? "") })
        guard !now.isEmpty else { return (nil, 0) }
        let repeated = now.filter { before.contains($0) }.count
        let share = Double(repeated) / Double(now.count)
        guard share > 0.5 else { return (nil, share) }
        let percent = Int((share * 100).rounded())
        return (Finding(rule: .repetition, expected: "≤ 50%", actual: "\(percent)%",
                        message: "正文 \(now.count) 句中有 \(repeated) 句（\(percent)%）与上一年度报告完全相同，超过一半，可能被认定为“年年雷同”",
                        location: .init(table: "全文")), share)
    }
}
