import Foundation
import Testing
@testable import GongkaiCore

/// Counts written in Chinese numerals in the narrative, read as digits by N1 and N2 only where
/// they are counts beyond doubt.
@Suite("Report check: Chinese numerals in the narrative")
struct NarrativeNumeralTests {
    struct Numeral: Sendable, CustomTestStringConvertible {
        let written: String
        let value: Int?
        var testDescription: String { "\(written) → \(value.map(String.init) ?? "nil")" }
    }

    @Test("numerals of the standard form, and what is no numeral", arguments: [
        Numeral(written: "五", value: 5), Numeral(written: "十", value: 10), Numeral(written: "十五", value: 15),
        Numeral(written: "五十", value: 50), Numeral(written: "二十三", value: 23), Numeral(written: "一百零五", value: 105),
        Numeral(written: "一百一十", value: 110), Numeral(written: "三千零五十", value: 3050), Numeral(written: "两千", value: 2000),
        Numeral(written: "九百九十九", value: 999), Numeral(written: "一万零五十", value: 10050), Numeral(written: "一万五千", value: 15000),
        Numeral(written: "三万", value: 30000),
        // colloquial, vague or not a numeral at all
        Numeral(written: "二百五", value: nil), Numeral(written: "三四", value: nil), Numeral(written: "二〇二三", value: nil),
        Numeral(written: "一万五", value: nil), Numeral(written: "千万", value: nil), Numeral(written: "一百零", value: nil),
        Numeral(written: "十十", value: nil), Numeral(written: "零", value: nil),
    ])
    func parse(_ n: Numeral) {
        #expect(NarrativeChecks.parse(Array(n.written.unicodeScalars)) == n.value)
    }

    struct Sentence: Sendable, CustomTestStringConvertible {
        let text: String
        let read: String
        var testDescription: String { text }
    }

    @Test("counts are read as digits; dates, ordinals and words are left alone", arguments: [
        Sentence(text: "共受理申请五十件", read: "共受理申请50件"),
        Sentence(text: "其中予以公开二十三件，不予公开三件。", read: "其中予以公开23件，不予公开3件。"),
        Sentence(text: "全年发布信息一百零五条", read: "全年发布信息105条"),
        Sentence(text: "五十余件", read: "50余件"),
        Sentence(text: "行政诉讼案件一件。", read: "行政诉讼案件1件。"),
        Sentence(text: "二〇二三年，本机关一律按时答复", read: "二〇二三年，本机关一律按时答复"),
        Sentence(text: "一是一般性事项统一公开", read: "一是一般性事项统一公开"),
        Sentence(text: "依据条例第二十条规定", read: "依据条例第二十条规定"),
        Sentence(text: "每一件申请都登记", read: "每一件申请都登记"),
        Sentence(text: "推行一次性告知，建立一项制度，一起研究", read: "推行一次性告知，建立一项制度，一起研究"),
        Sentence(text: "这两件申请", read: "这两件申请"),
        Sentence(text: "收到三四件申请", read: "收到三四件申请"),
        Sentence(text: "十二月三十一日", read: "十二月三十一日"),
    ])
    func arabic(_ s: Sentence) {
        #expect(NarrativeChecks.arabicNumerals(s.text) == s.read)
    }

    @Test func restatementsInChineseNumeralsAreCompared() {
        // base-2022.txt: received 18; 予以公开 8 + 部分公开 3; 无法提供 3
        let agreeing = NarrativeRestatementTests.check(saying: "全年收到政府信息公开申请十八件，予以公开及部分公开十一件，无法提供三件。")
        #expect(!agreeing.findings.contains { $0.rule == "N1" }, "\(agreeing.findings.map(\.message))")
        #expect(agreeing.passed.first { $0.rule == "N1" }?.checked == 3)
        let wrong = NarrativeRestatementTests.check(saying: "全年收到政府信息公开申请二十件，均在法定期限内答复。")
        let finding = wrong.findings.first { $0.rule == "N1" }
        #expect(finding?.expected == "18")
        #expect(finding?.actual == "20")
    }
}
