import Foundation
import Testing
@testable import GongkaiCore

/// Issuer, year and format read from where reports state them, on copies with page chrome
/// around them; a name that is not stated gives nil ("未能确定"), never a wrong one.
@Suite("Report check: issuer, year, format")
struct IssuerYearFormatTests {
    /// The sections and tables of base-2022.txt (a 2022 report), without its title.
    static let body: String = {
        let base = ReportFixtures.text("base-2022.txt")
        return String(base[base.range(of: "一、总体情况")!.lowerBound...])
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let before: String
        var after: String = ""
        let issuer: String?
        var testDescription: String { name }
    }

    @Test("the issuer where the report states it", arguments: [
        Case(name: "title", before: "示范县交通运输局2022年政府信息公开工作年度报告", issuer: "示范县交通运输局"),
        Case(name: "page title with site name", before: "Page 8 - 示范县交通运输局2022年度政府信息公开工作年度报告 - 示范县人民政府门户网站",
             issuer: "示范县交通运输局"),
        Case(name: "breadcrumbs and 年报", before: "首页 > 政务公开 > 政府信息公开年报 > 示范县交通运输局2022年政府信息公开年报", issuer: "示范县交通运输局"),
        Case(name: "crawl header", before: """
            URL: http://www.example.gov.cn/art/2023/1/20/art_1.html
            抓取时间：2023-02-01 10:00
            标题：示范县卫生健康委员会2022年政府信息公开工作年度报告
            发布时间：2023年1月20日
            """, issuer: "示范县卫生健康委员会"),
        Case(name: "county title", before: "示范县2022年政府信息公开工作年度报告", issuer: "示范县"),
        Case(name: "a place whose name starts like a sentence word", before: "本溪市将乐区2022年政府信息公开工作年度报告", issuer: "本溪市将乐区"),
        Case(name: "title over two lines", before: "示范县人民政府办公室\n2022年政府信息公开工作年度报告", issuer: "示范县人民政府办公室"),
        Case(name: "year in Chinese numerals", before: "示范县教育局二〇二二年政府信息公开工作年度报告", issuer: "示范县教育局"),
        Case(name: "关于…的报告", before: "关于示范县财政局2022年度政府信息公开工作年度报告", issuer: "示范县财政局"),
        Case(name: "first sentence is no issuer; the signature is",
             before: "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布2022年度政府信息公开工作年度报告。",
             after: "\n\n示范县住房和城乡建设局\n2023年1月18日\n", issuer: "示范县住房和城乡建设局"),
        Case(name: "signature on one line, site footer after it", before: "2022年政府信息公开工作年度报告",
             after: "\n\n示范县住房和城乡建设局 2023年1月18日\n主办单位：示范县人民政府办公室 | ICP备12345678号\n",
             issuer: "示范县住房和城乡建设局"),
        Case(name: "本报告由…编制", before: "2022年政府信息公开工作年度报告\n本报告由示范县统计局编制。", issuer: "示范县统计局"),
        Case(name: "not stated", before: "2022年政府信息公开工作年度报告", issuer: nil),
        Case(name: "a sentence naming the report is no title", before: "现将示范县2022年政府信息公开工作年度报告公布如下", issuer: nil),
        Case(name: "breadcrumbs ending in the section's name", before: "首页 > 政务公开 > 示范县人民政府 > 年度报告\n2022年政府信息公开工作年度报告",
             issuer: nil),
        Case(name: "not stated, chrome only", before: "Page 3 - 政府信息公开专栏\n当前位置：首页 > 信息公开 > 年度报告", issuer: nil),
    ])
    func issuer(_ c: Case) {
        let result = ReportChecker.check(text: c.before + "\n\n" + Self.body + c.after)
        #expect(result.issuer == c.issuer)
        #expect(result.issuerText == (c.issuer ?? "未能确定"))
        #expect(result.formatVersion == .v2021)
        #expect(result.tablesFound == ["二", "三", "四"])
    }

