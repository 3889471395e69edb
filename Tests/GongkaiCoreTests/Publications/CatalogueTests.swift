import Foundation
import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Standard catalogues: time limits, compliance, CSV import")
struct CatalogueTests {
    let calendar = WorkingDayCalendar()

    @Test(
        "time limits as catalogues write them",
        arguments: [
            ("信息形成或者变更之日起20个工作日内", CatalogueTimeLimit.workingDaysAfterFormed(20)),
            ("信息形成或变更之日起 20 个工作日内", .workingDaysAfterFormed(20)),
            ("信息形成20个工作日内公开", .workingDaysAfterFormed(20)),
            ("自批复之日起十五个工作日内", .workingDaysAfterFormed(15)),
            ("每季度", .periodic(.quarter)),
            ("按季度公开", .periodic(.quarter)),
            ("每年3月底前", .yearlyBy(month: 3)),
            // cold review 11m M5: once a year by the end of that quarter or month, not every quarter
            ("每年第一季度", .yearlyBy(month: 3)),
            ("每年一季度公开", .yearlyBy(month: 3)),
            ("每年第三季度", .yearlyBy(month: 9)),
            ("每年十二月", .yearlyBy(month: 12)),
            ("每年1月31日前公开上一年度报告", .yearlyBy(month: 1)),
            ("次年3月31日前", .yearlyBy(month: 3)),
            // cold review 11n L6: the same period written otherwise is read the same way — once a
            // year, by the end of the period named (worked out by hand: 1-3月 ends 3月31日, 上半年 6月30日)
            ("每年度第一季度", .yearlyBy(month: 3)),
            ("每年度一季度内公开", .yearlyBy(month: 3)),
            ("每年1-3月", .yearlyBy(month: 3)),
            ("每年1—3月公开", .yearlyBy(month: 3)),
            ("每年1至3月", .yearlyBy(month: 3)),
            ("每年一到三月", .yearlyBy(month: 3)),
            ("每年4～6月", .yearlyBy(month: 6)),
            ("每年上半年", .yearlyBy(month: 6)),
            ("每年度上半年公开", .yearlyBy(month: 6)),
            ("每年下半年", .yearlyBy(month: 12)),
            ("每年的第二季度", .yearlyBy(month: 6)),
            // cold review 11o M2: the unit on both ends, and spans of quarters (1-3季度 ends 9月30日)
            ("每年1月-3月", .yearlyBy(month: 3)),
            ("每年1月至3月公开", .yearlyBy(month: 3)),
            ("每年1月份-3月份", .yearlyBy(month: 3)),
            ("每年第1-3季度", .yearlyBy(month: 9)),
            ("每年第一至三季度", .yearlyBy(month: 9)),
            ("每年第一季度至第二季度", .yearlyBy(month: 6)),
            ("每年1月-3季度", .yearlyBy(month: 1)),  // units that differ: the span is not read, its first month is
            ("每年度", .periodic(.year)),
            ("每年3-1月", .periodic(.year)),  // a span backwards is not read as a month
            ("每年第五季度", .periodic(.year)),
            ("每年", .periodic(.year)),
            ("年度", .periodic(.year)),
            ("每个季度", .periodic(.quarter)),
            ("季度", .periodic(.quarter)),
            ("随时", .asItHappens),
            ("随时随地", .asItHappens),
            ("即时公开", .asItHappens),
            ("本季度末前后", .unrecognised),
            ("上一年度的", .unrecognised),
            ("视情况而定", .unrecognised),
            ("每月", .periodic(.month)),
            ("每半年", .periodic(.halfYear)),
            ("7日内", .daysAfterFormed(7)),
            ("实时公开", .asItHappens),
            ("及时公开", .asItHappens),
            ("按进展情况及时公开", .asItHappens),
            ("依法", .unrecognised),
        ])
    func timeLimit(_ text: String, _ expected: CatalogueTimeLimit) {
        #expect(CatalogueTimeLimit.parse(text) == expected)
    }

