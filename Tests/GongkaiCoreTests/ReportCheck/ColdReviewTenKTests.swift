import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10k of issue #10: thousands separators in the narrative (H1, M1), a status as the
/// first part and a carried-over figure after a semicolon (M2), and input too large to read (H4, M3).
@Suite("Report check, review 10k: thousands commas, 已答复 and 上年遗留 in N2, runaway input")
struct ColdReviewTenKTests {
    typealias Sums = NarrativeSumTests

    // MARK: H1 — a thousands comma is no clause break

    @Test(
        "N2 reads 1,200 as one figure",
        arguments: [
            // n45: 700 + 500 = 1200 (was an error "合计 200 条").
            ("全年主动公开信息1,200条，其中政策文件700条、工作动态500条。", Sums.Verdict.consistent),
            ("全年主动公开信息1,500条，其中政策文件1,000条、工作动态500条。", .consistent),
            ("全年主动公开信息2,200条，其中政策文件1,700条、工作动态500条。", .consistent),
            ("全年主动公开信息1,000条，其中政策文件600条、工作动态400条。", .consistent),
            ("全年主动公开信息11,200条，其中政策文件10,000条、工作动态1,200条。", .consistent),
            ("全年主动公开信息1,050条，其中政策文件1,000条、工作动态50条。", .consistent),
            // The normaliser makes a full-width comma the same character: the same rule reads it.
            ("全年主动公开信息1，200条，其中政策文件700条、工作动态500条。", .consistent),
            // e02: a true mismatch stays an error.
            ("全年主动公开信息1,200条，其中政策文件700条、工作动态501条。", .finding(.error)),
        ])
    func thousandsCommaInN2(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
        if case .finding = item.1 { #expect(findings.first?.message.contains("1200") == true, "\(findings.map(\.message))") }
    }

    @Test(
        "only a figure's thousands separators are dropped",
        arguments: [
            ("1,200条", "1200条"),
            ("共11,200条", "共11200条"),
            ("1,050,000元", "1050000元"),
            ("1,200.5万条", "1200.5万条"),
            // Enumerations, chemicals, phone lists, years, a malformed group, a list item, a decimal.
            ("第1,2项", "第1,2项"),
            ("1,2,3", "1,2,3"),
            ("1,4-二甲苯", "1,4-二甲苯"),
            ("电话24378261,24335140", "电话24378261,24335140"),
            ("0591-86172662,0591-24336542", "0591-86172662,0591-24336542"),
            ("2022,2023年", "2022,2023年"),
            ("1,200,5", "1,200,5"),
            ("1,2000", "1,2000"),
            ("5,1,200", "5,1,200"),
            ("0.5,200", "0.5,200"),
            ("10:00,14:30", "10:00,14:30"),
        ])
    func separatorsDropped(_ item: (String, String)) {
        #expect(NarrativeChecks.withoutThousandsSeparators(item.0) == item.1)
    }

    // MARK: M1 — N1 compares 2,036 as 2036

    @Test func n1ComparesACommaFigure() {
        // The table's received total is 18: 2,036 is a mismatch (it was skipped: no finding).
        let wrong = NarrativeRestatementTests.n1("全年收到政府信息公开申请2,036件，均在法定期限内答复。")
        #expect(wrong.count == 1 && wrong.first?.expected == "18", "\(wrong.map(\.message))")
        #expect(wrong.first?.message.contains("2036") == true, "\(wrong.map(\.message))")
        #expect(NarrativeRestatementTests.n1("全年收到政府信息公开申请18件，其中予以公开8件。").isEmpty)
    }

    // MARK: M2 — 已答复 as the first part, 上年遗留 after a semicolon

    @Test(
        "N2 with statuses as parts and a carry-over after a semicolon",
        arguments: [
            // n27: 6 + 2 + 2 = 10 (was a warning on "2 + 2 + 1").
            ("共收到咨询10件，其中已答复6件，转办2件，其余2件正在办理中；上年遗留1件已办结。", Sums.Verdict.consistent),
            ("共收到咨询10件，其中已答复7件，转办2件，其余2件正在办理中；上年遗留1件已办结。", .finding(.error)),
            ("共收到咨询10件，其中已答复6件，转办2件，其余2件正在办理中；上年结转1件已办结。", .consistent),
            ("共受理申请50件，其中已办结48件、未办结2件。", .consistent),
            ("共受理申请50件，其中已办结45件、未办结2件。", .finding(.warning)),
            // One part before the carry-over: it may be the other part.
            ("共办理申请50件，其中本年新收45件；上年结转5件。", .consistent),
            // A status after another first part still breaks that part down.
            ("共受理申请50件，其中予以公开30件（已办结28件，未办结2件），不予公开20件。", .consistent),
        ])
    func statusesAndCarryOver(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    // MARK: L1 — a second breakdown of the same total after a semicolon

    @Test(
        "N2 with a breakdown by status after a breakdown by applicant",
        arguments: [
            // n36: 48 + 2 = 50 before the semicolon (was a warning on "48 + 2 + 2").
            ("共收到咨询50件，其中自然人48件、企业2件；已办结48件、正在办理2件。", Sums.Verdict.consistent),
            ("共收到咨询50件，其中自然人48件、企业2件；已办结40件、正在办理10件。", .consistent),
            // Neither breakdown reaches the total before the semicolon: still a doubt.
            ("共收到咨询50件，其中自然人40件、企业2件；已办结48件、正在办理2件。", .finding(.warning)),
            // Without the semicolon both statuses are skipped as details, 正在办理 too (review 10m
            // L4, 10l L1's comma variant; was a warning on "48 + 2 + 2").
            ("共收到咨询50件，其中自然人48件、企业2件、已办结48件、正在办理2件。", .consistent),
            // A semicolon inside a part's own detail is no end of the list: 30 + 25 > 50 stays an error.
            ("共受理申请50件，其中予以公开30件（已办结28件；未办结2件），不予公开25件。", .finding(.error)),
        ])
    func secondBreakdownAfterSemicolon(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    // MARK: H4, M3 — input no report could be

    @Test func runawayTextIsRefusedWithAReason() throws {
        let base = ReportFixtures.text("base-2022.txt")
        #expect(ReportChecker.refusal(ofText: base) == nil)
        let digits = base + "\n一、本年新收政府信息公开申请数量" + String(repeating: "7", count: 3_000) + "\n"
        #expect(ReportChecker.refusal(ofText: digits)?.contains("3000 位") == true)
        let wide = base + String(repeating: "７", count: ReportChecker.maxDigitRun + 1)
        #expect(ReportChecker.refusal(ofText: wide)?.contains("位的数字") == true)
        let huge = String(repeating: "（一）予以公开\n1\n", count: ReportChecker.maxTextBytes / 20 + 1)
        #expect(ReportChecker.refusal(ofText: huge)?.contains("约 1.2 MB") == true)
        let lines = String(repeating: "1\n", count: ReportChecker.maxLines + 1)
        #expect(lines.utf8.count < ReportChecker.maxTextBytes)
        #expect(ReportChecker.refusal(ofText: lines)?.contains("\(ReportChecker.maxLines + 1) 行") == true)
        // Through a file, as the web, the API and the CLI read it: a clear error.
        #expect(throws: ReportReadError.self) { try ReportChecker.check(ReportFile(name: "row.txt", data: Data(digits.utf8))) }
    }

    @Test func aLineLongerThanAnyRowIsNoRow() {
        // base-2022's received row with 40,000 more values: no row of a table, not split.
        let base = ReportFixtures.text("base-2022.txt")
        let row = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18"
        #expect(base.contains(row))
        let long = base.replacingOccurrences(of: row, with: row + String(repeating: "\t1", count: 40_000))
        let result = ReportChecker.check(text: long)
        let values = ReportFixtures.values(result)
        #expect(values[.t3("new_received", "total")] == nil)
        #expect(values[.t3("carried_over_in", "total")] == 1)
    }
}