    @Test func theIssuerIsNullInJSONAndNamedInText() throws {
        let result = ReportChecker.check(text: "2022年政府信息公开工作年度报告\n\n" + Self.body)
        let json = String(decoding: try JSONCoding.encoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"issuer\":null"))
        #expect(result.issuerText == "未能确定")
    }

    @Test func theYearIsTheReportsNotThePublicationDate() {
        // a crawl header with the publication date comes first
        let crawled = ReportChecker.check(text: "发布日期：2023年01月20日\n示范县水务局2022年政府信息公开工作年度报告\n\n" + Self.body)
        #expect(crawled.year == 2022)
        // no year in the title: the one after it, "（2022年度）"
        let subtitle = ReportChecker.check(text: "示范县水务局政府信息公开工作年度报告\n（2022年度）\n\n" + Self.body)
        #expect(subtitle.year == 2022)
        #expect(subtitle.issuer == "示范县水务局")
    }

    @Test func aReportFor2021OrLaterInTheOldTablesIsReadAsPrintedAndToldSo() throws {
        // the 2019-format fixture (a 2020 report) republished as the 2021 report
        let old = ReportFixtures.text("report-2019-format.txt").replacingOccurrences(of: "2020", with: "2021")
        let result = ReportChecker.check(text: old)
        #expect(result.year == 2021)
        #expect(result.formatVersion == .v2019)
        #expect(result.expectedFormatVersion == .v2021)
        let v1 = result.findings.filter { $0.rule == "V1" }
        #expect(v1.count == 1)
        #expect(v1.first?.severity == .warning)
        #expect(v1.first?.message.contains("已被取代") == true)
        // read as printed: the 2019 table's own cells
        #expect(ReportFixtures.values(result)[.t2("art20_5", "other_external_services", "decisions")] == 1205)
        // and the same tables for 2020 are in force: no V1
        let inForce = try ReportFixtures.check("report-2019-format.txt")
        #expect(inForce.expectedFormatVersion == .v2019)
        #expect(!inForce.findings.contains { $0.rule == "V1" })
    }

    @Test func aReportFor2023MentioningOldTableWordsInItsTextKeepsThe2021Format() {
        // Table 二 was an image; the text of section 二 uses words of the 2019 table.
        var text = ReportFixtures.text("base-2022.txt").replacingOccurrences(of: "2022", with: "2023")
        let start = text.range(of: "第二十条第（一）项")!.lowerBound
        let end = text.range(of: "三、收到和处理政府信息公开申请情况")!.lowerBound
        text.replaceSubrange(start..<end, with: """
            （表格为图片）本年新制作规范性文件 3 件，规范性文件对外公开总数量 25 件；政府集中采购项目 6 个，采购总金额 251000 元。


            """)
        let result = ReportChecker.check(text: text)
        #expect(result.year == 2023)
        #expect(result.formatVersion == .v2021)
        #expect(!result.findings.contains { $0.rule == "V1" })
        #expect(ReportFixtures.values(result)[.t3("other_misc", "total")] == 1)
    }
}

/// Review 10d probes (issue #10, check7b): titles of other reports above the real one, a site
/// prefix or a notice around the title, a date that is no year, a signature more specific than
/// the title, and issuers stated in other common places.
extension IssuerYearFormatTests {
    static let base = ReportFixtures.text("base-2022.txt")
    static let baseTitle = "示范县教育局2022年政府信息公开工作年度报告\n"
    static var baseBody: String { String(base.dropFirst(baseTitle.count)) }

    @Test("other reports' titles listed above the report give neither its issuer nor its year")
    func otherReportsAboveTheTitle() {
        let listed = "示范县财政局2020年政府信息公开工作年度报告\n示范县民政局2020年政府信息公开工作年度报告\n"
        for text in [listed + Self.base,
                     "当前位置：首页 > 政务公开 > 政府信息公开年报\n" + listed + "政府信息公开工作年度报告\n" + Self.baseBody + "\n示范县教育局\n2023年1月20日\n",
                     "热点信息\n" + listed + "\n2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n示范县教育局\n2023年1月20日\n"] {
            let result = ReportChecker.check(text: text, source: "listed")
            #expect(result.issuer == nil || result.issuer == "示范县教育局", "issuer \(String(describing: result.issuer))")
            #expect(result.year == nil || result.year == 2022, "year \(String(describing: result.year))")
        }
    }

