import Foundation
import Testing
import ZIPFoundation
@testable import GongkaiCore

/// Cold review 21 of issue #10: signs printed as words, marks, hyphens or brackets are given to the
/// column that may carry them (2019 本年增/减) or to none; 另 + a verb, a verb of its own after a
/// comma, a unit wrapped to the next line and the unit 场 in narrative sums; a headline above a
/// title is no issuer.
@Suite("Report check, review 21: signs by their column, narrative sums, headlines")
struct SignWordsTests {
    static let folder = ReportFixtures.folder.deletingLastPathComponent().appendingPathComponent("reading")
    static let original = String(
        decoding: try! Data(contentsOf: folder.appendingPathComponent("one-value-a-line-2019.txt")), as: UTF8.self)
    static let row = "行政许可\t271\t-19\t18573"
    static let licensing = "t2.art20_5.admin_licensing."

    /// The 2019 report with the 行政许可 row of table 二 printed as `row`, checked; the row's three cells.
    static func licensingCells(_ row: String) -> [Decimal?] {
        let text = original.replacingOccurrences(of: Self.row, with: row)
        #expect(text != original)
        let result = ReportChecker.check(text: text)
        return ["items_last_year", "change_this_year", "decisions"].map { result.cells[licensing + $0] ?? nil }
    }

    /// Printed (spaces or tabs) → read: the sign goes to 本年增/减 wherever it stands between the
    /// two counts (neither can be negative); a mark glued to a count beside the change may be
    /// either's, and the change is left unread; a mark on a count with no change beside it is dropped.
    @Test(
        "a sign word or mark goes to the change column, or nowhere",
        arguments: [
            ("行政许可  271  ▼ 19  18573", [271, -19, 18573]),
            ("行政许可  271  19 ▼  18573", [271, -19, 18573]),
            ("行政许可  271  19 ↓  18573", [271, -19, 18573]),
            ("行政许可  271  19 减  18573", [271, -19, 18573]),
            ("行政许可 271 19 ↓ 18573", [271, -19, 18573]),
            ("行政许可  271  19 （减）  18573", [271, -19, 18573]),
            ("行政许可  271  ▲ 19  18573", [271, 19, 18573]),
            ("行政许可\t271\t19 ▼\t18573", [271, -19, 18573]),
            ("行政许可  271  下降19  18573", [271, -19, 18573]),
            ("行政许可  271  降19  18573", [271, -19, 18573]),
            ("行政许可  271  负19  18573", [271, -19, 18573]),
            ("行政许可  271  (-19)  18573", [271, -19, 18573]),
            ("行政许可  271  （-19）  18573", [271, -19, 18573]),
            ("行政许可  271  \u{2010}19  18573", [271, -19, 18573]),
            ("行政许可  271  \u{2011}19  18573", [271, -19, 18573]),
            ("行政许可  271  \u{2012}19  18573", [271, -19, 18573]),
            // A soft hyphen prints nothing inside a line: 19 is what the page shows.
            ("行政许可  271  \u{00AD}19  18573", [271, 19, 18573]),
            ("行政许可  271  19  ▼18573", [271, nil, 18573]),
            ("行政许可  271▼  19  18573", [271, nil, 18573]),
            ("行政许可  271  19  18573▼", [271, 19, 18573]),
            ("行政许可  ▼271  19  18573", [271, 19, 18573]),
            // Review 22: before a zero or a number with thousands commas the sign was dropped.
            ("行政许可  271  19 ▼  0", [271, -19, 0]),
            ("行政许可  271  19 减  18,573", [271, -19, 18573]),
            ("行政许可  271  增长19  18573", [271, 19, 18573]),
            // Review 23: a sign word glued after the change.
            ("行政许可  271  19下降  18573", [271, -19, 18573]),
            ("行政许可  271  19降  18573", [271, -19, 18573]),
            ("行政许可  271  1,019下降  18573", [271, -1019, 18573]),
            // Review 24: a sign word in brackets, or after the count's unit, was read +19.
            ("行政许可  271  19（下降）  18573", [271, -19, 18573]),
            ("行政许可  271  19 （减少）  18573", [271, -19, 18573]),
            ("行政许可  271  19(增加)  18573", [271, 19, 18573]),
            ("行政许可  271  19个下降  18573", [271, -19, 18573]),
            ("行政许可  271  19项减少  18573", [271, -19, 18573]),
            ("行政许可  271（下降）  19  18573", [271, nil, 18573]),
            // Review 26: a unit before a bracketed word, a comparison before the word, a bracketed
            // word before the digits, 负 after them, each apart or glued, were read +19.
            ("行政许可  271  19个（减少）  18573", [271, -19, 18573]),
            ("行政许可\t271\t19 个（减少）\t18573", [271, -19, 18573]),
            ("行政许可  271  19件（下降）  18573", [271, -19, 18573]),
            ("行政许可  271  19（同比减少）  18573", [271, -19, 18573]),
            ("行政许可  271  19 （同比下降）  18573", [271, -19, 18573]),
            ("行政许可  271  19 较上年减少  18573", [271, -19, 18573]),
            ("行政许可  271  同比减少19  18573", [271, -19, 18573]),
            ("行政许可  271  较上年减少 19  18573", [271, -19, 18573]),
            ("行政许可  271  同比增加19  18573", [271, 19, 18573]),
            ("行政许可  271  (减少)19  18573", [271, -19, 18573]),
            ("行政许可\t271\t（减少）19\t18573", [271, -19, 18573]),
            ("行政许可  271  (同比减少) 19  18573", [271, -19, 18573]),
            ("行政许可  271  19负  18573", [271, -19, 18573]),
            // Review 27: a minus after the punctuation a copy wraps a cell in, or a field's comma.
            ("行政许可\t271\t\"-19\"\t18573", [271, -19, 18573]),
            ("行政许可\t271\t“-19”\t18573", [271, -19, 18573]),
            ("行政许可\t271\t【-19】\t18573", [271, -19, 18573]),
            ("行政许可\t271\t[-19]\t18573", [271, -19, 18573]),
            ("| 行政许可 | 271 | **-19** | 18573 |", [271, -19, 18573]),
            ("行政许可,271,-19,18573", [271, -19, 18573]),
            ("\"行政许可\",\"271\",\"-19\",\"18,573\"", [271, -19, 18573]),
            // A remark with a figure of its own is no sign: the row is not read.
            ("行政许可  271  19 （含减少1件） 18573", [nil, nil, nil]),
        ] as [(String, [Decimal?])])
    func signByColumn(row: String, cells: [Decimal?]) {
        #expect(Self.licensingCells(row) == cells)
    }

