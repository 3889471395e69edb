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
        /// Leads that name `cells` alone, no alternative: "新收 19 件" is the new applications,
        /// never they and 上年结转 together (review 16: 18 new and 1 carried over passed 19).
        let exactLeads: [String]
        /// The restated number is a whole (all applications received): after 其中 in its sentence
        /// the same words give a part of it ("其中通过网络收到政府信息公开申请 10 件").
        let isWhole: Bool
        /// Words that, between the lead and the number, make it the count of one column, not the
        /// total restated ("行政复议结果维持 0 件" of 7 cases; review 13 M3).
        let columnWords: [[Unicode.Scalar]]

        init(
            leads: [String], objects: [String] = [], units: [String], objectGap: Int = 10, numberGap: Int,
            fillers: Set<String>? = nil, needsApplications: Bool = false,
            what: String, cells: [CellID], alternatives: [[CellID]] = [], exactLeads: [String] = [], isWhole: Bool = false,
            columnWords: [String] = []
        ) {
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
            self.exactLeads = exactLeads
            self.isWhole = isWhole
            self.columnWords = columnWords.map { Array($0.unicodeScalars) }
        }

        /// What ends a clause (。;；,，) and a sentence (。;；): switches, not sets — the walks back
        /// from every lead word hashed each scalar they passed, most of N1's cost.
        private static func isClauseStop(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "。", ";", "；", ",", "，": return true
            default: return false
            }
        }

        private static func isSentenceStop(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "。", ";", "；": return true
            default: return false
            }
        }

        private static func word(_ words: [[Unicode.Scalar]], at i: Int, in s: [Unicode.Scalar]) -> Int? {
            for w in words where s[i] == w[0] && i + w.count <= s.count {
                var k = 1
                while k < w.count, s[i + k] == w[k] { k += 1 }
                if k == w.count { return w.count }
            }
            return nil
        }

        /// (quote range, number range) of every occurrence; `starts` are positions where its lead
        /// words may begin, in order (any that holds them all: the others are passed over); `year`, the
        /// report's year (a clause naming another year gives that year's count).
        func matches(in s: [Unicode.Scalar], starts: [Int], year: Int? = nil) -> [(Range<Int>, Range<Int>)] {
            var found: [(Range<Int>, Range<Int>)] = []
            var next = 0
            for p in starts where p >= next {
                guard let leadLength = Self.word(leads, at: p, in: s) else { continue }
                // "不予以公开 1 件", "不受理": the word negated is another group (or none).
                if p > 0, s[p - 1] == "不" { continue }
                var r = p + leadLength
                if !objects.isEmpty {
                    var k = 0
                    var objectEnd: Int?
                    while k <= objectGap, r + k < s.count, !Self.isClauseStop(s[r + k]) {
                        if let length = Self.word(objects, at: r + k, in: s) { objectEnd = r + k + length; break }
                        k += 1
                    }
                    guard let end = objectEnd else { continue }
                    r = end
                }
                var d = r
                // The number belongs to the same clause: a comma starts another statement
                // ("行政复议案件，行政诉讼案件 1 件").
                while d < s.count, d - r <= numberGap, !(s[d].value >= 48 && s[d].value <= 57), !Self.isClauseStop(s[d]) { d += 1 }
                guard d < s.count, d - r <= numberGap, s[d].value >= 48, s[d].value <= 57 else { continue }
                // "收到政府信息公开申请的行政复议 2 件": appeals about applications, not applications.
                if isWhole, Self.appealWords.contains(where: { String(scalars: s[r..<d]).hasSubstring($0) }) { continue }
                if !columnWords.isEmpty, Self.namesColumn(s[r..<d], columnWords) { continue }
                // "上年收到申请 25 件", "2021年收到申请 25 件": another period's count; "其中通过网络
                // 收到申请 10 件": a part of the whole. Neither restates this year's table.
                if Self.namesAnotherPeriod(before: p, s, year: year) || Self.spansSeveralYears(before: p, s, year: year) { continue }
                if isWhole, Self.followsQiZhong(p, s) { continue }
                // "全县…共收到申请 300 件，其中予以公开 200 件", "2021年本局收到…25 件。其中予以公开 12
                // 件": the parts of a count that is not compared are not compared either.
                if Self.partOfAnotherCount(before: p, s, year: year) { continue }
                // "其中涉及招生入学的申请 5 件，予以公开 3 件": the results of a subset.
                if needsApplications, Self.resultsOfASubset(before: p, s) { continue }
                // "全县共收到申请 300 件": the count of another scope than the report's agency;
                // "收到自然人申请 12 件": one applicant column, not the total. Neither is compared.
                if Self.namesAnotherScope(before: p, s) || Self.namesApplicantKind(s[p..<d]) { continue }
                // "不予公开及无法提供 4 件": this group is one of several combined (compared by
                // `combinedGroups` with their sum), not a count of its own.
                if needsApplications, Self.continuesCombination(before: p, s) { continue }
                // "收到申请较上年减少 5 件": the number is a change, not the count — but the clause
                // may go on with the count itself ("…减少 5 件，共 20 件"): that one is compared.
                if NarrativeChecks.isComparison(clause: s[r..<d]) {
                    guard let (count, u) = Self.countAfterChange(at: d, s), let unitLength = Self.word(units, at: u, in: s) else { continue }
                    found.append((p..<(u + unitLength), count))
                    next = u + unitLength
                    continue
                }
                // "近 20 件", "约 20 件", "20 余件", "20 件左右": not an exact count, not compared.
                if Self.isApproximate(gap: s[r..<d], numberAt: d, s) { continue }
                if let fillers {
                    let gap = String(scalars: s[r..<d].filter { $0 != " " })
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

        /// Words between a count of applications and its number that make it a count of appeals.
        static let appealWords = ["复议", "诉讼", "案件", "投诉", "举报"]

        /// Whether the words between a lead and its number name one of `words` with no closing
        /// bracket after it: "结果维持", "结果纠正的案件", "被驳回起诉" name a column; "（含尚未审结）"
        /// says what the total holds (review 14, 15).
        static func namesColumn(_ gap: ArraySlice<Unicode.Scalar>, _ words: [[Unicode.Scalar]]) -> Bool {
            // On the scalars: this runs for every 行政复议/行政诉讼 a text names.
            var lastEnd: Int?
            for i in gap.indices {
                for word in words where gap[i] == word[0] && i + word.count <= gap.endIndex && gap[i..<(i + word.count)].elementsEqual(word) {
                    lastEnd = max(lastEnd ?? i, i + word.count)
                }
            }
            guard let lastEnd else { return false }
            return !gap[lastEnd...].contains { $0 == "）" || $0 == ")" || $0 == "】" || $0 == "]" }
        }

        /// Words of a count over several years: "近三年累计收到…", "自《条例》修订以来，共收到…".
        static let severalYearsWords = [
            "以来", "近三年", "近两年", "近五年", "近几年", "近年来", "历年", "多年来", "三年来", "两年来",
            "五年来", "迄今", "至今",
        ]
        /// What before 以来 makes it the report's own year: "今年以来", "年初以来".
        static let thisYearBeforeSince = ["今年", "本年", "本年度", "年初", "全年"]

        /// Whether the sentence up to a lead word speaks of several years (a count since some
        /// event or over the last years): not this year's count.
        static func spansSeveralYears(before p: Int, _ s: [Unicode.Scalar], year: Int?) -> Bool {
            var i = p
            while i > 0, p - i < 60, !isSentenceStop(s[i - 1]), s[i - 1] != "\n" { i -= 1 }
            return spansSeveralYears(String(scalars: s[i..<p]), year: year)
        }

        static func spansSeveralYears(_ text: String, year: Int?) -> Bool {
            // The byte search first (as `IssuerReader.statedCompiler`): Foundation's range(of:) on
            // every figure's clause was a fiftieth of a report check.
            for word in severalYearsWords where text.hasSubstring(word) {
                var search = text.startIndex..<text.endIndex
                while let found = text.range(of: word, range: search) {
                    let before = text[..<found.lowerBound].filter { $0 != " " }
                    let ownYear = year.map { before.hasSuffix("\($0)年") || before.hasSuffix("\($0)年度") } ?? false
                    if word != "以来" || !(ownYear || thisYearBeforeSince.contains { before.hasSuffix($0) }) { return true }
                    search = found.upperBound..<text.endIndex
                }
            }
            return false
        }

        /// The statement a figure after 其中 is a part of: its sentence up to the nearest 其中
        /// before the figure, or the sentence before when this one starts with 其中. Nil when no
        /// 其中 precedes the figure in its sentence.
        static func wholeBeforeQiZhong(_ p: Int, _ s: [Unicode.Scalar]) -> String? {
            var i = p
            var qi: Int?
            while i > 0, p - i < 160, !isSentenceStop(s[i - 1]), s[i - 1] != "\n" {
                i -= 1
                if qi == nil, i + 1 < p, s[i] == "其", s[i + 1] == "中" { qi = i }
            }
            guard let qi else { return nil }
            let before = ReportText.trimmedSpaces(String(scalars: s[i..<qi]))
            if !before.isEmpty { return before }
            guard i > 0, s[i - 1] == "。" else { return nil }
            var k = i - 1
            while k > 0, i - k < 160, !isSentenceStop(s[k - 1]), s[k - 1] != "\n" { k -= 1 }
            return String(scalars: s[k..<(i - 1)])
        }

        /// Whether a figure after 其中 is a part of a count not compared with the table: another
        /// scope's, another year's, or one over several years.
        static func partOfAnotherCount(before p: Int, _ s: [Unicode.Scalar], year: Int?) -> Bool {
            guard let whole = wholeBeforeQiZhong(p, s) else { return false }
            let subject = whole.drop { $0 == " " }
            if ["上年", "去年", "上一年", "前一年"].contains(where: { subject.hasPrefix($0) }) { return true }
            if NarrativeChecks.yearsNamed(in: whole).contains(where: { $0 != year }) { return true }
            return spansSeveralYears(whole, year: year) || namesAnotherScope(whole)
        }

        /// Whether results after 其中 follow a count of a subset ("其中涉及招生入学的申请 5 件，予以
        /// 公开 3 件"): the first figure after 其中 has no result group before it.
        static func resultsOfASubset(before p: Int, _ s: [Unicode.Scalar]) -> Bool {
            var i = p
            var qi: Int?
            while i > 0, p - i < 160, !isSentenceStop(s[i - 1]), s[i - 1] != "\n" {
                i -= 1
                if s[i] == "其", i + 1 < p, s[i + 1] == "中" { qi = i; break }
            }
            guard let qi else { return false }
            guard let digit = ((qi + 2)..<p).first(where: { isDigit(s[$0]) }) else { return false }
            let first = String(scalars: s[(qi + 2)..<digit])
            return !groupWords.contains { first.hasSubstring(String(scalars: $0)) }
        }

        /// Whether the clause before a lead word names a period other than the report's year
        /// ("上年收到…", "去年受理…", "与上年相比，收到…", "2021年收到…" in a report for 2022; any
        /// year when the report's is not known).
        private static func namesAnotherPeriod(before p: Int, _ s: [Unicode.Scalar], year: Int?) -> Bool {
            var i = p
            while i > 0, p - i < 12, !isClauseStop(s[i - 1]) { i -= 1 }
            let clause = String(scalars: s[i..<p])
            if ["上年", "去年", "上一年", "前一年"].contains(where: { clause.hasSubstring($0) })
                || NarrativeChecks.periodWordMatcher.matchesAny(clause)
            {
                return true
            }
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
                    let y = Int(String(scalars: clause[k..<e])), (1900...2099).contains(y)
                {
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
            while i > 0, p - i < 160, !isSentenceStop(s[i - 1]), s[i - 1] != "\n" { i -= 1 }
            return String(scalars: s[i..<p]).hasSubstring("其中")
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
            while k < s.count, steps < 3, s[k] != "，", s[k] != ",", !isDigit(s[k]), !isSentenceStop(s[k]) { k += 1; steps += 1 }
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

        /// Words that make a count another scope's: a whole county, city or district, every
        /// level or agency ("全县共收到", "全市各级行政机关共收到", "各部门共受理").
        static let scopeWords = ["全县", "全市", "全区", "全省", "全州", "全旗", "全盟", "全镇", "全乡", "全系统", "全行业",
                                 "各级", "各地", "各部门", "各单位", "各乡镇", "各县", "各区", "各街道", "各机关", "所属", "下属", "系统内"]
        /// Applicant kinds: the columns of table 三. One kind named gives that column's count, no
        /// total; both kinds ("公民、法人或其他组织") are every applicant.
        static let naturalPersons = ["自然人", "公民", "个人"]
        static let legalPersons = ["法人", "其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"]
        /// Qualifiers of an approximate count, before the number ("近", "约") or after its unit.
        static let approximateBefore = ["近", "约", "大约", "大概", "将近", "接近", "超过", "逾", "多于", "不足", "不到"]
        static let approximateAfterNumber = ["余", "多"]
        static let approximateAfterUnit = ["左右", "以上", "上下", "以下"]
        private static let approximateBeforeList = NarrativeChecks.WordList(approximateBefore)
        private static let approximateAfterNumberList = NarrativeChecks.WordList(approximateAfterNumber)
        private static let approximateAfterUnitList = NarrativeChecks.WordList(approximateAfterUnit)

        /// Words naming the report's agency itself as the subject of a count.
        static let ownWords = ["本局", "本机关", "本单位", "本部门", "本委", "本办", "本院", "本中心", "我局", "我委", "我办", "我单位", "我中心"]

        /// Whether the clause before a lead word names another scope than the report's agency.
        /// The agency itself as the subject — at the start of the clause ("本局按照全县统一部署
        /// 收到…") or after the other scope ("全县共收到…，其中本局收到…") — makes the count its own.
        private static func namesAnotherScope(before p: Int, _ s: [Unicode.Scalar]) -> Bool {
            var i = p
            while i > 0, p - i < 20, !isClauseStop(s[i - 1]) { i -= 1 }
            return namesAnotherScope(String(scalars: s[i..<p]))
        }

        static func namesAnotherScope(_ clause: String) -> Bool {
            // Most clauses name no scope: the byte search passes them over (see `spansSeveralYears`).
            guard scopeWords.contains(where: { clause.hasSubstring($0) }) else { return false }
            let scopes = scopeWords.compactMap { clause.range(of: $0, options: .backwards)?.lowerBound }
            guard let lastScope = scopes.max() else { return false }
            let own = ownWords.compactMap { clause.range(of: $0, options: .backwards)?.lowerBound }
            if own.contains(where: { $0 > lastScope }) { return false }
            let subject = clause.drop { $0 == " " || $0 == "其" || $0 == "中" }
            return !ownWords.contains { subject.hasPrefix($0) }
        }

        private static func namesApplicantKind(_ phrase: ArraySlice<Unicode.Scalar>) -> Bool {
            let text = String(scalars: phrase)
            return naturalPersons.contains { text.hasSubstring($0) } != legalPersons.contains { text.hasSubstring($0) }
        }

        private static func isApproximate(gap: ArraySlice<Unicode.Scalar>, numberAt d: Int, _ s: [Unicode.Scalar]) -> Bool {
            let before = String(scalars: gap.filter { $0 != " " })
            if approximateBeforeList.isSuffix(of: before) { return true }
            var e = d
            while e < s.count, isDigit(s[e]) { e += 1 }
            let after = String(scalars: s[e..<min(s.count, e + 6)].filter { $0 != " " })
            // "20 余件", "20 多件", or after the (one-character) unit: "20 件左右", "20 件以上".
            return approximateAfterNumberList.isPrefix(of: after) || approximateAfterUnitList.isPrefix(of: String(after.dropFirst()))
        }

        /// The result groups, for combinations ("不予公开及无法提供", "不予处理和其他处理").
        static let groupWords: [[Unicode.Scalar]] = ["不予以公开", "予以公开", "全部公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
            .map { Array($0.unicodeScalars) }
        /// The first scalars of `groupWords`: a combination starts only at one of them.
        private static let groupWordStarts: [Unicode.Scalar] = Array(Set(groupWords.map { $0[0] })).sorted()
        static let connectors: [[Unicode.Scalar]] = ["以及", "或者", "及", "和", "与", "、", "或", "/"].map { Array($0.unicodeScalars) }

        /// Whether a result group word at `p` follows another group and a connector: a part of a
        /// combination, whose number is the combination's.
        static func continuesCombination(before p: Int, _ s: [Unicode.Scalar]) -> Bool {
            for c in connectors where has(c, at: p - c.count, in: s) {
                let q = p - c.count
                if groupWords.contains(where: { has($0, at: q - $0.count, in: s) }) { return true }
            }
            return false
        }

        /// Whether the word `w` stands in `s` at `i`, compared scalar by scalar (`elementsEqual`
        /// on slices, at every lead position, cost more than the rest of the combination tests).
        private static func has(_ w: [Unicode.Scalar], at i: Int, in s: [Unicode.Scalar]) -> Bool {
            guard i >= 0, i + w.count <= s.count else { return false }
            for k in w.indices where s[i + k] != w[k] { return false }
            return true
        }

        /// A combination of two or more result groups at `p` ("不予公开、无法提供及不予处理 5 件"):
        /// the index of each group word in `groupWords`, and the end of the combination.
        static func combination(at p: Int, _ s: [Unicode.Scalar]) -> (groups: [Int], end: Int)? {
            var groups: [Int] = []
            var i = p
            while true {
                guard let g = groupWords.indices.first(where: { has(groupWords[$0], at: i, in: s) }) else { break }
                groups.append(g)
                i += groupWords[g].count
                guard let c = connectors.first(where: { has($0, at: i, in: s) }), groupWords.contains(where: { has($0, at: i + c.count, in: s) })
                else { break }
                i += c.count
            }
            return groups.count >= 2 ? (groups, i) : nil
        }

        /// Combined groups restated with one number ("不予公开及无法提供 4 件", "不予处理和其他处理
        /// 2 件"): (quote range, number range, the groups) of each, in a sentence about applications.
        static func combinedGroups(in s: [Unicode.Scalar], starts: [Int], year: Int?) -> [(Range<Int>, Range<Int>, [Int])] {
            var found: [(Range<Int>, Range<Int>, [Int])] = []
            var next = 0
            for p in starts where p >= next {
                // The combination first: at most lead positions none starts.
                guard groupWordStarts.contains(s[p]), let (groups, end) = combination(at: p, s), !continuesCombination(before: p, s) else { continue }
                var d = end
                while d < s.count, d - end <= 6, !isDigit(s[d]), !isClauseStop(s[d]) { d += 1 }
                guard d < s.count, d - end <= 6, isDigit(s[d]) else { continue }
                let gap = String(scalars: s[end..<d].filter { $0 != " " })
                guard NarrativeChecks.resultFillers.contains(gap), !isApproximate(gap: s[end..<d], numberAt: d, s),
                    !namesAnotherPeriod(before: p, s, year: year), !namesAnotherScope(before: p, s),
                    !spansSeveralYears(before: p, s, year: year), !partOfAnotherCount(before: p, s, year: year),
                    !resultsOfASubset(before: p, s), inSentenceAboutApplications(p, s)
                else { continue }
                var e = d
                while e < s.count, isDigit(s[e]) { e += 1 }
                var u = e
                while u < s.count, s[u] == " " { u += 1 }
                guard u < s.count, s[u] == "件" else { continue }
                found.append((p..<(u + 1), d..<e, groups))
                next = u + 1
            }
            return found
        }

        /// Whether the sentence up to `p` is about applications: it names them, or their handling's
        /// results ("从办理结果看，予以公开及部分公开 12 件": review 16). A sentence starting with 其中
        /// ("…申请 18 件。其中予以公开 8 件…") goes on with the one before it.
        private static func inSentenceAboutApplications(_ p: Int, _ s: [Unicode.Scalar]) -> Bool {
            var i = p
            while i > 0, p - i < 160, s[i - 1] != "。", s[i - 1] != "\n" { i -= 1 }
            let sentence = String(scalars: s[i..<p])
            if sentence.hasSubstring("申请") || sentence.hasSubstring("办理结果") { return true }
            var j = i
            while j < p, s[j] == " " { j += 1 }
            guard i > 0, s[i - 1] == "。", j + 1 < p, s[j] == "其", s[j + 1] == "中" else { return false }
            var k = i - 1
            while k > 0, i - k < 160, s[k - 1] != "。", s[k - 1] != "\n" { k -= 1 }
            return String(scalars: s[k..<(i - 1)]).hasSubstring("申请")
        }
    }

    /// Words of applications carried over from the year before.
    static let carriedOverCountWords = ["结转", "未办结", "遗留"]

    /// Whether a count of new applications holds the carried-over ones too: its words name them
    /// ("新收及上年结转"), or an inclusion right after it does ("（含上年结转 2 件）", "，其中上年未办结 2 件").
    static func holdsCarriedOver(_ quote: String, after: String) -> Bool {
        if carriedOverCountWords.contains(where: { quote.hasSubstring($0) }) { return true }
        let lead = String(after.unicodeScalars.prefix(4))
        guard ["含", "包括", "其中"].contains(where: { lead.hasSubstring($0) }) else { return false }
        return carriedOverCountWords.contains { after.hasSubstring($0) }
    }

    /// The columns of table 四 other than 总计 (结果维持, 结果纠正, 其他结果, 尚未审结) and how
    /// overviews word them before the count ("行政复议结果维持 0 件", "行政诉讼被驳回 2 件"; see `namesColumn`).
    static let caseResultWords = ["维持", "纠正", "其他结果", "撤销", "确认违法", "驳回", "审结", "胜诉", "败诉"]

    static let resultFillers: Set<String> = ["", "的", "为", "共", "共计", "计", "了", "：", ":", "申请", "的申请", "数", "数为", "件数"]

    /// The restatements of a format's tables, longest words first (a match claims its words, so
    /// 予以公开及部分公开 is not also read as 部分公开).
    static func restatements(_ schema: ReportSchema) -> [Restatement] {
        func total(_ rows: [String]) -> [CellID] { rows.map { CellID.t3($0, "total") } }
        func group(_ prefix: String) -> [String] { schema.resultLeaves.map(\.id).filter { $0.hasPrefix(prefix) } }
        let disclosed = ["result_disclosed"], partial = ["result_partially_disclosed"]
        let other = schema.version == .v2019 ? ["other_handling"] : group("other_")
        return [
            Restatement(
                leads: ["收到", "受理", "办理", "新收", "接收"], objects: ["依申请公开", "政府信息公开申请", "信息公开申请"],
                units: ["件", "个", "份"], numberGap: 8, what: "收到（办理）政府信息公开申请数", cells: [.t3("new_received", "total")],
                alternatives: [[.t3("new_received", "total"), .t3("carried_over_in", "total")], [.t3("result_total", "total")]],
                exactLeads: ["新收"], isWhole: true),
            Restatement(
                leads: [
                    "予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开", "全部公开和部分公开", "全部公开及部分公开",
                    "全部或部分公开", "公开和部分公开", "公开及部分公开",
                ],
                units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "予以公开与部分公开之和", cells: total(disclosed + partial)),
            Restatement(
                leads: ["部分公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "部分公开数", cells: total(partial)),
            Restatement(
                leads: ["予以公开", "全部公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "予以公开数", cells: total(disclosed), alternatives: [total(disclosed + partial)]),
            Restatement(
                leads: ["不予以公开", "不予公开"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "不予公开各项之和", cells: total(group("withheld_"))),
            Restatement(
                leads: ["无法提供"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "无法提供各项之和", cells: total(group("unable_"))),
            Restatement(
                leads: ["不予处理"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "不予处理各项之和", cells: total(group("not_processed_"))),
            Restatement(
                leads: ["其他处理"], units: ["件"], numberGap: 6, fillers: resultFillers, needsApplications: true,
                what: "其他处理各项之和", cells: total(other)),
            Restatement(
                leads: ["结转下年度", "结转下一年度", "结转至下一年度", "结转到下一年度", "结转至下年度", "结转下年"],
                units: ["件"], numberGap: 8, fillers: resultFillers.union(["继续办理", "继续办理的", "办理", "的申请"]),
                needsApplications: true, what: "结转下年度继续办理数", cells: [.t3("carried_over_out", "total")]),
            Restatement(
                leads: ["上年结转", "上年度结转", "上一年度结转"], units: ["件"], numberGap: 8, fillers: resultFillers.union(["的申请", "申请"]),
                needsApplications: true, what: "上年结转申请数", cells: [.t3("carried_over_in", "total")]),
            Restatement(
                leads: ["行政复议"], units: ["件", "起", "宗", "次"], numberGap: 12,
                what: "政府信息公开行政复议案件数", cells: [.t4("admin_review", "total")], columnWords: caseResultWords),
            Restatement(
                leads: ["行政诉讼"], units: ["件", "起", "宗", "次"], numberGap: 12,
                what: "政府信息公开行政诉讼案件数", cells: [.t4("litigation_direct", "total"), .t4("litigation_after_review", "total")],
                columnWords: caseResultWords),
        ]
    }

    /// The total cells of a result group named by one of `Restatement.groupWords`.
    static func groupCells(_ word: [Unicode.Scalar], _ schema: ReportSchema) -> [CellID] {
        func group(_ prefix: String) -> [CellID] { schema.resultLeaves.map(\.id).filter { $0.hasPrefix(prefix) }.map { .t3($0, "total") } }
        switch String(scalars: word) {
        case "予以公开", "全部公开": return [.t3("result_disclosed", "total")]
        case "部分公开": return [.t3("result_partially_disclosed", "total")]
        case "不予公开", "不予以公开": return group("withheld_")
        case "无法提供": return group("unable_")
        case "不予处理": return group("not_processed_")
        case "其他处理": return schema.version == .v2019 ? [.t3("other_handling", "total")] : group("other_")
        default: return []
        }
    }

    /// First characters of every lead word (a handful): positions elsewhere are skipped.
    private static let leadStarts: [UInt32] = Array(Set(restatements(.v2021).flatMap { $0.leads.map { $0[0].value } })).sorted()
    /// `leadStarts` below U+10000 as a bitmap: searching the list for every scalar of the
    /// overview was a fiftieth of a report check.
    private static let leadStartBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for v in leadStarts where v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        return bits
    }()

    private static let restatementCache: [ReportFormatVersion: [Restatement]] = [
        .v2019: restatements(.v2019), .v2021: restatements(.v2021),
    ]

    /// For each of `leadStarts`, the indices of the restatements (in `restatementCache`'s list
    /// of a format) with a lead word starting with it.
    private static let restatementsByLeadStart: [ReportFormatVersion: [[Int]]] = restatementCache.mapValues { list in
        leadStarts.map { v in list.indices.filter { list[$0].leads.contains { $0[0].value == v } } }
    }

    /// `missing` gives the reason a cell was not read, so a number compared with a cell the
    /// reader could not read is not called "not filled in".
    /// `scalars`, when given, are `text.scalarArray` (made once for the narrative checks of a section).
    static func restatements(
        in text: String, section: ReportSection, report: AnnualReport, missing: [CellID: String] = [:], scalars: [Unicode.Scalar]? = nil
    ) -> (findings: [Finding], passed: Int) {
        var findings: [Finding] = []
        var passed = 0
        let s = scalars ?? text.scalarArray
        func string(_ range: Range<Int>) -> String { String(scalars: s[range]) }
        // The scalars of the restatements already compared, so that no other takes their words
        // (marked, not a list of ranges searched for each match: review 25's 12,000 sentences took 20 s).
        var claimed = [Bool](repeating: false, count: s.count)
        func claim(_ range: Range<Int>) { for i in range { claimed[i] = true } }
        let starts = leadStartBits.withUnsafeBufferPointer { bits in
            s.withUnsafeBufferPointer { p in
                p.indices.filter { i in
                    let v = p[i].value
                    return v < 0x10000 ? bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : leadStarts.contains(v)
                }
            }
        }
        // Combined groups first: their words are claimed, so no group alone takes their number.
        let schema = ReportSchema.of(report.formatVersion)
        for (whole, number, groups) in Restatement.combinedGroups(in: s, starts: starts, year: report.year) {
            claim(whole)
            guard number.count <= 15, let n = Int(string(number)) else { continue }
            var cells: [CellID] = []
            for g in groups { for cell in groupCells(Restatement.groupWords[g], schema) where !cells.contains(cell) { cells.append(cell) } }
            let values = cells.map { report.cells[$0] }
            // A group not read is not guessed: the combination is left uncompared.
            guard !cells.isEmpty, values.allSatisfy({ $0 != nil }) else { continue }
            let table = values.compactMap { $0 }.reduce(0, +)
            let quote = string(whole)
            if table == Decimal(n) {
                passed += 1
            } else {
                findings.append(Finding(
                    rule: .narrativeRestatement, cells: cells, expected: table.plain, actual: Decimal(n).plain,
                    message: "第\(section.numeral)部分称“\(quote)”，但表格中这几类办理结果之和为 \(table.plain)",
                    location: .init(table: section.heading)))
            }
        }
        // Each restatement is tried only where one of its own lead words may start: all twelve at
        // every lead position was most of N1's cost.
        let list = restatementCache[report.formatVersion]!, owners = restatementsByLeadStart[report.formatVersion]!
        var startsOf = [[Int]](repeating: [], count: list.count)
        for r in startsOf.indices { startsOf[r].reserveCapacity(starts.count) }
        for p in starts {
            guard let k = leadStarts.firstIndex(of: s[p].value) else { continue }
            for r in owners[k] { startsOf[r].append(p) }
        }
        for (index, r) in list.enumerated() {
            for (whole, number) in r.matches(in: s, starts: startsOf[index], year: report.year) {
                guard !claimed[whole].contains(true) else { continue }
                claim(whole)
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
                // Exact unless the words say the count holds the carried-over ones too ("新收及上年
                // 结转…共 68 件", "新收…68 件（含上年结转 2 件）", "（包含2020年结转 2 件）", "，其中上年
                // 未办结 2 件": reviews 17, 18).
                let after = string(whole.upperBound..<min(s.count, whole.upperBound + 20))
                let exact = r.exactLeads.contains { quote.hasPrefix($0) } && !Self.holdsCarriedOver(quote, after: after)
                if table == stated || !exact && alternatives.contains(stated) {
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