    @Test("titles that disagree and nothing in the body decides: null, not the first of the list")
    func disagreeingTitlesWithoutEvidence() {
        // No statistical period, no signature: the two titles cannot be told apart.
        let body = Self.baseBody.replacingOccurrences(of: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", with: "")
            .replacingOccurrences(of: "2022年，示范县教育局", with: "本机关")
        let result = ReportChecker.check(text: "示范县财政局2020年政府信息公开工作年度报告\n示范县民政局2021年政府信息公开工作年度报告\n" + body, source: "list")
        #expect(result.issuer == nil, "issuer \(String(describing: result.issuer))")
        #expect(result.year == nil, "year \(String(describing: result.year))")
        // The same title twice (page heading and document title) is one title.
        let twice = ReportChecker.check(text: Self.baseTitle + Self.base, source: "twice")
        #expect(twice.issuer == "示范县教育局" && twice.year == 2022)
        // The signature decides between two issuers of the same year.
        let signed = ReportChecker.check(text: "示范县财政局2022年政府信息公开工作年度报告\n" + Self.base + "\n示范县教育局\n2023年1月20日\n", source: "signed")
        #expect(signed.issuer == "示范县教育局" && signed.year == 2022, "\(String(describing: signed.issuer)) \(String(describing: signed.year))")
        // One agency's reports of two years: the agency stands; the year is the one before the
        // date at the end when no statistical period states it.
        let noPeriod = Self.base.replacingOccurrences(of: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", with: "")
            .replacingOccurrences(of: "2022年，示范县教育局", with: "本机关")
        let years = ReportChecker.check(text: "示范县教育局2021年政府信息公开工作年度报告\n" + noPeriod, source: "years")
        #expect(years.issuer == "示范县教育局" && years.year == nil, "\(String(describing: years.issuer)) \(String(describing: years.year))")
        let dated = ReportChecker.check(text: "示范县教育局2021年政府信息公开工作年度报告\n" + noPeriod + "\n示范县教育局\n2023年1月20日\n", source: "dated")
        #expect(dated.issuer == "示范县教育局" && dated.year == 2022, "\(String(describing: dated.issuer)) \(String(describing: dated.year))")
    }

    @Test("a notice publishing the report is no issuer name run together")
    func noticeTitle() {
        for notice in ["示范县人民政府办公室关于公布示范县教育局2022年政府信息公开工作年度报告的通知",
                       "示范县人民政府办公室关于印发示范县教育局2022年政府信息公开工作年度报告的通知",
                       "示范县人民政府办公室转发示范县教育局2022年政府信息公开工作年度报告的通知"] {
            let result = ReportChecker.check(text: notice + "\n" + Self.baseBody, source: "notice")
            #expect([nil, "示范县教育局"].contains(result.issuer), "\(notice): issuer \(String(describing: result.issuer))")
        }
    }

    @Test("a site name before the page title with a hyphen is site chrome", arguments: [
        "示范县人民政府-示范县教育局2022年政府信息公开工作年度报告",
        "示范县人民政府 - 示范县教育局2022年政府信息公开工作年度报告",
        "示范县人民政府—示范县教育局2022年政府信息公开工作年度报告",
        "示范县人民政府－示范县教育局2022年政府信息公开工作年度报告",
        "示范县人民政府_示范县教育局2022年政府信息公开工作年度报告",
        "示范县人民政府|示范县教育局2022年政府信息公开工作年度报告",
        "示范县教育局2022年政府信息公开工作年度报告-示范县人民政府",
    ])
    func sitePrefixWithHyphen(_ title: String) {
        let result = ReportChecker.check(text: title + "\n" + Self.baseBody, source: "site prefix")
        #expect(result.issuer == nil || result.issuer == "示范县教育局", "issuer \(String(describing: result.issuer))")
    }

    @Test("a year in a date of the overview (2023年1月) is not the report's year")
    func monthIsNoYear() {
        let text = "示范县教育局政府信息公开工作年度报告\n" + Self.baseBody
            .replacingOccurrences(of: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", with: "")
            .replacingOccurrences(of: "2022年，示范县教育局", with: "2023年1月，示范县教育局总结上一年度工作。")
        let result = ReportChecker.check(text: text, source: "month")
        #expect(result.year == nil || result.year == 2022, "year \(String(describing: result.year))")
    }

    @Test("the title names the county, the signature the agency: the agency")
    func countyTitleAgencySignature() {
        let result = ReportChecker.check(text: "示范县2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n示范县教育局\n2023年1月20日\n", source: "county")
        #expect(result.issuer == nil || result.issuer == "示范县教育局", "issuer \(String(describing: result.issuer))")
        // A signature that does not extend the title's name does not replace it.
        let other = ReportChecker.check(text: "示范县2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n某市教育局\n2023年1月20日\n", source: "other")
        #expect(other.issuer == "示范县", "issuer \(String(describing: other.issuer))")
    }

    @Test("issuer stated in other common places", arguments: [
        "本报告由示范县教育局根据《条例》要求编制。",
        "发布机构：示范县教育局",
        "【年度报告】示范县教育局2022年政府信息公开工作年度报告",
        "年度报告：示范县教育局2022年政府信息公开工作年度报告",
    ])
    func issuerElsewhere(_ line: String) {
        let result = ReportChecker.check(text: line + "\n2022年政府信息公开工作年度报告\n" + Self.baseBody, source: "issuer")
        #expect(result.issuer == "示范县教育局", "issuer \(String(describing: result.issuer))")
    }

    @Test("a signature with 盖章 or 发布单位：")
    func signatureForms() {
        for sig in ["示范县教育局（盖章）", "发布单位：示范县教育局", "发布机构：示范县教育局"] {
            let result = ReportChecker.check(text: "2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n\n\(sig)\n2023年1月20日\n", source: "sig")
            #expect(result.issuer == "示范县教育局", "\(sig): issuer \(String(describing: result.issuer))")
        }
    }
}

/// Review 10e probes (issue #10, check8b): a county's report signed by its office, a town or a
/// compiler; list items (相关推荐：…) and a title whose year is on the next line; a publishing
/// word inside an agency's name.
extension IssuerYearFormatTests {
    static func describe(_ r: ReportCheckResult) -> String { "issuer \(String(describing: r.issuer)) year \(String(describing: r.year))" }
    @Test("the county government's own report signed by its office is the county's, not the office's", arguments: [
        "\n示范县人民政府办公室\n2023年1月20日\n",
        "\n示范县人民政府办公室 2023年1月20日\n",
        "\n发布单位：示范县人民政府办公室\n2023年1月20日\n",
        "\n本报告由示范县政务服务和大数据管理局编制。\n",
    ])
    func countyReportSignedByItsOffice(_ signature: String) {
        let body = Self.baseBody.replacingOccurrences(of: "示范县教育局", with: "示范县人民政府")
        let r = ReportChecker.check(text: "示范县2022年政府信息公开工作年度报告\n" + body + signature, source: "county office")
        #expect([nil, "示范县", "示范县人民政府"].contains(r.issuer), "\(Self.describe(r))")
        #expect(r.year == 2022)
    }

    @Test func theSeedReportSignedByItsOfficeIsTheCountys() throws {
        let path = "/work/shared/seeds/000_a67d32d7dc7951bd.txt"
        guard let seed = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let r = ReportChecker.check(text: seed + "\n\n新源县人民政府办公室\n2024年1月20日\n", source: "seed signed")
        #expect([nil, "新源县", "新源县人民政府"].contains(r.issuer), "\(Self.describe(r))")
        #expect(r.year == 2023, "\(Self.describe(r))")
    }

    @Test("a listed report's title with a year does not win over the report's own title whose year is on the next line")
    func listedTitleAboveATitleWithItsYearBelow() {
        for listed in ["相关报告\n示范县财政局2022年政府信息公开工作年度报告\n",
                       "热点信息\n示范县财政局2022年政府信息公开工作年度报告\n示范县民政局2022年政府信息公开工作年度报告\n"] {
            let text = listed + "示范县教育局政府信息公开工作年度报告\n（2022年度）\n" + Self.baseBody
            let r = ReportChecker.check(text: text, source: "listed above")
            #expect([nil, "示范县教育局"].contains(r.issuer), "\(Self.describe(r))")
            #expect([nil, 2022].contains(r.year), "\(Self.describe(r))")
        }
    }

    @Test("the same agency's report of another year listed above the report, whose year is on the next line: not that year")
    func listedEarlierYearAboveTitleWithYearBelow() {
        for listed in ["相关报告\n示范县教育局2021年政府信息公开工作年度报告\n", "上一篇：示范县教育局2021年政府信息公开工作年度报告\n"] {
            let text = listed + "示范县教育局政府信息公开工作年度报告\n（2022年度）\n" + Self.baseBody
            let r = ReportChecker.check(text: text, source: "earlier year above")
            #expect(r.issuer == "示范县教育局", "\(Self.describe(r))")
            #expect([nil, 2022].contains(r.year), "\(Self.describe(r))")
        }
    }

    @Test func theSeedWithAnotherReportListedAbove() throws {
        let path = "/work/shared/seeds/000_a67d32d7dc7951bd.txt"
        guard let seed = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for listed in ["相关推荐：新源县财政局2023年政府信息公开工作年度报告\n", "新源县2022年政府信息公开工作年度报告\n"] {
            let r = ReportChecker.check(text: listed + seed, source: "seed listed")
            #expect([nil, "新源县"].contains(r.issuer), "\(listed): \(Self.describe(r))")
            #expect([nil, 2023].contains(r.year), "\(listed): \(Self.describe(r))")
        }
    }

    @Test("issuer names with 县/区/市 or a publishing word inside are read whole or not at all", arguments: [
        "示范县区域发展中心", "示范县市场监督管理局", "示范市区县协作办公室", "示范县突发事件预警信息发布中心",
        "示范区市政园林管理局", "示范县县城建设管理委员会",
    ])
    func namesWithPlaceWordsInside(_ name: String) {
        let r = ReportChecker.check(text: "\(name)2022年政府信息公开工作年度报告\n" + Self.baseBody, source: name)
        #expect([nil, name].contains(r.issuer), "\(Self.describe(r))")
        let signed = ReportChecker.check(text: "2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n\(name)\n2023年1月20日\n", source: name)
        #expect([nil, name].contains(signed.issuer), "signed: \(Self.describe(signed))")
    }

    @Test("a county title and the signature of an agency of another place (prefix only) keep the county")
    func signatureOfANeighbourStartingWithTheCountyName() {
        // 示范县 and 示范县城关镇 — the signature starts with the title's name but is a town, not
        // an agency of the county issuing the county's report.
        let r = ReportChecker.check(text: "示范县2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n示范县城关镇人民政府\n2023年1月20日\n", source: "town")
        #expect([nil, "示范县"].contains(r.issuer), "\(Self.describe(r))")
    }

    static let period = "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    /// The body with neither a statistical period nor the agency named in the overview.
    static var bareBody: String {
        baseBody.replacingOccurrences(of: period, with: "").replacingOccurrences(of: "2022年，示范县教育局", with: "本机关")
    }

    @Test("a related-reports block after the signature gives neither the issuer nor the year")
    func relatedReportsAfterTheReport() {
        let related = """

            相关阅读
            示范县教育局2020年政府信息公开工作年度报告 2021-01-18
            示范县教育局2019年政府信息公开工作年度报告 2020年01月15日
            示范县财政局2020年政府信息公开工作年度报告 2021年1月12日
            """
        // two titles of one agency disagree on the year; the signature's date says 2022
        let text = "示范县教育局2021年政府信息公开工作年度报告\n示范县教育局2022年政府信息公开工作年度报告\n" + Self.bareBody
            + "\n示范县教育局\n2023年1月20日\n" + related
        let r = ReportChecker.check(text: text, source: "related after")
        #expect(r.issuer == "示范县教育局", "\(Self.describe(r))")
        #expect([nil, 2022].contains(r.year), "\(Self.describe(r))")
        // no signature, no issuer in the title: the related block names no issuer
        let unsigned = ReportChecker.check(text: "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n" + related, source: "related unsigned")
        #expect(unsigned.issuer == nil, "\(Self.describe(unsigned))")
        let relatedByAgency = "\n相关阅读\n示范县财政局\n2023年1月12日\n示范县民政局\n2023年1月10日\n"
        let agencies = ReportChecker.check(text: "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n" + relatedByAgency, source: "related agencies")
        #expect(agencies.issuer == nil, "\(Self.describe(agencies))")
    }
}

/// Review 10f probes (issue #10, check9b): two reports pasted together, years inside document
/// names and ranges, lists of other pages at the end with a bullet or a long list, and the
/// issuer and year through crawl headers, related links and other agencies in the body.
extension IssuerYearFormatTests {
    /// Cells read with a number the printed base-2022 table does not have.
    static func wrong(_ r: ReportCheckResult) -> [String] {
        ReportFixtures.values(r).filter { ReportFixtures.baseCells[$0.key] != $0.value }
            .map { "\($0.key.rawValue)=\($0.value) (printed \(ReportFixtures.baseCells[$0.key].map { "\($0)" } ?? "none"))" }.sorted()
    }

    @Test("two reports concatenated: the first one's issuer, year and cells, never mixed")
    func twoReportsConcatenated() {
        let second =
            "示范县财政局2021年政府信息公开工作年度报告\n"
            + Self.baseBody.replacingOccurrences(of: "2022", with: "2021")
            .replacingOccurrences(of: "示范县教育局", with: "示范县财政局").replacingOccurrences(of: "行政规范性文件\t3\t1\t25", with: "行政规范性文件\t5\t0\t30")
            .replacingOccurrences(of: "行政许可\t1234", with: "行政许可\t999")
        let r = ReportChecker.check(text: Self.base + "\n\n" + second, source: "two")
        #expect(Self.wrong(r).isEmpty, "\(Self.describe(r)) \(Self.wrong(r))")
        #expect([nil, "示范县教育局"].contains(r.issuer) && [nil, 2022].contains(r.year), "\(Self.describe(r))")
        // the first report with its tables lost (a crawl cut), the second complete: no cell of the second
        let cut = Self.base.components(separatedBy: "二、主动公开政府信息情况")[0]
        let r2 = ReportChecker.check(text: cut + "\n\n" + second, source: "two, first cut")
        let mixed = r2.issuer == "示范县教育局" && ReportFixtures.values(r2)[.t2("art20_1", "normative_docs", "issued_this_year")] == 5
        #expect(!mixed, "the second report's table read as the first's: \(Self.describe(r2))")
        #expect(ReportFixtures.values(r2).isEmpty, "\(ReportFixtures.values(r2))")
        #expect(r2.issuer == "示范县教育局" && r2.year == 2022, "\(Self.describe(r2))")
    }

    @Test("a table of contents above the report is no first report: nothing after it is dropped")
    func tableOfContentsAboveTheReport() {
        let contents = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        let r = ReportChecker.check(text: contents + Self.base, source: "contents")
        #expect(r.report?.sections[.other]?.hasSubstring("本机关未收取信息处理费") == true, "\(String(describing: r.report?.sections[.other]))")
        #expect(Self.wrong(r).isEmpty, "\(Self.wrong(r))")
        #expect([nil, "示范县教育局"].contains(r.issuer) && r.year == 2022, "\(Self.describe(r))")
    }

    @Test("year: a year inside a document's name (《2021年政务公开工作要点》) is not the report's")
    func yearFromDocumentName() {
        let text =
            "示范县教育局政府信息公开工作年度报告\n"
            + Self.bareBody
            .replacingOccurrences(of: "本机关认真贯彻", with: "本机关按照《2021年政务公开工作要点》，认真贯彻")
        let r = ReportChecker.check(text: text, source: "doc name")
        #expect([nil, 2022].contains(r.year), "\(Self.describe(r))")
        let signed = ReportChecker.check(text: text + "\n示范县教育局\n2023年1月20日\n", source: "doc name signed")
        #expect(signed.year == 2022, "signed 2023-01-20: \(Self.describe(signed))")
    }

    @Test(
        "year: only a signature's date early in the year gives the year before it",
        arguments: [
            ("\n示范县教育局\n2023年2月10日\n", 2022 as Int?), ("\n发布时间：2024-03-01\n", nil), ("\n示范县教育局\n2022年12月30日\n", nil),
        ])
    func yearFromTheSignatureDate(_ ending: String, _ year: Int?) {
        let r = ReportChecker.check(text: "示范县教育局政府信息公开工作年度报告\n" + Self.bareBody + ending, source: "dated")
        #expect(r.year == year, "\(ending): \(Self.describe(r))")
    }

    @Test("year: a plan's range (示范县2021—2025年教育发展规划, 2021年至2025年) is not the report's year")
    func yearFromPlanRange() {
        for plan in ["示范县2021—2025年教育发展规划", "示范县2021-2025年教育发展规划", "示范县2021年至2025年教育发展规划"] {
            let text =
                "示范县教育局政府信息公开工作年度报告\n"
                + Self.bareBody
                .replacingOccurrences(of: "本机关认真贯彻", with: "本机关按照\(plan)，认真贯彻")
            let r = ReportChecker.check(text: text, source: "plan")
            #expect([nil, 2022].contains(r.year), "\(plan): \(Self.describe(r))")
        }
    }

    @Test("year: the seed without its year line, period and 2023年度 phrases: never 2022 from 《2022 年政务公开工作要点》")
    func seedYearFromDocumentName() {
        let path = "/work/shared/seeds/000_a67d32d7dc7951bd.txt"
        guard let seed = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let text = seed.replacingOccurrences(of: "(2023 年度)", with: "")
            .replacingOccurrences(of: "本报告中所列资料数据的汇总统计期限从 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。", with: "")
            .replacingOccurrences(of: "现发布 2023 年度新源县政府信息公开年度报告。", with: "现发布本年度报告。")
            .replacingOccurrences(of: "本报告内容主要为新源县 2023 年度", with: "本报告内容主要为新源县本年度")
        let r = ReportChecker.check(text: text, source: "seed")
        #expect([nil, 2023].contains(r.year), "\(Self.describe(r))")
    }

    @Test("issuer: a related list at the end longer than the signature window, or with a bracketed label")
    func relatedListsAtTheEnd() {
        let agencies = ["财政局", "民政局", "卫健委", "交通局", "水利局", "林业局", "统计局", "审计局"]
        let long = agencies.enumerated().map { "示范县\($1)\n2023年1月1\($0)日" }.joined(separator: "\n")
        for (name, text) in [
            ("long list, unsigned", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n相关阅读\n" + long + "\n"),
            ("bracketed label, unsigned", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n【相关阅读】\n示范县财政局\n2023年1月12日\n"),
            ("bracketed label, signed", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n示范县教育局\n2023年1月20日\n【相关阅读】\n示范县财政局\n2023年1月12日\n"),
            ("■ label, signed", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n示范县教育局\n2023年1月20日\n■ 相关链接\n示范县财政局\n2023年1月12日\n"),
            ("long list, signed", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n示范县教育局\n2023年1月20日\n相关阅读\n" + long + "\n"),
            ("● label with a colon, signed", "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n示范县教育局\n2023年1月20日\n● 推荐阅读：\n" + long + "\n"),
        ] {
            let r = ReportChecker.check(text: text, source: name)
            #expect([nil, "示范县教育局"].contains(r.issuer), "\(name): \(Self.describe(r))")
            #expect([nil, 2022].contains(r.year), "\(name): \(Self.describe(r))")
        }
        // Signed before a long list: the signature is found.
        let signed = ReportChecker.check(
            text: "2022年政府信息公开工作年度报告\n" + Self.bareBody + "\n示范县教育局\n2023年1月20日\n【相关阅读】\n" + long + "\n", source: "signed")
        #expect(signed.issuer == "示范县教育局", "\(Self.describe(signed))")
    }

    @Test("a related-links list after the report, with other agencies' later reports")
    func relatedLinksAfter() {
        let links = "\n相关链接\n示范县财政局2023年政府信息公开工作年度报告\n示范县人民政府2023年政府信息公开工作年度报告\n上一篇：示范县教育局2021年政府信息公开工作年度报告\n"
        for text in [
            Self.base + links, Self.base + "\n示范县教育局\n2023年1月20日\n" + links,
            "政府信息公开工作年度报告\n" + Self.baseBody + "\n示范县教育局\n2023年1月20日" + links,
        ] {
            let r = ReportChecker.check(text: text, source: "links")
            #expect(r.issuer == "示范县教育局" && r.year == 2022, "\(Self.describe(r))")
        }
    }

    @Test("a crawl header (breadcrumb, 标题：, source and visits) above the title")
    func crawlHeader() {
        let head = "首页 > 政务公开 > 政府信息公开年报\n标题：示范县教育局2022年政府信息公开工作年度报告\n发布时间：2023-01-20 来源：示范县人民政府办公室 浏览次数：1234\n"
        let r = ReportChecker.check(text: head + Self.base, source: "crawl")
        #expect(r.issuer == "示范县教育局" && r.year == 2022, "\(Self.describe(r))")
        #expect(Self.wrong(r).isEmpty, "\(Self.wrong(r))")
    }

    @Test("the next year's plan and last year's comparison in the body leave the title's year")
    func twoYearsMentioned() {
        let text = Self.base.replacingOccurrences(of: "（三）政府信息管理。", with: "与2021年相比，申请数量增加。（三）政府信息管理。")
            .replacingOccurrences(of: "2023年，我局将", with: "2023年，我局将在2024年1月前")
        let r = ReportChecker.check(text: text, source: "years")
        #expect(r.year == 2022 && r.issuer == "示范县教育局", "\(Self.describe(r))")
        // no year in the title, a period of 2022, a plan for 2023 at the end
        let untitled = "示范县教育局政府信息公开工作年度报告\n" + Self.baseBody + "\n2023年工作计划\n一是继续加强公开。\n"
        let u = ReportChecker.check(text: untitled, source: "untitled")
        #expect([nil, 2022].contains(u.year), "\(Self.describe(u))")
    }

    @Test("a place's report signed by a village committee or a department of the government office keeps the place")
    func placeTitleOtherSigners() {
        for signer in ["示范县城关镇东关村民委员会", "示范县人民政府办公室政务公开科", "示范县政务服务和大数据管理局"] {
            let r = ReportChecker.check(text: "示范县2022年政府信息公开工作年度报告\n" + Self.baseBody + "\n\(signer)\n2023年1月20日\n", source: signer)
            #expect([nil, "示范县"].contains(r.issuer), "\(signer): \(Self.describe(r))")
        }
    }

    @Test("other agencies named in the body and a notice above do not become the issuer")
    func otherAgenciesInBody() {
        let text =
            "示范县人民政府办公室关于印发示范县2023年政务公开工作要点的通知\n"
            + Self.base
            .replacingOccurrences(of: "（三）政府信息管理。", with: "按照示范县人民政府办公室、示范市教育局的统一部署，（三）政府信息管理。")
        let r = ReportChecker.check(text: text, source: "others")
        #expect(r.issuer == "示范县教育局" && r.year == 2022, "\(Self.describe(r))")
    }
}

/// Review 10g probes (issue #10, check10b): a second report found by its own title however its
/// parts are headed, a table of contents or a cover above the parts, a year compared with, and
/// titles with the year in 《…》, in brackets or in Chinese numerals.
extension IssuerYearFormatTests {
    /// Cells of the printed base-2022 table that were not read.
    static func lost(_ r: ReportCheckResult) -> [String] {
        let v = ReportFixtures.values(r)
        return ReportFixtures.baseCells.filter { v[$0.key] == nil }.map { $0.key.rawValue }.sorted()
    }

    static func errors(_ r: ReportCheckResult) -> [String] {
        r.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    /// A complete 财政局 2021 report with its own table 二 values (5, 999).
    static var second: String {
        "示范县财政局2021年政府信息公开工作年度报告\n"
            + baseBody.replacingOccurrences(of: "2022", with: "2021")
            .replacingOccurrences(of: "示范县教育局", with: "示范县财政局").replacingOccurrences(of: "行政规范性文件\t3\t1\t25", with: "行政规范性文件\t5\t0\t30")
            .replacingOccurrences(of: "行政许可\t1234", with: "行政许可\t999")
    }

    /// Whether the 财政局 report's cells were read under the 教育局's name.
    static func mixed(_ r: ReportCheckResult) -> Bool {
        let v = ReportFixtures.values(r)
        return r.issuer == "示范县教育局"
            && (v[.t2("art20_1", "normative_docs", "issued_this_year")] == 5 || v[.t2("art20_5", "admin_licensing", "decisions_this_year")] == 999)
    }

    @Test("a title repeated before a repeated 一、总体情况 of the same report (cover + ToC with a sentence) is not a second report")
    func coverThenBody() {
        let cover =
            Self.baseTitle + "示范县教育局\n2023年1月\n目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
        let r = ReportChecker.check(text: cover + Self.base, source: "cover")
        #expect(Self.wrong(r).isEmpty && Self.errors(r).isEmpty, "\(Self.describe(r)) \(Self.wrong(r)) \(Self.errors(r))")
        #expect(Self.lost(r).isEmpty, "lost \(Self.lost(r).count): \(Self.describe(r))")
        #expect(r.issuer == "示范县教育局" && r.year == 2022, "\(Self.describe(r))")
        // a summary with a full stop before the ToC (an abstract on the cover)
        let abstract = Self.baseTitle + "一、总体情况。本局全年主动公开信息356条。\n" + Self.base
        let ra = ReportChecker.check(text: abstract, source: "abstract")
        #expect(Self.wrong(ra).isEmpty && Self.errors(ra).isEmpty, "abstract: \(Self.describe(ra)) \(Self.errors(ra))")
        #expect(Self.lost(ra).isEmpty, "abstract: lost \(Self.lost(ra).count): \(Self.describe(ra))")
    }

    @Test("two reports: the first with tables lost and its overview heading missing or worded otherwise")
    func twoReportsFirstWithoutHeading() {
        let overview = Self.base.components(separatedBy: "二、主动公开政府信息情况")[0]
        for (name, first) in [
            ("no 一、 heading", overview.replacingOccurrences(of: "一、总体情况\n", with: "")),
            ("一、概述", overview.replacingOccurrences(of: "一、总体情况", with: "一、概述")),
            ("一、基本情况", overview.replacingOccurrences(of: "一、总体情况", with: "一、基本情况")),
            ("（一）总体情况", overview.replacingOccurrences(of: "一、总体情况", with: "（一）总体情况")),
        ] {
            let r = ReportChecker.check(text: first + "\n\n" + Self.second, source: name)
            #expect(!Self.mixed(r), "\(name): the second report's cells read as the first's: \(Self.describe(r))")
            #expect([nil, "示范县教育局"].contains(r.issuer) && [nil, 2022].contains(r.year), "\(name): \(Self.describe(r))")
        }
    }

    @Test("two reports: the second with its overview heading worded otherwise")
    func twoReportsSecondOtherHeading() {
        let overview = Self.base.components(separatedBy: "二、主动公开政府信息情况")[0]
        for (name, second) in [
            ("一、概述", Self.second.replacingOccurrences(of: "一、总体情况", with: "一、概述")),
            ("no heading", Self.second.replacingOccurrences(of: "一、总体情况\n", with: "")),
            ("crawl header", "上一篇：\n" + Self.second),
        ] {
            let r = ReportChecker.check(text: overview + "\n\n" + second, source: name)
            #expect(!Self.mixed(r), "\(name): the second report's cells read as the first's: \(Self.describe(r))")
        }
    }

    @Test("two reports, the first's tables lost: the second's title more than six lines above its 一、总体情况 (crawl header, preamble)")
    func twoReportsTitleFarFromHeading() {
        let cut = Self.base.components(separatedBy: "二、主动公开政府信息情况")[0]
        let secondBody = String(Self.second.drop { $0 != "\n" }.dropFirst())
        let crawl = "发布时间：2022-01-20\n来源：示范县财政局\n字号：大 中 小\n浏览次数：35\n【打印本页】\n【关闭窗口】\n分享到：\n"
        let preamble = "本报告根据《条例》编制。\n全文共分六部分。\n本报告电子版可在网站下载。\n如有疑问请联系。\n联系电话：5022803。\n"
        for (name, text) in [
            ("crawl header", cut + "\n\n示范县财政局2021年政府信息公开工作年度报告\n" + crawl + secondBody),
            ("preamble", cut + "\n\n示范县财政局2021年政府信息公开工作年度报告\n" + preamble + secondBody),
        ] {
            let r = ReportChecker.check(text: text, source: name)
            #expect(!Self.mixed(r), "\(name): the second report's cells read as the first's: \(Self.describe(r))")
        }
    }

    @Test("a county report quoting a department report's title and its 一、总体情况 inside section 六 keeps its tables")
    func quotedTitleInside() {
        let text = Self.base.replacingOccurrences(
            of: "本机关未收取信息处理费。",
            with: "本机关未收取信息处理费。附：各部门报告摘要\n示范县财政局2022年政府信息公开工作年度报告\n一、总体情况\n财政局全年主动公开信息120条。")
        let r = ReportChecker.check(text: text, source: "quoted")
        #expect(Self.wrong(r).isEmpty && Self.errors(r).isEmpty, "\(Self.describe(r)) \(Self.errors(r))")
        #expect(Self.lost(r).isEmpty, "lost \(Self.lost(r).count)")
        #expect([nil, "示范县教育局"].contains(r.issuer) && r.year == 2022, "\(Self.describe(r))")
    }

    @Test("a report repeating its own title as a page header (with a page number) is not cut")
    func ownTitleAsPageHeader() {
        let text = Self.base.replacingOccurrences(of: "三、收到和处理政府信息公开申请情况", with: "示范县教育局2022年政府信息公开工作年度报告 3\n三、收到和处理政府信息公开申请情况")
            .replacingOccurrences(of: "五、存在的主要问题及改进情况", with: "2022年政府信息公开工作年度报告\n五、存在的主要问题及改进情况")
        let r = ReportChecker.check(text: text, source: "page headers")
        #expect(Self.wrong(r).isEmpty && Self.lost(r).isEmpty, "lost \(Self.lost(r).count): \(Self.describe(r))")
        #expect(r.report?.sections[.other]?.hasSubstring("本机关未收取信息处理费") == true)
    }

    @Test("another report's title standing alone in section 五, then the report's own 六: nothing is cut")
    func otherTitleInsideTheReport() {
        let text = Self.base.replacingOccurrences(of: "六、其他需要报告的事项", with: "示范县教育局2021年政府信息公开工作年度报告\n六、其他需要报告的事项")
        let r = ReportChecker.check(text: text, source: "last year's title")
        #expect(Self.wrong(r).isEmpty && Self.lost(r).isEmpty, "lost \(Self.lost(r).count): \(Self.describe(r))")
        #expect(r.report?.sections[.other]?.hasSubstring("本机关未收取信息处理费") == true, "\(String(describing: r.report?.sections[.other]))")
        #expect(r.issuer == "示范县教育局" && r.year == 2022, "\(Self.describe(r))")
    }

    @Test(
        "a table of contents under the title (all six parts) keeps the tables and the issuer",
        arguments: [
            "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n",
            "目录\n一、总体情况……1\n二、主动公开政府信息情况……2\n三、收到和处理政府信息公开申请情况……3\n四、政府信息公开行政复议、行政诉讼情况……4\n五、存在的主要问题及改进情况……5\n六、其他需要报告的事项……5\n",
            "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n",
        ])
    func tableOfContentsKeepsTables(_ contents: String) {
        let under = Self.baseTitle + contents + Self.baseBody
        let r = ReportChecker.check(text: under, source: "toc under title")
        #expect(Self.wrong(r).isEmpty && Self.lost(r).isEmpty, "under the title: lost \(Self.lost(r).count): \(Self.describe(r))")
        #expect(r.issuer == "示范县教育局" && r.year == 2022, "under the title: \(Self.describe(r))")
        let above = contents + Self.base
        let ra = ReportChecker.check(text: above, source: "toc above title")
        #expect(Self.wrong(ra).isEmpty && Self.lost(ra).isEmpty, "above the title: lost \(Self.lost(ra).count): \(Self.describe(ra))")
        #expect(ra.issuer == "示范县教育局" && ra.year == 2022, "above the title: \(Self.describe(ra))")
    }

    @Test(
        "year: a comparison or a since-year in the overview of a title without a year is not the report's year",
        arguments: [
            "与2021年相比，本机关认真贯彻", "自2019年新《条例》施行以来，本机关认真贯彻",
        ])
    func yearFromComparison(_ phrase: String) {
        let text = "示范县教育局政府信息公开工作年度报告\n" + Self.bareBody.replacingOccurrences(of: "本机关认真贯彻", with: phrase)
        let r = ReportChecker.check(text: text, source: phrase)
        #expect([nil, 2022].contains(r.year), "\(phrase): \(Self.describe(r))")
        let crawled = ReportChecker.check(
            text: "示范县教育局政府信息公开工作年度报告\n发布时间：2023-01-20\n" + Self.bareBody.replacingOccurrences(of: "本机关认真贯彻", with: phrase), source: phrase)
        #expect([nil, 2022].contains(crawled.year), "\(phrase), crawl date 2023-01-20: \(Self.describe(crawled))")
    }

    @Test("year: a title in 《…》 keeps its year")
    func titleInBookQuotes() {
        let r = ReportChecker.check(text: "《示范县教育局2022年政府信息公开工作年度报告》\n" + Self.bareBody, source: "quoted title")
        #expect(r.year == 2022 && r.issuer == "示范县教育局", "\(Self.describe(r))")
    }

    @Test(
        "year: titles with the year in brackets or in Chinese numerals",
        arguments: [
            "示范县教育局政府信息公开年报（2022）", "示范县教育局政府信息公开工作年度报告（二〇二二年）",
        ])
    func yearTitleForms(_ title: String) {
        let r = ReportChecker.check(text: title + "\n" + Self.bareBody, source: title)
        #expect(r.year == 2022, "\(title): \(Self.describe(r))")
    }
}
