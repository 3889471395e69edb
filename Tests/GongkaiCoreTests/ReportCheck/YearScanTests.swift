import Foundation
import Testing
@testable import GongkaiCore

/// The year patterns read on bytes (`YearScan`) find what the regular expressions they replaced
/// find, in the corner cases the report tests do not all reach.
@Suite("Report check: years read on bytes")
struct YearScanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let pattern: YearScan.Pattern
        let year: Int?
        var testDescription: String { "\(pattern): \(text)" }
    }

    static let cases: [Case] = [
        Case(text: "示范县2023年政府信息公开工作年度报告", pattern: .year, year: 2023),
        Case(text: "示范县 2023 年度报告", pattern: .reportYear, year: 2023),
        Case(text: "2023年报告", pattern: .reportYear, year: nil),
        Case(text: "1999\n年", pattern: .year, year: 1999),
        Case(text: "2023\t年度", pattern: .reportYear, year: 2023),
        Case(text: "12023年", pattern: .year, year: 2023),
        Case(text: "202020年", pattern: .year, year: 2020),
        Case(text: "20 23年", pattern: .year, year: nil),
        Case(text: "2123年、1899年", pattern: .year, year: nil),
        // Dates are not the report's year; the first year that is no date is.
        Case(text: "2024年1月20日 发布的2023年报告", pattern: .notDate, year: 2023),
        Case(text: "2024 年 12 月", pattern: .notDate, year: nil),
        Case(text: "2024年 1 月", pattern: .notDate, year: nil),
        Case(text: "2024年123月", pattern: .notDate, year: 2024),
        Case(text: "2024年1日", pattern: .notDate, year: 2024),
        // 〇 and 零: years in Chinese numerals are not these patterns' years.
        Case(text: "二〇二三年度报告", pattern: .year, year: nil),
        Case(text: "二零二三年度，2022年", pattern: .reportYear, year: nil),
        Case(text: "二零二三年度，2022年", pattern: .year, year: 2022),
        // Full-width digits (normalised away before, but not by these functions) match `\d`.
        Case(text: "20２３年度", pattern: .reportYear, year: nil),
        Case(text: "２０２３年", pattern: .year, year: nil),
        // A year inside a document's name is never the report's.
        Case(text: "根据《2021年政务公开工作要点》，本机关2022年度", pattern: .reportYear, year: 2022),
        Case(text: "《示范县2021年规划》2020年", pattern: .year, year: 2020),
        Case(text: "《规划》2020年", pattern: .year, year: 2020),
        Case(text: "《规划\n2020年", pattern: .year, year: 2020),
        // Ends of a range are not either.
        Case(text: "2021—2025年规划，2023年", pattern: .year, year: 2023),
        Case(text: "2021-2025年", pattern: .year, year: nil),
        Case(text: "2021年至2025年，2022年度", pattern: .year, year: 2022),
        Case(text: "2021年 — 2025年；2019年", pattern: .year, year: 2019),
        Case(text: "2021 ～ 2025年", pattern: .year, year: nil),
        // 度 is no joiner's neighbour: the second end of "2021年度到 2025年度" stands (as before).
        Case(text: "2021年度到 2025年度，2023年度", pattern: .reportYear, year: 2025),
        Case(text: "2021年—20年", pattern: .year, year: 2021),
        // A year compared with or counted from is not either (review 10g H5).
        Case(text: "与2021年相比，本机关2022年度", pattern: .year, year: 2022),
        Case(text: "较 2021 年度增长，2022年", pattern: .year, year: 2022),
        Case(text: "比2021年多，2022年度", pattern: .reportYear, year: 2022),
        Case(text: "2021年同期，2022年", pattern: .year, year: 2022),
        Case(text: "2021年度以来", pattern: .year, year: nil),
        Case(text: "自2019年新《条例》施行以来，2022年", pattern: .year, year: 2022),
        Case(text: "自 2019 年起，2022年", pattern: .year, year: 2019),
        Case(text: "自2019年，以来2022年", pattern: .year, year: 2019),
        Case(text: "自2019年" + String(repeating: "一", count: 40) + "以来", pattern: .year, year: 2019),
        // The statistical period.
        Case(text: "统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止", pattern: .statistical, year: 2023),
        Case(text: "自2022年1月1日至2022年12月31日", pattern: .statistical, year: 2022),
        Case(text: "截至2022年12月30日", pattern: .statistical, year: nil),
        Case(text: "", pattern: .year, year: nil),
    ]

    @Test("the same year as the expression", arguments: cases)
    func sameAsExpression(_ c: Case) {
        let scanned: Int?
        switch YearScan.first(c.pattern, in: c.text) {
        case .found(let year): scanned = year
        case .undecided: scanned = ReportStructure.firstYearByExpression(c.pattern, in: c.text)
        }
        #expect(scanned == c.year)
        #expect(ReportStructure.firstYearByExpression(c.pattern, in: c.text) == c.year)
    }

    @Test("text it cannot read like the expression is left to the expression")
    func undecided() {
        // Full-width digits, CR LF, a combining mark, an ideographic space.
        for text in ["２０２３年", "2023年\r\n", "2023年\u{301}", "2023\u{3000}年"] {
            #expect(YearScan.first(.year, in: text) == .undecided)
        }
        #expect(YearScan.first(.year, in: "示范县2023年（一）“报告”—…") == .found(2023))
    }
}
