import Foundation

extension NarrativeChecks {
    /// How exactly a number in the text is meant.
    enum Approximation: Equatable {
        case exact
        /// `1600 余件`, `600 多条`, `600 条以上`, `超过 600 条`: at least the number.
        case atLeast
        /// `约 600 条`, `600 条左右`: within a tenth either way.
        case about
        /// `近 600 条`: a little less.
        case atMost
        /// `不足 600 条`, `不到 600 条`, `600 条以内`: at most the number, perhaps far less.
        case under
    }

    /// A number with its unit, as written in the text: `7807 件`, `30.83 万件`, `1600 余件`; the
    /// range is in scalar offsets of the text (the number and its unit, not the qualifiers).
    struct Quantity {
        var value: Decimal {
            // A figure changed is no longer the one read (`fixed`, `whole`).
            didSet {
                fixed = nil
                whole = nil
            }
        }
        let unit: String
        let range: Range<Int>
        var approximation: Approximation = .exact
        /// As written, with its qualifier (`1600余`), for messages.
        var written: String
        /// Half a unit of the last printed place of a figure with decimals in 万 or 亿 (`30.84 万件`
        /// stands for anything from 30.835 to 30.845 万): such figures are rounded, and a sum of
        /// them is compared within the rounding of each term. Zero for figures taken as exact.
        var halfUnit: Decimal = 0 {
            didSet { fixed = nil }
        }
        /// Half a 万 or 亿 of a whole figure in 万 or 亿 (`2 万件`, `30万件`): it may be rounded to
        /// its unit as well (15000 to 24999 for 2 万) — or exact. Only the loose reading, which
        /// N2 tries before it calls a sum an error, counts it (review 10f H11).
        var wholeHalfUnit: Decimal = 0 {
            didSet { fixed = nil }
        }
        /// Read as a label (`内容不足 20 件`), but a broad noun before 不足 may as well be the
        /// subject of "fewer than 20" (review 10j H2): where only the label reading breaks a sum,
        /// N2 says so as a warning, not an error.
        var shortfallMayQualify = false
        /// `value`, `halfUnit` and `wholeHalfUnit` in millionths, for a figure read as digits with
        /// at most five decimals (`7807 件`, `30.84 万件`) and not changed since; nil otherwise.
        var fixed: Fixed?

        /// A figure in millionths of its unit: N2 adds and compares such figures as integers (a
        /// Decimal addition or comparison costs thousands of instructions).
        struct Fixed {
            static let scale = 1_000_000
            var value: Int
            var halfUnit: Int
            var wholeHalfUnit: Int

            /// `x` in millionths (nil when that overflows).
            static func millionths(_ x: Int) -> Int? {
                let (m, overflow) = x.multipliedReportingOverflow(by: scale)
                return overflow ? nil : m
            }

            /// Each part times `multiplier` and divided by `divisor`, when that is exact and no
            /// part overflows.
            func scaled(by multiplier: Int, dividedBy divisor: Int) -> Fixed? {
                func scale(_ x: Int) -> Int? {
                    let (m, overflow) = x.multipliedReportingOverflow(by: multiplier)
                    return overflow || m % divisor != 0 ? nil : m / divisor
                }
                guard let v = scale(value), let h = scale(halfUnit), let w = scale(wholeHalfUnit) else { return nil }
                return Fixed(value: v, halfUnit: h, wholeHalfUnit: w)
            }

            /// The sum of figures, when none is nil and no sum overflows.
            static func sum(_ figures: [Fixed?]) -> Fixed? {
                var total = Fixed(value: 0, halfUnit: 0, wholeHalfUnit: 0)
                for f in figures {
                    guard let f else { return nil }
                    let (v, o1) = total.value.addingReportingOverflow(f.value)
                    let (h, o2) = total.halfUnit.addingReportingOverflow(f.halfUnit)
                    let (w, o3) = total.wholeHalfUnit.addingReportingOverflow(f.wholeHalfUnit)
                    guard !o1, !o2, !o3 else { return nil }
                    total = Fixed(value: v, halfUnit: h, wholeHalfUnit: w)
                }
                return total
            }
        }

