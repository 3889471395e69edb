import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Cold review 11m of proactive disclosure (#11): a revision's Art. 26 deadline, an author
/// publishing alone, the /display redirect, a body nested past libxml2's limit, and a deadline in
/// a year the holiday calendar lacks.
@Suite("Publications: cold review 11m")
struct PublicationColdReview11mTests {
    func fields(_ values: [String: String]) -> FormFields { FormFields(values.mapValues { [$0] }) }

    /// A client of the API with a token of `username`.
    func apiClient(_ app: Application, _ username: String) async throws -> TestClient {
        let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first())
        let client = TestClient(app)
        client.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
        return client
    }

    /// Art. 26: “形成或者变更之日起20个工作日内”. A revision changed on 2024-03-13 is due on
    /// 2024-04-11 (20 working days: 清明 04-04/05 off, Sunday 04-07 worked): shown on its page,
    /// listed overdue on 04-15, and its publication that day is flagged late in the history.
    @Test func aRevisionHasItsOwnArt26Deadline() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("招生简章", body: "第一版正文")
            try await desk.publish(id)
            app.settings.fixedToday = CivilDate(iso: "2024-04-15")
            try await desk.publisher.get("/console/publications/\(id)/edit")
            var form = PublicationDesk.form(title: "招生简章", body: "第二版正文", agencyID: desk.bureauID, formedOn: "2024-03-13")
            form += [("version", String(try await desk.version(id))), ("change_note", "更正报名时间")]
            let saved = try await desk.publisher.post("/console/publications/\(id)", form: form)
            #expect(saved.status == .seeOther, "\(saved.body.prefix(600))")
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("修订稿公开期限"))
            #expect(page.body.contains("2024年4月11日") || page.body.contains("2024-04-11"))
            let overdue = try await desk.publisher.get("/console/publications?tab=overdue")
            #expect(overdue.body.contains("招生简章") && overdue.body.contains("2024-04-11"))
            let api = try await apiClient(app, "pub").api(.GET, "/api/v1/publications/\(id)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            #expect(json["due_on"] as? String == "2024-04-11", "\(api.body.prefix(400))")
            for (client, door, action) in [
                (desk.publisher, "actions", "submit"), (desk.reviewer, "review", "pass"),
                (desk.secrecy, "confidentiality-review", "pass"), (desk.head, "review", "pass"),
            ] {
                let step = try await desk.step(client, id, door: door, action)
                #expect(step.status == .seeOther, "\(action) at \(door): \(step.body.prefix(600))")
            }
            let revised = try #require(
                try await PublicationEvent.query(on: app.db).filter(\.$publication.$id == id)
                    .filter(\.$kind == .revised).first())
            #expect(revised.summary.contains("发布第 2 版：更正报名时间"))
            #expect(revised.summary.contains("超过条例第二十六条规定的 20 个工作日期限，应于 2024-04-11 前公开"))
            // published: nothing waits, no deadline any more
            #expect(!(try await desk.publisher.get("/console/publications?tab=overdue").body.contains("招生简章")))
        }
    }

    /// A revision passed in time says nothing about lateness.
    @Test func aRevisionPassedInTimeIsNotFlagged() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let p = try await desk.published("按时修订", body: "正文")
            let id = try p.requireID()
            let context = try await app.publicationContext()
            var form = Dictionary(
                uniqueKeysWithValues: PublicationDesk.form(
                    title: "按时修订", body: "新正文", agencyID: desk.bureauID,
                    formedOn: "2024-03-12"
                )
                .map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            form["change_note"] = "补充"
            form["version"] = String(try await desk.version(id))
            try await PublicationService.update(
                id: id, fields: fields(form), staff: try await desk.principal("pub"), actor: .system,
                context: context, on: app.db)
            for (who, door, action) in [
                ("pub", Permission.publish, "submit"), ("rev", .review, "pass"), ("sec", .confidentialityReview, "pass"),
                ("head", .review, "pass"),
            ] {
                try await PublicationService.perform(
                    fields: fields(["action": action, "version": String(try await desk.version(id))]),
                    door: door, publicationID: id, staff: try await desk.principal(who), actor: .system,
                    context: context, on: app.db)
            }
            let revised = try #require(
                try await PublicationEvent.query(on: app.db).filter(\.$publication.$id == id)
                    .filter(\.$kind == .revised).first())
            #expect(revised.summary == "发布第 2 版：补充")
        }
    }

    /// Nobody publishes alone: with a one-step chain (保密审查 only) and one person allowed several
    /// steps, the author holding 保密审查 still cannot pass it; with the standard chain and every
    /// role, he passes 初审 and 保密审查 but not 终审. Someone else then can.
    @Test func theAuthorNeverPassesTheLastStep() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("solo", [.publisher, .reviewer, .confidentialityReviewer], in: desk.county.bureau, on: app)
            let solo = try await desk.principal("solo")
            let context = try await app.publicationContext()
            let profile = try await PublishingProfile.effective(for: desk.county.bureau, on: app.db)
            profile.allowSamePerson = true
            profile.reviewSteps = "confidentiality"
            try await profile.save(on: app.db)
            let form = Dictionary(
                uniqueKeysWithValues: PublicationDesk.form(title: "一人发布", body: "正文。", agencyID: desk.bureauID)
                    .map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            func step(_ id: Int, _ action: String, _ door: Permission, _ who: StaffPrincipal) async throws {
                try await PublicationService.perform(
                    fields: fields(["action": action, "version": String(try await desk.version(id))]),
                    door: door, publicationID: id, staff: who, actor: .system, context: context, on: app.db)
            }
            let alone = try (try await PublicationService.create(fields: fields(form), staff: solo, actor: .system, context: context, on: app.db))
                .requireID()
            try await step(alone, "submit", .publish, solo)
            let error = await #expect(throws: AppError.self) { try await step(alone, "pass", .confidentialityReview, solo) }
            #expect(error?.status == .unprocessableEntity)
            #expect(error?.message.contains("不能办理最后一个审核环节“保密审查”") == true)
            #expect(try await desk.publication(alone).status == .inReview)
            try await step(alone, "pass", .confidentialityReview, try await desk.principal("sec"))
            #expect(try await desk.publication(alone).status == .published)

            profile.reviewSteps = ReviewChain.standard.codes
            try await profile.save(on: app.db)
            let three = try (try await PublicationService.create(fields: fields(form), staff: solo, actor: .system, context: context, on: app.db))
                .requireID()
            try await step(three, "submit", .publish, solo)
            try await step(three, "pass", .review, solo)
            try await step(three, "pass", .confidentialityReview, solo)
            let last = await #expect(throws: AppError.self) { try await step(three, "pass", .review, solo) }
            #expect(last?.message.contains("不能办理最后一个审核环节“终审”") == true)
            // his console page says why he cannot decide
            let console = TestClient(app)
            try await console.signIn("solo", County.password)
            let page = try await console.get("/console/publications/\(three)")
            #expect(page.body.contains("不能办理最后一个审核环节"))
            try await step(three, "pass", .review, try await desk.principal("head"))
            #expect(try await desk.publication(three).status == .published)
        }
    }

    /// M2: /display goes back only to a plain path of this site.
    @Test(
        "the way back from /display",
        arguments: [
            ("http://localhost:8080/publications/3?page=2", "/publications/3?page=2"),
            ("http://localhost:8080/%E6%8C%87%E5%8D%97", "/%E6%8C%87%E5%8D%97"),
            ("http://localhost:8080/%5Cevil.example", "/"),
            ("http://localhost:8080/%5C%5Cevil.example", "/"),
            ("http://localhost:8080/%2F%2Fevil.example", "/"),
            ("http://localhost:8080/%09/evil.example", "/"),
            ("http://localhost:8080/a%0D%0ASet-Cookie:%20x=1", "/"),
            ("http://localhost:8080/a%00b", "/"),
            ("http://evil.example/publications", "/"),
            ("http://localhost:8080/", "/"),
            ("not a url", "/"),
        ])
    func displayReturnPath(_ referer: String, _ expected: String) {
        #expect(DisplayMode.returnPath(referer: referer, host: "localhost:8080") == expected)
    }

    @Test func displayNeverRedirectsOffSiteNorFails() async throws {
        try await withTestApp { app in
            let visitor = TestClient(app)
            for referer in [
                "http://localhost/%5Cevil.example", "http://localhost/%5C%5Cevil.example", "http://localhost/%09/evil.example",
                "http://localhost/x%0D%0ALocation:%20//evil.example",
            ] {
                let page = try await visitor.get("/display?mode=large", headers: ["Referer": referer, "Host": "localhost"])
                #expect(page.status == .seeOther, "\(referer): \(page.status)")
                #expect(page.location == "/", "\(referer) → \(page.location ?? "nil")")
            }
            let ok = try await visitor.get(
                "/display?mode=standard", headers: ["Referer": "http://localhost/publications?year=2024", "Host": "localhost"])
            #expect(ok.location == "/publications?year=2024")
        }
    }

    /// M3: a body nested past the parser's limit is refused with a reason, never kept in part.
    @Test func aBodyNestedTooDeeplyIsRefused() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let deep = "<p>开头</p>" + String(repeating: "<div>", count: 256) + "深" + String(repeating: "</div>", count: 256) + "<p>结尾</p>"
            try await desk.publisher.get("/console/publications/new")
            let page = try await desk.publisher.post(
                "/console/publications",
                form: PublicationDesk.form(title: "层层嵌套", body: deep, agencyID: desk.bureauID))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("正文嵌套层级过深"))
            #expect(try await Publication.query(on: app.db).filter(\.$title == "层层嵌套").count() == 0)
        }
    }

    /// M4: formed on 2026-12-04, the 20 working days run into 2027, whose holidays the bundled
    /// calendar lacks: the page names 2027, the item is in the 无法计算期限 list, and its
    /// publication says why lateness could not be judged.
    @Test func aDeadlineInAYearWithoutHolidaysNamesTheYearAndStaysListed() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2026-12-07")
            #expect(ProactiveDeadline.missingYear(formedOn: try #require(CivilDate(iso: "2026-12-04")), calendar: WorkingDayCalendar()) == 2027)
            let id = try await desk.draft("年底形成的信息", body: "正文", formedOn: "2026-12-04")
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("缺少 2027 年的节假日安排"))
            #expect(!page.body.contains("未覆盖信息形成日期"))
            let list = try await desk.publisher.get("/console/publications?tab=no_deadline")
            #expect(list.body.contains("年底形成的信息") && list.body.contains("无法计算期限"))
            #expect(list.body.contains("缺少 2027 年节假日安排"))
            let api = try await apiClient(app, "pub").api(.GET, "/api/v1/publications?tab=no_deadline")
            #expect(api.status == .ok && api.body.contains("年底形成的信息"))
            try await desk.publish(id)
            let event = try #require(
                try await PublicationEvent.query(on: app.db).filter(\.$publication.$id == id)
                    .filter(\.$kind == .published).first())
            #expect(event.summary.contains("缺少 2027 年的节假日安排"))
            #expect(!(try await desk.publisher.get("/console/publications?tab=no_deadline").body.contains("年底形成的信息")))
        }
    }

    /// L2: an agency's 索引号 code is no other agency's (its saved code, or the default made from
    /// its agency code), and the template names the agency ({agency}, or its code written out).
    @Test func anIndexCodeNamesOneAgencyAndTheTemplateCarriesIt() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("admin", [.systemAdministrator], on: app)
            let admin = TestClient(app)
            try await admin.signIn("admin", County.password)
            let path = "/console/agencies/\(desk.bureauID)/publishing"
            func save(_ code: String, _ template: String) async throws -> TestClient.Page {
                try await admin.get(path)
                let version = try await PublishingProfile.query(on: app.db).filter(\.$agency.$id == desk.bureauID).first()?.version ?? 0
                return try await admin.post(
                    path,
                    form: [
                        ("version", String(version)), ("index_code", code), ("index_template", template),
                        ("review_steps", "preliminary,confidentiality,final"),
                    ])
            }
            let taken = try await save("tgov", "{agency}-{year}-{seq:4}")  // the county government's default code
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.contains("已由“测试县人民政府”使用"))
            let bare = try await save("TEDU", "{seq}")
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.contains("索引号规则须包含机构代码"))
            #expect(try await PublishingProfile.query(on: app.db).count() == 0)
            #expect(try await save("TEDU", "TEDU-{year}-{seq:4}").status == .seeOther)
            #expect(try await save("TEDU", "{agency}-{category}-{year}-{seq:5}").status == .seeOther)
            // the code saved is now the bureau's: the township cannot take it
            try await admin.get("/console/agencies/\(try desk.county.township.requireID())/publishing")
            let township = try await admin.post(
                "/console/agencies/\(try desk.county.township.requireID())/publishing",
                form: [
                    ("version", "0"), ("index_code", "TEDU"), ("index_template", "{agency}-{year}-{seq:4}"),
                    ("review_steps", "confidentiality,final"),
                ])
            #expect(township.status == .unprocessableEntity && township.body.contains("已由“测试县教育局”使用"))
        }
    }

    /// L3: seconds are kept, not dropped; a malformed time is refused (Beijing time, UTC+8).
    @Test(
        "scheduled times",
        arguments: [
            ("2026-12-06T15:00", 1_796_540_400.0),
            ("2026-12-06 15:00", 1_796_540_400.0),
            ("2026-12-06T15:00:30", 1_796_540_430.0),
            ("2026-12-06T15:00:30.5", nil),
            ("2026-12-06T15:0", nil),
            ("2026-12-06T15:00:60", nil),
            ("2026-12-06T15:00:00:00", nil),
            ("2026-12-06T", nil),
        ] as [(String, Double?)])
    func scheduledTime(_ text: String, _ expected: Double?) {
        #expect(ScheduledTime.parse(text)?.timeIntervalSince1970 == expected)
    }

    /// L3: a time already past is refused with a reason; a time after the Art. 26 due date is
    /// accepted with a warning on the page.
    @Test func aPastScheduledTimeIsRefusedAndALateOneWarned() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.publisher.get("/console/publications/new")
            let past = try await desk.publisher.post(
                "/console/publications",
                form: PublicationDesk.form(
                    title: "过去的定时", body: "正文", agencyID: desk.bureauID, extra: [("scheduled_at", "2020-01-01T00:00")]))
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("定时发布时间 2020-01-01 00:00 已过"))
            let id = try await desk.draft("很晚的定时", body: "正文", extra: [("scheduled_at", try await desk.scheduledTime())])
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("定时发布时间晚于条例第二十六条规定的公开期限"))
            let timely = try await desk.draft("及时的草稿", body: "正文")
            #expect(!(try await desk.publisher.get("/console/publications/\(timely)").body.contains("定时发布时间晚于")))
        }
    }

    /// L3: a scheduled time at most a year ahead: 9999-12-31 was accepted. A time in a year the
    /// holiday calendar does not hold yet is fine (publishing needs no working days).
    @Test(
        "scheduled times beyond a year",
        arguments: [
            ("2026-12-20T09:00", nil),
            ("2027-01-05T09:00", nil),
            ("2027-12-06T09:00", nil),
            ("2027-12-08T09:00", "晚于一年以后"),
            ("9999-12-31T23:59", "晚于一年以后"),
        ] as [(String, String?)])
    func scheduledTimeLimits(_ at: String, _ message: String?) throws {
        let now = try #require(ScheduledTime.parse("2026-12-06T10:00"))
        let form = fields([
            "title": "定时", "body": "正文", "formed_on": "2026-12-04", "category": "catalogue", "genre": "notice",
            "subject": "scienceEducation", "disclosure": "proactive", "scheduled_at": at,
        ])
        do {
            let content = try PublicationInput.parse(form, today: CivilDate(year: 2026, month: 12, day: 6)!, now: now)
            #expect(message == nil, "\(at) accepted")
            #expect(content.scheduledAt == ScheduledTime.parse(at))
        } catch let error as AppError {
            let text = error.fields["scheduled_at"] ?? ""
            #expect(message.map { text.contains($0) } == true, "\(at): \(text)")
        }
    }

    /// L4: the API refuses a field of the wrong JSON type with the structured 422 naming it, and
    /// stores nothing; ids as strings of digits are still read (clients send them so). A body
    /// declared as another media type gets 415, as the OpenAPI document lists.
    @Test func theAPIRefusesFieldsOfTheWrongJSONType() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let api = try await apiClient(app, "pub")
            let base: [String: Any] = [
                "agency_id": desk.bureauID, "title": "类型", "body": "正文", "formed_on": "2024-03-11", "category": "catalogue",
                "genre": "notice", "subject": "scienceEducation", "disclosure": "proactive",
            ]
            func post(_ changes: [String: Any], contentType: HTTPMediaType = .json) async throws -> TestClient.Page {
                let object = base.merging(changes) { $1 }
                let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                return try await api.api(.POST, "/api/v1/publications", rawBody: text, contentType: contentType)
            }
            let wrong: [([String: Any], String)] = [
                (["title": 123], "title"), (["title": ["a"]], "title"), (["key_domains": "education"], "key_domains"),
                (["requires_interpretation": "yes"], "requires_interpretation"), (["requires_interpretation": 1], "requires_interpretation"),
                (["agency_id": "三"], "agency_id"), (["agency_id": 1.5], "agency_id"), (["topic_ids": ["x"]], "topic_ids"),
                (["formed_on": 20_240_311], "formed_on"),
            ]
            for (changes, field) in wrong {
                let refused = try await post(changes)
                #expect(refused.status == .unprocessableEntity, "\(changes): \(refused.status)")
                let error = (try JSONSerialization.jsonObject(with: Data(refused.body.utf8)) as? [String: Any])?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "validation_failed", "\(changes)")
                #expect((error?["fields"] as? [String: String])?[field]?.contains("应为") == true, "\(changes): \(refused.body)")
            }
            #expect(try await Publication.query(on: app.db).count() == 0)
            let made = try await post(["agency_id": String(desk.bureauID), "requires_interpretation": true, "key_domains": ["education"]])
            #expect(made.status == .created, "\(made.body.prefix(300))")
            #expect(try await post([:], contentType: .plainText).status == .unsupportedMediaType)
            #expect(try await Publication.query(on: app.db).count() == 1)
            // a method the path does not take: 405 with the ones it takes; an unknown path stays 404
            let id = try #require(try await Publication.query(on: app.db).first()?.requireID())
            let patch = try await api.api(.PATCH, "/api/v1/publications/\(id)", rawBody: "{}", contentType: .json)
            #expect(patch.status == .methodNotAllowed && patch.headers.first(name: "Allow") == "GET, PUT", "\(patch.status) \(patch.headers)")
            #expect(patch.body.contains("method_not_allowed"))
            #expect(try await api.api(.PATCH, "/api/v1/no-such-thing").status == .notFound)
        }
    }

    /// L3: the Publication JSON carries the scheduled time, the withdrawal (reason and date) and
    /// the versions with their change notes.
    @Test func thePublicationJSONShowsScheduleWithdrawalAndVersions() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let api = try await apiClient(app, "pub")
            func show(_ id: Int) async throws -> [String: Any] {
                let page = try await api.api(.GET, "/api/v1/publications/\(id)")
                return try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            }
            let time = try await desk.scheduledTime()
            let scheduled = try await desk.draft("定时的草稿", body: "正文", extra: [("scheduled_at", time)])
            let draft = try await show(scheduled)
            #expect((draft["scheduled_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } == ScheduledTime.parse(time))
            #expect((draft["withdrawal"] == nil || draft["withdrawal"] is NSNull) && (draft["versions"] as? [Any])?.isEmpty == true, "\(draft)")

            let id = try await desk.draft("将撤回的信息", body: "正文")
            try await desk.publish(id)
            try await desk.step(desk.publisher, id, door: "actions", "withdraw", [("reason", "发布有误")])
            let withdrawn = try await show(id)
            let withdrawal = try #require(withdrawn["withdrawal"] as? [String: Any], "\(withdrawn)")
            #expect(withdrawal["reason"] as? String == "发布有误" && withdrawal["date"] as? String == "2024-03-12")
            let versions = try #require(withdrawn["versions"] as? [[String: Any]])
            let stored = try #require(try await PublicationVersion.query(on: app.db).filter(\.$publication.$id == id).first())
            #expect(versions.count == 1 && versions[0]["number"] as? Int == 1 && versions[0]["published_on"] as? String == stored.publishedOn.iso)
            #expect(versions[0]["change_note"] as? String == stored.changeNote && !stored.changeNote.isEmpty)
        }
    }
}
