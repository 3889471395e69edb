import Foundation

/// N1: numbers in the overview that restate a table number — applications received, the
/// results of table 三 by group (予以公开及部分公开, 无法提供 …, compared with the sum of the
/// group's rows), carry-overs, reconsideration and litigation cases.
extension NarrativeChecks {
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
        /// When set, only these words (spaces aside) may stand between the lead and the number:
        /// "不予公开 5 件", "不予公开的 5 件", not "不予公开建议提案 5 件".
        let fillers: Set<String>?
        /// Group results are restated in sentences about applications; elsewhere the same words
        /// mean other things (主动公开…予以公开).
        let needsApplications: Bool
        let what: String
        let cells: [CellID]
        /// Other readings of the same words that are also right (e.g. received vs. handled).
        let alternatives: [[CellID]]
        /// The restated number is a whole (all applications received): after 其中 in its sentence
        /// the same words give a part of it ("其中通过网络收到政府信息公开申请 10 件").
        let isWhole: Bool

        init(leads: [String], objects: [String] = [], units: [String], objectGap: Int = 10, numberGap: Int,
             fillers: Set<String>? = nil, needsApplications: Bool = false,
             what: String, cells: [CellID], alternatives: [[CellID]] = [], isWhole: Bool = false) {
            self.leads = leads.map { Array($0.unicodeScalars) }
            self.objects = objects.map { Array($0.unicodeScalars) }
            self.units = units.map { Array($0.unicodeScalars) }
            self.objectGap = objectGap
            self.numberGap = numberGap
            self.fillers = fillers
            self.needsApplications = needsApplications
            self.what = what
            self.cells = cells
            self.alternatives = alternatives
            self.isWhole = isWhole
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

        /// (quote range, number range) of every occurrence; `starts` are the positions where some
        /// lead word of any restatement may begin (found once for all of them); `year`, the
        /// report's year (a clause naming another year gives that year's count).
        func matches(in s: [Unicode.Scalar], starts: [Int], year: Int? = nil) -> [(Range<Int>, Range<Int>)] {
            var found: [(Range<Int>, Range<Int>)] = []
            var next = 0
            for p in starts where p >= next {
                guard let leadLength = Self.word(leads, at: p, in: s) else { continue }
                var r = p + leadLength
                if !objects.isEmpty {
                    var k = 0
                    var objectEnd: Int?
                    while k <= objectGap, r + k < s.count, !Self.clauseStops.contains(s[r + k]) {
                        if let length = Self.word(objects, at: r + k, in: s) { objectEnd = r + k + length; break }
                        k += 1
                    }
                    guard let end = objectEnd else { continue }
                    r = end
                }
                var d = r
                // The number belongs to the same clause: a comma starts another statement
                // ("行政复议案件，行政诉讼案件 1 件").
                while d < s.count, d - r <= numberGap, !(s[d].value >= 48 && s[d].value <= 57), !Self.clauseStops.contains(s[d]) { d += 1 }
                guard d < s.count, d - r <= numberGap, s[d].value >= 48, s[d].value <= 57 else { continue }
                // "上年收到申请 25 件", "2021年收到申请 25 件": another period's count; "其中通过网络
                // 收到申请 10 件": a part of the whole. Neither restates this year's table.
                if Self.namesAnotherPeriod(before: p, s, year: year) { continue }
                if isWhole, Self.followsQiZhong(p, s) { continue }
                // "收到申请较上年减少 5 件": the number is a change, not the count — but the clause
                // may go on with the count itself ("…减少 5 件，共 20 件"): that one is compared.
                if NarrativeChecks.isComparison(clause: String(String.UnicodeScalarView(s[r..<d]))) {
                    guard let (count, u) = Self.countAfterChange(at: d, s), let unitLength = Self.word(units, at: u, in: s) else { continue }
                    found.append((p..<(u + unitLength), count))
                    next = u + unitLength
                    continue
                }
                if let fillers {
                    let gap = String(String.UnicodeScalarView(s[r..<d].filter { $0 != " " }))
                    guard fillers.contains(gap) else { continue }
                }
                if needsApplications, !Self.inSentenceAboutApplications(p, s) { continue }
                var e = d
                while e < s.count, s[e].value >= 48, s[e].value <= 57 { e += 1 }
                var u = e
                while u < s.count, s[u] == " " { u += 1 }
                guard let unitLength = Self.word(units, at: u, in: s) else { continue }
                found.append((p..<(u + unitLength), d..<e))
                next = u + unitLength
            }
            return found
        }

        /// Whether the clause before a lead word names a period other than the report's year
        /// ("上年收到…", "去年受理…", "与上年相比，收到…", "2021年收到…" in a report for 2022; any
        /// year when the report's is not known).
        private static func namesAnotherPeriod(before p: Int, _ s: [Unicode.Scalar], year: Int?) -> Bool {
            var i = p
            while i > 0, p - i < 12, !clauseStops.contains(s[i - 1]) { i -= 1 }
            let clause = String(String.UnicodeScalarView(s[i..<p]))
            if ["上年", "去年", "上一年", "前一年"].contains(where: { clause.hasSubstring($0) })
                || NarrativeChecks.periodWords.contains(where: { clause.hasSubstring($0) }) { return true }
            return yearsNamed(s[i..<p]).contains { $0 != year }
        }

        /// The years named in a clause: four digits 19xx/20xx followed (spaces aside) by 年.
        private static func yearsNamed(_ clause: ArraySlice<Unicode.Scalar>) -> [Int] {
            var years: [Int] = []
            var k = clause.startIndex
            while k < clause.endIndex {
                guard isDigit(clause[k]) else { k += 1; continue }
                var e = k
                while e < clause.endIndex, isDigit(clause[e]) { e += 1 }
                var u = e
                while u < clause.endIndex, clause[u] == " " { u += 1 }
                if e - k == 4, u < clause.endIndex, clause[u] == "年",
                   let y = Int(String(String.UnicodeScalarView(clause[k..<e]))), (1900...2099).contains(y) {
                    years.append(y)
                }
                k = e
            }
            return years
        }

        private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

        /// Whether 其中 comes before `p` in its sentence: what follows is a part of a total.
        private static func followsQiZhong(_ p: Int, _ s: [Unicode.Scalar]) -> Bool {
            var i = p
            while i > 0, p - i < 160, !sentenceStops.contains(s[i - 1]), s[i - 1] != "\n" { i -= 1 }
            return String(String.UnicodeScalarView(s[i..<p])).hasSubstring("其中")
        }

        /// After a change ("较上年减少 5 件") whose number starts at `d`: the count the same
        /// statement goes on to give in the next clause ("，共 20 件", "，达到 20 件"), as (its
        /// digits, where its unit starts).
        private static let countLeads: [[Unicode.Scalar]] = ["共计", "总计", "合计", "达到", "共", "达", "为", "计"].map { Array($0.unicodeScalars) }
        private static func countAfterChange(at d: Int, _ s: [Unicode.Scalar]) -> (Range<Int>, Int)? {
            var k = d
            while k < s.count, isDigit(s[k]) { k += 1 }
            // The change's own unit, then a comma.
            var steps = 0
            while k < s.count, steps < 3, s[k] != "，", s[k] != ",", !isDigit(s[k]), !sentenceStops.contains(s[k]) { k += 1; steps += 1 }
            guard k < s.count, s[k] == "，" || s[k] == "," else { return nil }
            k += 1
            while k < s.count, s[k] == " " { k += 1 }
            guard let lead = word(countLeads, at: k, in: s) else { return nil }
            k += lead
            while k < s.count, s[k] == " " { k += 1 }
            let start = k
            while k < s.count, isDigit(s[k]) { k += 1 }
            guard k > start else { return nil }
            var u = k
            while u < s.count, s[u] == " " { u += 1 }
            return (start..<k, u)
        }

        private static func inSentenceAboutApplications(_ p: Int, _ s: [Unicode.Scalar]) -> Bool {
            var i = p
            while i > 0, p - i < 160, s[i - 1] != "。", s[i - 1] != "\n" { i -= 1 }
            return String(String.UnicodeScalarView(s[i..<p])).hasSubstring("申请")
        }
    }

