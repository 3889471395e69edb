import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Figures for the annual report: section 一 and table 二 (art20_1), against hand counts")
struct PublicationFiguresTests {
    /// The register as a reviewer would count it by hand for 2024:
    ///
    /// | document | written | effective | valid until | repealed | 2024 issued | 2024 repealed | in force 12-31 |
    /// | A        | 2022-03 | 2022-04   | —           | —        |             |               | ✓              |
    /// | B        | 2023-05 | 2023-06   | 2024-06-30  | —        |             |               | (expired)      |
    /// | C        | 2023-02 | 2023-02   | —           | 2024-08  |             | ✓             | (repealed)     |
    /// | D        | 2024-01 | 2024-02   | —           | —        | ✓           |               | ✓              |
    /// | E        | 2024-11 | 2025-01   | —           | —        | ✓           |               | (not yet)      |
    /// | F (规章) | 2024-03 | 2024-03   | —           | 2025-02  | ✓           |               | ✓              |
    ///
    /// 行政规范性文件: issued 2, repealed 1, in force 2. 规章: issued 1, repealed 0, in force 1.
    @Test func normativeDocumentsMatchAHandCountAndARepealChangesThem() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2025-03-01")
            func doc(_ title: String, _ written: String, _ effective: String, until: String? = nil, kind: NormativeKind = .normativeDocument) async throws -> Publication {
                var fields: [String: [String]] = ["normative_kind": [kind.rawValue], "document_number": ["测教规〔\(written.prefix(4))〕\(title)号"],
                                                  "written_on": [written], "formed_on": [written], "effective_on": [effective]]
                if let until { fields["valid_until"] = [until] }
                app.settings.fixedToday = CivilDate(iso: effective)  // published when it took effect
                return try await desk.published("规范性文件\(title)", body: "正文", fields: fields)
            }
            _ = try await doc("A", "2022-03-01", "2022-04-01")
            _ = try await doc("B", "2023-05-01", "2023-06-01", until: "2024-06-30")
            let c = try await doc("C", "2023-02-01", "2023-02-01")
            _ = try await doc("D", "2024-01-10", "2024-02-01")
            _ = try await doc("E", "2024-11-20", "2025-01-01")
            let f = try await doc("F", "2024-03-01", "2024-03-01", kind: .regulation)
            app.settings.fixedToday = "2025-03-01"
            // the repeals are registered through the console
            func repeal(_ p: Publication, on day: String, by: String) async throws {
                let page = try await desk.step(desk.publisher, try p.requireID(), door: "actions", "register_validity",
                                               [("repealed_on", day), ("repealed_by", by)])
                #expect(page.status == .seeOther, "\(page.body.prefix(500))")
            }
            func figures(_ year: Int) async throws -> PublicationFigures {
                try await PublicationFigures.query(agencyIDs: [desk.bureauID], year: year, calendar: WorkingDayCalendar(), interpretationDays: 3, on: app.db)
            }
            let before = try await figures(2024)
            #expect(before.normativeDocuments == .init(issuedThisYear: 2, repealedThisYear: 0, inForce: 3))
            try await repeal(c, on: "2024-08-15", by: "测教规〔2024〕9号决定")
            try await repeal(f, on: "2025-02-01", by: "县政府令第 3 号")
            let after = try await figures(2024)
            #expect(after.normativeDocuments == .init(issuedThisYear: 2, repealedThisYear: 1, inForce: 2))
            #expect(after.rules == .init(issuedThisYear: 1, repealedThisYear: 0, inForce: 1))
            #expect(try await figures(2025).rules == .init(issuedThisYear: 0, repealedThisYear: 1, inForce: 0))
            // the same counts from the status rule itself, document by document
            let all = try await Publication.query(on: app.db).filter(\.$normativeKind == .normativeDocument).all()
            let last = CivilDate(year: 2024, month: 12, day: 31)!
            #expect(all.filter { $0.validity(on: last)?.countsAsInForce == true }.count == after.normativeDocuments.inForce)
            // and the repeal shows on its page, with its basis
            let page = try await TestClient(app).get("/publications/\(try c.requireID())")
            #expect(page.body.contains("废止"))
            #expect(page.body.contains("测教规〔2024〕9号决定"))
            let register = try await TestClient(app).get("/normative-documents")
            #expect(register.body.contains("validity repealed"))
            #expect(register.body.contains("validity expired"))

