import Foundation
import Testing
@testable import GongkaiCore

/// The fourth cold review of issue #10 (its probes, commit f08d924 on branch review10): a `、` or
/// `.` after a row's last value before a label printed without a marker, or before a running page
/// header; N2 after a comparison that states no count; vague and 万 amounts in Chinese numerals;
/// the bar closing HTML and Word rows and the signature. Fixtures of our own from base-2022.txt.
@Suite("Report check: fourth review of issue #10")
struct FourthReviewTests {
    struct Stray: Sendable, CustomTestStringConvertible {
        let name: String
        let from: String
        let to: String
        var testDescription: String { name }
    }

    static func check(_ stray: Stray, sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        let text = ReportFixtures.text("base-2022.txt")
        #expect(text.contains(stray.from), "fixture changed", sourceLocation: sourceLocation)
        return ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
    }

    // MARK: a mark after a row's last value, before a label printed without a marker

    /// Table 二's labels and captions never carry a digit marker: the value before them is whole
    /// (`25、` was read as 2 and a marker `5、`).
    @Test("a mark after a table 二 row's last value, before an unmarked label", arguments: [
        Stray(name: "25、 then 第二十条第（五）项", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 3 1 25、"),
        Stray(name: "25. then 第二十条第（五）项", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 3 1 25."),
        Stray(name: "56、 then 行政强制", from: "行政处罚\t56", to: "行政处罚 56、"),
        Stray(name: "1234、 then 第二十条第（六）项", from: "行政许可\t1234", to: "行政许可 1234、"),
        Stray(name: "7、 then 第二十条第（八）项", from: "行政强制\t7", to: "行政强制 7、"),
        // a report's own numbering of table 三's rows on one line: 2 is a marker, the row says so
        Stray(name: "8 2.部分公开 on one line", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t8 2.部分公开"),
    ])
    func markBeforeUnmarkedLabel(_ stray: Stray) {
        let result = Self.check(stray)
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells, "not read: \(ReportFixtures.baseCells.keys.filter { read[$0] == nil }.map(\.rawValue).sorted())")
    }

    @Test func markBeforeUnmarkedLabelTokens() {
        // 25、 ends a row, a label without a marker follows: 25 is a value, not 2 and a marker
        let tokens = ReportTokenizer.tokens("行政规范性文件 3 1 25、\n行政许可 1234、\n第二十条第（六）项\n行政强制 7、\n第二十条第（八）项")
        #expect(tokens.filter(\.isValue).map(\.text) == ["3", "1", "25", "1234", "7"])
        #expect(tokens.allSatisfy { !$0.lastDigitMayBeMarker && $0.kind != .ordinal })
        // (二)部分公开 printed without its (二): 8 stays the 予以公开 row's last value
        let lost = ReportTokenizer.tokens("（一）予以公开 6 1 0 0 1 0 8、\n部分公开 2 1 0 0 0 0 3")
        #expect(lost.filter(\.isValue).map(\.text) == ["6", "1", "0", "0", "1", "0", "8", "2", "1", "0", "0", "0", "0", "3"])
        // markers of the numbered rows, glued or not, stay markers
        let markers = ReportTokenizer.tokens("（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 02.其他法律行政法规禁止公开\n0 0 0 0 0 0 15.属于三类内部事务信息")
        #expect(markers.filter { $0.kind == .ordinal }.map(\.text) == ["1.", "2.", "5."])
        #expect(markers.allSatisfy { !$0.lastDigitMayBeMarker })
    }

    /// No numbered label may contain the key of an unmarked one, or the unmarked key would decide
    /// a real marker away (`其他处理` is unmarked, the numbered `3.其他` is read as `其他`).
    @Test func numberedLabelsContainNoUnmarkedKey() {
        var numbered = 0
        for row in ReportSchema.v2021.t3Rows + ReportSchema.v2019.t3Rows {
            guard let first = row.label.unicodeScalars.first, first.value >= 48, first.value <= 57 else { continue }
            numbered += 1
            let words = String(row.label.unicodeScalars.dropFirst(2))
            #expect(ReportTokenizer.followingLabel([ReportToken(kind: .text, text: words, line: 1)], from: 0) == .numbered(Int(first.value) - 48),
                    "\(row.label)")
        }
        #expect(numbered == 16 + 19)
        // and the labels printed without a marker are unmarked, 其他处理 among them
        for words in ["其他处理", "部分公开（区分处理的，只计这一情形，不计其他情形）", "第二十条第（五）项", "行政规范性文件", "本年制发件数"] {
            #expect(ReportTokenizer.followingLabel([ReportToken(kind: .text, text: words, line: 1)], from: 0) == .unmarked, "\(words)")
        }
    }

    // MARK: … before words that are no label (a running page header)

    @Test("a mark after a table 三 row's last value, then a running page header", arguments: [
        Stray(name: "18、 then a page header", from: "\t0\t18\n二、上年结转", to: " 0 18、\n示范县教育局2022年政府信息公开工作年度报告\n二、上年结转"),
        Stray(name: "17. then a page header", from: "\t0\t17\n四、结转下年度", to: " 0 17.\n示范县教育局\n四、结转下年度"),
        Stray(name: "8、 then a page header", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t8、\n示范县教育局\n\t（二）部分公开"),
    ])
    func markBeforeRunningHeader(_ stray: Stray) {
        let result = Self.check(stray)
        // then the row's own total decides (the reading without the last digit breaks it): every
        // cell as printed, and no false error
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells, "not read: \(ReportFixtures.baseCells.keys.filter { read[$0] == nil }.map(\.rawValue).sorted())")
        #expect(!result.findings.contains { $0.severity == .error }, "\(result.findings.filter { $0.severity == .error }.map(\.message))")
    }

    @Test func theTotalThatDecidesAMarkIsAnAssumption() {
        // given 17. before a running header: 17, or 1 and the header's marker 7
        let result = Self.check(Stray(name: "17.", from: "\t0\t17\n四、结转下年度", to: " 0 17.\n示范县教育局\n四、结转下年度"))
        // then R4 chose 17 (1 breaks the row's total): named as the assumption the cell rests on
        let total = CellID.t3("result_total", "total")
        #expect(ReportFixtures.values(result)[total] == 17)
        #expect(result.assumptions.contains { $0.rule == "R4" && $0.scope == ["result_total"] && $0.cells == [total] },
                "\(result.assumptions.map(\.message))")
    }

