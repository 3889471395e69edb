import Foundation
import Testing
@testable import GongkaiCore

/// The sixth review of issue #10 (of the fifth round's fixes), its probes kept as tests: each
/// asserts the correct reading.
/// Fixtures are base-2022.txt with one stray each.
@Suite("Report check, sixth review: page chrome after a blank cell, marks, N1 beside other counts")
struct SixthReviewTests {
    typealias Stray = FifthReviewTests.Stray

    static func check(_ stray: Stray, in text: String = ReportFixtures.text("base-2022.txt"),
                      sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        #expect(text.contains(stray.from), "fixture changed", sourceLocation: sourceLocation)
        return ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
    }

    static func errors(_ result: ReportCheckResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    // MARK: running headers, footers and page numbers between table 三 rows

    @Test("page chrome and header forms between table 三 rows", arguments: [
        "示范县教育局关于2022年度政府信息公开工作的报告",
        "示范县教育局政府信息公开工作年度报告（2022）",
        "示范县教育局 2022 年政府信息公开工作年度报告 - 3 -",
        "示范县教育局二〇二二年政府信息公开工作年度报告",
        "第 3 页 共 12 页",
        "第3页/共12页",
        "—3—",
        "－ 3 －",
        "·3·",
        "Page 3",
        "3 of 12",
        "（第3页）",
        "第3页（共12页）",
        "示范县教育局\t2022年政府信息公开工作年度报告\t第3页",
    ])
    func chromeBetweenRows(_ header: String) {
        let result = Self.check(Stray(name: header, from: "\t0\t18\n二、上年结转", to: "\t0\t18\n\(header)\n二、上年结转"))
        let read = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(read[.t3("carried_over_in", "total")] == 1, "\(result.missingCells.filter { $0.cell == .t3("carried_over_in", "total") }.map(\.reason))")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("a header after a table 二 row with a blank cell gives it no value", arguments: [
        "示范县教育局二〇二二年政府信息公开工作年度报告",
        "示范县教育局关于2022年度政府信息公开工作的报告",
        "2022年政府信息公开年报",
        "示范县教育局2022年度政府信息公开工作报告\t- 3 -",
        "（2022年1月1日至2022年12月31日）",
        "— 3 —",
        "第3页",
    ])
    func headerAfterBlankTableTwoCell(_ header: String) {
        let result = Self.check(Stray(name: header, from: "行政强制\t7\n", to: "行政强制\n\(header)\n"))
        let got = ReportFixtures.values(result)[.t2("art20_6", "admin_coercion", "decisions_this_year")]
        #expect(got == nil, "read \(String(describing: got))")
    }

    // MARK: marks after values

    @Test("table 二: a mark after a value before the next row or caption", arguments: [
        Stray(name: "56、 then 行政强制 next line", from: "行政处罚\t56\n行政强制", to: "行政处罚 56、\n行政强制"),
        Stray(name: "56、 行政强制 same line", from: "行政处罚\t56\n行政强制", to: "行政处罚 56、行政强制"),
        Stray(name: "56。", from: "行政处罚\t56\n", to: "行政处罚 56。\n"),
        Stray(name: "56；", from: "行政处罚\t56\n", to: "行政处罚 56；\n"),
        Stray(name: "1234、 then caption", from: "行政许可\t1234\n", to: "行政许可 1234、\n"),
        Stray(name: "1,234、", from: "行政许可\t1234\n", to: "行政许可 1,234、\n"),
        Stray(name: "12.5。", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5。"),
        Stray(name: "12.5；", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5；"),
        Stray(name: "12.5，", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5，"),
        Stray(name: "１２.５、 full width", from: "行政事业性收费\t12.5", to: "行政事业性收费 １２.５、"),
        Stray(name: "12.5、万元", from: "行政事业性收费\t12.5", to: "行政事业性收费 12.5、"),
    ])
    func tableTwoMarks(_ stray: Stray) {
        let result = Self.check(stray)
        _ = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("table 三: a mark after a row's total before the next labelled row", arguments: [
        // the next label keeps its own marker 2.: 3、 is the total (3 ≠ 2)
        Stray(name: "3、 then 2.没有现成", from: "\t0\t3\n\t\t2.没有现成", to: "\t0\t3、\n\t\t2.没有现成"),
        Stray(name: "3、2.没有现成 same line", from: "\t0\t3\n\t\t2.没有现成", to: "\t0 3、2.没有现成"),
        Stray(name: "8、 then （二） row", from: "\t0\t8\n\t（二）部分公开", to: "\t0\t8、\n\t（二）部分公开"),
        Stray(name: "1、 then 总计", from: "\t0\t1\n\t（七）总计", to: "\t0\t1、\n\t（七）总计"),
        Stray(name: "1、 then 总计 without marker", from: "\t0\t1\n\t（七）总计", to: "\t0\t1、\n总计"),
        Stray(name: "17、 then 四、结转", from: "\t0\t17\n四、结转", to: "\t0\t17、\n四、结转"),
        Stray(name: "17、 then 结转 without marker", from: "\t0\t17\n四、结转", to: "\t0\t17、\n结转"),
        Stray(name: "1、 then 5.属于三类 (row 4's total)", from: "\t0\t1\n\t\t5.属于三类", to: "\t0\t1、\n\t\t5.属于三类"),
        Stray(name: "1、 then 属于三类 without marker", from: "\t0\t1\n\t\t5.属于三类", to: "\t0\t1、\n\t\t属于三类"),
        Stray(name: "18. then 二、", from: "\t0\t18\n二、上年结转", to: "\t0\t18.\n二、上年结转"),
        Stray(name: "18、 then 上年结转 without marker", from: "\t0\t18\n二、上年结转", to: "\t0\t18、\n上年结转"),
    ])
    func tableThreeMarks(_ stray: Stray) {
        let result = Self.check(stray)
        _ = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("labels split over lines or numbered on the line before", arguments: [
        Stray(name: "4.保护第三方 / 合法权益", from: "4.保护第三方合法权益\t1", to: "4.保护第三方\n合法权益\t1"),
        Stray(name: "4. / 保护第三方合法权益", from: "4.保护第三方合法权益\t1", to: "4.\n保护第三方合法权益\t1"),
        Stray(name: "部分公开 caption split", from: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2", to: "（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）\t2"),
        Stray(name: "（四） / 无法提供", from: "\t（四）无法提供\t1.本机关", to: "\t（四）\n无法提供\t1.本机关"),
        Stray(name: "1.申请人无正当理由… split", from: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0", to: "1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请\t0"),
    ])
    func splitLabels(_ stray: Stray) {
        let result = Self.check(stray)
        _ = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    // MARK: N2

    @Test("N2: a comparison that states a count is no part", arguments: [
        "共受理申请 50 件，同比增加 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，比上年增加 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，较上年多 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，较去年同期增加 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，比 2021 年增加 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，同比增长 25%（增加 10 件），其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，同比增加 5 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件（比上年多 5 件）、不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，比去年增加 5 件，不予公开 20 件，比去年减少 3 件。",
        "共受理申请 50 件，其中予以公开 30 件，增加 5 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，去年同期 25 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件（2021年：25件）、不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，上一年度为 25 件，不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件，占 60%，不予公开 20 件，占 40%。",
    ])
    func n2ComparisonWithCount(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: vague and large amounts never raise an error", arguments: [
        "共受理申请 50 件，其中予以公开 30 件、不予公开十余件、无法提供数件。",
        "共受理申请数十件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请三十余件，其中予以公开 30 件、不予公开 5 件。",
        "共受理诉求三十万件，其中热线二十九万件、网站一万件。",
        "共受理诉求 30 余万件，其中热线 25 万件、网站 6 万件。",
        "共受理申请近百件，其中予以公开 60 件、不予公开 35 件。",
        "共受理申请 100 余件，其中予以公开 60 件、不予公开 45 件。",
        "共受理申请50件，其中予以公开30件、不予公开20件。",
        "共受理申请 1,050 件，其中予以公开 1,000 件、不予公开 50 件。",
        "共受理申请 1.05 万件，其中予以公开 10000 件、不予公开 500 件。",
    ])
    func n2Vague(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    // MARK: N1

    @Test("N1: changes and other years' counts are not this year's count", arguments: [
        "全年收到政府信息公开申请 18 件，较去年增加 5 件。",
        "全年收到政府信息公开申请 18 件，同比上升 5 件。",
        "全年收到政府信息公开申请较2021年减少5件。",
        "与上年相比，全年收到政府信息公开申请减少 5 件，共 18 件。",
        "上年度收到政府信息公开申请 25 件，本年度收到 18 件。",
        "全年收到政府信息公开申请 18 件，比上年多 5 件。",
        "全年收到政府信息公开申请 18 件，增加 5 件。",
    ])
    func n1Changes(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test("held: N1 still finds a wrong count beside a change", arguments: [
        "全年收到政府信息公开申请 20 件，较上年减少 5 件。",
    ])
    func n1StillFinds(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        #expect(result.findings.contains { $0.rule == "N1" }, "\(result.findings.map(\.message))")
    }
    // MARK: page chrome after a row whose last cell is blank

    static let chrome = ["·3·", "• 3 •", "3 of 12", "（第3页）", "第3页（共12页）", "Page 3", "- 3 -", "〔3〕", "[3]", "3/12页"]

    @Test("page chrome after a table 三 row with its total blank", arguments: chrome)
    func chromeAfterBlankTotal(_ chrome: String) {
        let result = Self.check(Stray(name: chrome, from: "\t0\t18\n二、上年结转", to: "\t0\t\n\(chrome)\n二、上年结转"))
        // then the page number is never the total (18 may be inferred from the row's own sum)
        let got = ReportFixtures.values(result)[.t3("new_received", "total")]
        #expect(got == nil || got == 18, "read \(String(describing: got))")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("page chrome after a table 二 row with its cell blank", arguments: chrome)
    func chromeAfterBlankTableTwoCell(_ chrome: String) {
        let result = Self.check(Stray(name: chrome, from: "行政强制\t7\n", to: "行政强制\n\(chrome)\n"))
        let got = ReportFixtures.values(result)[.t2("art20_6", "admin_coercion", "decisions_this_year")]
        #expect(got == nil, "read \(String(describing: got))")
    }

    // MARK: N2 — figures that are no parts

    @Test("N2: years, months, quarters and hotline numbers inside the list are no parts", arguments: [
        "共受理申请 50 件，其中 2022 年新收 45 件、上年结转 5 件。",
        "共受理申请 50 件，其中 1 月至 6 月 20 件、7 月至 12 月 30 件。",
        "共受理申请 50 件，其中第一季度 10 件、第二季度 15 件、第三季度 12 件、第四季度 13 件。",
        "共受理群众反映问题 7807 件，其中 12345 市民热线受理诉求 7518 件、政府网站县长信箱受理 98 件、政务服务网受理 191 件。",
        "共收到申请 50 件，其中 30 件予以公开、20 件不予公开。",
        "共收到申请 50 件，其中自然人申请 40 件（其中网上 30 件）、法人申请 10 件。",
        "共收到申请 50 件，其中自然人申请 40 件（网上 30 件、信函 10 件）、法人申请 10 件。",
        "共受理申请 50 件，其中涉及 3 个部门的 20 件、其他 30 件。",
        "共受理申请 50 件，其中予以公开 30 件（含部分公开 5 件）、不予公开 20 件。",
    ])
    func n2NoParts(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    // MARK: N1 — other counts that are not the table's

    @Test("N1: totals that include the carried-over or dates are not the received count", arguments: [
        "全年共收到政府信息公开申请 19 件（含上年结转 1 件）。",
        "截至 2022 年 12 月 31 日，全年收到政府信息公开申请 18 件。",
        "全年收到政府信息公开申请 18 件，为上年的 2 倍。",
        "全年收到政府信息公开申请共计十八件。",
        "2022年1月至12月，收到政府信息公开申请18件。",
    ])
    func n1OtherCounts(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }
    @Test("the seed: page chrome after a short table 三 row", arguments: ["·3·", "- 3 -", "— 3 —", "第3页", "〔3〕", "3", "新源县政府信息公开工作年度报告\t2024-01-20"])
    func seedChrome(_ chrome: String) {
        let seed = ReportFixtures.text("seed-xinyuan-2023.txt")
        let row = "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t\n"
        #expect(seed.contains(row), "fixture changed")
        let clean = ReportChecker.check(text: seed, source: "seed")
        let result = ReportChecker.check(text: seed.replacingOccurrences(of: row, with: row + chrome + "\n"), source: "seed+chrome")
        let before = ReportFixtures.values(clean), after = ReportFixtures.values(result)
        let changed = after.filter { before[$0.key] != $0.value }
        #expect(changed.isEmpty, "\(changed.map { "\($0.key.rawValue)=\($0.value)" })")
        #expect(Self.errors(result).count <= Self.errors(clean).count, "\(Self.errors(result))")
    }

    @Test("glued values with a mark before the next numbered row", arguments: [
        Stray(name: "glued 2100003、 then 2.", from: "\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3\n\t\t2.没有现成", to: "\t1.本机关不掌握相关政府信息 2100003、\n\t\t2.没有现成"),
        Stray(name: "glued 2100003、2.没有现成", from: "\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3\n\t\t2.没有现成", to: "\t1.本机关不掌握相关政府信息 2100003、2.没有现成"),
        Stray(name: "spaced 2 1 0 0 0 0 32.没有现成", from: "\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3\n\t\t2.没有现成", to: "\t1.本机关不掌握相关政府信息 2 1 0 0 0 0 32.没有现成"),
        Stray(name: "header between glued rows", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n示范县教育局\t2022年政府信息公开工作年度报告\t发布日期：2023-01-20\n二、上年结转"),
    ])
    func gluedWithMarks(_ stray: Stray) {
        let result = Self.check(stray)
        _ = ReadingDefectTests.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }
    @Test("a header with a date after a table 二 row with its cell blank", arguments: [
        "示范县教育局2022年政府信息公开工作年度报告\t2023-01-20",
        "示范县教育局2022年政府信息公开工作年度报告 发布日期：2023年1月20日",
        "发布日期：2023-01-20",
    ])
    func dateHeaderAfterBlankCell(_ header: String) {
        let result = Self.check(Stray(name: header, from: "行政强制\t7\n", to: "行政强制\n\(header)\n"))
        let got = ReportFixtures.values(result)[.t2("art20_6", "admin_coercion", "decisions_this_year")]
        #expect(got == nil, "read \(String(describing: got))")
    }

    @Test("N2: changes and last year's figures after the list", arguments: [
        "共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，分别比上年增加 5 件和 3 件。",
        "共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，较上年分别增加 5 件、3 件。",
        "共受理申请 50 件，比上年的 40 件增加 10 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件（上年 40 件），其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件，其中予以公开 30 件、不予公开 20 件（上年分别为 25 件、15 件）。",
        "共受理申请 50 件，其中予以公开 30 件（上年 25 件）、不予公开 20 件（上年 15 件）。",
        "共受理申请 50 件，其中予以公开 30 件、同比增加 20%，不予公开 20 件、同比减少 2 件。",
    ])
    func n2AfterList(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }
    /// When R4 cannot decide between the marker reading (total 1) and the value reading (12),
    /// the marker reading is only likely: the cells where they differ stay empty.
    @Test("12、 before row 2's label without its marker, in a row with a blank cell", arguments: [
        Stray(name: "blank 其他, 12、 next line", from: FifthReviewTests.twelveRow, to: "\t1.本机关不掌握相关政府信息\t10\t2\t0\t0\t0\t\t12、\n\t\t没有现成信息需要另行制作"),
        Stray(name: "blank 科研机构, 12、 same line", from: FifthReviewTests.twelveRow, to: "\t1.本机关不掌握相关政府信息\t10\t2\t\t0\t0\t0\t12、没有现成信息需要另行制作"),
        Stray(name: "six values (seed style), 12、", from: FifthReviewTests.twelveRow, to: "\t1.本机关不掌握相关政府信息\t10\t2\t0\t0\t0\t12、\n\t\t没有现成信息需要另行制作"),
    ])
    func twelveWithBlank(_ stray: Stray) {
        let result = Self.check(stray, in: FifthReviewTests.twelve)
        let read = ReportFixtures.values(result)
        let got = read[.t3("unable_not_held", "total")]
        #expect(got == nil || got == 12, "read \(String(describing: got)); row \(read.filter { $0.key.rawValue.contains("unable_not_held") }.map { "\($0.key.rawValue)=\($0.value)" }.sorted())")
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }
    @Test("the seed: a mark after a short row's last value", arguments: [
        Stray(name: "16、 then (二) with its marker", from: "\t(一) 予以公开\t16\t0\t0\t0\t0\t16\t\n", to: "\t(一) 予以公开 16 0 0 0 0 16、\n"),
        Stray(name: "16、 then 部分公开 without its marker", from: "\t(一) 予以公开\t16\t0\t0\t0\t0\t16\t\n\t(二) 部分公开", to: "\t(一) 予以公开 16 0 0 0 0 16、\n部分公开"),
        Stray(name: "16. then 部分公开 same line", from: "\t(一) 予以公开\t16\t0\t0\t0\t0\t16\t\n\t(二) 部分公开", to: "\t(一) 予以公开 16 0 0 0 0 16.部分公开"),
        Stray(name: "新收 16、", from: "一、本年新收政府信息公开申请数量\t16\t0\t0\t0\t0\t0\t16\t\n", to: "一、本年新收政府信息公开申请数量 16 0 0 0 0 0 16、\n"),
    ])
    func seedMarks(_ stray: Stray) {
        let seed = ReportFixtures.text("seed-xinyuan-2023.txt")
        let clean = ReportChecker.check(text: seed, source: "seed")
        let result = Self.check(stray, in: seed)
        let before = ReportFixtures.values(clean), after = ReportFixtures.values(result)
        let changed = after.filter { before[$0.key] != $0.value }
        #expect(changed.isEmpty, "\(changed.map { "\($0.key.rawValue)=\($0.value)" })")
        #expect(Self.errors(result).count <= Self.errors(clean).count, "\(Self.errors(result))")
    }

    @Test("N1: a sub-count after 其中 and another year's count given by its year are not this year's count", arguments: [
        "全年收到政府信息公开申请 18 件，其中通过网络收到政府信息公开申请 10 件。",
        "2021年收到政府信息公开申请25件，2022年收到18件。",
        "全年收到政府信息公开申请 18 件（2021 年收到政府信息公开申请 25 件）。",
    ])
    func n1SubCountsAndOtherYears(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        let n1 = result.findings.filter { $0.rule == "N1" }
        #expect(n1.isEmpty, "\(n1.map(\.message))")
    }

    @Test("held: N1 still finds a wrong count given by the report's own year, and a wrong part after 其中", arguments: [
        "2022年收到政府信息公开申请20件。",
        "全年收到政府信息公开申请 18 件，其中予以公开 9 件。",
    ])
    func n1StillFindsOwnYearAndParts(_ sentence: String) {
        let result = NarrativeRestatementTests.check(saying: sentence)
        #expect(result.findings.contains { $0.rule == "N1" }, "\(result.findings.map(\.message))")
    }

    @Test("N1 still finds a wrong count after a change in the same clause")
    func n1AfterAChange() {
        let result = NarrativeRestatementTests.check(saying: "全年收到政府信息公开申请较上年减少 5 件，共 20 件。")
        #expect(result.findings.contains { $0.rule == "N1" }, "\(result.findings.map(\.message))")
    }
}
