import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 27 of issue #10: rows saved as comma-separated values, a minus after the
/// punctuation a copy wraps a cell in, titles and headings broken over two lines, a numbered
/// label cut short with its key on the next line, and titles "关于…工作情况的报告".
@Suite("Report check, review 27: comma rows, wrapped signs, broken titles, headings and labels")
struct CommaRowsAndBrokenLinesTests {
    static let base = ReportFixtures.text("base-2022.txt")
    static let title = "示范县教育局2022年政府信息公开工作年度报告"
    static let newReceived = "一、本年新收政府信息公开申请数量\t12\t3\t0\t1\t2\t0\t18"

    static func replacing(_ old: String, with new: String, in text: String = base) -> String {
        ReportFixtures.replacing(old, with: new, in: text)
    }

    static func row(_ result: ReportCheckResult, _ row: String) -> [Decimal?] { ReportFixtures.t3Row(result, row) }

    /// A row saved as CSV: its fields are its cells, a quoted field's thousands commas inside it
    /// (review 27: `306,971` was one number, the row one value short and "repaired" to a total
    /// printed nowhere; unquoted rows were read as blank).
    @Test(
        "a row of comma-separated values",
        arguments: [
            (",一、本年新收政府信息公开申请数量,12,3,0,1,2,0,18", [12, 3, 0, 1, 2, 0, 18]),
            ("一、本年新收政府信息公开申请数量,12,3,0,1,2,0,18,", [12, 3, 0, 1, 2, 0, 18]),
            (",一、本年新收政府信息公开申请数量,\"4,266\",12,\"1,052\",\"3,412\",306,971,\"10,019\"", [4266, 12, 1052, 3412, 306, 971, 10019]),
            ("\"一、本年新收政府信息公开申请数量\",\"12\",\"3\",\"0\",\"1\",\"2\",\"0\",\"18\"", [12, 3, 0, 1, 2, 0, 18]),
        ] as [(String, [Decimal?])])
    func commaSeparatedRow(row: String, cells: [Decimal?]) {
        let result = ReportChecker.check(text: Self.replacing(Self.newReceived, with: row))
        #expect(Self.row(result, "new_received") == cells)
    }

    /// Table 四's row saved as CSV has no label: five numbers or more, no space (review 28 found it unread).
    @Test func tableFourSavedAsCommaSeparatedValues() {
        let text = Self.replacing("1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0", with: "1,0,0,1,2,0,1,0,0,1,0,0,0,0,0")
        let result = ReportChecker.check(text: text)
        let review = ["upheld", "corrected", "other_result", "pending", "total"].map { result.cells["t4.admin_review.\($0)"] ?? nil }
        #expect(review == [1, 0, 0, 1, 2])
    }

    /// A line of years or numbering with commas is no table 四 row (review 29: table 四 emptied).
    @Test func aLineOfYearsIsNoRow() {
        let row = "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0"
        let result = ReportChecker.check(text: Self.replacing(row, with: row + "\n2019,2020,2021,2022,2023"))
        let review = ["upheld", "corrected", "other_result", "pending", "total"].map { result.cells["t4.admin_review.\($0)"] ?? nil }
        #expect(review == [1, 0, 0, 1, 2])
    }

    /// Prose keeps its commas (`ReportText` made every ， one): a sentence ending in a figure is no row.
    @Test func aSentenceWithCommasIsNoRow() {
        let text = Self.replacing(Self.newReceived, with: Self.newReceived + "\n其中,网上申请,12")
        #expect(Self.row(ReportChecker.check(text: text), "new_received") == [12, 3, 0, 1, 2, 0, 18])
    }

