/// Regulation Art. 36(六): an applicant who has been answered and asks again for the same
/// information is told the request will not be processed again (table 三 row
/// `not_processed_duplicate`). Whether two descriptions ask for "the same" is a judgement the
/// officer makes; this rule only flags likely repeats so that the officer looks.
public enum RepeatedApplication {
    /// The share of the shorter description's character pairs that must recur in the other.
    public static let sharedPairThreshold = 0.8
    /// A description this long found whole inside the other counts as the same request.
    public static let containedMinimumLength = 6

    /// Compared without spaces, punctuation or letter case: equal, one contained in the other,
    /// or most of the shorter one's adjacent character pairs found in the other: "2023年财政预算"
    /// and "2023年度财政预算执行" share 7 of 8 pairs (flagged); "2023年财政预算" and "2023年财政决算"
    /// share 6 of 8 (75 %, not flagged — a budget is not a final account).
    public static func asksForTheSame(_ a: String, _ b: String) -> Bool {
        let x = key(a), y = key(b)
        guard !x.isEmpty, !y.isEmpty else { return false }
        if x == y || (x.count >= containedMinimumLength && y.contains(x)) || (y.count >= containedMinimumLength && x.contains(y)) {
            return true
        }
        let px = pairs(x), py = pairs(y)
        let shared = px.intersection(py).count
        return Double(shared) / Double(max(1, min(px.count, py.count))) >= sharedPairThreshold
    }

    /// Letters, digits and ideographs only, lower-cased, full-width forms folded to ASCII
    /// ("２０２３" is "2023": applicants type both).
    static func key(_ text: String) -> String {
        let folded = text.lowercased().unicodeScalars.map { s -> Unicode.Scalar in
            (0xFF01...0xFF5E).contains(s.value) ? Unicode.Scalar(s.value - 0xFEE0)! : s
        }
        return String(String.UnicodeScalarView(folded.filter { s in s.properties.isAlphabetic || s.properties.numericType != nil }))
    }

    static func pairs(_ s: String) -> Set<String> {
        let c = Array(s)
        return c.count < 2 ? [s] : Set((0..<(c.count - 1)).map { String(c[$0...($0 + 1)]) })
    }
}
