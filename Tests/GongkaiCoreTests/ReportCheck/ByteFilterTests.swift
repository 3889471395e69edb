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
}
