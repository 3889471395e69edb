import Testing

@testable import GongkaiCore

/// The byte tests that let the issuer reader skip a character-by-character test (issue #10,
/// speed): each may only say "maybe" where the test it guards could say yes.
@Suite("Report check: byte filters before character tests")
struct ByteFilterTests {
    @Test("sentence marks and 年 (and its compatibility ideograph U+F98E) pass their filters")
    func markFilters() {
        for mark in ["。", "，", "；", ",", ";", "\u{037E}"] {
            #expect(IssuerReader.mayHoldSentenceMark("示范县" + mark), "\(mark)")
        }
        #expect(!IssuerReader.mayHoldSentenceMark("示范县教育局2023年政府信息公开工作年度报告"))
        #expect(IssuerReader.mayHoldNian("（2022年度）"))
        #expect(IssuerReader.mayHoldNian("（2022\u{F98E}度）"))
        #expect(IssuerReader.isYearLine("（2022\u{F98E}度）") == IssuerReader.isYearLine("（2022年度）"))
        #expect(!IssuerReader.mayHoldNian("示范县教育局"))
    }

    @Test("the signature date is found at the end of a line, after its spaces and bar")
    func dateAtEnd() {
        let cases: [(String, String?)] = [
            ("示范县教育局 2024年1月20日", "2024年1月20日"),
            ("示范县教育局2024 年 1 月 20 日 │", "2024 年 1 月 20 日"),
            ("发布时间：2024-01-20", "2024-01-20"),
            ("共 20240120 条", nil),
            ("1999年1月20日", nil),
        ]
        for (line, date) in cases {
            #expect(IssuerReader.dateRange(in: line).map { String(line[$0]) } == date, "\(line)")
        }
    }

    static let periodTexts = [
        "统计期限自2023年1月1日起至2023年12月31日止。截至2023年12月31日，现行有效31件；\n计划于2024年12月31日前完成",
        "无三十一\n31\n\n。；31。",
        "末句31",
        "统计期限：2023年1月1日至2023年12月31日\r\n其他31件",  // CR: not plain, cut by characters
        "e\u{301}。\u{301}31；31",  // a mark after 。 joins it: one character, no cut there
    ]

    @Test("the period's sentences are cut on bytes as by characters", arguments: periodTexts)
    func sentencesWith31(_ text: String) {
        let byCharacters = text.split(whereSeparator: { $0 == "\n" || $0 == "。" || $0 == "；" }).filter { $0.contains("31") }
        #expect(ReportStructure.sentencesWith31(text).map(String.init) == byCharacters.map(String.init))
    }
}
