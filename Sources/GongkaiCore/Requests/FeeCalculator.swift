/// 信息处理费 (国办函〔2020〕109号, statute §3): per piece or per volume, progressive on the
/// excess, one method per request. Amounts are whole yuan.
public enum FeeMethod: String, Sendable, Codable, CaseIterable {
    /// 按件计收 (Art. 4): the same applicant's running count within a calendar month.
    case pieces
    /// 按量计收 (Art. 5): pages of one request.
    case pages

    public var chineseLabel: String { self == .pieces ? "按件计收" : "按量计收" }
}

public struct FeeQuote: Sendable, Equatable, Codable {
    /// One tier of the computation: pieces (or pages) `from`…`to` at `rate` yuan each.
    public struct Line: Sendable, Equatable, Codable {
        public let from: Int
        public let to: Int
        public let rate: Int
        public let amount: Int
        public let description: String
    }

    public let method: FeeMethod
    public let amount: Int
    public let breakdown: [Line]

    public var chineseSummary: String {
        let parts = breakdown.filter { $0.amount > 0 }.map { "\($0.description) \($0.to - $0.from + 1)×\($0.rate)=\($0.amount) 元" }
        return "\(method.chineseLabel)：" + (parts.isEmpty ? "免费" : parts.joined(separator: "；") + "；合计 \(amount) 元")
    }
}

public enum FeeCalculator {
    /// The fee by either method; `earlierThisMonth` counts only per piece.
    public static func quote(_ method: FeeMethod, quantity: Int, earlierThisMonth: Int = 0) -> FeeQuote {
        method == .pages ? perPage(quantity) : perPiece(quantity, earlierThisMonth: earlierThisMonth)
    }

    /// Art. 5: pages 1–30 free, 31–100 ¥10, 101–200 ¥20, 201 and above ¥40 each.
    /// Worked example: 2,219 pages → 70×10 + 100×20 + 2,019×40 = ¥83,460.
    public static func perPage(_ pages: Int) -> FeeQuote {
        precondition(pages >= 0)
        let tiers: [(ClosedRange<Int>, Int)] = [(1...30, 0), (31...100, 10), (101...200, 20), (201...Int.max, 40)]
        var lines: [FeeQuote.Line] = []
        for (range, rate) in tiers where pages >= range.lowerBound {
            let to = min(pages, range.upperBound)
            lines.append(.init(from: range.lowerBound, to: to, rate: rate, amount: (to - range.lowerBound + 1) * rate,
                               description: "第 \(range.lowerBound)–\(to) 页"))
        }
        return FeeQuote(method: .pages, amount: lines.reduce(0) { $0 + $1.amount }, breakdown: lines)
    }

    /// The rate of the n-th piece of the month (Art. 4, literal reading, statute §3.2 PROPOSED):
    /// 1–10 free, 11–30 ¥100, then each further block of ten ¥100 more (31–40 ¥200, 41–50 ¥300 …).
    public static func pieceRate(_ n: Int) -> Int {
        precondition(n >= 1)
        if n <= 10 { return 0 }
        if n <= 30 { return 100 }
        return 100 * (2 + (n - 31) / 10)
    }

    /// The fee for `pieces` new pieces of an applicant who already had `earlierThisMonth` pieces
    /// in the same calendar month: pieces `earlierThisMonth+1`…`earlierThisMonth+pieces`.
    public static func perPiece(_ pieces: Int, earlierThisMonth: Int = 0) -> FeeQuote {
        precondition(pieces >= 0 && earlierThisMonth >= 0)
        var lines: [FeeQuote.Line] = []
        var n = earlierThisMonth + 1
        let last = earlierThisMonth + pieces
        while n <= last {
            let rate = pieceRate(n)
            var end = n
            while end + 1 <= last, pieceRate(end + 1) == rate { end += 1 }
            lines.append(.init(from: n, to: end, rate: rate, amount: (end - n + 1) * rate, description: "本月第 \(n)–\(end) 件"))
            n = end + 1
        }
        return FeeQuote(method: .pieces, amount: lines.reduce(0) { $0 + $1.amount }, breakdown: lines)
    }
}