        /// `value` as an integer, for a figure read as digits without a decimal point (`7807 件`,
        /// `2 万件`): its digits are its printing.
        var whole: Int?

        /// The values the words allow: [low, high], high nil when unbounded.
        var bounds: (low: Decimal, high: Decimal?) { bounds(loose: false) }

        /// The values the words allow, with whole figures in 万 or 亿 taken as rounded when `loose`.
        func bounds(loose: Bool) -> (low: Decimal, high: Decimal?) {
            let b: (low: Decimal, high: Decimal?)
            switch approximation {
            case .under: b = (0, value)
            case .exact: b = (value, value)
            case .atLeast: b = (value, nil)
            case .about: b = (value * Quantity.nineTenths, value * Quantity.elevenTenths)
            case .atMost: b = (value * Quantity.nineTenths, value)
            }
            // Most figures are exact: no arithmetic with their zero half units (see `plus`).
            if halfUnit.isZero, !loose || wholeHalfUnit.isZero, !b.low.isZero, !(b.high?.isZero ?? false) { return b }
            let half = halfUnit + (loose ? wholeHalfUnit : 0)
            return (b.low - half, b.high.map { $0 + half })
        }

        /// `bounds(loose:)` in millionths (see `Fixed`); nil for a figure not read so, or when a
        /// bound overflows.
        func fixedBounds(loose: Bool) -> (low: Int, high: Int?)? {
            guard let fixed else { return nil }
            let v = fixed.value
            // A tenth of the value (for 约 and 近): a whole number of millionths for every figure
            // read with at most five decimals.
            guard v % 10 == 0 else { return nil }
            func tenths(_ n: Int) -> Int? {
                let (m, overflow) = (v / 10).multipliedReportingOverflow(by: n)
                return overflow ? nil : m
            }
            let b: (low: Int, high: Int?)
            switch approximation {
            case .under: b = (0, v)
            case .exact: b = (v, v)
            case .atLeast: b = (v, nil)
            case .about:
                guard let low = tenths(9), let high = tenths(11) else { return nil }
                b = (low, high)
            case .atMost:
                guard let low = tenths(9) else { return nil }
                b = (low, v)
            }
            let (half, overflow) = fixed.halfUnit.addingReportingOverflow(loose ? fixed.wholeHalfUnit : 0)
            guard !overflow else { return nil }
            let (low, lowOverflow) = b.low.subtractingReportingOverflow(half)
            guard !lowOverflow else { return nil }
            guard let high = b.high else { return (low, nil) }
            let (sum, highOverflow) = high.addingReportingOverflow(half)
            return highOverflow ? nil : (low, sum)
        }

        /// Parsed once, not for every bound asked.
        static let nineTenths = Decimal(string: "0.9")!
        static let elevenTenths = Decimal(string: "1.1")!

        /// Whether the figure stands for a range of values (a qualifier or rounding).
        var isApproximate: Bool { approximation != .exact || halfUnit != 0 }
    }

    /// `a + b`, without Foundation's arithmetic when exactly one of them is zero: the sum is then
    /// the other, the very same Decimal (each operation costs thousands of instructions, and the
    /// sums of N2 add zero half units and start from zero all the time). Two zeros are added as
    /// ever (the sum may take either's exponent).
    static func plus(_ a: Decimal, _ b: Decimal) -> Decimal {
        if a.isZero != b.isZero { return a.isZero ? b : a }
        return a + b
    }

    /// The units of a count, as words and as scalars.
    static let unitNames = ["人次", "件次", "件", "条", "个", "项", "次", "份", "宗", "起", "家", "篇", "期", "场"]
    static let units: [[Unicode.Scalar]] = unitNames.map { Array($0.unicodeScalars) }

    /// The first scalars of `units`: a figure with any other after it (a year, a date, a share) is
    /// no count, and the units are not tried.
    static let unitStarts: [UInt32] = units.map { $0[0].value }

