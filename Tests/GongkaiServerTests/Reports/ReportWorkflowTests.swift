import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The annual report's workflow through its one door: drafted, checked, submitted, returned,
/// approved, published and corrected, each step by the duty that may take it.
@Suite("Annual report workflow")
struct ReportWorkflowTests {
    @Test func aTownshipReportGoesUpAndIsPublishedFrozen() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            // given the township's written report with its table-二 figures
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let ready = try await f.composed(report)
            #expect(ready.readiness.errors.isEmpty, "\(ready.readiness.errors.map(\.message))")
            // the live figure renders as the table's number
            let received = ready.report.t3("new_received", "total")!
            #expect(ready.report.sections[.overview]!.contains("全年共收到政府信息公开申请\(received.plain)件"))
            // when the head submits and the county's supervisor returns it with a comment
            report = try await f.step(report, .submit, by: "town.head")
            #expect(report.status == .submitted)
            report = try await f.step(report, .returnToAgency, comment: "请补充培训情况", by: "gov.supervisor")
            #expect(report.status == .returned)
            #expect(report.returnComment == "请补充培训情况")
            // then it is fixed, submitted again, approved and published
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "problems": ["培训不足，已组织两次专题培训。"]]),
                                                  staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            #expect(report.status == .approved)
            report = try await f.step(report, .publish, by: "town.head")
            #expect(report.status == .published)
            #expect(report.publishedVersion == 1)
            let v1 = try await PublishedReportQuery.latest(agencyID: f.township, year: 2025, on: app.db)!
            let document = try v1.document
            #expect(document.version == 1)
            #expect(document.status == .published)
            #expect(document.cells["t3.new_received.total"] == received)
            #expect(document.sections["s5_problems"] == "培训不足，已组织两次专题培训。")
            // and the history holds every step with its actor and comment
            let events = try await ReportEvent.query(on: app.db).filter(\.$report.$id == report.requireID()).sort(\.$occurredAt).all()
            #expect(events.map(\.step) == [.submit, .returnToAgency, .submit, .approve, .publish])
            #expect(events[1].comment == "请补充培训情况")
            #expect(events[3].actorName == "gov.supervisor")
        }
    }

    @Test func aPublishedReportIsNotEditedButCorrectedAsANewVersion() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            for (step, who) in [(ReportStep.submit, "town.head"), (.approve, "gov.supervisor"), (.publish, "town.head")] {
                report = try await f.step(report, step, by: who)
            }
            // when the text or a figure is changed after publication
            await #expect(throws: AppError.self) {
                try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "problems": ["改"]]),
                                             staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            }
            await #expect(throws: AppError.self) { try await f.enterFigures(agencyID: f.township, by: "town.writer") }
            // then a correction reopens it, and publishing needs approval again and a correction note
            report = try await f.step(report, .correct, comment: "行政处罚数量有误", by: "town.head")
            #expect(report.status == .draft)
            let penalty = FormFields(["value.t2.art20_6.admin_penalty.decisions_this_year": ["15"], "source.t2.art20_6.admin_penalty.decisions_this_year": ["县司法局"]])
            _ = try await ReportFigureService.save(agencyID: f.township, year: 2025, fields: penalty, staff: try await f.staff("town.writer"),
                                                   by: f.actor("town.writer"), on: app.db)
            await #expect(throws: AppError.self) { try await f.step(report, .publish, comment: "更正", by: "town.head") }
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            let noNote = await #expect(throws: AppError.self) { try await f.step(report, .publish, by: "town.head") }
            #expect(noNote?.fields["comment"] != nil)
            report = try await f.step(report, .publish, comment: "更正表二行政处罚数量（12 件更正为 15 件）", by: "town.head")
            #expect(report.publishedVersion == 2)
            // and both versions stay readable, each with its own figures
            let versions = try await PublishedReportQuery.versions(agencyID: f.township, year: 2025, on: app.db)
            #expect(versions.map(\.versionNo) == [2, 1])
            #expect(try versions[0].document.cells["t2.art20_6.admin_penalty.decisions_this_year"] == 15)
            #expect(try versions[1].document.cells["t2.art20_6.admin_penalty.decisions_this_year"] == 12)
            #expect(try versions[0].document.correctionNote == "更正表二行政处罚数量（12 件更正为 15 件）")
            #expect(try versions[1].document.correctionNote == nil)
        }
    }

    @Test func noAgencyApprovesItsOwnReport() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.bureau, by: "edu.head")
            var report = try await f.writtenReport(agencyID: f.bureau, by: "edu.head")
            report = try await f.step(report, .submit, by: "edu.head")
            // a supervisor placed in the bureau itself, and the bureau's own head, may not approve it
            for who in ["edu.supervisor", "edu.head"] {
                let refusal = await #expect(throws: AppError.self) { try await f.step(report, .approve, by: who) }
                #expect(refusal?.status == .forbidden, "\(who)")
            }
            // the township's head cannot publish or submit the bureau's report
            let foreign = await #expect(throws: AppError.self) { try await f.step(report, .publish, by: "town.head") }
            #expect(foreign?.status == .forbidden)
            // a writer may edit but not sign off
            let writerStep = await #expect(throws: AppError.self) {
                let r = try await f.writtenReport(agencyID: f.township, by: "town.writer")
                try await f.enterFigures(agencyID: f.township, by: "town.writer")
                _ = try await f.step(r, .submit, by: "town.writer")
            }
            #expect(writerStep?.status == .forbidden)
            // the county's supervisor may
            report = try await f.step(report, .approve, by: "gov.supervisor")
            #expect(report.status == .approved)
        }
    }

    @Test func theCountyPublishesItsOwnReportWithoutApproval() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.government, by: "gov.head")
            var report = try await f.writtenReport(agencyID: f.government, by: "gov.head")
            let submit = await #expect(throws: AppError.self) { try await f.step(report, .submit, by: "gov.head") }
            #expect(submit?.message == "本机关没有上级审核机关，审核无误后可直接发布")
            report = try await f.step(report, .publish, by: "gov.head")
            #expect(report.status == .published)
        }
    }

    @Test func errorsStopAReportAndWarningsNeedAReason() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            // given the first draft as generated, without table-二 figures
            var report = try await ReportService.start(agencyID: f.township, year: 2025, staff: try await f.staff("town.writer"),
                                                       today: ReportFixture.today, by: f.actor("town.writer"), on: app.db)
            var composed = try await f.composed(report)
            let rules = Set(composed.readiness.errors.map(\.rule))
            #expect(rules.contains(ReportRule.missingCell.rawValue))  // table 二 not entered
            #expect(rules.contains(ReportRule.unfinishedDraft.rawValue))  // 【请填写…】 left
            let refused = await #expect(throws: AppError.self) { try await f.step(report, .submit, by: "town.head") }
            #expect(refused?.status == .unprocessableEntity)
            #expect(try await AgencyReport.find(report.requireID(), on: app.db)?.status == .draft)
            // when the text is finished and figures entered, but section 一 is far too long
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let long = String(repeating: "本机关认真贯彻落实政府信息公开工作要点，持续深化重点领域信息公开。", count: 40)
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "overview": [long]]),
                                                  staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            composed = try await f.composed(report)
            #expect(composed.readiness.errors.isEmpty, "\(composed.readiness.errors.map(\.message))")
            let warning = try #require(composed.unacknowledged.first { $0.rule == ReportRule.overviewTooLong.rawValue })
            // then it cannot be submitted until the warning is acknowledged with a reason
            let unacknowledged = await #expect(throws: AppError.self) { try await f.step(report, .submit, by: "town.head") }
            #expect(unacknowledged?.message.contains("提示未确认") == true)
            report = try await ReportService.edit(try report.requireID(), fields: FormFields([
                "version": [String(report.version)], "ack.\(ReportReadiness.key(warning))": ["总体情况需完整说明五个方面的工作"],
            ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            report = try await f.step(report, .submit, by: "town.head")
            #expect(report.status == .submitted)
        }
    }

    @Test func aNumberTypedIntoTheTextThatContradictsTheTableStopsTheReport() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let received = try await f.composed(report).report.t3("new_received", "total")!
            // given the received count typed by hand, one more than the records
            report = try await ReportService.edit(try report.requireID(), fields: FormFields([
                "version": [String(report.version)], "overview": ["全年共收到政府信息公开申请\((received + 1).plain)件。"],
            ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            let composed = try await f.composed(report)
            // then N1 is an error and the report cannot go up
            #expect(composed.readiness.errors.contains { $0.rule == ReportRule.narrativeRestatement.rawValue })
            await #expect(throws: AppError.self) { try await f.step(report, .submit, by: "town.head") }
            // an unknown live figure is an error too, naming it
            report = try await ReportService.edit(try report.requireID(), fields: FormFields([
                "version": [String(report.version)], "overview": ["共有{{requests.no_such_figure}}件。"],
            ]), staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            let unknown = try await f.composed(report).readiness.errors.map(\.message)
            #expect(unknown.contains("引用了不存在的数据“requests.no_such_figure”"))
        }
    }

    @Test func aSectionSixSilentOnFeesIsAWarning() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            #expect(try await f.composed(report).readiness.warnings.isEmpty)
            // when 六 no longer says whether fees were collected
            report = try await ReportService.edit(try report.requireID(), fields: FormFields(["version": [String(report.version)], "other_matters": ["无。"]]),
                                                  staff: try await f.staff("town.writer"), by: f.actor("town.writer"), on: app.db)
            // then the report needs a reason before it goes up
            #expect(try await f.composed(report).unacknowledged.map(\.rule) == [ReportRule.feeStatement.rawValue])
        }
    }

    @Test func recordsChangedAfterSubmissionStopTheApproval() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await f.step(report, .submit, by: "town.head")
            // when a 2025 request is recorded after the submission
            let calendar = try await app.calendarStore.calendar(on: app.db)
            try await SyntheticRequests.insert([
                .init(agencyID: f.township, trackingNumber: "LATE-2025-1", channel: .inPerson, applicantKind: .naturalPerson, applicantName: "迟录",
                      description: "某文件", receivedOn: "2025-06-02", dueOn: try calendar.addingWorkingDays(20, to: "2025-06-02"),
                      concludedOn: "2025-06-10", outcome: .disclosed),
            ], on: app.db)
            // then the supervisor cannot approve figures it did not see
            let changed = await #expect(throws: AppError.self) { try await f.step(report, .approve, by: "gov.supervisor") }
            #expect(changed?.code == "records_changed")
            report = try await f.step(report, .returnToAgency, comment: "数据有变化，请重新报送", by: "gov.supervisor")
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            #expect(report.status == .approved)
        }
    }

    @Test func aStepOnAStaleVersionIsRefused() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            let report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let stale = await #expect(throws: AppError.self) {
                try await ReportService.perform(try report.requireID(), fields: FormFields(["step": ["submit"], "version": [String(report.version - 1)]]),
                                                staff: try await f.staff("town.head"), today: ReportFixture.today, deadlines: ReportDeadlineRules(),
                                                by: f.actor("town.head"), on: app.db)
            }
            #expect(stale?.status == .conflict)
            #expect(try await AgencyReport.find(report.requireID(), on: app.db)?.status == .draft)
            #expect(try await ReportEvent.query(on: app.db).count() == 0)
        }
    }

    @Test func a2020ReportIsMadeInThe2019Format() async throws {
        try await withTestApp { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, year: 2020, by: "town.writer")
            let report = try await f.writtenReport(agencyID: f.township, year: 2020, by: "town.writer")
            let composed = try await f.composed(report)
            #expect(composed.report.formatVersion == .v2019)
            #expect(composed.report.cells[.t3("other_handling", "total")] != nil)
            #expect(composed.report.cells[.t3("other_misc", "total")] == nil)
            #expect(composed.report.cells[.t2("art20_9", "central_procurement", "procurement_projects")] == 0)
            #expect(composed.readiness.errors.isEmpty, "\(composed.readiness.errors.map(\.message))")
            // a 2018 report is not made at all
            let old = await #expect(throws: AppError.self) {
                try await ReportService.start(agencyID: f.township, year: 2018, staff: try await f.staff("town.writer"), today: ReportFixture.today,
                                              by: f.actor("town.writer"), on: app.db)
            }
            #expect(old?.fields["year"] != nil)
        }
    }
}
