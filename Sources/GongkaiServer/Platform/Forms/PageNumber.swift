/// Page numbers taken from a query string. Bounded, so that no arithmetic on a number a
/// stranger typed can overflow (`?page=9223372036854775807` once took the server down).
enum PageNumber {
    /// Far beyond any real list (10 million rows at 50 a page), far below overflow.
    static let maximum = 200_000

    /// 1 for a missing or malformed number, otherwise the number clamped to 1…maximum.
    static func parse(_ text: String?) -> Int {
        guard let text, let n = Int(text) else { return 1 }
        return min(max(n, 1), maximum)
    }

    /// The rows of a page, computed on the clamped number.
    static func range(page: Int, size: Int) -> Range<Int> {
        let p = min(max(page, 1), maximum)
        return ((p - 1) * size)..<(p * size)
    }
}