    @Test func periodicItemsAreDueEveryPeriod() throws {
        // a quarterly item published in February is next due by the end of June
        let q = try CatalogueCompliance.evaluate(.periodic(.quarter), published: [.init(formedOn: nil, publishedOn: d("2024-02-10"))],
                                                 since: d("2023-06-01"), today: d("2024-05-20"), calendar: calendar)
        #expect(q.nextDue == d("2024-06-30"))
        #expect(!q.overdue && q.fulfilled)
        let late = try CatalogueCompliance.evaluate(.periodic(.quarter), published: [.init(formedOn: nil, publishedOn: d("2024-02-10"))],
                                                    since: d("2023-06-01"), today: d("2024-07-01"), calendar: calendar)
        #expect(late.overdue && !late.fulfilled)
        // never published: due by the end of the first period
        let never = try CatalogueCompliance.evaluate(.periodic(.year), published: [], since: d("2024-03-01"), today: d("2024-12-31"), calendar: calendar)
        #expect(never.nextDue == d("2024-12-31") && !never.overdue && !never.fulfilled)
    }

    /// 每年第一季度: published 2024-02-10, next due 2025-03-31 (not 2024-06-30); never published
    /// and listed 2024-05-01, due 2025-03-31; listed 2024-01-15, due 2024-03-31.
    @Test func aYearlyItemByAMonthIsDueOnceAYear() throws {
        let limit = CatalogueTimeLimit.parse("每年第一季度")
        #expect(limit.chineseLabel == "每年3月底前（每年一次）")
        let done = try CatalogueCompliance.evaluate(
            limit, published: [.init(formedOn: nil, publishedOn: d("2024-02-10"))],
            since: d("2023-06-01"), today: d("2024-07-01"), calendar: calendar)
        #expect(done.nextDue == d("2025-03-31") && !done.overdue)
        let never = try CatalogueCompliance.evaluate(limit, published: [], since: d("2024-05-01"), today: d("2025-04-01"), calendar: calendar)
        #expect(never.nextDue == d("2025-03-31") && never.overdue)
        let early = try CatalogueCompliance.evaluate(limit, published: [], since: d("2024-01-15"), today: d("2024-03-31"), calendar: calendar)
        #expect(early.nextDue == d("2024-03-31") && !early.overdue)
    }

    @Test func workingDayItemsCountLatePublicationsAndOverdueDrafts() throws {
        let records: [CatalogueCompliance.Record] = [
            .init(formedOn: d("2024-03-01"), publishedOn: d("2024-03-29")),  // the 20th working day: on time
            .init(formedOn: d("2024-03-01"), publishedOn: d("2024-04-01")),  // late
        ]
        let c = try CatalogueCompliance.evaluate(.workingDaysAfterFormed(20), published: records, pendingFormedOn: [d("2024-04-01")],
                                                 since: d("2024-01-01"), today: d("2024-05-06"), calendar: calendar)
        #expect(c.latePublications == 1)
        #expect(c.lastPublished == d("2024-04-01"))
        #expect(c.nextDue == d("2024-04-29"))  // 04-01 + 20 working days (Qingming 04-04…06; 调休 Sundays 04-07 and 04-28 count)
        #expect(c.overdue)
    }

    static let header = "序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,全社会,特定群体,主动,依申请,县级,乡级\n"

    @Test func aGoodFileInUTF8WithMergedCellsAndTicks() {
        let csv = Self.header + """
            1,城乡规划,村庄规划,脱密后的文本及附图,《城乡规划法》,信息形成或变更之日起20个工作日内,县自然资源局,政府网站,√,,√,,√,
            2,,乡村建设规划许可证核发,审核结果,"《政府信息公开条例》、《国办发〔2017〕94号》",信息形成20个工作日内公开,县自然资源局,"政府网站
            公开查阅点",√,,√,,√,√
            """
        let result = CatalogueCSV.read(Data(("\u{FEFF}" + csv).utf8), defaultDomain: "城乡规划")
        #expect(result.errors.isEmpty)
        #expect(result.items.count == 2)
        #expect(result.items[1].itemL1 == "城乡规划")  // the merged cell of the row above
        #expect(result.items[1].channels == "政府网站\n公开查阅点")
        #expect(result.items[1].level == "县级、乡级")
        #expect(result.items[0].audience == "全社会" && result.items[0].mode == "主动")
        #expect(result.items[1].line == 3)
    }

