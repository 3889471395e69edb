import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The cold review of proactive disclosure (#11): deadlines outside the holiday calendar, the
/// writer of a revision reviewing it, a revision changing what the reviewers did not see, the
/// validity register overwritten, and another agency's drafts named through an interpretation link.
@Suite("Publications: the review's findings")
struct PublicationReviewFixesTests {
    /// Art. 26 where the calendar has no data: formed before 2019, it is overdue whatever the
    /// holidays (20 working days never span 60 days); formed in a year not yet announced, the
    /// deadline cannot be computed — said, not dropped.
    @Test("the Art. 26 deadline outside the calendar", arguments: [
        ("2018-06-01", "2026-12-05", nil, ProactiveDeadline.Standing.overdue),
        ("2026-12-20", "2026-12-21", nil, nil),
        ("2024-03-11", "2024-03-12", "2024-04-09", ProactiveDeadline.Standing.onTime),
        ("2024-03-11", "2024-04-10", "2024-04-09", ProactiveDeadline.Standing.overdue),
    ] as [(String, String, String?, ProactiveDeadline.Standing?)])
    func deadlineOutsideTheCalendar(_ formed: String, _ today: String, _ due: String?, _ standing: ProactiveDeadline.Standing?) throws {
        let assessed = ProactiveDeadline.assess(formedOn: try #require(CivilDate(iso: formed)), today: try #require(CivilDate(iso: today)),
                                                calendar: WorkingDayCalendar())
        #expect(assessed.due?.iso == due)
        #expect(assessed.standing == standing)
    }

    /// A catalogue item whose linked draft was formed in December 2026 (its 20 working days end in
    /// 2027, not announced yet): the item is evaluated, with the deadline counted as uncomputable.
    @Test func aCatalogueItemWithADeadlineBeyondTheCalendarIsStillEvaluated() throws {
        let formed = try #require(CivilDate(iso: "2026-12-20"))
        let compliance = try CatalogueCompliance.evaluate(
            .workingDaysAfterFormed(20), published: [.init(formedOn: formed, publishedOn: formed)], pendingFormedOn: [formed],
            since: try #require(CivilDate(iso: "2024-01-01")), today: formed, calendar: WorkingDayCalendar())
        #expect(compliance.uncomputable == 2)
        #expect(compliance.nextDue == nil)
        #expect(!compliance.overdue)
        #expect(compliance.latePublications == 0)
        #expect(compliance.nextDueText == "期限无法计算（缺少节假日安排）")
        // a draft formed in 2018 (before the calendar) and still not public is overdue all the same
        let old = try CatalogueCompliance.evaluate(
            .workingDaysAfterFormed(20), published: [], pendingFormedOn: [try #require(CivilDate(iso: "2018-06-01"))],
            since: try #require(CivilDate(iso: "2018-01-01")), today: formed, calendar: WorkingDayCalendar())
        #expect(old.overdue)
    }

    /// pub drafts and publishes; pub2 (publisher and reviewer) writes a revision and submits it:
    /// pub2 cannot pass its 初审.
    @Test func theWriterOfARevisionCannotReviewIt() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("pub2", [.publisher, .reviewer], in: desk.county.bureau, on: app)
            let p = try await desk.published("县教育局关于开展校园安全检查的通知", body: "各学校：开展安全检查。")
            let id = try p.requireID()
            let context = try await app.publicationContext()
            let pub2 = try await desk.principal("pub2")
            var fields = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "县教育局关于开展校园安全检查的通知", body: "各学校：开展安全大检查。",
                                                                               agencyID: desk.bureauID)
                .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
            fields["change_note"] = ["修改检查范围"]
            fields["version"] = [String(try await desk.version(id))]
            try await PublicationService.update(id: id, fields: FormFields(fields), staff: pub2, actor: .system, context: context, on: app.db)
            try await PublicationService.perform(fields: FormFields(["action": ["submit"], "version": [String(try await desk.version(id))]]),
                                                 door: .publish, publicationID: id, staff: pub2, actor: .system, context: context, on: app.db)
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.perform(fields: FormFields(["action": ["pass"], "version": [String(try await desk.version(id))]]),
                                                     door: .review, publicationID: id, staff: pub2, actor: .system, context: context, on: app.db)
            }
            #expect(error?.message.contains("参与撰写、修改或提交本稿的人员不能审核") == true)
            // another reviewer may
            try await PublicationService.perform(fields: FormFields(["action": ["pass"], "version": [String(try await desk.version(id))]]),
                                                 door: .review, publicationID: id, staff: try await desk.principal("rev"), actor: .system,
                                                 context: context, on: app.db)
        }
    }

    /// A revision of a published item cannot turn it 不予公开 behind the reviewers' backs, and the
    /// reviewers' page shows the revision's 文号, not the public one.
    @Test func aRevisionStaysProactiveAndItsFieldsAreWhatTheReviewersSee() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let p = try await desk.published("县教育局关于做好秋季开学工作的通知", body: "各学校：做好开学准备。",
                                             fields: ["document_number": ["测教〔2024〕1号"]])
            let id = try p.requireID()
            let context = try await app.publicationContext()
            func revise(_ extra: [String: [String]]) async throws {
                var fields = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "县教育局关于做好秋季开学工作的通知", body: "各学校：做好开学准备。",
                                                                                   agencyID: desk.bureauID)
                    .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
                fields["change_note"] = ["更正文号"]
                fields["version"] = [String(try await desk.version(id))]
                for (key, value) in extra { fields[key] = value }
                try await PublicationService.update(id: id, fields: FormFields(fields), staff: try await desk.principal("pub"), actor: .system,
                                                    context: context, on: app.db)
            }
            let refused = await #expect(throws: AppError.self) {
                try await revise(["disclosure": ["not_disclosed"], "non_disclosure_reason": ["state_secret"]])
            }
            #expect(refused?.fields["disclosure"]?.contains("如需停止公开，请撤回") == true)
            try await revise(["document_number": ["测教〔2024〕99号"]])
            let page = try await desk.secrecy.get("/console/publications/\(id)")
            #expect(page.body.contains("测教〔2024〕99号"))
            #expect(!page.body.contains("测教〔2024〕1号"))
        }
    }

    /// Registering a repeal keeps the validity date already registered (fields not sent are kept).
    @Test func registeringARepealKeepsTheValidityDate() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let p = try await desk.published("测试县规范性文件", body: "正文", fields: [
                "normative_kind": [NormativeKind.normativeDocument.rawValue], "document_number": ["测教规〔2024〕1号"],
                "effective_on": ["2024-03-11"], "valid_until": ["2026-06-30"],
            ])
            let id = try p.requireID()
            let context = try await app.publicationContext()
            try await PublicationService.perform(fields: FormFields([
                "action": ["register_validity"], "version": [String(try await desk.version(id))],
                "repealed_on": ["2024-11-01"], "repealed_by": ["测教规〔2024〕9号"],
            ]), door: .publish, publicationID: id, staff: try await desk.principal("pub"), actor: .system, context: context, on: app.db)
            let after = try await desk.publication(id)
            #expect(after.validUntil?.iso == "2026-06-30")
            #expect(after.repealedOn?.iso == "2024-11-01")
            #expect(after.repealedBy == "测教规〔2024〕9号")
            // the console's form is filled with the register as it stands, so a browser sending
            // every field does not erase one
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("value=\"2026-06-30\""))
            #expect(page.body.contains("value=\"2024-11-01\""))
        }
    }

    /// Another agency's draft (even one not for disclosure) cannot be named as the policy an
    /// interpretation explains: its title would show on the interpreter's page.
    @Test func anInterpretationLinksOnlyAPublishedPolicy() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let context = try await app.publicationContext()
            var values = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "内部请示（不予公开）", body: "正文", agencyID: desk.bureauID)
                .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
            let draft = try await PublicationService.create(fields: FormFields(values), staff: try await desk.principal("pub"), actor: .system,
                                                            context: context, on: app.db)
            values["title"] = ["图解：内部请示"]
            values["interprets_id"] = [String(try draft.requireID())]
            values["interpretation_form"] = [InterpretationForm.graphic.rawValue]
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.create(fields: FormFields(values), staff: try await desk.principal("pub"), actor: .system,
                                                    context: context, on: app.db)
            }
            #expect(error?.fields["interprets_id"] == "所解读的政策不存在或尚未发布")
        }
    }

    /// A policy marked as needing an interpretation (同步发布) is flagged once its interpretation is
    /// overdue: a tab of the work list and a badge on its page; a late interpretation says so.
    @Test func aPolicyWithoutItsInterpretationIsFlagged() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)  // 2024-03-12: the policy goes public
            let policy = try await desk.published("关于调整城乡低保标准的通知", body: "正文", fields: ["requires_interpretation": ["1"]])
            let id = try policy.requireID()
            app.settings.fixedToday = "2024-03-20"  // 3 working days after: due 2024-03-15
            let staff = try await desk.principal("pub")
            func missing() async throws -> [String] {
                try await PublicationListQuery(agencyIDs: [desk.bureauID], staff: staff, tab: .interpretationMissing)
                    .run(calendar: WorkingDayCalendar(), today: "2024-03-20", on: app.db).rows.map(\.publication.title)
            }
            #expect(try await missing() == ["关于调整城乡低保标准的通知"])
            let list = try await desk.publisher.get("/console/publications?tab=interpretation_missing")
            #expect(list.body.contains("关于调整城乡低保标准的通知"))
            #expect(try await desk.publisher.get("/console/publications/\(id)").body.contains("缺少解读"))
            // an interpretation published on the 20th: no longer missing, but late
            try await desk.published("图解：城乡低保标准调整", body: "一图读懂", fields: [
                "interprets_id": [String(id)], "interpretation_form": [InterpretationForm.graphic.rawValue],
            ])
            #expect(try await missing() == [])
            let detail = try await PublicationDetailQuery.load(id, calendar: WorkingDayCalendar(), today: "2024-03-20", on: app.db)
            #expect(detail.interpretationStanding == .late)
            #expect(try PublicationDTO(detail, today: "2024-03-20", baseURL: "").interpretationStanding == .late)
        }
    }
}