    /// Glued after a word the splitter knows as 增 (review 22: `增长5872` was read as the change
    /// 5872, the decisions lost): no cell with another number.
    @Test func aGluedWordSignIsCutLikeZeng() {
        let cells = Self.licensingCells("行政许可271增长1918573")
        #expect(cells[0] == nil || cells[0] == 271)
        #expect(cells[1] == nil || cells[1] == 19)
        #expect(cells[2] == nil || cells[2] == 18573)
        #expect(Self.licensingCells("行政许可\t271\t增长19\t18573") == [271, 19, 18573])
        // Between two runs of digits a word the splitter does not know is no sign (review 24: `65下降872`
        // read items 65 for 6, −5, 872).
        let between = Self.licensingCells("行政许可27119下降18573")
        #expect(between[0] == nil || between[0] == 271)
        #expect(between[1] == nil || between[1] == -19)
        #expect(between[2] == nil || between[2] == 18573)
    }

    /// A page number printed with hyphens (`‐3‐`, U+2010) is the ASCII one, not a value −3 (review 22).
    @Test func aPageNumberWithHyphensIsNoValue() {
        #expect(ReportText.normalize("\u{2010}3\u{2010}") == "-3-")
        #expect(ReportText.normalize("2023\u{2011}2024年") == "2023-2024年")
    }

    /// An unread change says why.
    @Test func aChangeLeftUnreadSaysWhy() {
        let text = Self.original.replacingOccurrences(of: Self.row, with: "行政许可  271  19  ▼18573")
        let result = ReportChecker.check(text: text)
        #expect(result.cells[Self.licensing + "change_this_year"] == .some(nil))
        let reason = result.missingCells.first { $0.cell == .t2("art20_5", "admin_licensing", "change_this_year") }?.reason
        #expect(reason?.contains("增减符号印在两格之间") == true, "\(String(describing: reason))")
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
    }

    /// A count in table 三 with a mark after it is the count its digits print: no negative, no
    /// false sums (review 20 L1: `1▼` read −1 with three errors).
    @Test func aMarkOnATableThreeCountIsDropped() {
        let base = ReportFixtures.text("base-2022.txt")
        let text = base.replacingOccurrences(of: "（一）予以公开\t6\t1", with: "（一）予以公开\t6▼\t1▲")
        #expect(text != base)
        let result = ReportChecker.check(text: text)
        #expect(result.cells["t3.result_disclosed.natural_person"] == 6)
        #expect(result.cells["t3.result_disclosed.commercial_enterprise"] == 1)
        #expect(result.findings.filter { $0.severity == .error }.map(\.message) == [])
    }

    /// Word's non-breaking hyphen (`<w:noBreakHyphen/>`, as LibreOffice writes U+2011) before a
    /// change is its minus (review 21: read +3).
    @Test func wordsNonBreakingHyphenIsAMinus() throws {
        let row =
            "<w:tr><w:tc><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:p><w:r><w:noBreakHyphen/><w:t>3</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>340</w:t></w:r></w:p></w:tc></w:tr>"
        let text = try DocxExtractor.text(fromDocx: Self.docx(body: "<w:tbl>\(row)</w:tbl>"))
        #expect(text.contains("\u{2011}3"))
        #expect(ReportText.normalize(text).contains("-3"))
    }