    @Test("a mark before words in table 二 leaves the value empty", arguments: [
        // a running header: 25, or 2 and the header's marker 5
        Stray(name: "25、 then a page header", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件 3 1 25、\n示范县教育局"),
        // a label on the same line may be numbered the report's own way (`2.第二十条…`)
        Stray(name: "25、 glued to 第二十条第（五）项", from: "行政规范性文件\t3\t1\t25\n", to: "行政规范性文件 3 1 25、"),
    ])
    func aMarkBeforeWordsInTableTwoLeavesTheValueEmpty(_ stray: Stray) {
        let result = Self.check(stray)
        // then table 二 (no relation between its columns) cannot tell: the cell stays empty, with why
        // (quoting the mark as printed, `25、`: review 10b)
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        let inForce = CellID.t2("art20_1", "normative_docs", "in_force")
        #expect(read[inForce] == nil)
        #expect(read[.t2("art20_1", "normative_docs", "issued_this_year")] == 3)
        #expect(read[.t2("art20_1", "normative_docs", "repealed_this_year")] == 1)
        #expect(result.missingCells.contains { $0.cell == inForce && $0.reason.contains("“25、”") && $0.reason.contains("序号") },
                "\(result.missingCells.filter { $0.cell == inForce }.map(\.reason))")
    }