    /// The standard catalogues as published: 公开事项 / 公开对象 / 公开方式 / 公开层级 merged over
    /// their sub-columns on a second header row.
    @Test func aTwoRowHeaderAsTheStandardCataloguesPrintIt() {
        let csv = """
            序号,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,,公开方式,,公开层级,
            ,一级事项,二级事项,,,,,,全社会,特定群体,主动,依申请,县级,乡级
            1,城乡规划,村庄规划,脱密后的文本及附图,《城乡规划法》,信息形成或变更之日起20个工作日内,县自然资源局,政府网站,√,,√,,√,
            """
        let result = CatalogueCSV.read(Data(csv.utf8), defaultDomain: "城乡规划")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.items.count == 1)
        #expect(result.items.first?.itemL1 == "城乡规划")
        #expect(result.items.first?.itemL2 == "村庄规划")
        #expect(result.items.first?.audience == "全社会")
        #expect(result.items.first?.mode == "主动")
        #expect(result.items.first?.level == "县级")
        #expect(result.items.first?.line == 3)
    }

    @Test func aGBKFileAsWPSExportsIt() throws {
        // "事项名称,公开时限,公开主体,公开对象,公开方式\n部门预算,每年,县财政局,全社会,主动\n" in GBK (Python's codec)
        let hex = "cac2cfeec3fbb3c62cb9abbfaacab1cfde2cb9abbfaad6f7cce52cb9abbfaab6d4cff32cb9abbfaab7bdcabd0ab2bfc3c5d4a4cbe32cc3bfc4ea2ccfd8b2c6d5febed62cc8abc9e7bbe12cd6f7b6af0a"
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let gbk = Data(bytes)
        #expect(String(data: gbk, encoding: .utf8) == nil)  // really not UTF-8
        let result = CatalogueCSV.read(gbk, defaultDomain: "财政预决算")
        #expect(result.errors.isEmpty)
        #expect(result.encoding == "GB18030")
        #expect(result.items.first?.itemL1 == "部门预算")
        #expect(result.items.first?.domain == "财政预决算")
    }

    @Test func rowErrorsCarryTheirLineNumbersAndNothingIsImported() {
        let csv = Self.header + """
            1,城乡规划,村庄规划,文本,依据,20个工作日内,县自然资源局,政府网站,√,,√,,√,
            x,重大项目,,审核结果,依据,,县自然资源局,政府网站,√,,√,,√,
            3,安全生产,"政策
            文件",文件,依据,及时公开,,政府网站,√,,√,,√,
            """
        let result = CatalogueCSV.read(Data(csv.utf8), defaultDomain: "综合")
        #expect(result.items.isEmpty)
        #expect(result.errors.map(\.line) == [3, 4])
        #expect(result.errors[0].message.contains("序号“x”不是正整数") && result.errors[0].message.contains("缺少公开时限"))
        #expect(result.errors[1].description == "第 4 行：缺少公开主体")
    }

    @Test func aFileWithoutTheRequiredColumnsOrDomain() {
        let noColumns = CatalogueCSV.read(Data("名称,备注\n甲,乙\n".utf8), defaultDomain: "x")
        #expect(noColumns.errors.count == 3)
        #expect(noColumns.errors.allSatisfy { $0.line == 1 })
        let noDomain = CatalogueCSV.read(Data("事项名称,公开时限,公开主体\n甲,每年,县政府\n".utf8), defaultDomain: "")
        #expect(noDomain.errors.first?.message.contains("缺少所属领域") == true)
        #expect(CatalogueCSV.read(Data([0, 1, 2, 3, 0, 0]), defaultDomain: "x").errors.first?.message.contains("CSV") == true)
    }
}