    private static func qualifiers(_ list: [(String, Approximation)]) -> [(word: [Unicode.Scalar], meaning: Approximation)] {
        list.map { (Array($0.0.unicodeScalars), $0.1) }
    }
    private static let before = qualifiers([
        ("大约", .about), ("大概", .about), ("约", .about), ("将近", .atMost), ("接近", .atMost), ("近", .atMost),
        ("超过", .atLeast), ("多于", .atLeast), ("逾", .atLeast), ("突破", .atLeast), ("超", .atLeast),
        ("不足", .under), ("不到", .under), ("少于", .under), ("低于", .under),
    ])
    /// What may stand between a qualifier and its number (`约为`, `约达`, `大约有`, `约计`,
    /// `超过了`): read through, so the qualifier still qualifies (review 10h H2).
    private static let fillers = ["达到", "为", "达", "有", "计", "了", "到"].map { Array($0.unicodeScalars) }
    /// The last scalars of the qualifiers `before` a figure and of the `fillers`.
    private static let beforeEnds: [Unicode.Scalar] = Array(Set(before.map { $0.word.last! } + fillers.map { $0.last! }))
    /// A one-character qualifier that ends a word with the character before it is that word:
    /// 预约 55 件, 节约为 55 万元, 最近有 28 件 are exact figures (review 10i M1: such mismatches
    /// were missed as approximate).
    private static let wordsEndingLikeAQualifier: Set<String> = [
        "预约", "签约", "节约", "违约", "合约", "制约", "履约", "公约", "条约", "特约", "集约", "简约",
        "最近", "附近", "邻近", "靠近", "临近", "就近", "亲近", "赶超", "高超",
    ]
    /// Nouns that make 不足 after them a category's label (`材料不足 21 件`: the applications whose
    /// materials were insufficient, an exact figure), not "fewer than" (review 10i M1).
    private static let nounsBeforeShortfall: Set<String> = [
        "材料", "资料", "证据", "证明", "手续", "要件", "条件", "依据", "理由", "说明", "描述", "内容",
    ]
    private static let shortfall = Array("不足".unicodeScalars)
    /// The broad ones of those nouns: 其余申请内容不足 20 件 reads either way (review 10j H2).
    private static let broadNounsBeforeShortfall: Set<String> = ["条件", "依据", "理由", "说明", "描述", "内容"]

    /// Whether 不足 at `p` follows a broad noun, so that it may qualify after all.
    private static func shortfallAfterBroadNoun(_ q: [Unicode.Scalar], at p: Int, in s: [Unicode.Scalar]) -> Bool {
        guard q == shortfall, p >= 2 else { return false }
        var noun = String.UnicodeScalarView()
        noun.append(s[p - 2])
        noun.append(s[p - 1])
        return broadNounsBeforeShortfall.contains(String(noun))
    }

    /// Whether the qualifier `q` found at `p` qualifies, rather than ending a word there.
    private static func qualifies(_ q: [Unicode.Scalar], at p: Int, in s: [Unicode.Scalar]) -> Bool {
        if q == shortfall, p >= 2 {
            var noun = String.UnicodeScalarView()
            noun.append(s[p - 2])
            noun.append(s[p - 1])
            return !nounsBeforeShortfall.contains(String(noun))
        }
        guard q.count == 1, p > 0 else { return true }
        var pair = String.UnicodeScalarView()
        pair.append(s[p - 1])
        pair.append(q[0])
        return !wordsEndingLikeAQualifier.contains(String(pair))
    }
    private static let afterNumber = qualifiers([("余", .atLeast), ("多", .atLeast)])
    private static let afterUnit = qualifiers([
        ("左右", .about), ("上下", .about), ("以上", .atLeast), ("以内", .under), ("以下", .under),
    ])

