import Foundation
import Testing
@testable import GongkaiCore

/// The defects a cold review of issue #10 found, each on a small fixture of our own made from
/// base-2022.txt: whatever the noise, no cell may be read with a number the printed table does
/// not have (a cell may stay empty).
@Suite("Report check: defects of the issue #10 review")
struct ReadingDefectTests {
    static let disclosedRow = "（一）予以公开\t6\t1\t0\t0\t1\t0\t8"
    static let normativeRow = "行政规范性文件\t3\t1\t25"

    /// Every cell read has the printed value; returns the cells read.
    @discardableResult
    static func expectNoWrongNumber(_ result: ReportCheckResult, sourceLocation: SourceLocation = #_sourceLocation) -> [CellID: Decimal] {
        let read = ReportFixtures.values(result)
        let wrong = read.filter { ReportFixtures.baseCells[$0.key] != $0.value }
        #expect(wrong.isEmpty, "read with a number not printed: \(wrong.map { "\($0.key.rawValue)=\($0.value)" }.sorted())",
                sourceLocation: sourceLocation)
        return read
    }

    static func check(_ transform: (String) -> String) -> ReportCheckResult {
        ReportChecker.check(text: transform(ReportFixtures.text("base-2022.txt")), source: "fixture")
    }

    // MARK: 1. page chrome

    struct Chrome: Sendable, CustomTestStringConvertible {
        let name: String
        let row: String
        let replacement: String
        var testDescription: String { name }
    }

    @Test("page numbers and footers are not read into rows", arguments: [
        Chrome(name: "glued row, then “- 3 -”", row: disclosedRow, replacement: "（一）予以公开 6100108\n- 3 -"),
        Chrome(name: "glued row, then “— 3 —”", row: disclosedRow, replacement: "（一）予以公开 6100108\n— 3 —"),
        Chrome(name: "short row, then a lone “12” line", row: disclosedRow, replacement: "（一）予以公开 6 1 0 0 1 8\n12"),
        Chrome(name: "short row, then “第 2 页 共 5 页”", row: disclosedRow, replacement: "（一）予以公开 6 1 0 1 0 8\n第 2 页 共 5 页"),
        Chrome(name: "glued row, then “第2页/共5页”", row: disclosedRow, replacement: "（一）予以公开 6100108\n第2页/共5页"),
        Chrome(name: "table 二 short row, then a lone “12” line", row: normativeRow, replacement: "行政规范性文件 3 1\n12"),
        Chrome(name: "table 二 row, then “Page 2 of 5”", row: normativeRow, replacement: "行政规范性文件 3 1\nPage 2 of 5"),
        Chrome(name: "table 二 glued row, then “- 2 -”", row: normativeRow, replacement: "行政规范性文件 3125\n- 2 -"),
        // (second review) the total left blank, the six other digits glued, then a page number:
        // only the reading with “5” reads the row at all, and it breaks the row's sum
        Chrome(name: "glued row without its total, then a lone “5”", row: disclosedRow, replacement: "（一）予以公开 610010\n5"),
        // a stray bracket after the last value is not a row marker
        Chrome(name: "a row ending in “8）”", row: disclosedRow, replacement: "（一）予以公开 6 1 0 0 1 0 8）"),
    ])
    func pageChrome(_ chrome: Chrome) {
        // given a row followed by a page footer
        let result = Self.check { $0.replacingOccurrences(of: chrome.row, with: chrome.replacement) }
        // then no number of the footer is read into the row, and what was read is said plainly
        Self.expectNoWrongNumber(result)
        for repair in result.repairs {
            #expect(!repair.row.isEmpty)
            #expect(!repair.message.contains("只印出 0 个数"), "\(repair.message)")
        }
    }

    @Test("a complete row followed by a page number is read as printed")
    func completeRowThenPageNumber() {
        for footer in ["12", "- 3 -", "第 2 页 共 5 页", "— 3 —"] {
            let result = Self.check { $0.replacingOccurrences(of: Self.disclosedRow, with: "（一）予以公开 6 1 0 0 1 0 8\n\(footer)") }
            let read = Self.expectNoWrongNumber(result)
            #expect(read[.t3("result_disclosed", "total")] == 8, "footer \(footer)")
            #expect(read[.t3("result_disclosed", "natural_person")] == 6, "footer \(footer)")
        }
    }

    @Test("a page footer in a one-cell-per-line copy is not a cell")
    func footerInOneCellPerLine() {
        // given the whole report copied one cell per line, a footer inside a row
        let result = Self.check { text in
            text.replacingOccurrences(of: Self.disclosedRow, with: "（一）予以公开\n6\n1\n0\n第 2 页 共 5 页\n0\n1\n0\n8")
                .replacingOccurrences(of: "\t", with: "\n")
        }
        // then every cell is read, the footer left out
        let read = Self.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells)
    }

    // MARK: 2. Chinese zero

    @Test("〇 and 零 in a cell are 0")
    func chineseZero() {
        let result = Self.check { text in
            text.replacingOccurrences(of: "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0", with: "1.属于国家秘密\t〇\t零\t0\t〇\t0\t0\t〇")
                .replacingOccurrences(of: "规章\t0\t0\t0", with: "规章\t〇\t〇\t零")
        }
        let read = Self.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test("〇 in a year is not a cell")
    func zeroInYear() {
        let text = ReportFixtures.text("base-2022.txt")
        #expect(text.contains("\n2022年，"), "fixture changed")
        let result = Self.check { $0.replacingOccurrences(of: "\n2022年，", with: "\n二〇二二年，零星") }
        #expect(ReportFixtures.values(result) == ReportFixtures.baseCells)
    }

    // MARK: 3. row markers glued to labels

    struct Marker: Sendable, CustomTestStringConvertible {
        let name: String
        let from: String
        let to: String
        var testDescription: String { name }
    }

    @Test("row markers in any form are part of the label", arguments: [
        Marker(name: "(一) half-width", from: "（一）予以公开\t", to: "(一)予以公开\t"),
        Marker(name: "一、", from: "（一）予以公开\t", to: "一、予以公开\t"),
        Marker(name: "1.", from: "（一）予以公开\t", to: "1.予以公开\t"),
        Marker(name: "1．with space", from: "（一）予以公开\t", to: "1． 予以公开\t"),
        Marker(name: "(1)", from: "1.属于国家秘密\t", to: "(1)属于国家秘密\t"),
        Marker(name: "（1）", from: "4.保护第三方合法权益\t", to: "（4）保护第三方合法权益\t"),
        Marker(name: "1)", from: "2.重复申请\t", to: "2)重复申请\t"),
        Marker(name: "①", from: "4.保护第三方合法权益\t", to: "④保护第三方合法权益\t"),
        Marker(name: "digits glued to the next row's (1)", from: "3\n\t（三）不予公开\t1.属于国家秘密", to: "3(三)不予公开(1)属于国家秘密"),
        Marker(name: "digits glued to the next row's 1、", from: "3\n\t（三）不予公开\t1.属于国家秘密", to: "3（三）不予公开1、属于国家秘密"),
    ])
    func markers(_ marker: Marker) {
        let text = ReportFixtures.text("base-2022.txt")
        #expect(text.contains(marker.from), "fixture changed")
        let result = ReportChecker.check(text: text.replacingOccurrences(of: marker.from, with: marker.to), source: marker.name)
        let read = Self.expectNoWrongNumber(result)
        #expect(read == ReportFixtures.baseCells)
    }

    // MARK: 4. leading zeros

    @Test("a number with a leading zero is not read as a count")
    func leadingZero() {
        let result = Self.check { text in
            text.replacingOccurrences(of: Self.normativeRow, with: "行政规范性文件\t03\t1\t25")
                .replacingOccurrences(of: Self.disclosedRow, with: "（一）予以公开\t06\t1\t0\t0\t1\t0\t8")
        }
        let read = Self.expectNoWrongNumber(result)
        #expect(read[.t2("art20_1", "normative_docs", "issued_this_year")] == nil)
        #expect(read[.t3("result_disclosed", "natural_person")] == nil)
    }

    // MARK: 5. blank cells of HTML and Word tables

    @Test("a blank last cell of an HTML row stays blank")
    func blankLastCellHTML() throws {
        // given the 予以公开 row with its total cell left blank
        let html = ReportFixtures.text("base-2022.html")
        let row = "<td>&nbsp;<span>0</span>&nbsp;<td>&nbsp;<span>8</span>&nbsp;</tr>"
        #expect(html.components(separatedBy: row).count == 2, "fixture changed")
        let result = try ReportChecker.check(ReportFile(name: "blank.html", data: Data(html.replacingOccurrences(of: row, with: "<td>&nbsp;<span>0</span>&nbsp;<td>&nbsp;</tr>").utf8)))
        // then it is not invented from the row's other cells
        let read = Self.expectNoWrongNumber(result)
        #expect(read[.t3("result_disclosed", "total")] == nil)
        #expect(read[.t3("result_disclosed", "natural_person")] == 6)
        #expect(result.repairs.isEmpty, "\(result.repairs.map(\.message))")
        #expect(result.missingCells.contains { $0.cell == .t3("result_disclosed", "total") && $0.reason == "空白" })
    }

    @Test("a blank last cell of a bar row stays blank")
    func blankLastCellText() {
        for row in ["| （一）予以公开 | 6 | 1 | 0 | 0 | 1 | 0 |  |", "| （一）予以公开 | 6 | 1 | 0 | 0 | 1 | 0 |  ||"] {
            let result = Self.check { $0.replacingOccurrences(of: Self.disclosedRow, with: row) }
            let read = Self.expectNoWrongNumber(result)
            #expect(read[.t3("result_disclosed", "total")] == nil, "\(row)")
            #expect(read[.t3("result_disclosed", "natural_person")] == 6, "\(row)")
        }
    }

    // MARK: 6. comparisons with last year are not parts

    @Test("comparisons with last year are not parts of a stated sum", arguments: [
        "全年共受理申请 50 件，同比增长 12 件，其中予以公开 30 件，不予公开 20 件。",
        "全年共受理申请 50 件，其中予以公开 30 件，比上年增加 5 件，不予公开 20 件。",
        "全年共受理申请 50 件，比上年减少 8 件，其中予以公开 30 件、不予公开 20 件。",
        "共受理申请 50 件（其中予以公开 30 件，同比下降 3 件；不予公开 20 件，较去年增加 2 件）。",
        "共发布信息 1000 条，较上年增长 200 条，其中门户网站 600 条、部门网站 400 条。",
        "共发布信息 1000 条，其中门户网站 600 条（同比增加 120 条）、部门网站 400 条。",
        "共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，与上年相比增加 10 件。",
    ])
    func comparisonsAreNotParts(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .consistent, "\(findings.map(\.message))")
    }

    @Test("a true mismatch beside a comparison is still an error")
    func mismatchBesideComparison() {
        let (verdict, _) = NarrativeSumTests.verdict("共受理申请 50 件，同比增长 12 件，其中予以公开 31 件、不予公开 20 件，无法提供 5 件。")
        #expect(verdict == .finding(.error))
    }

    // MARK: 7. repair messages name their row

    @Test("every repair names its row")
    func repairsNameTheirRow() {
        let variants: [(String) -> String] = [
            { $0.replacingOccurrences(of: Self.normativeRow, with: "行政规范性文件 3125") },
            { $0.replacingOccurrences(of: "\t6\t1\t0\t0\t1\t0\t8", with: " 6100108") },
            { $0.replacingOccurrences(of: "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0", with: "1.属于国家秘密 0000000") },
            { $0.replacingOccurrences(of: "\t12\t3\t0\t1\t1\t0\t17", with: " 12301 1017") },
        ]
        for variant in variants {
            let result = Self.check(variant)
            Self.expectNoWrongNumber(result)
            for repair in result.repairs {
                #expect(!repair.row.isEmpty)
                #expect(!repair.message.contains("“”"), "\(repair.message)")
            }
        }
    }

    // MARK: review 10d — page chrome with a number, mixed formats, glued changes, units

    typealias Stray = FifthReviewTests.Stray

    static func check(_ stray: Stray, in text: String = ReportFixtures.text("base-2022.txt"),
                      sourceLocation: SourceLocation = #_sourceLocation) -> ReportCheckResult {
        #expect(text.contains(stray.from), "fixture changed", sourceLocation: sourceLocation)
        return ReportChecker.check(text: text.replacingOccurrences(of: stray.from, with: stray.to), source: stray.name)
    }

    static func errors(_ result: ReportCheckResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    /// Footers with a number in the forms real copies have: the agency's name with the page (a
    /// Word footer, pdftotext -layout), 页码：5, P5, decorations, an e-mail, a URL.
    static let footers = ["示范县教育局 5", "示范县教育局\t5", "5                              示范县教育局", "页码：5", "P5", "~ 5 ~", "#5",
                          "xxgk5@sfx.gov.cn", "http://www.sfx.gov.cn/col/col5/index.html", "p. 3", "*3*", "No.3", "第 5 页 示范县教育局"]

    @Test("a footer after a table 三 row with its total blank is not its total", arguments: footers)
    func footerAfterBlankTotal(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "\t0\t18\n二、上年结转", to: "\t0\t\n\(footer)\n二、上年结转"))
        Self.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("a footer after a table 三 row with a blank cell inside does not shift the row", arguments: footers)
    func footerAfterBlankInside(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18\n",
                                      to: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t\t18\n\(footer)\n"))
        Self.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("a footer after a complete glued table 三 row is not its total", arguments: ["示范县教育局 5", "页码：5"])
    func footerAfterGluedRow(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18\n",
                                      to: "一、本年新收政府信息公开申请数量 123012018\n\(footer)\n"))
        Self.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("a footer after a table 三 row short of one value is no value of it", arguments: ["示范县教育局 5", "页码：5"])
    func footerAfterShortRow(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18\n",
                                      to: "一、本年新收政府信息公开申请数量 12 3 0 1 2 18\n\(footer)\n"))
        Self.expectNoWrongNumber(result)
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
    }

    @Test("a footer after a table 二 row short of a value or blank is no value of it", arguments: footers + ["http://www.sfx.gov.cn/col/col1234/index.html"])
    func footerAfterTableTwoRow(_ footer: String) {
        let short = Self.check(Stray(name: footer, from: "行政规范性文件\t3\t1\t25\n", to: "行政规范性文件 3 1\n\(footer)\n"))
        Self.expectNoWrongNumber(short)
        let blank = Self.check(Stray(name: footer, from: "行政强制\t7\n", to: "行政强制\n\(footer)\n"))
        let got = ReportFixtures.values(blank)[.t2("art20_6", "admin_coercion", "decisions_this_year")]
        #expect(got == nil, "read \(String(describing: got))")
    }

    @Test("the seed: a footer with the agency's name and page after a short table 三 row", arguments: [
        "新源县人民政府 3", "新源县人民政府办公室\t3", "页码：3",
    ])
    func seedFooter(_ footer: String) {
        let seed = ReportFixtures.text("seed-xinyuan-2023.txt")
        let clean = ReportChecker.check(text: seed, source: "seed")
        for row in ["\t(一) 予以公开\t16\t0\t0\t0\t0\t16\t\n", "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t\n"] {
            #expect(seed.contains(row), "fixture changed")
            let result = ReportChecker.check(text: seed.replacingOccurrences(of: row, with: row + footer + "\n"), source: "seed+footer")
            let before = ReportFixtures.values(clean), after = ReportFixtures.values(result)
            let changed = after.filter { before[$0.key] != $0.value }
            #expect(changed.isEmpty, "\(changed.map { "\($0.key.rawValue)=\($0.value)" }.sorted())")
            #expect(Self.errors(result).count <= Self.errors(clean).count, "\(Self.errors(result))")
        }
    }

    @Test("a complete row followed by a footer with a number is read as printed", arguments: footers)
    func completeRowThenFooter(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "\t0\t18\n二、上年结转", to: "\t0\t18\n\(footer)\n二、上年结转"))
        let read = Self.expectNoWrongNumber(result)
        #expect(read[.t3("new_received", "total")] == 18)
        #expect(read.count == 200, "\(result.missingCells.map(\.reason).prefix(3))")
    }

    @Test("footers are chrome by the rule, whatever agency, order or contact they carry", arguments: [
        "某某市卫生健康委员会 12", "12        某某市卫生健康委员会", "某某市卫生健康委员会\t第12页", "联系电话：0999-1234567",
        "网址：www.moumou.gov.cn", "2023-01-20 某某市卫生健康委员会", "某某市卫生健康委员会 · 12", "- 12 - 某某市卫生健康委员会",
    ])
    func footersByRule(_ footer: String) {
        for (from, to) in [("\t0\t18\n二、上年结转", "\t0\t\n\(footer)\n二、上年结转"),
                           ("行政规范性文件\t3\t1\t25\n", "行政规范性文件 3 1\n\(footer)\n"),
                           ("行政强制\t7\n", "行政强制\n\(footer)\n")] {
            let result = Self.check(Stray(name: footer, from: from, to: to))
            Self.expectNoWrongNumber(result)
            #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
            #expect(ReportFixtures.values(result)[.t2("art20_6", "admin_coercion", "decisions_this_year")] != 12)
        }
    }

    @Test("a label continued on the next line with its values is no chrome", arguments: [
        Stray(name: "行政/强制 7", from: "行政强制\t7\n", to: "行政\n强制 7\n"),
        Stray(name: "结转下年度继续/办理", from: "四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2",
              to: "四、结转下年度继续\n办理 1 0 0 0 1 0 2"),
        Stray(name: "fee with 万元", from: "行政事业性收费\t12.5", to: "行政事业性收费\n12.5 万元"),
    ])
    func wrappedLabelKeepsValues(_ stray: Stray) {
        let clean = ReportFixtures.values(ReportChecker.check(text: ReportFixtures.text("base-2022.txt"), source: "clean"))
        let result = Self.check(stray)
        let read = Self.expectNoWrongNumber(result)
        #expect(read.count == clean.count, "\(result.missingCells.map(\.reason).prefix(3))")
    }

    @Test("a browser's print header and footer between table 三 rows leave the row readable")
    func browserPrintChrome() {
        let chrome = "http://www.sfx.gov.cn/art/2023/1/20/art_123_4567.html\t3/5\n2023/1/20 10:15\t示范县教育局2022年政府信息公开工作年度报告\n"
        let result = Self.check(Stray(name: "print chrome", from: "\t0\t18\n二、上年结转", to: "\t0\t18\n\(chrome)二、上年结转"))
        let read = Self.expectNoWrongNumber(result)
        #expect(read[.t3("new_received", "total")] == 18, "\(result.missingCells.filter { $0.cell == .t3("new_received", "total") }.map(\.reason))")
    }

    @Test("captions written with Arabic numerals (第20条第（5）项) are no values")
    func arabicCaptions() {
        var text = ReportFixtures.text("base-2022.txt")
        for n in ["一": "1", "五": "5", "六": "6", "八": "8"] { text = text.replacingOccurrences(of: "第二十条第（\(n.key)）项", with: "第20条第（\(n.value)）项") }
        let result = ReportChecker.check(text: text, source: "captions")
        let read = Self.expectNoWrongNumber(result)
        #expect(read.count == 200, "\(result.missingCells.map(\.reason))")
    }

    @Test("a fee printed in 元 in the 万元 column is not read as 万元")
    func feeInYuan() {
        let result = Self.check(Stray(name: "125000元", from: "行政事业性收费\t12.5", to: "行政事业性收费\t125000元"))
        let got = ReportFixtures.values(result)[ReportSchema.feeAmountCell]
        #expect(got == nil || got == Decimal(string: "12.5"), "read \(String(describing: got))")
    }

    @Test("a running header in pipes between table 三 rows leaves the row readable")
    func pipeRunningHeader() {
        let text = ReportFixtures.text("pipes-2023.txt")
        let row = "| 属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 ||"
        let clean = ReportChecker.check(text: text, source: "pipes")
        let result = Self.check(Stray(name: "pipe header", from: row, to: row + "\n\n- 3 -\n\n| 示范县水利局2023年政府信息公开工作年度报告 |"), in: text)
        #expect(ReportFixtures.values(result).count == ReportFixtures.values(clean).count, "\(result.missingCells.map(\.reason).prefix(2))")
    }

    static let oldTableTwo = """
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
        规章\t0\t0\t0
        规范性文件\t3\t3\t25
        第二十条第（五）项
        信息内容\t上一年项目数量\t本年增/减\t处理决定数量
        行政许可\t12\t0\t1234
        其他对外管理服务事项\t0\t0\t0
        第二十条第（六）项
        信息内容\t上一年项目数量\t本年增/减\t处理决定数量
        行政处罚\t10\t0\t56
        行政强制\t2\t0\t7
        第二十条第（八）项
        信息内容\t上一年项目数量\t本年增/减
        行政事业性收费\t3\t0
        第二十条第（九）项
        信息内容\t采购项目数量\t采购总金额
        政府集中采购\t6\t251000

        """

    @Test("a 2022 report printing the 2019 table 二 beside the 2021 table 三: its columns are not the 2021 ones")
    func oldTableTwoInA2022Report() {
        let base = ReportFixtures.text("base-2022.txt")
        let s = base.range(of: "二、主动公开政府信息情况")!.lowerBound, e = base.range(of: "三、收到和处理")!.lowerBound
        let text = String(base[..<s]) + Self.oldTableTwo + String(base[e...])
        let result = ReportChecker.check(text: text, source: "mixed")
        let read = ReportFixtures.values(result)
        // 本年新公开数量 3 is no 本年废止件数, 对外公开总数量 25 no 现行有效件数
        #expect(read[.t2("art20_1", "normative_docs", "repealed_this_year")] == nil, "read \(read.filter { $0.key.rawValue.hasPrefix("t2.") }.map { "\($0.key.rawValue)=\($0.value)" }.sorted())")
        #expect(read[.t2("art20_1", "normative_docs", "in_force")] == nil)
        #expect(result.findings.contains { $0.rule == "V1" }, "no V1: \(result.findings.map(\.rule))")
        // table 三 is the 2021 one and still read
        #expect(read[.t3("new_received", "total")] == 18)
    }

    @Test("a 2022 report printing the 2019 （六）其他处理 row: its figures are not row 3.其他")
    func oldOtherProcessingRow() {
        let text = ReportFixtures.text("base-2022.txt")
        let s = text.range(of: "\t（六）其他处理")!.lowerBound, e = text.range(of: "\t（七）总计")!.lowerBound
        let result = ReportChecker.check(text: String(text[..<s]) + "\t（六）其他处理\t0\t0\t0\t1\t0\t0\t1\n" + String(text[e...]), source: "old6")
        let read = ReportFixtures.values(result)
        let misc = read.filter { $0.key.rawValue.hasPrefix("t3.other_misc.") }
        #expect(misc.isEmpty, "the group's figures read as 3.其他: \(misc.map { "\($0.key.rawValue)=\($0.value)" }.sorted())")
        #expect(result.findings.contains { $0.rule == "V1" }, "no V1: \(result.findings.map(\.rule))")
    }

    @Test("2019: 5减21,205 has two readings (−2 1,205 and −21 205): neither is stated")
    func gluedChangeWithThousands() {
        let text = ReportFixtures.text("report-2019-format.txt")
        let result = Self.check(Stray(name: "5减21,205", from: "其他对外管理服务事项\t5\t减2\t1,205", to: "其他对外管理服务事项5减21,205"), in: text)
        let read = ReportFixtures.values(result)
        let change = read[.t2("art20_5", "other_external_services", "change_this_year")]
        let decisions = read[.t2("art20_5", "other_external_services", "decisions")]
        #expect(change == nil || change == -2, "read \(String(describing: change))")
        #expect(decisions == nil || decisions == 1205, "read \(String(describing: decisions))")
    }

    // MARK: review 10f — footer and header lines of portals, mixed table 二 blocks, fees headed in 元

    /// Cells read with a number the printed base-2022 table does not have.
    static func wrongCells(_ r: ReportCheckResult) -> [String] {
        ReportFixtures.values(r).filter { ReportFixtures.baseCells[$0.key] != $0.value }
            .map { "\($0.key.rawValue)=\($0.value) (printed \(ReportFixtures.baseCells[$0.key].map { "\($0)" } ?? "none"))" }.sorted()
    }

    /// Footer and portal lines with a number, as crawls and Word/PDF copies leave them between rows:
    /// counters, sources and dates glued to their labels, pages, local phones without an area
    /// code, postcodes, the site's code and registrations, a year-and-page header.
    static let chromeLines = [
        "浏览次数：35", "点击数：12", "来源：示范县教育局 浏览次数：35", "发布时间：2023-01-20 来源：示范县教育局",
        "示范县教育局 第3页", "当前第3页", "页次：3/5", "3 of 5", "Page 3", "第3页/共5页", "共 5 页 当前第 3 页",
        "[ 3 ]", "— 3/12 —", "-3-", "- 3 -\u{0C}", "示范县人民政府网 2023年1月20日", "电话：0999-1234567",
        "联系电话：5022803", "邮编：835800", "访问量：1234", "浏览量：1,234", "阅读：56", "示范县教育局 3", "教育局 3",
        "3 示范县教育局", "发布日期：2023-01-20", "索引号：000014349/2023-00003", "文号：示教发〔2023〕3号",
        "京ICP备05070218号", "网站标识码：6540000001", "新公网安备 65400202000123号",
        "地址：示范县青年西街051号 邮编：835800", "第 3 页", "3/5", "·3·", "电话：0999—5022803", "电话：（0999）5022803",
        "【打印本页】 【关闭窗口】 3", "示范县教育局发布 2023-01-20 10:15:07",
        // Beyond the review's list: the same kinds in other orders and forms.
        "2023年1月20日 示范县教育局", "2022年度 3", "联系电话：5022803 传真：5022804", "电话 5022803",
        "更新时间：2023年01月20日", "来源：示范县教育局 发布日期：2023年1月20日", "发布时间:2023-01-20 10:15", "12 of 12",
        "浏览次数：12345", "总访问量：1234567", "政务服务热线：12345 投诉电话：5022803", "QQ群：123456789",
    ]

    /// Rows of base-2022 and how each is left short (a value lost at its end).
    static let shortRows: [(printed: String, short: String)] = [
        ("行政规范性文件\t3\t1\t25", "行政规范性文件\t3\t1\t"),
        ("行政规范性文件\t3\t1\t25", "行政规范性文件 3 1"),
        ("行政强制\t7", "行政强制\t"),
        ("行政事业性收费\t12.5", "行政事业性收费"),
        ("\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1", "\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0"),
        ("\t（四）无法提供\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t3", "\t（四）无法提供\t1.本机关不掌握相关政府信息\t2\t1\t0\t0\t0\t0\t"),
        ("四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2", "四、结转下年度继续办理 1 0 0 0 1 0"),
        ("\t（一）予以公开\t6\t1\t0\t0\t1\t0\t8", "\t（一）予以公开 6100108"),
    ]

    @Test("chrome lines with a number after a short row never complete it (sweep)")
    func chromeAfterShortRowSweep() {
        let base = ReportFixtures.text("base-2022.txt")
        var failures: [String] = []
        for (printed, short) in Self.shortRows {
            for chrome in Self.chromeLines {
                let text = base.replacingOccurrences(of: printed, with: short + "\n" + chrome)
                if text == base { failures.append("row not found: \(printed.debugDescription)"); continue }
                let r = ReportChecker.check(text: text, source: "chrome")
                let w = Self.wrongCells(r), e = Self.errors(r)
                if !w.isEmpty || !e.isEmpty { failures.append("[\(short.debugDescription) + \(chrome.debugDescription)] wrong=\(w) errors=\(e)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test("a 7-digit local phone in a footer after a short table 三 row is no total")
    func localPhoneAfterShortRow() {
        let r = Self.check(Stray(name: "phone", from: "\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1", to: "\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t\n联系电话：5022803"))
        #expect(Self.wrongCells(r).isEmpty && Self.errors(r).isEmpty, "wrong=\(Self.wrongCells(r)) errors=\(Self.errors(r))")
    }

    @Test("a visit counter after table 二's one-value row is no value")
    func visitCounterAfterBlankRow() {
        let r = Self.check(Stray(name: "counter", from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\t3\t1\t\n浏览次数：35"))
        #expect(Self.wrongCells(r).isEmpty, "wrong=\(Self.wrongCells(r))")
    }

    @Test("a portal footer block (ICP, 公网安备, 网站标识码) after the last table row")
    func portalFooterAfterTable4() {
        let t4 = "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0"
        let r = Self.check(
            Stray(
                name: "footer", from: t4,
                to: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\n主办：示范县人民政府办公室 网站标识码：6540000001\n京ICP备05070218号 新公网安备 65400202000123号"))
        #expect(Self.wrongCells(r).isEmpty && Self.errors(r).isEmpty, "wrong=\(Self.wrongCells(r)) errors=\(Self.errors(r))")
    }

    @Test(
        "a complete row followed by portal footer lines is read as printed",
        arguments: [
            "联系电话：5022803", "网站标识码：6540000001", "2023年1月20日 示范县教育局", "发布时间：2023-01-20 来源：示范县教育局", "3 of 5", "2022年度 3",
        ])
    func completeRowThenPortalFooter(_ footer: String) {
        let result = Self.check(Stray(name: footer, from: "\t0\t18\n二、上年结转", to: "\t0\t18\n\(footer)\n二、上年结转"))
        let read = Self.expectNoWrongNumber(result)
        #expect(read.count == 200, "\(result.missingCells.map(\.reason).prefix(3))")
    }

    @Test("a 2022 report whose table 二 is the 2019 one, digits glued: V1, no 2021 cell from it")
    func mixedTable2Glued() {
        let t2old = """
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
            规章\t000
            规范性文件\t3325
            第二十条第（五）项
            信息内容\t上一年项目数量\t本年增/减\t处理决定数量
            行政许可\t12增1340
            """
        let base = ReportFixtures.text("base-2022.txt")
        let start = base.range(of: "二、主动公开政府信息情况")!.lowerBound
        let end = base.range(of: "第二十条第（六）项")!.lowerBound
        let r = ReportChecker.check(text: base.replacingCharacters(in: start..<end, with: t2old + "\n"), source: "mixed")
        #expect(Self.wrongCells(r).isEmpty, "wrong=\(Self.wrongCells(r))")
        #expect(r.findings.contains { $0.rule == "V1" }, "\(r.findings.map(\.rule))")
    }

    @Test("table 二 decided per block: 2019 heads over （一）/（五） leave them empty, the 2021 blocks are read")
    func mixedTable2PerBlock() {
        let base = ReportFixtures.text("base-2022.txt")
        let start = base.range(of: "第二十条第（一）项")!.lowerBound
        let end = base.range(of: "第二十条第（六）项")!.lowerBound
        let old =
            "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n规范性文件\t4\t5\t6\n"
            + "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t12\t增1\t340\n"
        let r = ReportChecker.check(text: base.replacingCharacters(in: start..<end, with: old), source: "mixed blocks")
        let read = ReportFixtures.values(r)
        #expect(Self.wrongCells(r).isEmpty, "wrong=\(Self.wrongCells(r))")
        #expect(read.keys.filter { $0.rawValue.hasPrefix("t2.art20_1.") || $0.rawValue.hasPrefix("t2.art20_5.") }.isEmpty)
        #expect(read[.t2("art20_6", "admin_penalty", "decisions_this_year")] == 56)
        #expect(read[ReportSchema.feeAmountCell] == Decimal(string: "12.5"))
        let v1 = r.findings.filter { $0.rule == "V1" }.map(\.message)
        #expect(v1.count == 2 && v1.allSatisfy { $0.contains("第二十条第（一）项") || $0.contains("第二十条第（五）项") }, "\(v1)")
        let reason = r.missingCells.first { $0.cell == .t2("art20_1", "normative_docs", "in_force") }?.reason ?? ""
        #expect(reason.contains("2019"), "\(reason)")
    }

    @Test("a fee column headed in 元 (本年收费金额（单位：元）) is not read as 万元")
    func feeColumnHeadedInYuan() {
        for (head, printed, expected) in [
            ("本年收费金额（单位：元）", "125000", Decimal(string: "12.5")),
            ("本年收费金额（元）", "125,000", Decimal(string: "12.5")),
            ("本年收费金额（单位：元）", "12.5万元", Decimal(string: "12.5")),
            ("本年收费金额（单位：万元）", "12.5", Decimal(string: "12.5")),
        ] {
            let text = ReportFixtures.text("base-2022.txt").replacingOccurrences(of: "本年收费金额（单位：万元）", with: head)
                .replacingOccurrences(of: "行政事业性收费\t12.5", with: "行政事业性收费\t" + printed)
            let got = ReportFixtures.values(ReportChecker.check(text: text, source: "yuan head"))[ReportSchema.feeAmountCell]
            #expect(got == expected, "\(head) \(printed): fee read \(String(describing: got))")
        }
    }

    @Test("a fee in 万元 with its 元 equivalent in brackets")
    func feeWithConversionInBrackets() {
        let r = Self.check(Stray(name: "fee brackets", from: "行政事业性收费\t12.5", to: "行政事业性收费\t12.5万元（折合125000元）"))
        #expect(Self.wrongCells(r).isEmpty, "wrong=\(Self.wrongCells(r))")
    }

    @Test(
        "a glued table 三 row that lost a value at its end: no cell from the forced cut, no R error",
        arguments: [
            Stray(name: "new received", from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", to: "一、本年新收政府信息公开申请数量 1230120"),
            Stray(name: "new received, first lost", from: "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18", to: "一、本年新收政府信息公开申请数量 3012018"),
        ])
    func gluedRowLostValue(_ stray: Stray) {
        let r = Self.check(stray)
        #expect(Self.wrongCells(r).isEmpty, "wrong=\(Self.wrongCells(r))")
        #expect(Self.errors(r).isEmpty, "\(Self.errors(r))")
        #expect(r.missingCells.contains { $0.reason.contains("丢了一个数") }, "\(r.missingCells.map(\.reason).prefix(3))")
    }

    // MARK: review 10g — footers and dates in any wording, page counts in brackets, years in row labels

    /// Cells of base-2022's printed table that were not read.
    static func lostCells(_ r: ReportCheckResult) -> [String] {
        let v = ReportFixtures.values(r)
        return ReportFixtures.baseCells.filter { v[$0.key] == nil }.map { $0.key.rawValue }.sorted()
    }

    /// Footer, header and date lines of portals and copies, in many wordings.
    static let moreChrome = [
        "咨询电话 5022803", "监督电话：5022803", "联系电话：0999 5022803", "传真：5022803", "邮 编：835800", "邮政编码：835800",
        "网站标识码6540000001", "新公网安备65400202000123号", "新ICP备05070218号-1", "ICP备案号：新ICP备05070218号-1",
        "政府网站标识码：6540000001 ICP备案号：新ICP备05070218号", "技术支持：示范县信息中心 电话：5022803",
        "发布时间：2023年01月20日 10:15", "2023年1月20日 星期五", "【字体：大 中 小】 2023-01-20",
        "信息来源：示范县教育局 发布日期：2023年1月20日 浏览次数：1234", "您是第 12345 位访问者", "本页访问量 35",
        "第3页 共5页", "3 / 5", "共5页", "上一页 1 2 3 下一页", "示范县教育局2022年政府信息公开工作年度报告 3", "— 3 —",
        "第 3 页 共 5 页", "联系电话：５０２２８０３", "浏览次数：３５", "联系电话：5022803、5022804", "电话：5022803（传真同）",
        "地址：示范县人民路88号", "2023/01/20", "2023.01.20", "Tel: 0999-5022803", "Tel：5022803", "E-mail：jyj2023@163.com",
        "Copyright © 2023 示范县人民政府 版权所有", "© 2023 示范县教育局", "发布者：示范县教育局 2023-01-20",
        "字号：大 中 小 浏览：35次", "点击率：35", "人气：35", "访问：35", "查看次数：35", "已阅 35 次", "编辑：张三 审核：李四 2023-01-20",
        "12345政务服务便民热线", "拨打12345热线", "(3)", "3", "— 2 —\u{0C}示范县教育局", "2022年度 12",
        "示范县教育局 2023年01月20日", "2023 年 1 月 20 日", "二〇二三年一月二十日", "日期：2023-1-20", "时间：2023-01-20 10:15:07",
        "成文日期：2023年1月20日", "发文字号：示教发〔2023〕3号", "主题分类：政务公开 发布机构：示范县教育局 浏览：1234",
    ]

    /// Each line after each short row (`shortRows` of review 10f): no cell read with a number not
    /// printed, no error.
    static func sweep(_ chrome: [String], rows: [(printed: String, short: String)] = shortRows) -> [String] {
        var failures: [String] = []
        for (printed, short) in rows {
            for c in chrome {
                let r = ReportChecker.check(
                    text: ReportFixtures.text("base-2022.txt").replacingOccurrences(of: printed, with: short + "\n" + c), source: c)
                let w = wrongCells(r), e = errors(r)
                if !w.isEmpty || !e.isEmpty { failures.append("[\(short.debugDescription) + \(c.debugDescription)] wrong=\(w) errors=\(e)") }
            }
        }
        return failures
    }

    @Test("more footer and date lines after a short row never complete it (sweep)")
    func moreChromeAfterShortRow() {
        let f = Self.sweep(Self.moreChrome)
        #expect(f.isEmpty, "\(f.count) failures:\n\(f.joined(separator: "\n"))")
    }

    @Test("footer and date lines after a complete row: the row keeps its values (no over-reach)")
    func chromeAfterCompleteRowKeepsValues() {
        var failures: [String] = []
        for (printed, _) in Self.shortRows {
            for chrome in Self.moreChrome {
                let r = ReportChecker.check(
                    text: ReportFixtures.text("base-2022.txt").replacingOccurrences(of: printed, with: printed + "\n" + chrome),
                    source: "chrome")
                let w = Self.wrongCells(r), l = Self.lostCells(r), e = Self.errors(r)
                if !w.isEmpty || !l.isEmpty || !e.isEmpty {
                    failures.append("[\(printed.debugDescription) + \(chrome.debugDescription)] wrong=\(w) lost=\(l) errors=\(e)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test("footer labels the list does not know (电话号码, 传真号码, Tel, 手机号, 访客, 访问人数, 累计访问, 投诉举报, 12345热线) never complete a short row")
    func footerLabelVariants() {
        let f = Self.sweep([
            "传真号码：5022803", "电话号码：5022803", "Tel：5022803", "手机号：13912345678", "访客：12345", "访问人数：12345",
            "累计访问 12345", "您是本站第12345位访客", "访问统计：12345", "投诉举报：12345", "12345政务服务便民热线",
            "拨打12345热线", "服务电话：0999-5022803/5022804", "网站地图 | 联系我们 | 12345",
        ])
        #expect(f.isEmpty, "\(f.count) failures:\n\(f.joined(separator: "\n"))")
    }

    @Test("dates written with spaces (2023 年 1 月 20 日, as the seed writes them) never complete a short row")
    func spacedDates() {
        let f = Self.sweep(["2023 年 1 月 20 日", "发布日期：2023 年 1 月 20 日", "2023 年 01 月 20 日", "示范县教育局 2023 年 1 月 20 日"])
        #expect(f.isEmpty, "\(f.count) failures:\n\(f.joined(separator: "\n"))")
    }

    @Test("page numbers with their count in brackets or dashes after a glued or short row are no values")
    func pageNumbersAfterGluedRow() {
        let f = Self.sweep(["— 3/5 —", "- 3 / 5 -", "(3/5)", "[3/5]", "·3/5·", "- 3 of 5 -", "< 3 >", "« 3 »", "3 of 5 pages", "3 of 5 页"])
        #expect(f.isEmpty, "\(f.count) failures:\n\(f.joined(separator: "\n"))")
    }

    @Test("the seed: a blank fee cell before a spaced date, a blank licence cell before a visitor counter")
    func seedFooters() {
        let seed = ReportFixtures.text("seed-xinyuan-2023.txt")
        let original = ReportFixtures.values(ReportChecker.check(text: seed, source: "seed"))
        for (printed, damaged) in [
            ("行政事业性收费\t380.3096424\t\t", "行政事业性收费\t\t\t\n2024 年 1 月 20 日"),
            ("行政许可\t253\t\t", "行政许可\t\t\t\n您是第 12345 位访问者"),
        ] {
            let text = seed.replacingOccurrences(of: printed, with: damaged)
            #expect(text != seed)
            let read = ReportFixtures.values(ReportChecker.check(text: text, source: damaged))
            let wrong = read.filter { original[$0.key] != $0.value }.map { "\($0.key.rawValue)=\($0.value)" }.sorted()
            #expect(wrong.isEmpty, "\(damaged): \(wrong)")
        }
    }

    /// Real rows carrying a year, a date or a word the footer rule knows: never thrown away.
    @Test(
        "rows with a year or date in their label or head are read (no over-reach)",
        arguments: [
            ("一、本年新收政府信息公开申请数量\t12", "一、2022年新收政府信息公开申请数量\t12"),
            ("二、上年结转政府信息公开申请数量\t1", "二、2021年结转政府信息公开申请数量\t1"),
            ("四、结转下年度继续办理\t1", "四、结转2023年度继续办理\t1"),
            ("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "信息内容\t2022年制发件数\t2022年废止件数\t现行有效件数"),
            ("行政许可\t1234", "行政许可（截至2022年12月31日）\t1234"),
            ("行政处罚\t56", "行政处罚\t56（2022年1月1日至12月31日）"),
            ("信息内容\t本年收费金额（单位：万元）", "信息内容\t2022年收费金额（单位：万元）"),
            ("二、上年结转政府信息公开申请数量\t1", "二、2021 年结转政府信息公开申请数量\t1"),
        ])
    func rowsWithYears(_ pair: (String, String)) {
        let r = Self.check(Stray(name: pair.1, from: pair.0, to: pair.1))
        #expect(Self.wrongCells(r).isEmpty && Self.errors(r).isEmpty, "wrong=\(Self.wrongCells(r)) errors=\(Self.errors(r))")
        #expect(Self.lostCells(r).isEmpty, "lost \(Self.lostCells(r))")
    }

    @Test("a glued row of exactly seven digits is forced (issue #10): a misprinted total is still an R4 error")
    func gluedForcedRowMisprint() {
        let r = Self.check(
            Stray(
                name: "forced misprint", from: "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t0\t0\t0\t0\t3",
                to: "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2100004"))
        #expect(
            r.findings.contains { $0.rule == "R4" && $0.severity == .error },
            "\(r.findings.filter { $0.severity != .info }.map { "\($0.rule) \($0.message)" })")
        // The parts as printed, chosen over a value lost at an end by R2 in their columns (an
        // assumption, said so); the total is the misprint the error names.
        let read = ReportFixtures.values(r)
        #expect(
            read[.t3("result_partially_disclosed", "natural_person")] == 2 && read[.t3("result_partially_disclosed", "commercial_enterprise")] == 1)
        #expect(r.assumptions.contains { $0.rule == "R2" }, "the reading rests on R2: \(r.assumptions.map(\.message))")
    }
}

/// Consistent reports printed the way copies come out — rows tab-, space-separated or glued,
/// a value lost here and there, page footers between rows, zeros written 〇 — read back: no
/// cell may come back with a number the printed table does not have.
@Suite("Report check: noisy copies (property)")
struct NoisyCopiesPropertyTests {
    static func noisy(_ report: AnnualReport, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed &* 0x2545_F491 &+ 11)
        var out: [String] = []
        var page = 1
        for line in ReportRenderer.text(report).split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.contains("\t") else { out.append(String(line)); continue }
            var cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            for i in cells.indices where cells[i] == "0" && Int.random(in: 0..<20, using: &rng) == 0 {
                cells[i] = Bool.random(using: &rng) ? "〇" : "零"
            }
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: out.append(cells.joined(separator: "\t"))
            case 1, 2: out.append(cells.joined(separator: " "))
            case 3: out.append(cells.joined())
            case 4:
                // one value lost in the copy
                let values = cells.indices.filter { Int(cells[$0]) != nil }
                if let lost = values.randomElement(using: &rng) { cells.remove(at: lost) }
                out.append(cells.joined(separator: " "))
            default:
                out.append(cells.joined(separator: "  "))
            }
            if Int.random(in: 0..<8, using: &rng) == 0 {
                page += 1
                // Bare page numbers, and (review 10d) footers whose number comes with other words:
                // the agency's name (a Word footer, pdftotext -layout), 页码, decorations, a URL,
                // an e-mail, a browser's print header.
                switch Int.random(in: 0..<13, using: &rng) {
                case 0: out.append("- \(page) -")
                case 1: out.append("第 \(page) 页 共 12 页")
                case 2: out.append("\(page)")
                case 3: out.append("示范县教育局 \(page)")
                case 4: out.append("示范县人民政府办公室\t\(page)")
                case 5: out.append("\(page)                              示范县教育局")
                case 6: out.append("页码：\(page)")
                case 7: out.append(["P\(page)", "p. \(page)", "~ \(page) ~", "*\(page)*", "#\(page)", "No.\(page)"].randomElement(using: &rng)!)
                case 8: out.append("http://www.sfx.gov.cn/col/col\(page)\(page)34/index.html")
                case 9: out.append("xxgk\(page)@sfx.gov.cn")
                case 10: out.append("http://www.sfx.gov.cn/art/2023/1/20/art_123_4567.html\t\(page)/12\n2023/1/20 10:15\t政府信息公开工作年度报告")
                case 11: out.append("第 \(page) 页 示范县教育局")
                default: out.append("— \(page) —")
                }
            }
        }
        return out.joined(separator: "\n")
    }

    @Test("noisy copies: no cell read with another number", .timeLimit(.minutes(10)), arguments: [UInt64(1)...250, 251...500])
    func noWrongNumbers(_ seeds: ClosedRange<UInt64>) {
        var tally = GluedTablesPropertyTests.Tally()
        for seed in seeds {
            for version in ReportFormatVersion.allCases {
                let report = ReportGenerator.consistent(version, seed: seed)
                tally.add(report, ReportChecker.check(text: Self.noisy(report, seed: seed)), label: "seed \(seed) \(version)")
                let busy = GluedTablesPropertyTests.busy(version, seed: seed)
                tally.add(busy, ReportChecker.check(text: Self.noisy(busy, seed: seed &+ 9999)), label: "busy seed \(seed) \(version)")
            }
        }
        #expect(tally.wrong.isEmpty, "\(tally.wrong)")
        print("noisy copies, seeds \(seeds): \(tally)")
    }
}
