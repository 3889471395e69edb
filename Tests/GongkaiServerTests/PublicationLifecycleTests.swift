import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Publications: draft → 初审 → 保密审查 → 终审 → portal, on each database")
struct PublicationLifecycleTests {
    static let body = """
        为进一步做好城乡低保对象动态管理工作，根据《社会救助暂行办法》和省民政厅有关规定，现将城乡最低生活保障标准调整有关事项通知如下。
        一、自2024年4月1日起，城市最低生活保障标准提高到每人每月780元，农村最低生活保障标准提高到每人每年6600元。
        二、各乡镇（街道）要加强政策宣传，确保符合条件的困难群众应保尽保。
        """

    /// The issue's “Done when”: a bureau publisher drafts; three other people pass 初审, 保密审查
    /// and 终审; the document is on the portal with its index number and is found by a 2-, 3- and
    /// 8-character phrase through the search page and the API.
    @Test func aBureauDocumentPassesTheChainAndIsFoundByTwoThreeAndEightCharacterPhrases() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("关于调整城乡最低生活保障标准的通知", body: Self.body,
                                          extra: [("document_number", "测教发〔2024〕3号")])
            let draft = try await desk.publication(id)
            #expect(draft.status == .draft && draft.indexNumber == nil)
            // not public while in the chain
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            #expect(try await TestClient(app).get("/publications/\(id)").status == .notFound)
            #expect(try await desk.step(desk.reviewer, id, door: "review", "pass").status == .seeOther)
            #expect(try await desk.publication(id).status == .inReview)
            #expect(try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass").status == .seeOther)
            #expect(try await TestClient(app).get("/publications/\(id)").status == .notFound)
            #expect(try await desk.step(desk.head, id, door: "review", "pass").status == .seeOther)

            let p = try await desk.publication(id)
            #expect(p.status == .published)
            #expect(p.indexNumber == "TEDU-03-2024-00001")
            #expect(p.publishedOn == "2024-03-12")
            let reviews = try await PublicationReview.query(on: app.db).filter(\.$publication.$id == id).sort(\.$stepIndex).all()
            #expect(reviews.map(\.step) == [.preliminary, .confidentiality, .final])
            #expect(Set(reviews.map(\.reviewerID)).count == 3)

            let visitor = TestClient(app)
            let page = try await visitor.get("/publications/\(id)")
            #expect(page.status == .ok)
            for fact in ["TEDU-03-2024-00001", "测试县教育局", "2024年3月11日", "测教发〔2024〕3号", "科技、教育", "城市最低生活保障标准提高到每人每月780元"] {
                #expect(page.body.contains(fact), "\(fact)")
            }
            #expect(try await visitor.get("/").body.contains("关于调整城乡最低生活保障标准的通知"))