    static let resultFillers: Set<String> = ["", "的", "为", "共", "共计", "计", "了", "：", ":", "申请", "的申请", "数", "数为", "件数"]

    /// The restatements of a format's tables, longest words first (a match claims its words, so
    /// 予以公开及部分公开 is not also read as 部分公开).
    static func restatements(_ schema: ReportSchema) -> [Restatement] {
        func total(_ rows: [String]) -> [CellID] { rows.map { CellID.t3($0, "total") } }
        func group(_ prefix: String) -> [String] { schema.resultLeaves.map(\.id).filter { $0.hasPrefix(prefix) } }
        let disclosed = ["result_disclosed"], partial = ["result_partially_disclosed"]
        let other = schema.version == .v2019 ? ["other_handling"] : group("other_")
        return [
            Restatement(leads: ["收到", "受理", "办理", "新收", "接收"], objects: ["依申请公开", "政府信息公开申请", "信息公开申请"],
                        units: ["件", "个", "份"], numberGap: 8, what: "收到（办理）政府信息公开申请数", cells: [.t3("new_received", "total")],
                        alternatives: [[.t3("new_received", "total"), .t3("carried_over_in", "total")], [.t3("result_total", "total")]],
                        isWhole: true),
            Restatement(leads: ["予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开", "全部公开和部分公开", "全部公开及部分公开",
                                "全部或部分公开", "公开和部分公开", "公开及部分公开"],
                        units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "予以公开与部分公开之和", cells: total(disclosed + partial)),
            Restatement(leads: ["部分公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "部分公开数", cells: total(partial)),
            Restatement(leads: ["予以公开", "全部公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "予以公开数", cells: total(disclosed), alternatives: [total(disclosed + partial)]),
            Restatement(leads: ["不予公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "不予公开各项之和", cells: total(group("withheld_"))),
            Restatement(leads: ["无法提供"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "无法提供各项之和", cells: total(group("unable_"))),
            Restatement(leads: ["不予处理"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "不予处理各项之和", cells: total(group("not_processed_"))),
            Restatement(leads: ["其他处理"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                        what: "其他处理各项之和", cells: total(other)),
            Restatement(leads: ["结转下年度", "结转下一年度", "结转至下一年度", "结转到下一年度", "结转至下年度", "结转下年"],
                        units: ["件"], numberGap: 8, fillers: resultFillers.union(["继续办理", "继续办理的", "办理", "的申请"]),
                        needsApplications: true, what: "结转下年度继续办理数", cells: [.t3("carried_over_out", "total")]),
            Restatement(leads: ["上年结转", "上年度结转", "上一年度结转"], units: ["件"], numberGap: 8, fillers: resultFillers.union(["的申请", "申请"]),
                        needsApplications: true, what: "上年结转申请数", cells: [.t3("carried_over_in", "total")]),
            Restatement(leads: ["行政复议"], units: ["件", "起", "宗", "次"], numberGap: 12,
                        what: "政府信息公开行政复议案件数", cells: [.t4("admin_review", "total")]),
            Restatement(leads: ["行政诉讼"], units: ["件", "起", "宗", "次"], numberGap: 12,
                        what: "政府信息公开行政诉讼案件数", cells: [.t4("litigation_direct", "total"), .t4("litigation_after_review", "total")]),
        ]
    }

    /// First characters of every lead word (a handful): positions elsewhere are skipped.
    private static let leadStarts: [UInt32] = Array(Set(restatements(.v2021).flatMap { $0.leads.map { $0[0].value } })).sorted()

    private static let restatementCache: [ReportFormatVersion: [Restatement]] = [
        .v2019: restatements(.v2019), .v2021: restatements(.v2021),
    ]

    /// `missing` gives the reason a cell was not read, so a number compared with a cell the
    /// reader could not read is not called "not filled in".
    static func restatements(in text: String, section: ReportSection, report: AnnualReport,
                             missing: [CellID: String] = [:]) -> (findings: [Finding], passed: Int) {
        var findings: [Finding] = []
        var passed = 0
        let s = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        var claimed: [Range<Int>] = []
        let starts = s.indices.filter { leadStarts.contains(s[$0].value) }
        for r in restatementCache[report.formatVersion]! {
            for (whole, number) in r.matches(in: s, starts: starts, year: report.year) {
                guard !claimed.contains(where: { $0.overlaps(whole) }) else { continue }
                claimed.append(whole)
                guard number.count <= 15, let n = Int(string(number)) else { continue }
                let stated = Decimal(n)
                let quote = string(whole)
                let values = r.cells.map { report.cells[$0] }
                guard values.allSatisfy({ $0 != nil }) else {
                    let reasons = Set(r.cells.compactMap { missing[$0] })
                    let notFilled = reasons.allSatisfy { $0 == "空白" || $0.hasPrefix("填写为") }
                    let state = notFilled ? "未填写" : "未能读出（\(reasons.sorted().joined(separator: "；"))），无法比较"
                    findings.append(Finding(
                        rule: .narrativeRestatement, cells: r.cells, expected: stated.plain, actual: nil,
                        message: "第\(section.numeral)部分称“\(quote)”，但表格中对应的\(r.what)\(state)",
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
}