    /// N2 on a list after 分别为, and on a bracketed list closed by its rest (其他) that falls short
    /// (review 27: neither was an error).
    @Test(
        "N2: 分别为 and a closed list short of its total",
        arguments: [
            ("全年主动公开政府信息 356 条，分别为政策文件 40 条、工作动态 300 条、人事信息 17 条。", Finding.Severity.error),
            ("全年主动公开政府信息 356 条，分别为政策文件 40 条、工作动态 300 条、人事信息 16 条。", nil),
            ("收到行政复议 1 件、行政诉讼 2 件，分别为维持 1 件、纠错 2 件。", nil),
            ("全年主动公开政府信息 356 条（其中政策文件 40 条，工作动态 300 条，其他 15 条）。", Finding.Severity.error),
            ("全年主动公开政府信息 356 条（其中政策文件 40 条，工作动态 300 条，其他 16 条）。", nil),
            ("全年主动公开政府信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 15 条。", Finding.Severity.warning),
            // Review 28: ordinals after 分别为, and a total whose digits a line break cut.
            ("全年共编发简报 2 期，分别为第 10 期和第 11 期。", nil),
            ("全年累计发布简报 12 期，分别为第 1 期至第 12 期。", nil),
            ("全年累计主动公开政府信息35\n6 条，分别为政策文件 40 条、工作动态 300 条、人事信息 16 条。", nil),
            // Review 29: a figure for each of the items the total counts.
            // Reviews 29–31: as many parts as the total counts — a figure for each item, or a
            // breakdown that does not add up; the words cannot tell: a warning either way.
            ("全年共设置公开专栏 3 个，分别为 12 个子栏目、8 个子栏目、5 个子栏目。", Finding.Severity.warning),
            ("全年共收到申请 2 件，分别为自然人申请 1 件、法人申请 3 件。", Finding.Severity.warning),
            ("全年共收到申请 3 件，分别为自然人申请 1 件、法人申请 3 件。", Finding.Severity.error),
        ] as [(String, Finding.Severity?)])
    func narrativeSums(sentence: String, severity: Finding.Severity?) {
        let text = Self.replacing("全年主动公开政府信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条。", with: sentence)
        let found = ReportChecker.check(text: text).findings.filter { $0.rule == ReportRule.narrativeSum.rawValue && $0.severity != .info }
        let expected: [Finding.Severity] = severity.map { [$0] } ?? []
        #expect(found.map { $0.severity } == expected, "\(found.map { $0.message })")
    }

