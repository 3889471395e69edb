import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Table 二's hand-entered figures: who, when, from what source; bad input refused whole.
@Suite("Annual report table-二 figures")
struct ReportFigureTests {
    static let penalty = "t2.art20_6.admin_penalty.decisions_this_year"

    @Test func aFigureKeepsItsSourceAndWhoEnteredIt() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 0)
            let changed = try await ReportFigureService.save(agencyID: f.township, year: 2025, fields: FormFields([
                "value.\(Self.penalty)": ["１２"], "source.\(Self.penalty)": ["县司法局行政执法统计"],
                "value.t2.art20_8.admin_fees.fee_amount_10k_cny": ["1,380.31"], "source.t2.art20_8.admin_fees.fee_amount_10k_cny": ["县财政局非税收入系统"],
            ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            #expect(changed == 2)
            let entries = try await ReportFigureEntry.query(on: app.db).sort(\.$cell).all()
            #expect(entries.map(\.value) == ["12", "1380.31"])
            #expect(entries.map(\.source) == ["县司法局行政执法统计", "县财政局非税收入系统"])
            #expect(entries.allSatisfy { $0.enteredBy == "town.writer" })
            // saving the same values again changes nothing and writes no audit entry
            let audits = try await AuditEntry.query(on: app.db).filter(\.$entityType == "report_figure").count()
            let again = try await ReportFigureService.save(agencyID: f.township, year: 2025, fields: FormFields([
                "value.\(Self.penalty)": ["12"], "source.\(Self.penalty)": ["县司法局行政执法统计"],
            ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            #expect(again == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityType == "report_figure").count() == audits)
            // an emptied value clears the figure
            _ = try await ReportFigureService.save(agencyID: f.township, year: 2025, fields: FormFields(["value.\(Self.penalty)": [""]]),
                                                   staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            #expect(try await ReportFigureEntry.query(on: app.db).count() == 1)
        }
    }

    @Test("bad figures are refused, nothing written", arguments: [
        ("-3", "县司法局", "不能为负数"), ("2.5", "县司法局", "件数应为整数"), ("十二", "县司法局", "“十二”不是数字"),
        ("12", "", "请注明数据来源（如：县司法局行政执法统计）"), ("1e5", "县司法局", "“1e5”不是数字"),
        ("99999999999999", "县司法局", "件数最多 12 位数字"),
    ])
    func badFiguresAreRefused(_ value: String, _ source: String, _ message: String) async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 0)
            let error = await #expect(throws: AppError.self) {
                try await ReportFigureService.save(agencyID: f.township, year: 2025, fields: FormFields([
                    "value.t2.art20_5.admin_licensing.decisions_this_year": ["7"], "source.t2.art20_5.admin_licensing.decisions_this_year": ["县行政审批局"],
                    "value.\(Self.penalty)": [value], "source.\(Self.penalty)": [source],
                ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            }
            #expect(error?.fields["value.\(Self.penalty)"] == message)
            #expect(try await ReportFigureEntry.query(on: app.db).count() == 0)
        }
    }

    @Test func a2019FormatIncreaseMayBeNegative() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 0)
            let cell = "t2.art20_5.admin_licensing.change_this_year"
            _ = try await ReportFigureService.save(agencyID: f.township, year: 2020, fields: FormFields(["value.\(cell)": ["-2"], "source.\(cell)": ["县审批局"]]),
                                                   staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            #expect(try await ReportFigureEntry.query(on: app.db).first()?.value == "-2")
        }
    }

    @Test func aCSVImportIsAllOrNothingAndRespectsEachAgency() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app, requests: 0)
            let good = """
                agency_code,year,cell,value,source
                t-town,2025,\(Self.penalty),12,县司法局
                t-town,2025,t2.art20_5.admin_licensing.decisions_this_year,3,县审批局
                """
            // a bad line anywhere writes nothing
            for (bad, message) in [
                (good + "\nt-town,2025,t2.no.such.cell,1,x", "第 4 行：“t2.no.such.cell”不是 2025 年格式表二的单元格"),
                (good + "\nt-nope,2025,\(Self.penalty),1,x", "第 4 行：机构代号“t-nope”不存在"),
                (good + "\nt-town,2025,\(Self.penalty),2,x", "第 4 行：\(Self.penalty) 在文件中出现了两次"),
                (good + "\nt-town,2018,\(Self.penalty),2,x", "第 4 行：年度“2018”无效（2019 年起）"),
            ] {
                let error = await #expect(throws: AppError.self) {
                    try await ReportFigureService.importCSV(bad, staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
                }
                #expect(error?.fields["file"] == message)
            }
            #expect(try await ReportFigureEntry.query(on: app.db).count() == 0)
            // another agency's line is refused: the township writer may not enter the bureau's figures
            let foreign = await #expect(throws: AppError.self) {
                try await ReportFigureService.importCSV(good + "\nt-edu,2025,\(Self.penalty),4,x", staff: try await f.staff("town.writer"),
                                                        by: f.actor("town.writer"), on: app.db)
            }
            #expect(foreign?.status == .forbidden)
            #expect(try await ReportFigureEntry.query(on: app.db).count() == 0)
            // the good file goes in
            #expect(try await ReportFigureService.importCSV(good, staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db) == 2)
        }
    }
}