    @Test func aMarkWithTheWrongNumberBeforeANumberedLabelIsInDoubt() {
        // `13.属于国家秘密`: 国家秘密 is row 1, so `3.` is not its marker; 13 or 1 (and a marker)
        let tokens = ReportTokenizer.tokens("（二）部分公开 2 1 0 0 0 0 13.属于国家秘密")
        #expect(tokens.filter(\.isValue).map(\.text).last == "13")
        #expect(tokens.last { $0.isValue }?.lastDigitMayBeMarker == true)
        // the row's total decides: 2 + 1 = 3, neither 13 nor 1 — so the total stays empty
        let result = Self.check(Stray(name: "13.属于国家秘密", from: "\t0\t3\n\t（三）不予公开\t1.属于国家秘密",
                                      to: "\t0\t13.属于国家秘密"))
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read[.t3("result_partially_disclosed", "total")] == nil)
        #expect(read[.t3("result_partially_disclosed", "natural_person")] == 2)
    }

    // MARK: the other marks of the review, read as printed

    static let protectRow = "\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1\n\t\t5.属于三类内部事务信息"
    static let secretRow = "（三）不予公开\t1.属于国家秘密\t0"

    @Test("row markers glued to the value before them, or printed in other forms", arguments: [
        Stray(name: "15.属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 15.属于三类内部事务信息"),
        Stray(name: "15、属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 15、属于三类内部事务信息"),
        Stray(name: "15)属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 15)属于三类内部事务信息"),
        Stray(name: "1(5)属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 1(5)属于三类内部事务信息"),
        Stray(name: "1（5）属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 1（5）属于三类内部事务信息"),
        Stray(name: "1⑤属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 1⑤属于三类内部事务信息"),
        Stray(name: "1 5)属于", from: protectRow, to: "\t\t4.保护第三方合法权益 1 0 0 0 0 0 1 5)属于三类内部事务信息"),
        Stray(name: "(4) marker, glued row", from: protectRow, to: "(4)保护第三方合法权益 1000001\n(5)属于三类内部事务信息"),
        Stray(name: "4) marker, glued row", from: protectRow, to: "4)保护第三方合法权益 1000001\n5)属于三类内部事务信息"),
        Stray(name: "④ marker, glued row", from: protectRow, to: "④保护第三方合法权益 1000001\n⑤属于三类内部事务信息"),
        Stray(name: "1) first marker", from: secretRow, to: "（三）不予公开 1)属于国家秘密\t0"),
        Stray(name: "1、 first marker", from: secretRow, to: "（三）不予公开 1、属于国家秘密\t0"),
        Stray(name: "① first marker", from: secretRow, to: "（三）不予公开 ①属于国家秘密\t0"),
        Stray(name: "8(二) glued", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t8(二)部分公开"),
        Stray(name: "8) then (二)", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t8)\n(二)部分公开"),
        Stray(name: "〇 cells", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 6 1 〇 〇 1 〇 8"),
        Stray(name: "〇 glued", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 61〇〇1〇8"),
        Stray(name: "零 glued, then 8、", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 61零零1零8、"),
    ])
    func markers(_ stray: Stray) {
        let result = Self.check(stray)
        ReadingDefectTests.expectNoWrongNumber(result)
        #expect(!result.findings.contains { $0.severity == .error && ["R1", "R2", "R3", "R4"].contains($0.rule) },
                "\(result.findings.filter { $0.severity == .error }.map(\.message))")
    }

    @Test("page numbers after glued or short rows", arguments: [
        Stray(name: "glued row, then 8", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 6100108\n8"),
        Stray(name: "glued row, then 10", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 6100108\n10"),
        Stray(name: "row short of a 0, then 5", from: ReadingDefectTests.disclosedRow, to: "（一）予以公开 610018\n5"),
        Stray(name: "table 二 glued row, then 12", from: ReadingDefectTests.normativeRow, to: "行政规范性文件 3125\n12"),
        Stray(name: "table 二 one column, then 5", from: "行政许可\t1234", to: "行政许可 1234\n5"),
    ])
    func pageNumbers(_ stray: Stray) {
        ReadingDefectTests.expectNoWrongNumber(Self.check(stray))
    }

    // MARK: N2: a comparison between the total and its parts

    @Test(
        "N2 verdicts beside comparisons and Chinese numerals",
        arguments: [
            // a comparison stating no count (a share, 三成) between the total and 其中: the parts are
            // still the total's, and a real mismatch is still an error
            NarrativeSumTests.Case(
                name: "同比增长 30% before the list, parts do not add up",
                text: "共受理申请 50 件，同比增长 30%，其中予以公开 31 件、不予公开 20 件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "同比增长 30% before the list, parts add up",
                text: "共受理申请 50 件，同比增长 30%，其中予以公开 30 件、不予公开 20 件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "同比增长三成 before the list, parts do not add up",
                text: "共受理申请 50 件，同比增长三成，其中予以公开 31 件、不予公开 20 件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "比上年下降 12.5% before the list, parts add up",
                text: "共受理申请 40 件，比上年下降 12.5%，其中予以公开 30 件、不予公开 10 件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "a clause that is no comparison does not join the total to a later 其中",
                text: "共受理申请 50 件，办结率 100%，其中予以公开 31 件、不予公开 20 件。", verdict: .none),
            NarrativeSumTests.Case(
                name: "较上年减少 before the list, parts do not add up",
                text: "共受理申请 50 件，较上年减少 5 件，其中予以公开 31 件、不予公开 20 件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "比去年多 before the list, parts do not add up",
                text: "共受理申请 50 件，比去年多 12 件，其中予以公开 30 件、不予公开 21 件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "比去年多 inside the list, parts add up",
                text: "共受理申请 50 件，其中予以公开 30 件（比去年多 2 件）、不予公开 20 件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "Chinese numerals with a comparison after, mismatch",
                text: "共受理申请五十件，其中予以公开三十件、不予公开二十一件，比去年多十二件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(name: "两件 adds up", text: "共受理申请五件，其中予以公开三件、不予公开两件。", verdict: .consistent),
            NarrativeSumTests.Case(name: "两件 does not add up", text: "共受理申请五件，其中予以公开四件、不予公开两件。", verdict: .finding(.error)),
            NarrativeSumTests.Case(
                name: "a year in Chinese numerals before the sentence",
                text: "二〇二三年，共受理申请五十件，其中予以公开三十件、不予公开二十件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "百分之 inside the list",
                text: "共受理申请五十件，其中予以公开三十件，占百分之六十，不予公开二十件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "一是 / 二是 and counts",
                text: "一是共受理申请二十件，其中予以公开十二件、不予公开八件；二是发布信息一百条。", verdict: .consistent),
            // 万 in Chinese numerals and in digits read alike
            NarrativeSumTests.Case(name: "三十万件 and 二十万件 of 50 万件", text: "共受理诉求 50 万件，其中热线三十万件、网站二十万件。", verdict: .consistent),
            // whole figures in 万 may be rounded (review 10f H11): 29.5 万 + 20.5 万 fits 50 万 — a note, no error
            NarrativeSumTests.Case(
                name: "三十万件 and 二十一万件 of 50 万件", text: "共受理诉求 50 万件，其中热线三十万件、网站二十一万件。",
                verdict: .finding(.info)),
            // 十余件: at least ten, compared within what that allows
            NarrativeSumTests.Case(name: "十余件 within the total", text: "共受理诉求 30 件，其中热线十余件、网站 15 件。", verdict: .consistent),
            NarrativeSumTests.Case(
                name: "十余件 beyond the total even at its lowest", text: "共受理诉求 20 件，其中热线十余件、网站 15 件。",
                verdict: .finding(.error)),
        ])
    func sums(_ c: NarrativeSumTests.Case) {
        let (verdict, findings) = NarrativeSumTests.verdict(c.text)
        #expect(verdict == c.verdict, "\(findings.map(\.message))")
    }

    @Test("vague or approximate parts raise no error", arguments: [
        "共受理诉求 30 件，其中热线十余件、网站 15 件。", "共受理诉求 100 件，其中热线数十件、网站 90 件。",
        "共受理诉求 100 件，其中热线几十件、网站 90 件。", "共受理诉求 100 件，其中热线三四十件、网站 65 件。",
        "共受理申请五件，其中予以公开三件、这两件不予公开。", "共办理事项二十件，其中第三季度十二件、第四季度八件。",
        "共受理申请 50 件，同比增长三成，其中予以公开 30 件、不予公开 20 件。",
        "共受理诉求 50 万件，其中热线三十万件、网站二十万件。", "共收取费用五十万元，其中甲类 30 万元、乙类 20 万元。",
    ])
    func noErrorOnVagueParts(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    // MARK: vague amounts and 万 in Chinese numerals

    @Test("vague amounts are not read as exact counts", arguments: [
        "共受理申请数十件", "共受理申请几十件", "收到申请十几件", "共受理申请上百件", "发布信息数百条", "发布信息几千条",
    ])
    func vagueAmounts(_ text: String) {
        // 数十件 / 几十件 are "some tens": never exactly 10 (nor 数百 100)
        let read = NarrativeChecks.arabicNumerals(text)
        #expect(read == text, "\(text) → \(read)")
    }

    @Test func approximateAndTenThousandsInChineseNumerals() {
        #expect(NarrativeChecks.arabicNumerals("热线十余件") == "热线10余件")
        #expect(NarrativeChecks.arabicNumerals("热线三十万件、网站二十万件") == "热线30万件、网站20万件")
        #expect(NarrativeChecks.arabicNumerals("申请数五十件") == "申请数50件")
        let q = NarrativeChecks.quantities(in: Array("热线10余件".unicodeScalars))
        #expect(q.count == 1 && q[0].approximation == .atLeast && q[0].value == 10)
    }

    @Test func aVagueRestatementRaisesNoError() {
        // base-2022.txt received 18; "数十件" says tens, not 10
        let result = NarrativeRestatementTests.check(saying: "全年收到政府信息公开申请数十件，均在法定期限内答复。")
        #expect(!result.findings.contains { $0.rule == "N1" && $0.severity == .error }, "\(result.findings.map(\.message))")
        #expect(!result.findings.contains { $0.rule == "N1" && $0.expected == "10" })
    }

    // MARK: the bar closing HTML and Word rows of three cells, and the signature

    @Test func aSignatureInAnHTMLRowOfThreeCellsNamesTheIssuer() throws {
        // given the HTML report with a title that does not name the issuer, signed in a table
        // row of three cells (a spacer, the agency, the date)
        var html = ReportFixtures.text("base-2022.html")
        html = html.replacingOccurrences(of: "示范县教育局2022年政府信息公开工作年度报告", with: "2022年政府信息公开工作年度报告")
        let signature = "<table><tr><td>&nbsp;</td><td>示范县教育局</td><td>2023年1月20日</td></tr></table>"
        #expect(html.contains("<div class=\"footer\">"), "fixture changed")
        html = html.replacingOccurrences(of: "<div class=\"footer\">", with: signature + "<div class=\"footer\">")
        let result = try ReportChecker.check(ReportFile(name: "signed.html", data: Data(html.utf8)))
        #expect(result.issuer == "示范县教育局")
        // control: without the signature the issuer is not stated
        let unsigned = try ReportChecker.check(ReportFile(name: "unsigned.html", data: Data(html.replacingOccurrences(of: signature, with: "").utf8)))
        #expect(unsigned.issuer == nil)
    }

    @Test func aSignatureInAWordRowOfThreeCellsNamesTheIssuer() throws {
        // given a Word report whose title does not name the issuer, signed in a table row of three cells
        var report = ReportGenerator.consistent(.v2021, seed: 5)
        report.issuer = nil
        var doc = ReportDocx.document(report)
        doc.blocks.append(.table(rows: [["", "示范县交通运输局", "2025年1月20日"]], headerRows: 0))
        let result = try ReportChecker.check(ReportFile(name: "signed.docx", data: DocxWriter.data(doc)))
        #expect(result.issuer == "示范县交通运输局")
        #expect(ReportFixtures.values(result) == report.cells)
    }
}