    /// Made once: a locale per figure cost more than the rest of reading it.
    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Whether the word `w` stands in `s` at `i`, compared scalar by scalar (`elementsEqual` on
    /// slices, for every unit and qualifier at every figure, was a sixth of reading the figures).
    static func word(_ w: [Unicode.Scalar], at i: Int, in s: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i + w.count <= s.count else { return false }
        for k in w.indices where s[i + k] != w[k] { return false }
        return true
    }

    /// The figure `digits` (at most 15, perhaps with a decimal point) in millionths (see
    /// `Quantity.Fixed`), in 万 or 亿 when `inTenThousands`: its half units as `quantities` sets
    /// them. Nil with more than five decimals, or when it overflows.
    private static func fixed(_ digits: ArraySlice<Unicode.Scalar>, inTenThousands: Bool) -> Quantity.Fixed? {
        var n = 0
        var places: Int?
        for d in digits {
            if d == "." { places = 0; continue }
            n = n * 10 + Int(d.value - 48)
            places = places.map { $0 + 1 }
        }
        guard let places else {
            return Quantity.Fixed.millionths(n).map { Quantity.Fixed(value: $0, halfUnit: 0, wholeHalfUnit: inTenThousands ? 500_000 : 0) }
        }
        guard places <= 5 else { return nil }
        var tenth = 1
        for _ in 0..<(5 - places) { tenth *= 10 }
        let (value, overflow) = n.multipliedReportingOverflow(by: tenth * 10)
        return overflow ? nil : Quantity.Fixed(value: value, halfUnit: inTenThousands ? 5 * tenth : 0, wholeHalfUnit: 0)
    }

    /// Half a unit of the last place of a figure with 0…15 decimals, divided once, not for every
    /// such figure (Decimal's division was a hundredth of a check).
    private static let halfUnits: [Decimal] = (0..<16).map { Decimal(sign: .plus, exponent: -$0, significand: 5) / 10 }

    /// A run of at most 15 ASCII digits as an integer, without Decimal's string parser (with its
    /// locale look-ups, a tenth of N2): as a Decimal, the same value `Decimal(string:locale:)` reads.
    private static func integer(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        var n = 0
        for d in digits { n = n * 10 + Int(d.value - 48) }
        return digits.isEmpty ? nil : n
    }

    /// A run of at most 15 digits with a decimal point as `Decimal(string:locale:)` reads it:
    /// the digits as the significand, the places after the point as the exponent, compacted as
    /// that parser leaves them (its look-up of the locale's separator was most of the cost of
    /// such a figure). Zero, whose exponent the parser keeps (`0.00`), is left to the parser.
    private static func decimal(_ digits: ArraySlice<Unicode.Scalar>) -> Decimal? {
        var n = 0
        var places = 0
        var afterDot = false
        for d in digits {
            if d == "." { afterDot = true; continue }
            n = n * 10 + Int(d.value - 48)
            if afterDot { places += 1 }
        }
        guard n != 0 else { return Decimal(string: String(scalars: digits), locale: posix) }
        return Decimal(sign: .plus, exponent: -places, significand: Decimal(n))
    }

    /// Every `number unit` in the text, with its qualifiers, by a scan of its scalars (a regular
    /// expression here cost more than the rest of the check).
    static func quantities(in s: [Unicode.Scalar]) -> [Quantity] {
        // The word lists read once, not through their static accessors at every figure.
        let units = Self.units, unitNames = Self.unitNames, unitStarts = Self.unitStarts
        let afterNumber = Self.afterNumber, afterUnit = Self.afterUnit
        let before = Self.before, fillers = Self.fillers, beforeEnds = Self.beforeEnds
        var result: [Quantity] = []
        var i = 0
        while i < s.count {
            // To the next digit in one read of the scalars (checking the array's bounds at every
            // scalar of the text was most of this scan).
            i = s.withUnsafeBufferPointer { p in
                var k = i
                while k < p.count, !isDigit(p[k]) { k += 1 }
                return k
            }
            guard i < s.count else { break }
            guard i == 0 || !(isDigit(s[i - 1]) || s[i - 1] == "." || s[i - 1] == "%") else { i += 1; continue }
            let start = i
            var end = i
            var sawDot = false
            while end < s.count {
                if isDigit(s[end]) { end += 1; continue }
                if s[end] == ".", !sawDot, end + 1 < s.count, isDigit(s[end + 1]) { sawDot = true; end += 1; continue }
                break
            }
            var approximation = Approximation.exact
            var j = end
            while j < s.count, s[j] == " " { j += 1 }
            // A unit wrapped to the next line, as a PDF's text wraps a paragraph ("部门184⏎条": review
            // 21 saw the part dropped from a sum).
            if j < s.count, s[j] == "\n" {
                var k = j + 1
                while k < s.count, s[k] == " " { k += 1 }
                if k < s.count, unitStarts.contains(s[k].value), units.contains(where: { word($0, at: k, in: s) }) { j = k }
            }
            var unit = ""
            if j < s.count, s[j] == "万" || s[j] == "亿" {
                unit = String(s[j])
                j += 1
            }
            // 1600余件, 600多条, 1.2万余件
            if let q = afterNumber.first(where: { word($0.word, at: j, in: s) }) {
                approximation = q.meaning
                j += q.word.count
                if unit.isEmpty, j < s.count, s[j] == "万" || s[j] == "亿" { unit = String(s[j]); j += 1 }
            }
            while j < s.count, s[j] == " " { j += 1 }
            guard end - start <= 15, j < s.count, unitStarts.contains(s[j].value),
                let matched = units.firstIndex(where: { word($0, at: j, in: s) })
            else {
                i = end
                continue
            }
            let whole = sawDot ? nil : integer(s[start..<end])
            guard let value = sawDot ? decimal(s[start..<end]) : whole.map(Decimal.init(_:)) else {
                i = end
                continue
            }
            let unitEnd = j + units[matched].count
            if approximation == .exact, let q = afterUnit.first(where: { word($0.word, at: unitEnd, in: s) }) { approximation = q.meaning }
            var mayQualify = false
            var b = start
            while b > 0, s[b - 1] == " " { b -= 1 }
            // Most figures follow a scalar that ends no qualifier nor filler: the lists are not tried.
            if approximation == .exact, b > 0, beforeEnds.contains(s[b - 1]) {
                if let q = before.first(where: { word($0.word, at: b - $0.word.count, in: s) }) {
                    if qualifies(q.word, at: b - q.word.count, in: s) { approximation = q.meaning }
                    mayQualify = shortfallAfterBroadNoun(q.word, at: b - q.word.count, in: s)
                } else if let filler = fillers.first(where: { word($0, at: b - $0.count, in: s) }) {
                    var f = b - filler.count
                    while f > 0, s[f - 1] == " " { f -= 1 }
                    if let q = before.first(where: { word($0.word, at: f - $0.word.count, in: s) }) {
                        if qualifies(q.word, at: f - q.word.count, in: s) { approximation = q.meaning }
                        mayQualify = shortfallAfterBroadNoun(q.word, at: f - q.word.count, in: s)
                    }
                }
            }
            let number = String(scalars: s[start..<end])
            let written: String
            switch approximation {
            case .exact: written = number
            case .atLeast: written = number + "余"
            case .about: written = "约" + number
            case .atMost: written = "近" + number
            case .under: written = "不足" + number
            }
            // 30.84 万件: rounded to its last printed place (two decimals: ±0.005 万).
            var halfUnit: Decimal = 0
            if !unit.isEmpty, sawDot, let dot = s[start..<end].firstIndex(of: ".") {
                let places = end - dot - 1
                halfUnit = places < halfUnits.count ? halfUnits[places] : Decimal(sign: .plus, exponent: -places, significand: 5) / 10
            }
            // 2 万件: perhaps rounded to the 万 (a loose reading, tried before an error is stated).
            let wholeHalfUnit: Decimal = !unit.isEmpty && !sawDot ? Decimal(sign: .plus, exponent: -1, significand: 5) : 0
            result.append(
                Quantity(
                    value: value, unit: unit.isEmpty ? unitNames[matched] : unit + unitNames[matched], range: start..<unitEnd,
                    approximation: approximation, written: written, halfUnit: halfUnit, wholeHalfUnit: wholeHalfUnit,
                    shortfallMayQualify: mayQualify, fixed: fixed(s[start..<end], inTenThousands: !unit.isEmpty), whole: whole))
            i = unitEnd
        }
        return result
    }
}
