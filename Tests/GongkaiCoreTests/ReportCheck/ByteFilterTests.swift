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

    static let rangeCases: [(text: String, needle: String)] = [
        ("关于印发示范县2023年政府信息公开工作年度报告的通知", "关于"),
        ("示范县关于转发关于印发…的通知", "关于"),
        ("示范县发布公布印发", "公布"),
        ("示范县教育局", "关于"),
        ("关于", "关于"),
        ("关\u{301}于关于", "关于"),  // a mark joins 关: not plain, left to Foundation
        ("（2023）关于ＡＢ关于", "关于"),
        ("", "关于"),
    ]

    @Test("a search on the bytes of plain text finds what Foundation's range(of:) finds, forwards and backwards")
    func plainRange() {
        for (text, needle) in Self.rangeCases {
            #expect(text.plainRange(of: needle) == text.range(of: needle), "\(text)")
            #expect(text.plainRange(of: needle, backwards: true) == text.range(of: needle, options: .backwards), "\(text)")
            let tail = text.dropFirst(min(2, text.count))
            #expect(tail.plainRange(of: needle, backwards: true) == tail.range(of: needle, options: .backwards), "\(text)")
        }
    }

    @Test("a title's year in brackets or in Chinese numerals, on scalars and on characters alike")
    func titleYears() {
        let cases: [(String, Int?)] = [
            ("示范县教育局政府信息公开工作年报（2022）", 2022),
            ("示范县教育局政府信息公开工作年报(2022)", 2022),
            ("（二〇二二年）", 2022),
            ("二〇二二年度示范县报告", 2022),
            ("（二零二三年）", 2023),
            ("（二〇二二年）\u{301}", 2022),  // a combining mark: read on characters
            ("（1234）（二〇〇〇年）", 2000),
            ("（一二三四年）", nil),
            ("示范县教育局政府信息公开工作年度报告", nil),
        ]
        for (line, year) in cases {
            #expect(ReportStructure.titleYear(line) == year, "\(line)")
        }
    }

    @Test("a line's end is the next line feed, or the end of the text")
    func lineEnds() {
        let bytes = Array("一\n\n三、".utf8)
        #expect(ReportText.lineEnd(in: bytes, from: 0) == 3)
        #expect(ReportText.lineEnd(in: bytes, from: 3) == 3)
        #expect(ReportText.lineEnd(in: bytes, from: 4) == 4)
        #expect(ReportText.lineEnd(in: bytes, from: 5) == bytes.count)
        #expect(ReportText.lineEnd(in: bytes, from: bytes.count) == bytes.count)
    }

    @Test("a long line is a heading by its first characters: a paragraph 一是… is none, a heading running on is one")
    func longHeadingLines() {
        let paragraph = "一是加强组织领导，" + String(repeating: "认真贯彻落实政府信息公开条例，", count: 12)
        let runOn = "三、收到和处理政府信息公开申请情况 " + String(repeating: "本年度共收到申请，均在法定期限内答复。", count: 10)
        let text = "示范县2023年政府信息公开工作年度报告\n一、总体情况\n" + paragraph + "\n二、主动公开政府信息情况\n表格\n" + runOn + "\n表三\n"
        let structure = ReportStructure.split(text)
        #expect(structure.sections[.overview] == paragraph)
        #expect(structure.sections[.requests]?.hasPrefix("本年度共收到申请") == true)
        #expect(structure.sections[.requests]?.hasSuffix("表三") == true)
    }
}