            // The bureau's annual report on 2024 counts these rows of table 二 from the register where
            // it entered nothing; what it entered wins (the register may lack its older documents),
            // with a warning where the two differ.
            let inForce = CellID.t2("art20_1", "normative_docs", "in_force")
            let typed = ReportFigureEntry(agencyID: desk.bureauID, year: 2024, cell: inForce, value: 5, source: "手工台账", by: .system)
            try await typed.create(on: app.db)
            let bureau = try #require(try await Agency.find(desk.bureauID, on: app.db))
            func bureauReport() async throws -> ComposedReport {
                try await ReportComposer.compose(agency: bureau, year: 2024, record: nil, deadlines: app.settings.reportDeadlines, on: app.db)
            }
            var report = try await bureauReport()
            #expect(report.report.cells[.t2("art20_1", "normative_docs", "issued_this_year")] == 2)
            #expect(report.report.cells[.t2("art20_1", "normative_docs", "repealed_this_year")] == 1)
            #expect(report.report.cells[.t2("art20_1", "rules", "in_force")] == 1)
            #expect(report.figureSources[.t2("art20_1", "rules", "in_force")]?.source == ReportComposer.registerSource)
            #expect(report.report.cells[inForce] == 5)
            #expect(report.figureSources[inForce]?.source == "手工台账")
            #expect(report.readiness.warnings.contains { $0.message.contains("填报为 5，公开信息登记统计为 2") })
            // section 一's live figures: D and F went public in 2024, no interpretation
            #expect(report.liveValues[.publications] == "2")
            #expect(report.liveValues[.interpretations] == "0")
            #expect(report.liveValues[.normativeInForce] == "5")
            // the figure cleared: the register's
            try await typed.delete(on: app.db)
            report = try await bureauReport()
            #expect(report.report.cells[inForce] == 2)
            #expect(report.figureSources[inForce]?.source == ReportComposer.registerSource)
            #expect(report.liveValues[.normativeInForce] == "2")
            // an agency that publishes nothing here keeps its table 二 as entered, and no publication figure
            let township = desk.county.township
            let silent = try await ReportComposer.compose(agency: township, year: 2024, record: nil, deadlines: app.settings.reportDeadlines,
                                                          on: app.db)
            #expect(silent.report.cells[inForce] == nil)
            #expect(silent.liveValues[.publications] == nil)
            // the county-wide report: the bureau's rows from the register, the township's as it entered them
            try await ReportFigureEntry(agencyID: try township.requireID(), year: 2024, cell: inForce, value: 4, source: "乡镇台账",
                                        by: .system).create(on: app.db)
            let countyRecord = AgencyReport(agencyID: try desk.county.government.requireID(), year: 2024, sections: [:])
            countyRecord.includeSubtree = true
            let county = try await ReportComposer.compose(agency: desk.county.government, year: 2024, record: countyRecord,
                                                          deadlines: app.settings.reportDeadlines, on: app.db)
            #expect(county.report.cells[inForce] == 6)
            #expect(county.figureSources[inForce]?.source == ReportComposer.registerSource + "与填报的合计")
            #expect(county.report.cells[.t2("art20_1", "rules", "in_force")] == 1)
        }
    }

    @Test func sectionOneCountsPublicationsTopicsAndInterpretations() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2024-09-12")
            let policy = try await desk.published("关于调整低保标准的通知", body: "正文", fields: ["requires_interpretation": ["1"], "key_domains": ["social_assistance"]])
            try await desk.published("县教育局领导分工", body: "正文", fields: ["category": ["overview"], "key_domains": []])
            try await desk.published("工作动态一", body: "正文", fields: ["category": ["affairs"], "key_domains": ["education", "employment"]])
            // an interpretation the same day (on time) and one a week later (late: 3 working days is 09-18)
            let interpretation: [String: [String]] = ["interprets_id": [String(try policy.requireID())], "interpretation_form": ["graphic"],
                                                      "genre": ["interpretation"], "category": ["catalogue"]]
            try await desk.published("图解：低保标准调整", body: "正文", fields: interpretation)
            app.settings.fixedToday = "2024-09-20"
            try await desk.published("再解读：低保标准调整", body: "正文", fields: interpretation)
            // a topic column opened this year, one last year
            for (name, opened) in [("优化营商环境", "2024-02-01"), ("乡村振兴", "2023-05-01")] {
                let topic = TopicColumn()
                topic.version = 1
                topic.$agency.id = desk.bureauID
                topic.name = name
                topic.description = ""
                topic.openedOn = CivilDate(iso: opened)!
                try await topic.create(on: app.db)
            }
            let f = try await PublicationFigures.query(agencyIDs: [desk.bureauID], year: 2024, calendar: WorkingDayCalendar(), interpretationDays: 3, on: app.db)
            #expect(f.published == 5)
            #expect(f.byCategory == ["overview": 1, "affairs": 1, "catalogue": 3])
            #expect(f.byKeyDomain["education"] == 3)  // the two interpretations keep the form's default domain
            #expect(f.byKeyDomain["social_assistance"] == 1)
            #expect(f.byKeyDomain["employment"] == 1)
            #expect(f.byKeyDomain["budget"] == 0)
            #expect(f.topicColumnsOpened == 1)
            #expect(f.interpretationsPublished == 2)
            #expect(f.interpretationsLate == 1)
            // another agency's figures are its own; the county's subtree includes the bureau
            let government = try desk.county.government.requireID()
            #expect(try await PublicationFigures.query(agencyIDs: [government], year: 2024, calendar: WorkingDayCalendar(), interpretationDays: 3,
                                                       on: app.db).published == 0)
            // the API answers the same for the subtree of the county, for a supervisor
            try await desk.county.user("super", [.supervisor], on: app)
            let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "super").first())
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            let answer = try await api.api(.GET, "/api/v1/publication-figures/2024?agency_id=\(government)")
            #expect(answer.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
            #expect(json["published"] as? Int == 5)
            #expect(json["interpretations_late"] as? Int == 1)
            // and both pages link policy and interpretation
            let policyPage = try await TestClient(app).get("/publications/\(try policy.requireID())")
            #expect(policyPage.body.contains("图解：低保标准调整") && policyPage.body.contains("图文解读"))
        }
    }

    /// Cold review 11n M1: the demo's policies of 2014 and 2017 predate the calendar (2019–), so
    /// their interpretations' lateness cannot be judged. The figures must still be given: such an
    /// interpretation is counted apart, with the year the calendar lacks, and the report still
    /// composes — also for 2019, whose interpretation follows a policy of December 2018.
    @Test func anInterpretationOfAPolicyBeforeTheCalendarIsCountedApartNotAFailure() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2014-10-21")
            let dated: [String: [String]] = ["formed_on": ["2014-10-20"], "written_on": ["2014-10-20"]]
            let policy = try await desk.published(
                "关于2014年学前教育资助的通知", body: "正文",
                fields: dated.merging(["requires_interpretation": ["1"]]) { $1 })
            let interpretation = dated.merging([
                "interprets_id": [String(try policy.requireID())], "interpretation_form": ["text"],
                "genre": ["interpretation"], "category": ["catalogue"],
            ]) { $1 }
            app.settings.fixedToday = "2014-11-20"  // a month later: late by any calendar, but none covers 2014
            try await desk.published("解读：2014年学前教育资助", body: "正文", fields: interpretation)
            #expect(try await Publication.query(on: app.db).filter(\.$publishedOn == CivilDate(iso: "2014-11-20")!).count() == 1)
            // a policy of 2018-12-20 (its 3 working days run in 2018) interpreted on 2019-01-10
            app.settings.fixedToday = "2018-12-20"
            let december: [String: [String]] = ["formed_on": ["2018-12-19"], "written_on": ["2018-12-19"]]
            let older = try await desk.published(
                "关于2019年寒假安排的通知", body: "正文", fields: december.merging(["requires_interpretation": ["1"]]) { $1 })
            app.settings.fixedToday = "2019-01-10"
            try await desk.published(
                "解读：2019年寒假安排", body: "正文",
                fields: december.merging(interpretation) { _, new in new }.merging(["interprets_id": [String(try older.requireID())]]) { $1 })
            app.settings.fixedToday = "2024-09-12"

            // when
            let f = try await PublicationFigures.query(
                agencyIDs: [desk.bureauID], year: 2014, calendar: WorkingDayCalendar(),
                interpretationDays: 3, on: app.db)
            // then
            #expect(f.published == 2)
            #expect(f.interpretationsPublished == 1)
            #expect(f.interpretationsLate == 0)
            #expect(f.interpretationsLatenessUnknown == 1)
            #expect(f.calendarYearsMissing == [2014])
            #expect(f.interpretationsLatenessNote?.contains("缺少 2014 年的节假日安排") == true)

            // the API answers 200 with the same, for the county's supervisor
            try await desk.county.user("super", [.supervisor], on: app)
            let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "super").first())
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            let answer = try await api.api(.GET, "/api/v1/publication-figures/2014?agency_id=\(desk.bureauID)")
            #expect(answer.status == .ok, "\(answer.body.prefix(300))")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
            #expect(json["interpretations_lateness_unknown"] as? Int == 1)
            #expect(json["calendar_years_missing"] as? [Int] == [2014])
            #expect(json["interpretations_late"] as? Int == 0)
            // a year without such interpretations says nothing of it
            let later = try await api.api(.GET, "/api/v1/publication-figures/2024?agency_id=\(desk.bureauID)")
            #expect(later.status == .ok)
            #expect(!later.body.contains("interpretations_lateness_note"))

            // 2019 in the API: the interpretation of the December policy, the year 2018 named
            let nineteen = try await api.api(.GET, "/api/v1/publication-figures/2019?agency_id=\(desk.bureauID)")
            #expect(nineteen.status == .ok, "\(nineteen.body.prefix(300))")
            let json19 = try #require(try JSONSerialization.jsonObject(with: Data(nineteen.body.utf8)) as? [String: Any])
            #expect(json19["published"] as? Int == 1)
            #expect(json19["interpretations_lateness_unknown"] as? Int == 1)
            #expect(json19["calendar_years_missing"] as? [Int] == [2018])
            #expect((json19["interpretations_lateness_note"] as? String)?.contains("缺少 2018 年") == true)

            // and the annual report on 2019 still composes, with the register's counts
            let bureau = try #require(try await Agency.find(desk.bureauID, on: app.db))
            let report = try await ReportComposer.compose(
                agency: bureau, year: 2019, record: nil, deadlines: app.settings.reportDeadlines, on: app.db)
            #expect(report.liveValues[.publications] == "1")
            #expect(report.liveValues[.interpretations] == "1")
        }
    }
}
