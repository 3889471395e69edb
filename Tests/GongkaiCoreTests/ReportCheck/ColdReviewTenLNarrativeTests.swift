import Testing
@testable import GongkaiCore

/// Cold review 10l of issue #10: the narrative sums after check10g — kinds of a done status
/// read as parts (H1), a carry-over after a semicolon that ends a consistent list (L2), and a
/// message about a semicolon the text does not have (L6).
@Suite("Report check, review 10l: kinds of 已办结 in N2, carry-overs after a semicolon, the input limits")
struct ColdReviewTenLNarrativeTests {
    typealias Sums = NarrativeSumTests

    @Test(
        "N2: a kind of a done status after it is no part (H1)",
        arguments: [
            // d02: 48 + 2 (was an error on 48 + 1 + 2 = 51).
            ("共受理申请50件，其中已办结48件，超期办结1件，未办结2件。", Sums.Verdict.consistent),
            ("共受理申请50件，其中已答复48件，延期答复3件，未答复2件。", .consistent),
            ("共受理申请100件，其中已答复95件，当场答复60件，转办答复35件，未答复5件。", .consistent),
            ("共收到咨询60件，其中已办结58件，按期办结58件，正在办理2件。", .consistent),
            ("共受理网民留言120件，其中已回复118件，回复率98%，及时回复110件，未回复2件。", .consistent),
            ("共受理申请50件，其中已办结48件，已办结中按期办结46件，未办结2件。", .consistent),
            // The done status and what is not done still have to add up.
            ("共受理申请50件，其中已办结48件，超期办结1件，未办结3件。", .finding(.error)),
            // Without a done status first, 按期答复 and 延期答复 are the parts.
            ("共受理申请50件，其中按期答复45件，延期答复5件。", .consistent),
            ("共受理申请50件，其中按期答复45件，延期答复6件。", .finding(.error)),
            // 未办结 is a status of its own, not a kind of 已办结.
            ("共受理申请50件，其中已办结47件，未办结2件。", .finding(.warning)),
            // A kind first is no done status: its siblings are parts (review 10m M1).
            ("共受理申请50件，其中按期办结45件，超期办结3件，未办结2件。", .consistent),
            ("共受理申请50件，其中按期办结45件，超期办结3件，未办结3件。", .finding(.error)),
            ("共受理申请50件，其中按期办结45件，超期办结6件。", .finding(.error)),
            ("共受理申请50件，其中逾期办结40件，正常办结11件。", .finding(.error)),
            // Bare 办结 after 其中 is the done status.
            ("共受理申请50件，其中办结48件，超期办结1件，未办结2件。", .consistent),
        ])
    func kindsOfDone(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    @Test(
        "N2: a carry-over after a semicolon may end the list or be its last part (L2)",
        arguments: [
            // c03, d16: the carry-over completes the total (were warnings on 30 + 15).
            ("共受理申请50件，其中予以公开30件、不予公开15件；结转下年度继续办理5件。", Sums.Verdict.consistent),
            ("共收到咨询50件，其中网上咨询30件、当面咨询15件；上年结转5件。", .consistent),
            // Review 10k M2 still holds: the list adds up before 上年遗留.
            ("共收到咨询10件，其中已答复6件，转办2件，其余2件正在办理中；上年遗留1件已办结。", .consistent),
            // A mismatch before the carry-over stays an error.
            ("共收到咨询50件，其中网上咨询30件、当面咨询21件；上年结转5件。", .finding(.error)),
        ])
    func carryOverAfterSemicolon(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    @Test func aListThatMayEndEarlyIsDescribedWithoutASemicolonItDoesNotHave() {
        // d19: the list may end before 上年结转 (a comma, no semicolon).
        let (verdict, findings) = Sums.verdict("共收到咨询50件，其中网上咨询30件、当面咨询21件，上年结转5件。")
        #expect(verdict == .finding(.error))
        let message = findings.first?.message ?? ""
        #expect(message.contains("即使列举只到第 2 项，前 2 项之和也有 51 件"), "\(message)")
        #expect(!message.contains("“；”"), "\(message)")
    }

    // MARK: L3, L4 — the input limits counted as the reader counts

    @Test(
        "lines are counted as the normaliser ends them, a last line without its end included",
        arguments: ["\n", "\r", "\r\n", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
    func linesAtTheLimit(_ end: String) {
        let limit = ReportChecker.maxLines
        // Exactly the limit, with and without the last line's end: read.
        #expect(ReportChecker.refusal(ofText: String(repeating: "1" + end, count: limit)) == nil)
        #expect(ReportChecker.refusal(ofText: String(repeating: "1" + end, count: limit - 1) + "1") == nil)
        // One more: refused, naming the count.
        let over = String(repeating: "1" + end, count: limit) + "1"
        #expect(ReportChecker.refusal(ofText: over)?.contains("报告有 \(limit + 1) 行") == true)
    }

    @Test func aTextJustOverTheSizeLimitIsToldInBytes() {
        let limit = ReportChecker.maxTextBytes
        #expect(ReportChecker.refusal(ofText: String(repeating: "a ", count: limit / 2)) == nil)
        let why = ReportChecker.refusal(ofText: String(repeating: "a ", count: limit / 2) + "a") ?? ""
        #expect(why.contains("\(limit + 1) 字节") && why.contains("即 \(limit) 字节"), "\(why)")
    }
}