            // 2 characters, 3, 8 (in the body, not the title)
            for phrase in ["低保", "应保尽", "每人每月780元"] {
                let found = try await visitor.get("/search?q=" + TestClient.encode(phrase))
                #expect(found.status == .ok)
                #expect(found.body.contains("/publications/\(id)"), "page: \(phrase)")
                #expect(found.body.contains("<mark>"), "highlighted: \(phrase)")
                let api = try await visitor.get("/api/v1/publications/search?limit=5&q=" + TestClient.encode(phrase))
                let dto = try api.json(SearchAnswer.self)
                #expect(dto.total == 1, "api: \(phrase)")
                #expect(dto.items.first?.indexNumber == "TEDU-03-2024-00001")
                #expect(dto.items.first?.agency == "测试县教育局")
                #expect(dto.items.first?.publishedOn == "2024-03-12")
                #expect(dto.items.first?.url.hasSuffix("/publications/\(id)") == true)
                #expect(dto.items.first?.snippet.contains(phrase) == true)
            }
            #expect("每人每月780元".count == 8)
            let none = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("公共资源交易")).json(SearchAnswer.self)
            #expect(none.total == 0)
        }
    }

    struct SearchAnswer: Decodable {
        struct Item: Decodable {
            let title: String
            let indexNumber: String
            let agency: String
            let publishedOn: String
            let snippet: String
            let url: String
        }
        let total: Int
        let items: [Item]
    }

    @Test func aPublisherCannotPublishAloneNorReviewHisOwnDraft() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            // a publisher who is also a reviewer of his bureau
            try await desk.county.user("both", [.publisher, .reviewer], in: desk.county.bureau, on: app)
            let both = TestClient(app)
            try await both.signIn("both", County.password)
            try await both.get("/console/publications/new")
            let created = try await both.post("/console/publications", form: PublicationDesk.form(title: "自己起草的通知", body: "正文", agencyID: desk.bureauID))
            let id = Int(try #require(created.location?.split(separator: "/").last.flatMap { Int($0) }))
            try await desk.step(both, id, door: "actions", "submit")
            // the plain publisher has no review permission at all
            #expect(try await desk.step(desk.publisher, id, door: "review", "pass").status == .forbidden)
            // the author may not pass a step of his own draft
            let own = try await desk.step(both, id, door: "review", "pass")
            #expect(own.status == .unprocessableEntity)
            #expect(own.body.contains("起草人不能审核自己起草的信息"))
            // and no publish action skips the chain
            #expect(try await desk.step(desk.publisher, id, door: "actions", "pass").status == .forbidden)
            #expect(try await desk.publication(id).status == .inReview)
            #expect(try await desk.publication(id).indexNumber == nil)
        }
    }

    @Test func theConfidentialityReviewCannotBeSkippedNorConfiguredAway() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("保密审查不能跳过", body: "正文")
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            try await desk.step(desk.reviewer, id, door: "review", "pass")
            // 保密审查 is waiting: a reviewer cannot take 终审 now, by either door
            #expect(try await desk.step(desk.head, id, door: "review", "pass").status == .forbidden)
            #expect(try await desk.step(desk.head, id, door: "review", "pass", [("step", "final")]).status == .forbidden)
            // the confidentiality reviewer cannot jump to 终审 either
            let jump = try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass", [("step", "final")])
            #expect(jump.status == .unprocessableEntity)
            #expect(jump.body.contains("不能跳过审核步骤"))
            #expect(try await desk.publication(id).status == .inReview)
            // the same person cannot take two steps
            try await desk.county.user("rev-sec", [.reviewer, .confidentialityReviewer], in: desk.county.bureau, on: app)
            let twoHats = TestClient(app)
            try await twoHats.signIn("rev-sec", County.password)
            let id2 = try await desk.draft("两个环节", body: "正文")
            try await desk.step(desk.publisher, id2, door: "actions", "submit")
            #expect(try await desk.step(twoHats, id2, door: "review", "pass").status == .seeOther)
            let again = try await desk.step(twoHats, id2, door: "confidentiality-review", "pass")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("同一人不能办理同一信息的两个审核步骤"))

            // an administrator cannot save a chain without 保密审查
            try await desk.county.user("admin", [.systemAdministrator], on: app)
            let admin = TestClient(app)
            try await admin.signIn("admin", County.password)
            try await admin.get("/console/agencies/\(desk.bureauID)/publishing")
            let refused = try await admin.post("/console/agencies/\(desk.bureauID)/publishing", form: [
                ("version", "0"), ("index_code", "TEDU"), ("index_template", "{agency}-{year}-{seq:4}"), ("review_steps", "preliminary,final"),
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("必须包含保密审查"))
            #expect(try await PublishingProfile.query(on: app.db).count() == 0)
        }
    }

    @Test func aReturnedDraftGoesBackToItsAuthorWithTheReasonAndStartsAgain() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("退回的草稿", body: "正文")
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            #expect(try await desk.step(desk.reviewer, id, door: "review", "return").status == .unprocessableEntity)  // no reason
            try await desk.step(desk.reviewer, id, door: "review", "pass")
            let back = try await desk.step(desk.secrecy, id, door: "confidentiality-review", "return", [("comment", "第二段含个人信息，请删除")])
            #expect(back.status == .seeOther)
            let p = try await desk.publication(id)
            #expect(p.status == .draft)
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("第二段含个人信息，请删除"))
            // the second round starts with 初审 again
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            #expect(try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass").status == .forbidden)
            try await desk.step(desk.reviewer, id, door: "review", "pass")
            try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass")
            try await desk.step(desk.head, id, door: "review", "pass")
            #expect(try await desk.publication(id).status == .published)
            #expect(try await PublicationReview.query(on: app.db).filter(\.$publication.$id == id).filter(\.$round == 2).count() == 3)
        }
    }

    @Test func stepsThroughTheAPIAreTheConsolesSteps() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            func token(_ name: String) async throws -> String {
                let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == name).first())
                return try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            }
            let api = TestClient(app)
            api.bearer = try await token("pub")
            let created = try await api.api(.POST, "/api/v1/publications", json: [
                "agency_id": "\(desk.bureauID)", "title": "接口起草的通知", "body": "<p>接口正文<script>x()</script></p>", "formed_on": "2024-03-11",
                "category": "affairs", "genre": "notice", "subject": "generalAffairs", "disclosure": "proactive",
            ])
            #expect(created.status == .created)
            let dto = try created.json(APIPublication.self)
            #expect(dto.bodyHtml == "<p>接口正文</p>")
            func act(_ who: String, _ door: String, _ action: String) async throws -> TestClient.Page {
                api.bearer = try await token(who)
                let v = try await desk.version(dto.id)
                return try await api.api(.POST, "/api/v1/publications/\(dto.id)/\(door)", json: ["action": action, "version": "\(v)"])
            }
            #expect(try await act("pub", "actions", "submit").status == .ok)
            #expect(try await act("sec", "confidentiality-review", "pass").status == .forbidden)  // 初审 first
            #expect(try await act("rev", "review", "pass").status == .ok)
            #expect(try await act("sec", "confidentiality-review", "pass").status == .ok)
            let last = try await act("head", "review", "pass")
            #expect(last.status == .ok)
            let done = try last.json(APIPublication.self)
            #expect(done.status == "published")
            #expect(done.indexNumber == "TEDU-02-2024-00001")
            // a stale version is refused
            api.bearer = try await token("pub")
            let stale = try await api.api(.POST, "/api/v1/publications/\(dto.id)/actions", json: ["action": "withdraw", "version": "1", "reason": "x"])
            #expect(stale.status == .conflict)
        }
    }

    struct APIPublication: Decodable {
        let id: Int
        let status: String
        let indexNumber: String?
        let bodyHtml: String
    }

    /// 索引号 unique under concurrent publishing: many items reach their last step at once.
    @Test func indexNumbersAreUniqueAndConsecutiveUnderConcurrentPublishing() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let n = 12
            var ids: [Int] = []
            for i in 0..<n {
                let id = try await desk.draft("并发发布 \(i)", body: "正文 \(i)")
                try await desk.step(desk.publisher, id, door: "actions", "submit")
                try await desk.step(desk.reviewer, id, door: "review", "pass")
                try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass")
                ids.append(id)
            }
            // when: every 终审 at the same time, through the service (one transaction each)
            let head = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "head").first())
            let staff = try await StaffPrincipal.load(head, on: app.db)
            let context = try await app.publicationContext()
            // (no retries: write transactions take turns on SQLite, so none meets a busy database)
            let outcomes = await withTaskGroup(of: String?.self) { group in
                for id in ids {
                    group.addTask {
                        do {
                            let v = try await Publication.find(id, on: app.db)!.version
                            try await PublicationService.perform(fields: FormFields(["action": ["pass"], "version": [String(v)]]), door: .review,
                                                                 publicationID: id, staff: staff, actor: .system, context: context, on: app.db)
                            return nil
                        } catch {
                            return "\(id): \(error)"
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.compactMap { $0 } == [])
            // then n different numbers, 1…n, none reused
            let numbers = try await Publication.query(on: app.db).filter(\.$id ~~ ids).all().compactMap(\.indexNumber)
            #expect(numbers.count == n)
            #expect(Set(numbers).count == n)
            #expect(Set(numbers.compactMap { Int($0.split(separator: "-").last!) }) == Set(1...n))
            // a withdrawn item keeps its number; the next one does not reuse it
            let first = ids[0]
            #expect(try await desk.step(desk.publisher, first, door: "actions", "withdraw", [("reason", "内容有误")]).status == .seeOther)
            let next = try await desk.draft("撤回之后", body: "正文")
            try await desk.publish(next)
            #expect(try await desk.publication(next).indexNumber == "TEDU-03-2024-000\(n + 1)")
        }
    }

    @Test func aWithdrawnPublicationKeepsItsAddressAndSaysWhyButLeavesSearch() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("将被撤回的公告", body: "撤回测试正文内容")
            try await desk.publish(id)
            let visitor = TestClient(app)
            #expect(try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("撤回测试")).json(SearchAnswer.self).total == 1)
            #expect(try await desk.step(desk.publisher, id, door: "actions", "withdraw").status == .unprocessableEntity)  // a reason is needed
            try await desk.step(desk.publisher, id, door: "actions", "withdraw", [("reason", "信息有误，已另行发布")])
            let page = try await visitor.get("/publications/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("本信息已于 2024年3月12日 撤回"))
            #expect(page.body.contains("信息有误，已另行发布"))
            #expect(!page.body.contains("撤回测试正文内容"))
            #expect(try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("撤回测试")).json(SearchAnswer.self).total == 0)
        }
    }

    @Test func aRevisionPassesTheChainBeforeReplacingThePublicTextAndLeavesAVersionNote() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("版本测试", body: "第一版正文")
            try await desk.publish(id)
            let p = try await desk.publication(id)
            try await desk.publisher.get("/console/publications/\(id)/edit")
            var form = PublicationDesk.form(title: "版本测试", body: "第二版正文", agencyID: desk.bureauID)
            form.append(("version", String(p.version)))
            let noNote = try await desk.publisher.post("/console/publications/\(id)", form: form)
            #expect(noNote.status == .unprocessableEntity)
            form.append(("change_note", "更正第二段的数字"))
            #expect(try await desk.publisher.post("/console/publications/\(id)", form: form).status == .seeOther)
            let visitor = TestClient(app)
            #expect(try await visitor.get("/publications/\(id)").body.contains("第一版正文"))
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            try await desk.step(desk.reviewer, id, door: "review", "pass")
            try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass")
            #expect(try await visitor.get("/publications/\(id)").body.contains("第一版正文"))
            try await desk.step(desk.head, id, door: "review", "pass")
            let page = try await visitor.get("/publications/\(id)")
            #expect(page.body.contains("第二版正文"))
            #expect(page.body.contains("第 2 版：更正第二段的数字"))
            #expect(try await desk.publication(id).indexNumber == p.indexNumber)
        }
    }

    @Test func aScheduledPublicationGoesPublicAtItsTime() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let time = try await desk.scheduledTime()
            let id = try await desk.draft("定时发布的通知", body: "正文", extra: [("scheduled_at", time)])
            try await desk.publish(id)
            #expect(try await desk.publication(id).status == .scheduled)
            var context = try await app.publicationContext()
            #expect(try await PublicationService.publishDue(context: context, on: app.db) == 0)
            context.now = try #require(ScheduledTime.parse(time))
            #expect(try await PublicationService.publishDue(context: context, on: app.db) == 1)
            #expect(try await desk.publication(id).status == .published)
            #expect(try await PublicationService.publishDue(context: context, on: app.db) == 0)
        }
    }

    @Test func unpublishedItemsShowTheirArt26DeadlineInTheWorkLists() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2024-04-01")
            _ = try await desk.draft("快到期的草稿", body: "正文", formedOn: "2024-03-06")   // due 2024-04-03
            _ = try await desk.draft("已超期的草稿", body: "正文", formedOn: "2024-02-20")   // due 2024-03-19
            _ = try await desk.draft("期限内的草稿", body: "正文", formedOn: "2024-03-29")
            let soon = try await desk.publisher.get("/console/publications?tab=due_soon")
            #expect(soon.body.contains("快到期的草稿") && !soon.body.contains("已超期的草稿") && !soon.body.contains("期限内的草稿"))
            #expect(soon.body.contains("2024-04-03"))
            let overdue = try await desk.publisher.get("/console/publications?tab=overdue")
            #expect(overdue.body.contains("已超期的草稿") && !overdue.body.contains("快到期的草稿"))
            // the reviewer's list of what waits for him
            let id = try await desk.draft("等待初审", body: "正文")
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            #expect(try await desk.reviewer.get("/console/publications?tab=awaiting_me").body.contains("等待初审"))
            #expect(!(try await desk.secrecy.get("/console/publications?tab=awaiting_me").body.contains("等待初审")))
        }
    }
}
