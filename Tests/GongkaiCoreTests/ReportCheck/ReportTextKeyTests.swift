import Testing

@testable import GongkaiCore

/// `ReportText.key` cuts a key that is one run of the text's bytes from the text, writes any
/// other, and `withKeyBytes` hands the same bytes over without a string (issue #10, speed): all
/// three ways give the same key.
@Suite("Report check: label keys")
struct ReportTextKeyTests {
    /// (text, key): worked examples, one run and several, ASCII, CJK and other scripts.
    static let cases: [(String, String)] = [
        ("部分公开", "部分公开"),  // the text itself
        ("  部分公开\t", "部分公开"),  // one run, cut from the middle
        ("（一）", "一"),
        ("（二）部分公开（区分处理的）", "二部分公开区分处理的"),
        ("三、本年度办理结果 1 2 3", "三本年度办理结果123"),
        ("——", ""),
        ("", ""),
        ("Ａ１：ｂ", "Ａ１ｂ"),  // full-width letters and digits are kept, ： is not
        ("café 1", "café1"),  // é (U+00E9) is a letter
        ("e\u{301}x", "ex"),  // a combining mark is dropped
        ("〇二三年", "〇二三年"),  // 〇 is a numeral among CJK punctuation
        ("𠀀·1", "𠀀1"),  // a four-byte ideograph (U+20000)
    ]

    @Test("worked examples: letters, digits and CJK only")
    func keys() {
        for (text, key) in Self.cases {
            #expect(Array(ReportText.key(text).utf8) == Array(key.utf8), "\(text)")
        }
    }

    @Test("the key's bytes without a string are the key's UTF-8")
    func keyBytes() {
        for (text, key) in Self.cases {
            #expect(ReportText.withKeyBytes(text) { Array($0) } == Array(key.utf8), "\(text)")
        }
    }
}
