import Foundation

/// 公开时限 of a standard catalogue item, read from the words catalogues use (statute §5.3):
/// “信息形成或者变更之日起20个工作日内” (Art. 26, the default), “每季度”, “每年”, “每年第一季度”
/// (once a year, by the end of March; so “每年度第一季度”, “每年1-3月”), “每年上半年” (by the end of
/// June), “实时公开”, “及时公开”, “按进展情况及时公开” …
public enum CatalogueTimeLimit: Equatable, Sendable {
    /// Within N working days of the information being formed or changed.
    case workingDaysAfterFormed(Int)
    /// Within N calendar days (“7日内”).
    case daysAfterFormed(Int)
    /// At least once in every period.
    case periodic(Period)
    /// Once a year, by the end of the given month (“每年3月底前”; “每年第一季度” is by the end of
    /// March): one publication a year, not one every quarter or month.
    case yearlyBy(month: Int)
    /// As it happens (实时/及时/按进展): no fixed schedule, nothing can be overdue by the calendar.
    case asItHappens
    /// Words the platform does not read; shown as written, never overdue.
    case unrecognised

    public enum Period: String, Sendable, Equatable, CaseIterable {
        case month, quarter, halfYear = "half_year", year

        public var chineseLabel: String {
            switch self {
            case .month: return "每月"
            case .quarter: return "每季度"
            case .halfYear: return "每半年"
            case .year: return "每年"
            }
        }

        var months: Int {
            switch self {
            case .month: return 1
            case .quarter: return 3
            case .halfYear: return 6
            case .year: return 12
            }
        }

        /// The first day of the period holding `date`.
        public func start(of date: CivilDate) -> CivilDate {
            let firstMonth = ((date.month - 1) / months) * months + 1
            return CivilDate(year: date.year, month: firstMonth, day: 1)!
        }

        /// The last day of the period holding `date`.
        public func end(of date: CivilDate) -> CivilDate {
            let lastMonth = ((date.month - 1) / months) * months + months
            return CivilDate(year: date.year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: date.year))!
        }

        /// The last day of the period after the one holding `date`.
        public func endOfNext(after date: CivilDate) -> CivilDate {
            end(of: end(of: date).adding(days: 1))
        }
    }

    public var chineseLabel: String {
        switch self {
        case .workingDaysAfterFormed(let n): return "信息形成或者变更之日起\(n)个工作日内"
        case .daysAfterFormed(let n): return "信息形成之日起\(n)日内"
        case .periodic(let p): return p.chineseLabel
        case .yearlyBy(let month): return "每年\(month)月底前（每年一次）"
        case .asItHappens: return "及时公开（无固定周期）"
        case .unrecognised: return "未能识别的时限"
        }
    }

    public static func parse(_ text: String) -> CatalogueTimeLimit {
        let t = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "　", with: "")
        if let n = number(before: "个工作日", in: t) { return .workingDaysAfterFormed(n) }
        if let n = number(before: "工作日", in: t) { return .workingDaysAfterFormed(n) }
        // “每年第一季度”, “每年3月底前”: once a year by then — read before the bare words
        // 季度/月, which would make it every quarter or every month.
        if let month = yearlyMonth(in: t) { return .yearlyBy(month: month) }
        // A period only where the words say “every” (每/按/逐): a bare 季度 or 年度 inside other
        // words (“上一年度的”) is no schedule, and unknown wording stays unrecognised.
        func every(_ unit: String) -> Bool { ["每", "按", "逐", "每个", "每一"].contains { t.contains($0 + unit) } || t.hasPrefix(unit) }
        if every("月") { return .periodic(.month) }
        if every("季") { return .periodic(.quarter) }
        if every("半年") { return .periodic(.halfYear) }
        if every("年") { return .periodic(.year) }
        if let n = number(before: "日内", in: t) ?? number(before: "天内", in: t) { return .daysAfterFormed(n) }
        if asItHappensWords.contains(where: t.contains) { return .asItHappens }
        return .unrecognised
    }

    /// Words for “as it happens”, read the same wherever they stand (随时, 随时随地, 即时 alike).
    static let asItHappensWords = ["实时", "及时", "即时", "随时", "常态", "进展", "动态", "长期"]

    /// The month by whose end a once-a-year item is due: “每年第N季度”/“每年N季度” → the quarter's
    /// last month, “每年N月…” and “次年N月…前” (the yearly report kind) → N, a span of months
    /// “每年1-3月” → its last month, “每年上半年”/“下半年” → 6/12; “每年度…” reads as “每年…”.
    /// Nil when the text names no such quarter, month or half after 每年 (cold review 11n, L6).
    static func yearlyMonth(in text: String) -> Int? {
        guard let r = text.range(of: "每年") ?? text.range(of: "次年") else { return nil }
        var rest = Substring(text[r.upperBound...])
        if rest.hasPrefix("度") { rest = rest.dropFirst() }
        if rest.hasPrefix("的") { rest = rest.dropFirst() }
        if rest.hasPrefix("上半年") { return 6 }
        if rest.hasPrefix("下半年") { return 12 }
        if rest.hasPrefix("第") { rest = rest.dropFirst() }
        func numeral(_ s: Substring) -> (value: Int, after: Substring)? {
            let digits = s.prefix(while: { $0.isNumber || "一二三四五六七八九十".contains($0) })
            guard !digits.isEmpty, let n = number(before: "|", in: String(digits) + "|") else { return nil }
            return (n, s.dropFirst(digits.count))
        }
        guard var (n, after) = numeral(rest) else { return nil }
        // “1-3月”, “1至3月”, “一到三月”, also with the unit on both ends (“1月-3月”, “第一季度至第三
        // 季度”) and of quarters (“第1-3季度”): due by the end of the span's last month or quarter
        // (cold review 11o M2: “1月-3月” was read as 1月).
        let dashes = "-－–—~～至到"
        var span = after
        for unit in ["月份", "月", "季度", "季"] where span.hasPrefix(unit) {
            let rest = span.dropFirst(unit.count)
            if let dash = rest.first, dashes.contains(dash) { span = rest }
            break
        }
        if let dash = span.first, dashes.contains(dash) {
            var second = span.dropFirst()
            if second.hasPrefix("第") { second = second.dropFirst() }
            let unit = span.startIndex == after.startIndex ? nil : after.first  // the first end's unit, if it has one
            if let (m, tail) = numeral(second), m >= n, tail.hasPrefix("月") || tail.hasPrefix("季"), unit == nil || tail.first == unit {
                (n, after) = (m, tail)
            }
        }
        if after.hasPrefix("季") { return (1...4).contains(n) ? n * 3 : nil }
        if after.hasPrefix("月") { return (1...12).contains(n) ? n : nil }
        return nil
    }

    /// The integer written (in Arabic or simple Chinese numerals) right before `suffix`.
    static func number(before suffix: String, in text: String) -> Int? {
        guard let range = text.range(of: suffix) else { return nil }
        let head = text[..<range.lowerBound]
        let digits = String(head.reversed().prefix(while: { $0.isNumber || "一二三四五六七八九十".contains($0) }).reversed())
        guard !digits.isEmpty else { return nil }
        if let n = Int(digits) { return n }
        let values: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        if digits == "十" { return 10 }
        if digits.hasPrefix("十"), let last = digits.last, let v = values[last] { return 10 + v }
        if digits.count == 2, digits.hasSuffix("十"), let v = values[digits.first!] { return v * 10 }
        if digits.count == 3, Array(digits)[1] == "十", let a = values[digits.first!], let b = values[digits.last!] { return a * 10 + b }
        return digits.count == 1 ? values[digits.first!] : nil
    }
}

