import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 25 of issue #10: a blank cell's marker glued to its row's label, text a browser or
/// Word does not show (hidden, struck out, moved away, a fallback, a footnote mark), minus signs of
/// other forms and sign words in brackets or after a unit, an issuer with a second name in brackets,
/// a list whose brackets close after its last part, and restatements in bulk.
@Suite("Report check, review 25: glued markers, hidden text, issuers, closed lists")
struct HiddenTextAndGluedMarkersTests {
    static let base = ReportFixtures.text("base-2022.txt")
    static let carriedOver = "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1"

    static func replacing(_ old: String, with new: String, in text: String = base) -> String {
        ReportFixtures.replacing(old, with: new, in: text)
    }

    static func row(_ result: ReportCheckResult, _ row: String) -> [Decimal?] { ReportFixtures.t3Row(result, row) }

    static func errors(_ result: ReportCheckResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map(\.message)
    }

    /// A marker glued to the end of the label is the row's first cell (review 25 H1: taken for part
    /// of the label, the row was one value short and its values moved, `10` cut into 1 and 0); before
    /// a full row it is a separator the copy typed.
    @Test(
        "a marker glued to the label",
        arguments: [
            ("二、上年结转政府信息公开申请数量—\t0\t0\t0\t0\t0\t1", [nil, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量/\t0\t0\t0\t0\t0\t1", [nil, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量——\t0\t0\t0\t0\t0\t1", [nil, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量—\t1\t0\t0\t0\t0\t0\t1", [1, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量— 1 0 0 0 0 0 1", [1, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量无\t0\t0\t0\t0\t0\t1", [nil, 0, 0, 0, 0, 0, 1]),
        ] as [(String, [Decimal?])])
    func markerGluedToLabel(row: String, cells: [Decimal?]) {
        let result = ReportChecker.check(text: Self.replacing(Self.carriedOver, with: row))
        #expect(Self.row(result, "carried_over_in") == cells)
    }

    /// The same after a row's ordinal (`4.…申请—`): the marker was read 0 from R4.
    @Test func aMarkerGluedAfterAnOrdinalLabel() {
        let text = Self.replacing(
            "4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0", with: "4.无正当理由大量反复申请—\t0\t0\t0\t0\t0\t0")
        let result = ReportChecker.check(text: text)
        #expect(Self.row(result, "not_processed_mass_repetitive") == [nil, 0, 0, 0, 0, 0, 0])
    }

    /// …and after a label closed by a quote (`…一稳定”—`: review 26).
    @Test func aMarkerGluedAfterAQuotedLabel() {
        let text = Self.replacing("3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0", with: "3.危及“三安全一稳定”—\t0\t0\t0\t0\t0\t0")
        let result = ReportChecker.check(text: text)
        #expect(Self.row(result, "withheld_three_security_one_stability") == [nil, 0, 0, 0, 0, 0, 0])
    }

    /// A marker is cut only after the end of a row's label: 无 glued to a word it completes (有无,
    /// 暂无), a short word, or a label wrapped to the next line (`6.属于四类无` / `过程性信息`: cut,
    /// the row's label was lost and the row above took its values — review 26) is no marker.
    @Test func aMarkerIsCutOnlyAfterALabelsEnd() {
        #expect(ReportTokenizer.tokens("四、结转下年度继续办理无").map(\.kind) == [.text, .missingMarker])
        for word in ["是否存在有无", "本年度暂无", "（四）无", "6.属于四类无", "6.属于四类—"] {
            #expect(!ReportTokenizer.tokens(word).contains { $0.kind == .missingMarker }, "\(word)")
        }
    }

    /// Text a browser does not show, struck out, or a footnote mark, is no part of a cell (review 25
    /// H4, M3: a hidden 9 before 47 was read 947; `47<sup>1</sup>` 471).
    @Test(
        "HTML text not shown",
        arguments: [
            "<span style=\"display:none;mso-hide:all\">9</span>6", "<span style=\"DISPLAY: NONE !important\">9</span>6", "<span hidden>9</span>6",
            "<span style=\"visibility: hidden\">9</span>6", "<del>9</del>6", "<s>9</s>6", "6<sup>1</sup>", "6<sub>1</sub>",
        ])
    func htmlTextNotShown(cell: String) throws {
        let html = ReportFixtures.text("base-2022.html")
        let printed = "<td colspan=\"2\"><p>（一）予以公开</p></td><td>&nbsp;<span>6</span>&nbsp;"
        let changed = Self.replacing(printed, with: "<td colspan=\"2\"><p>（一）予以公开</p></td><td>&nbsp;\(cell)&nbsp;", in: html)
        let result = try ReportChecker.check(ReportFile(name: "r.html", data: Data(changed.utf8)))
        #expect(result.cells["t3.result_disclosed.natural_person"] == 6)
        #expect(Self.errors(result) == [])
    }

    /// What only looks like hiding hides nothing (review 26: read as null): another property
    /// (`font-display`), a longer value, a comment, Word's `mso-hide` alone (browsers show it); a
    /// hidden block is read (a script may show a tab's `div`).
    @Test(
        "HTML text shown",
        arguments: [
            "<span style=\"font-display:none\">6</span>", "<span style=\"display:none-ish\">6</span>",
            "<span style=\"/* display:none */ color:red\">6</span>", "<span style=\"mso-hide:all\">6</span>", "<div style=\"display:none\">6</div>",
        ])
    func htmlTextShown(cell: String) throws {
        let text = try HTMLExtractor.text(fromHTML: "<table><tr><td>（一）予以公开</td><td>\(cell)</td></tr></table>")
        #expect(text.contains("6"), "\(text)")
    }

    /// A hidden row or cell is not read either (a browser shows neither).
    @Test func hiddenRowsAndCellsAreSkipped() throws {
        let html = "<table><tr style=\"display:none\"><td>行政许可</td><td>99</td></tr><tr><td>a</td><td hidden>9</td><td>b</td></tr></table>"
        let text = try HTMLExtractor.text(fromHTML: html)
        #expect(!text.contains("99"))
        #expect(text == "a\tb")
    }

    /// Word: text moved away (`w:moveFrom`) and alternative content's fallback are not printed;
    /// rows and cells inside content controls (`w:sdt`, `w:customXml`) are (review 25 H5, L).
    @Test func wordTextNotPrintedAndRowsInsideControls() throws {
        func run(_ text: String) -> String { "<w:r><w:t>\(text)</w:t></w:r>" }
        let moved = "<w:p><w:moveFrom>\(run("9"))</w:moveFrom><w:moveTo>\(run("47"))</w:moveTo></w:p>"
        #expect(try DocxExtractor.text(fromDocx: SignWordsTests.docx(body: moved)) == "47")
        let alternative =
            "<w:p><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><mc:Choice Requires=\"wps\">"
            + run("47") + "</mc:Choice><mc:Fallback>" + run("47") + "</mc:Fallback></mc:AlternateContent></w:p>"
        #expect(try DocxExtractor.text(fromDocx: SignWordsTests.docx(body: alternative)) == "47")
        func cell(_ text: String) -> String { "<w:tc><w:p>\(run(text))</w:p></w:tc>" }
        let table =
            "<w:tbl><w:tr>\(cell("行政许可"))\(cell("12"))</w:tr><w:sdt><w:sdtContent><w:tr>\(cell("行政处罚"))"
            + "<w:customXml>\(cell("5"))</w:customXml></w:tr></w:sdtContent></w:sdt></w:tbl>"
        let read = try DocxExtractor.text(fromDocx: SignWordsTests.docx(body: table))
        #expect(read == ReportTokenizer.tableRow(["行政许可", "12"]) + "\n" + ReportTokenizer.tableRow(["行政处罚", "5"]), "\(read.debugDescription)")
    }

    /// Minus signs of other forms before a change (review 25 H8: `⁻3`, `₋3`, `➖3` read +3); the
    /// Japanese long vowel mark `ー3` is no sure sign: written as an en dash, it leaves the row unread.
    @Test(
        "minus forms",
        arguments: [
            ("行政许可  271  \u{207B}19  18573", [271, -19, 18573]), ("行政许可  271  \u{208B}19  18573", [271, -19, 18573]),
            ("行政许可  271  \u{2796}19  18573", [271, -19, 18573]), ("行政许可  271  \u{30FC}19  18573", [nil, nil, nil]),
        ] as [(String, [Decimal?])])
    func minusForms(row: String, cells: [Decimal?]) {
        #expect(SignWordsTests.licensingCells(row) == cells)
    }

    /// An issuer with a second name in brackets (two bodies under one roof) is an issuer, also
    /// against another page's title above it (review 25 H7); an aside in brackets is no second
    /// name (review 26: （局机关）, （试行）, （原…）, the same name again were taken).
    @Test func issuersWithASecondName() {
        let body = Self.base.drop { $0 != "\n" }
        let own = "示范县农业农村局（县乡村振兴局）2022年政府信息公开工作年度报告" + body
        #expect(ReportChecker.check(text: own).issuer == "示范县农业农村局（县乡村振兴局）")
        let signed = "\n示范县农业农村局（县乡村振兴局）\n2023年1月18日\n"
        let other = "示范县审计局2022年政府信息公开工作年度报告\n发布时间：2023-01-10\n\n"
        #expect(ReportChecker.check(text: other + own + signed).issuer == "示范县农业农村局（县乡村振兴局）")
        for aside in ["（局机关）", "（本部）", "（试行）", "（全县）", "（示范县）", "（原示范县农业局）", "（示范县教育局）"] {
            let issuer = ReportChecker.check(text: "示范县教育局\(aside)2022年政府信息公开工作年度报告" + body).issuer
            #expect(issuer == nil || issuer == "示范县教育局", "\(aside): \(String(describing: issuer))")
        }
        // A government's office signing the government's report: the government, as before.
        let government = "示范县人民政府2022年政府信息公开工作年度报告\n（2022年度）\n" + body + "\n示范县人民政府办公室\n2023年3月1日\n"
        #expect(ReportChecker.check(text: government).issuer == "示范县人民政府")
        let column = "政府信息公开年报\n" + government.replacingOccurrences(of: "示范县人民政府办公室", with: "示范县政府办公室")
        #expect(ReportChecker.check(text: column).issuer == "示范县人民政府")
    }

    /// A list in brackets that close after its last part, the rest (其他): a true mismatch is an
    /// error even where a shorter run of the parts adds up (review 25 M2: a warning).
    @Test(
        "N2: a list closed by its brackets",
        arguments: [
            ("全年合计公开747条（其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，其他1条）。", NarrativeSumTests.Verdict.finding(.error)),
            ("全年合计公开748条（其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，其他1条）。", .consistent),
            ("全年合计公开747条，其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，其他1条。", .finding(.warning)),
            // Only a rest (其他, 其余) closes the list: another last part may be a figure the total leaves out.
            ("全年合计公开747条（其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，专题信息1条）。", .finding(.warning)),
            ("全年合计公开747条（其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，其它1条）。", .finding(.error)),
            ("全年合计公开747条【其中机构职能82条，政策文件80条，人事信息300条，财政信息285条，其他1条】。", .finding(.error)),
            // Review 26: 其他 qualifying another statement is no rest.
            ("发布信息1000条（其中门户网站600条、政务新媒体400条，其他平台同步发布350条）。", .finding(.warning)),
            ("受理申请50件（其中予以公开30件，部分公开20件，其他部门转办3件）。", .finding(.warning)),
            ("共受理申请50件（其中网上30件、信函20件，已办结48件）。", .consistent),
        ])
    func closedList(text: String, verdict: NarrativeSumTests.Verdict) {
        #expect(NarrativeSumTests.verdict(text).0 == verdict, "\(NarrativeSumTests.verdict(text).1.map(\.message))")
    }

    /// Restatements in bulk are compared each once (review 25 H6: 12,000 sentences took 20 s, each
    /// looked for in the list of those compared before): every one is still compared.
    @Test func manyRestatementsAreEachCompared() {
        let sentences = (0..<3_000).map { "全年收到政府信息公开申请 \($0) 件。" }.joined()
        let text = Self.replacing("一、总体情况\n", with: "一、总体情况\n" + sentences + "\n")
        let result = ReportChecker.check(text: text)
        let restated = result.findings.filter { $0.rule == "N1" }
        // Every sentence but those agreeing with a figure the words may mean (本年新收 18; with the
        // carried-over one 19; the results' total 17) is a finding.
        #expect(restated.count == 2_997)
    }
}