    /// A title broken inside its name or after its year is read from its two lines (review 27:
    /// 事务局, 人民政府, 年示范县医疗保障局, …管理局政府); a line of the site's name above a whole
    /// title stays apart.
    @Test(
        "a title broken over two lines",
        arguments: [
            ("示范县退役军人\n事务局2022年政府信息公开工作年度报告", "示范县退役军人事务局"),
            ("示范县城关镇\n人民政府2022年政府信息公开工作年度报告", "示范县城关镇人民政府"),
            ("示范县林业和草\n原局2022年政府信息公开工作年度报告", "示范县林业和草原局"),
            ("2022\n年示范县医疗保障局政府信息公开工作年度报告", "示范县医疗保障局"),
            ("2022年示范县市场监督管理局政府\n信息公开工作年度报告", "示范县市场监督管理局"),
            ("示范县交通运输局\n2022年政府信息公开工作年度报告", "示范县交通运输局"),
            ("示范县人民政府\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            ("长白朝鲜族自治县发展\n和改革委员会\n2022年政府信息公开工作年度报告", "长白朝鲜族自治县发展和改革委员会"),
            ("示范县统计局\n2022年政府\n信息公开工作年度报告", "示范县统计局"),
            ("示范县东城街道办事处 2022 年政府\n信息公开工作年度报告", "示范县东城街道办事处"),
            ("锡林郭勒盟政务\n服务和数据管理局2022年度政务公开工作年度报告", "锡林郭勒盟政务服务和数据管理局"),
            ("示范县公安局交通警察大队2022年政府信息公\n开工作年度报告", "示范县公安局交通警察大队"),
            ("政府信息公开\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            // Review 28: a column's or a page's words above a whole title are no part of its name.
            ("通知公告\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            ("正文\n\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            ("二〇二三年一月\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            // Review 29: a column's words naming a place are no part of the name either.
            ("县直部门\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            ("示范县2022年\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
            // Review 31: a site's county name above a title starting with it.
            ("示范县\n示范县教育局2022年政府信息公开工作年度报告", "示范县教育局"),
        ] as [(String, String)])
    func brokenTitle(title: String, issuer: String) {
        let result = ReportChecker.check(text: Self.replacing(Self.title, with: title))
        #expect(result.issuer == issuer)
        #expect(result.year == 2022)
    }

    /// A piece of a place's name above a title that names a whole agency (金沙 / 江市城关镇人民政府)
    /// is joined on when the text names the joined agency (its signature here), not otherwise.
    @Test func aPlaceCutAboveAWholeNameNeedsTheTextToConfirmIt() {
        let title = "金沙\n江市城关镇人民政府\n2022年政府信息公开工作年度报告"
        let text = Self.replacing(Self.title, with: title)
        #expect(ReportChecker.check(text: text + "\n金沙江市城关镇人民政府\n2023年1月20日\n").issuer == "金沙江市城关镇人民政府")
        #expect(ReportChecker.check(text: text).issuer == nil)
        // Review 29: either half of a place's name is a wrong name; unconfirmed, none is read.
        let cut = Self.replacing(Self.title, with: "峨边彝族自\n治县人力资源和社会保障局2022年政府信息公开工作年度报告")
        #expect(ReportChecker.check(text: cut).issuer == nil)
        // Review 30: a half named inside a longer name (the signature's 住房和城乡建设局) confirms
        // nothing; another body's signature is no issuer then either.
        let zhufang = Self.replacing(Self.title, with: "沙坪坝区住\n房和城乡建设局2022年政府信息公开工作年度报告")
        #expect(ReportChecker.check(text: zhufang + "\n住房和城乡建设局\n2023年1月20日\n").issuer == nil)
        // A place above a whole name (滨海新区 / 城市管理和综合执法局…) is a piece of it too.
        let district = Self.replacing(Self.title, with: "滨海新区\n城市管理和综合执法局2022年政府信息公开工作年度报告")
        #expect(ReportChecker.check(text: district).issuer == nil)
        #expect(ReportChecker.check(text: district + "\n本报告由滨海新区城市管理和综合执法局编制。\n").issuer == "滨海新区城市管理和综合执法局")
        let chrome = Self.replacing(Self.title, with: "县直部门\n示范县交通运输局2022年政府信息公开工作年度报告")
        #expect(ReportChecker.check(text: chrome + "\n示范县人民政府办公室\n2023年1月20日\n").issuer == nil)
    }

    /// Prose or a place's words alone above a date's line join no name (review 28: 全县政务公开工作
    /// 稳步推进交通运输局); a county's name does.
    @Test(
        "a signature's line above its date",
        arguments: [
            ("全县政务公开工作稳步推进\n交通运输局　2023年1月20日", "交通运输局"),
            ("全市\n交通运输局　2023年1月20日", "交通运输局"),
            ("示范县人民政府\n人民政府办公室　2023年1月20日", "人民政府办公室"),
            ("长白朝鲜族自治县\n交通运输局　2023年1月20日", "交通运输局"),
            ("长白朝鲜族自治县\n人民政府办公室　2023年1月20日", "长白朝鲜族自治县人民政府办公室"),
            ("为建设美丽示范县\n人民政府办公室　2023年1月20日", "人民政府办公室"),
        ] as [(String, String)])
    func signatureLines(lines: String, signed: String) {
        let text = Self.replacing(Self.title, with: "2022年度政府信息公开工作年度报告") + "\n" + lines + "\n"
        let result = ReportChecker.check(text: text)
        #expect(result.issuer == signed || result.issuer == nil, "\(result.issuer ?? "nil")")
        if signed.count > 8 { #expect(result.issuer == signed) }
    }

    /// A signature broken before its date's line is read from both lines (review 27 read
    /// 人民政府国有资产监督管理委员会 alone).
    @Test func aSignatureBrokenOverTwoLines() {
        var text = Self.replacing(Self.title, with: "2022年度政府信息公开工作年度报告")
        text += "\n示范县\n人民政府国有资产监督管理委员会　　2023年1月20日\n"
        #expect(ReportChecker.check(text: text).issuer == "示范县人民政府国有资产监督管理委员会")
    }

    /// "…关于2022年度政府信息公开工作情况的报告" is the report's title: its year is the report's,
    /// not that of another report listed above it (review 27: 2021, and a 2019 report refused as 2018).
    @Test func aTitleOnTheWorkSituation() {
        let text = Self.replacing(
            Self.title, with: "相关阅读：示范县审计局2021年政府信息公开工作年度报告\n示范县教育局关于2022年度政府信息公开工作情况的报告")
        let result = ReportChecker.check(text: text)
        #expect(result.year == 2022)
        #expect(result.issuer == "示范县教育局")
    }

    /// A part's heading broken over two lines is found (review 27: part 二 was missing, and a
    /// superseded table 二 under it went unread while the format said 2021).
    @Test func aHeadingBrokenOverTwoLines() {
        let text = Self.replacing("二、主动公开政府信息情况", with: "二、主动\n公开政府信息情况")
        let result = ReportChecker.check(text: text)
        #expect(result.sectionsFound.contains(.proactive))
        #expect(result.cells["t2.art20_5.admin_licensing.decisions_this_year"] == 1234)
    }

    /// A numbered label cut short on its row's line, the rest with the row's key on the next line
    /// (`3.要求提供公  4 0 … 4` / `开出版物`): the row keeps its values (review 27 gave it row 4's).
    @Test func aNumberedLabelCutShortKeepsItsValues() {
        var text = Self.replacing(
            "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0", with: "\t\t3.要求提供公\t4\t0\t0\t0\t0\t0\t4\n开出版物")
        text = Self.replacing(
            "\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0", with: "\t\t4.无正当\t0\t0\t0\t0\t6\t0\t6\n理由大量反复申请", in: text)
        let result = ReportChecker.check(text: text)
        #expect(Self.row(result, "not_processed_publication") == [4, 0, 0, 0, 0, 0, 4])
        #expect(Self.row(result, "not_processed_mass_repetitive") == [0, 0, 0, 0, 6, 0, 6])
    }

    /// …and when its numbers are six with two glued (`8.属于0 00 0 0 0 0` / `行政查询事项`: review 29
    /// saw other lines' values taken once the join asked for seven cells).
    @Test func aCutLabelWithGluedNumbersKeepsThem() {
        let text = Self.replacing("\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0", with: "8.属于0 00 0 0 0 0\n行政查询事项")
        let cells = Self.row(ReportChecker.check(text: text), "withheld_admin_inquiry")
        #expect(cells.allSatisfy { $0 == nil || $0 == 0 }, "\(cells)")
    }

    /// …and a cut ending in a blank cell's mark (`5.属—  0 2 9 - 0 11` / `于三类内部事务信息`) is
    /// joined by no rule: the mark would be inside the label and the row a value short, read with
    /// its values moved (review 27's reruns; also for a key across the join, `3.危及“三—`).
    @Test(
        "a cut ending in a mark",
        arguments: [
            ("\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0", "5.属—\t0\t2\t9\t-\t0\t11\n于三类内部事务信息", "withheld_internal_affairs"),
            ("\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0", "3.危及“三—\t—— 0\t—  96 -  96\n安全一稳定”", "withheld_three_security_one_stability"),
        ] as [(String, String, String)])
    func aCutEndingInAMark(old: String, new: String, row: String) {
        let printed: [[Decimal?]] = [[nil, 0, 2, 9, nil, 0, 11], [nil, nil, 0, nil, 96, nil, 96]]
        let cells = Self.row(ReportChecker.check(text: Self.replacing(old, with: new)), row)
        let truth = row == "withheld_internal_affairs" ? printed[0] : printed[1]
        for (read, was) in zip(cells, truth) where read != nil { #expect(read == was, "\(cells)") }
    }

    /// A label cut after its number whose row is a value short, or has a blank cell's mark at the
    /// cut, is not joined: the row was read with a printed number cut (review 28: `0 2 9 - 0 11`
    /// as 0 2 9 空 0 1 1, `… 16` as 1 and 6).
    @Test(
        "a cut label's row a value short",
        arguments: [
            "5.属\t0\t2\t9\t-\t0\t11\n于三类内部事务信息",
            "5.属于三类/  7  无  9  0  —  16\n内部事务信息",
        ])
    func aCutLabelsRowAValueShort(row: String) {
        let result = ReportChecker.check(text: Self.replacing("\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0", with: row))
        let cells = Self.row(result, "withheld_internal_affairs")
        let parts = cells[0..<6].compactMap { $0 }.reduce(Decimal(0), +)
        if let total = cells[6] {
            #expect(total == 11 || total == 16, "\(cells)")
            #expect(parts <= total, "\(cells)")
        }
    }

    /// A value with thousands commas in a row printed with spaces is no comma-separated row
    /// (review 28: `1,234,567` was cut into 1, 234 and 567).
    @Test func thousandsInASpacedRowAreNoCommaRow() {
        let result = ReportChecker.check(text: Self.replacing("行政许可\t1234", with: "行政许可  1,234,567"))
        #expect(result.cells["t2.art20_5.admin_licensing.decisions_this_year"] == 1_234_567)
    }

    /// …but a label above its values (`3.要求提供公` / `开出版物` / `4 0 … 4`) is read as before.
    @Test func aLabelAboveItsValuesIsNotMoved() {
        let text = Self.replacing(
            "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0", with: "3.要求提供公\n开出版物\n4\t0\t0\t0\t0\t0\t4")
        let result = ReportChecker.check(text: text)
        #expect(Self.row(result, "not_processed_publication") == [4, 0, 0, 0, 0, 0, 4])
    }
}