/// How a catalogue item stands: when it was last fulfilled, when it is next due, whether it is
/// overdue, and how many of its publications came late.
public struct CatalogueCompliance: Equatable, Sendable {
    public let lastPublished: CivilDate?
    public let nextDue: CivilDate?
    public let overdue: Bool
    public let latePublications: Int
    public let publications: Int
    /// Deadlines in working days that fall outside the holiday calendar in force (a year not yet
    /// announced, or before 2019): not computed, neither late nor on time — shown as such.
    public var uncomputable: Int = 0

    /// Fulfilled: published at least once and not overdue (the completion rate counts these).
    public var fulfilled: Bool { publications > 0 && !overdue }

    /// A publication linked to the item: the day its information was formed, the day it went public.
    public struct Record: Equatable, Sendable {
        public let formedOn: CivilDate?
        public let publishedOn: CivilDate
        public init(formedOn: CivilDate?, publishedOn: CivilDate) {
            self.formedOn = formedOn
            self.publishedOn = publishedOn
        }
    }

    /// - Parameters:
    ///   - since: the day the item entered the agency's catalogue (the first period counts from it).
    ///   - pendingFormedOn: formation dates of linked drafts not yet published (they are due too).
    public static func evaluate(_ limit: CatalogueTimeLimit, published: [Record], pendingFormedOn: [CivilDate] = [],
                                since: CivilDate, today: CivilDate, calendar: WorkingDayCalendar) throws -> CatalogueCompliance {
        let last = published.map(\.publishedOn).max()
        var nextDue: CivilDate?
        var overdue = false
        var late = 0, uncomputable = 0
        switch limit {
        case .periodic(let period):
            nextDue = last.map { period.endOfNext(after: $0) } ?? period.end(of: since)
            overdue = today > nextDue!
        case .workingDaysAfterFormed(let n):
            for record in published {
                guard let formed = record.formedOn else { continue }
                guard let due = try? calendar.addingWorkingDays(n, to: formed) else { uncomputable += 1; continue }
                if record.publishedOn > due { late += 1 }
            }
            let dues = pendingFormedOn.compactMap { try? calendar.addingWorkingDays(n, to: $0) }
            uncomputable += pendingFormedOn.count - dues.count
            nextDue = dues.min()
            // Without the calendar, n working days never span more than 2n + 20 calendar days
            // (weekends and the longest holiday runs): past that the item is overdue all the same.
            overdue = dues.contains { $0 < today } || pendingFormedOn.contains { today > $0.adding(days: 2 * n + 20) }
        case .daysAfterFormed(let n):
            for record in published {
                if let formed = record.formedOn, record.publishedOn > formed.adding(days: n) { late += 1 }
            }
            let dues = pendingFormedOn.map { $0.adding(days: n) }
            nextDue = dues.min()
            overdue = dues.contains { $0 < today }
        case .yearlyBy(let month):
            // The end of that month in the year after the last publication (it fulfilled its
            // own year); never published: the first such month end since the item was listed.
            func deadline(_ year: Int) -> CivilDate {
                CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
            }
            nextDue = last.map { deadline($0.year + 1) } ?? (since <= deadline(since.year) ? deadline(since.year) : deadline(since.year + 1))
            overdue = today > nextDue!
        case .asItHappens, .unrecognised:
            break
        }
        return CatalogueCompliance(lastPublished: last, nextDue: nextDue, overdue: overdue, latePublications: late,
                                   publications: published.count, uncomputable: uncomputable)
    }
}