    /// A minimal .docx of `body` (WordprocessingML inside `<w:body>`).
    static func docx(body: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let xml = Data(
            ("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body + "</w:body></w:document>").utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate) {
            position, size in xml.subdata(in: Int(position)..<Int(position) + size)
        }
        return try #require(archive.data)
    }

    /// N2: a figure after the parts led by 另 and a verb, or a clause with a verb of its own where
    /// the first part had none, may be another statement: never an error; a unit on the next line
    /// (a PDF's wrapped paragraph) still belongs to its number; 场 is a unit.
    @Test(
        "N2: 另 + a verb, a verb of its own, a wrapped unit, 场",
        arguments: [
            ("共受理政府信息公开申请50件，其中予以公开30件、不予公开10件，另收到信访件60件。", NarrativeSumTests.Verdict.finding(.warning)),
            ("共受理政府信息公开申请50件，其中予以公开30件、不予公开20件，另收到信访件60件。", .consistent),
            ("主动公开信息1000条，其中政策文件300条，另转载上级信息850条。", .finding(.warning)),
            ("全年通过政府网站发布信息1000条，其中政策文件300条，政务微博发布信息850条，政务微信发布信息700条。", .finding(.warning)),
            ("发布信息1000条，其中门户网站600条、部门网站400条，政务新媒体发布信息900条。", .consistent),
            // Review 24: a verb with its object starts a statement; right before the number it is a label.
            ("全年收到政府信息公开申请100件，其中网上申请60件，政务热线受理咨询850件。", .finding(.warning)),
            ("共收到申请100件，其中网上申请60件，信函收到45件。", .finding(.error)),
            ("发布信息1000条，其中政府网站600条，政务新媒体发布450条。", .finding(.error)),
            ("合计1200条〈其中门户网站82条，政务微博发布信息80条，通知公告586条，其他453条〉。", .finding(.error)),
            ("发布各类信息合计520条（其中市政府142条，部门185\n条，乡镇60条，街道13条，其他120条）。", .consistent),
            ("发布各类信息合计520条（其中市政府142条，部门186\n条，乡镇60条，街道13条，其他120条）。", .finding(.error)),
            ("共召开新闻发布会12场，其中政府主要领导出席5场，部门负责人出席8场。", .finding(.error)),
            ("共召开新闻发布会13场，其中政府主要领导出席5场，部门负责人出席8场。", .consistent),
            // Review 22: true mismatches stay errors — 另 inside a word, a verb inside the list's
            // brackets, verbs that labels hold (公开, 印发).
            ("共收到申请100件，其中网上申请60件，当面申请20件，另行补充申请30件。", .finding(.error)),
            ("共受理申请100件，其中网上申请60件，另一部分当面申请45件。", .finding(.error)),
            ("合计1200条（其中门户网站82条，政务微博发布80条，通知公告586条，其他453条）。", .finding(.error)),
            ("共受理申请1200件，其中自然人申请600件，法人或其他组织申请公开601件。", .finding(.error)),
            ("共制发文件100件，其中规范性文件30件，印发通知75件。", .finding(.error)),
            ("合计1200条【其中门户网站82条，政务微博发布80条，通知公告586条，其他453条】。", .finding(.error)),
            ("合计1200条〔其中门户网站82条，政务微博发布80条，通知公告586条，其他453条〕。", .finding(.error)),
        ])
    func n2(text: String, verdict: NarrativeSumTests.Verdict) {
        #expect(NarrativeSumTests.verdict(text).0 == verdict, "\(NarrativeSumTests.verdict(text).1.map(\.message))")
    }

    /// A news headline above a title without an issuer is none (review 21: "示范县召开政务公开工作
    /// 推进会" was taken for the issuer); a 委员会 still is one.
    @Test(
        "a headline above the title is no issuer",
        arguments: [
            ("示范县召开政务公开工作推进会", nil),
            ("示范县举办政务公开业务培训会", nil),
            ("示范县政务公开工作推进会", nil),
            ("示范县卫生健康委员会", "示范县卫生健康委员会"),
            ("示范县残疾人联合会", "示范县残疾人联合会"),
            ("示范县人大常委会", "示范县人大常委会"),
            ("示范县慈善总会", "示范县慈善总会"),
            // Review 23: events ending in 联谊会, a party committee's meeting.
            ("示范县2024年新春联谊会", nil),
            ("示范县委常委会", nil),
            // Review 24: meetings ending in 商会, 工会, 学会.
            ("示范县2024年招商会", nil),
            ("示范县复工会", nil),
            ("示范县总工会", "示范县总工会"),
        ] as [(String, String?)])
    func headline(line: String, issuer: String?) {
        let result = ReportChecker.check(text: line + "\n2022年政府信息公开工作年度报告\n\n" + IssuerYearFormatTests.body)
        #expect(result.issuer == issuer)
    }
}
