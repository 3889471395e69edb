import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Issue #11, cold review 11n: index codes, search by 文号, last pages, revisions and withdrawals")
struct PublicationColdReview11nTests {
    /// M2: a code that is another agency's code followed by "-" (or that another agency's code so
    /// extends) would render that agency's numbers: `TGOV-03` + `{agency}-{year}-{seq:5}` is the
    /// county's `{agency}-{category}-{year}-{seq:5}` for category 03.
    @Test(
        "codes that clash",
        arguments: [
            ("TGOV", "TGOV", true), ("TGOV-03", "TGOV", true), ("TGOV", "TGOV-03", true), ("TGOV-A-B", "TGOV-A", true),
            ("TGOVX", "TGOV", false), ("TGO", "TGOV", false), ("TEDU", "TGOV", false), ("TGOV3", "TGOV-3", false), ("", "TGOV", false),
        ] as [(String, String, Bool)])
    func codesClash(_ a: String, _ b: String, _ clash: Bool) {
        #expect(PublishingProfileService.codesClash(a, b) == clash, "\(a) / \(b)")
    }

    /// Saves an agency's publishing settings (code, template, the standard chain) as a system
    /// administrator signed in on the console.
    func profileSaver(_ app: Application, _ desk: PublicationDesk) async throws -> (Int, String, String) async throws -> TestClient.Page {
        try await desk.county.user("admin", [.systemAdministrator], on: app)
        let admin = TestClient(app)
        try await admin.signIn("admin", County.password)
        return { agencyID, code, template in
            let path = "/console/agencies/\(agencyID)/publishing"
            try await admin.get(path)
            let version = try await PublishingProfile.query(on: app.db).filter(\.$agency.$id == agencyID).first()?.version ?? 0
            return try await admin.post(
                path,
                form: [
                    ("version", String(version)), ("index_code", code), ("index_template", template),
                    ("review_steps", "preliminary,confidentiality,final"),
                ])
        }
    }

    @Test func anIndexCodeThatExtendsAnotherAgencysCodeIsRefused() async throws {
        try await withTestApp { app in
            // given
            let desk = try await PublicationDesk.make(app)
            let saveProfile = try await profileSaver(app, desk)
            func save(_ agencyID: Int, _ code: String) async throws -> TestClient.Page {
                try await saveProfile(agencyID, code, "{agency}-{year}-{seq:5}")
            }
            // when / then: the county government's default code is TGOV
            for code in ["TGOV-03", "tgov-03", "TGOV-X-1"] {
                let refused = try await save(desk.bureauID, code)
                #expect(refused.status == .unprocessableEntity, "\(code)")
                #expect(refused.body.contains("与“测试县人民政府”的代码 TGOV 仅以“-”相接"), "\(code): \(refused.body.prefix(300))")
            }
            #expect(try await PublishingProfile.query(on: app.db).count() == 0)
            // a code of its own, even one that begins with the same letters, is kept
            #expect(try await save(desk.bureauID, "TGOVEDU").status == .seeOther)
            #expect(try await save(desk.bureauID, "TEDU-A").status == .seeOther)
            // the other way round: the township cannot take the code the bureau's extends
            let township = try await save(try desk.county.township.requireID(), "TEDU")
            #expect(township.status == .unprocessableEntity)
            #expect(township.body.contains("“测试县教育局”的代码 TEDU-A"))
        }
    }

    /// Cold review 11o M1: a code of its own can still meet another agency's numbers through the
    /// template's fixed text — `T{agency}-…` with `GOV`, or `TGOV-{agency}-…` with `03`, both
    /// start like the county's `TGOV-…`. The rules' heads are compared.
    @Test func aTemplateWhoseFixedTextMeetsAnotherAgencysNumbersIsRefused() async throws {
        try await withTestApp { app in
            // given
            let desk = try await PublicationDesk.make(app)
            let saveProfile = try await profileSaver(app, desk)
            func save(_ code: String, _ template: String) async throws -> TestClient.Page {
                try await saveProfile(desk.bureauID, code, template)
            }
            // when / then
            let clashes = [
                ("GOV", "T{agency}-{category}-{year}-{seq:5}", "TGOV-"), ("03", "TGOV-{agency}-{year}-{seq:5}", "TGOV-03-"),
            ]
            for (code, template, head) in clashes {
                let refused = try await save(code, template)
                #expect(refused.status == .unprocessableEntity, "\(template)")
                #expect(refused.body.contains("以 \(head) 开头，与“测试县人民政府”的索引号（以 TGOV- 开头）会混同"), "\(refused.body.prefix(400))")
            }
            #expect(try await PublishingProfile.query(on: app.db).count() == 0)
            // fixed text that keeps the numbers apart is accepted
            #expect(try await save("EDU", "T{agency}-{category}-{year}-{seq:5}").status == .seeOther)
        }
    }

    /// M3: looking a document up by its 文号 alone lists it, newest first, with the same pager;
    /// no term and no 文号 says that a term is needed, on the page and in the API.
    @Test func aDocumentNumberAloneIsASearchAndNothingAtAllSaysSo() async throws {
        try await withTestApp { app in
            // given
            let desk = try await PublicationDesk.make(app, today: "2024-03-12")
            for (title, number, day) in [
                ("二〇一五年第一号通知", "测教〔2015〕1号", "2024-03-12"), ("二〇一五年第二号通知", "测教〔2015〕2号", "2024-03-13"),
                ("二〇一六年的通知", "测教〔2016〕3号", "2024-03-14"), ("二〇一五年的工作概况", "测政〔2015〕9号", "2024-03-15"),
                ("没有文号的动态", "", "2024-03-16"),
            ] {
                app.settings.fixedToday = CivilDate(iso: day)
                let category = title.hasSuffix("概况") ? "overview" : "catalogue"
                try await desk.published(title, body: "正文", fields: ["document_number": [number], "category": [category]])
            }
            let visitor = TestClient(app)
            func api(_ query: String) async throws -> [String: Any] {
                let res = try await visitor.get("/api/v1/publications/search?" + query)
                #expect(res.status == .ok, "\(query): \(res.body.prefix(300))")
                return try #require(try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any])
            }
            func titles(_ json: [String: Any]) -> [String] { (json["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String } }
            let number = "document_number=" + TestClient.encode("〔2015〕")

            // when / then: newest first, every item whose 文号 contains it
            var json = try await api(number)
            #expect(json["total"] as? Int == 3)
            #expect(titles(json) == ["二〇一五年的工作概况", "二〇一五年第二号通知", "二〇一五年第一号通知"])
            #expect(json["hint"] == nil)
            // with the other filters, and the same sort whichever is asked
            json = try await api(number + "&category=catalogue&sort=relevance")
            #expect(titles(json) == ["二〇一五年第二号通知", "二〇一五年第一号通知"])
            #expect(try await api(number + "&year=2023")["total"] as? Int == 0)
            // pages of one: page 2 is the second newest; past the last, the last
            json = try await api(number + "&limit=1&page=2")
            #expect(titles(json) == ["二〇一五年第二号通知"])
            json = try await api(number + "&limit=1&page=99")
            #expect(json["page"] as? Int == 3)
            #expect(titles(json) == ["二〇一五年第一号通知"])
            // a term and a 文号 still need both
            #expect(titles(try await api("q=" + TestClient.encode("第二号") + "&" + number)) == ["二〇一五年第二号通知"])
            // the page: the count and the hits
            let page = try await visitor.get("/search?" + number)
            #expect(page.body.contains("找到 3 条结果"))
            #expect(page.body.contains("二〇一五年第一号通知") && !page.body.contains("二〇一六年的通知"))

            // no term and no 文号: nothing searched, and said so
            for query in ["q=", "agency=t-edu", "q=" + TestClient.encode("《》 “”")] {
                json = try await api(query)
                #expect(json["total"] as? Int == 0, "\(query)")
                #expect((json["hint"] as? String)?.isEmpty == false, "\(query)")
                let shown = try await visitor.get("/search?" + query)
                #expect(shown.body.contains(query.hasPrefix("q=%") ? "只有标点符号" : "请输入检索词"), "\(query)")
                #expect(!shown.body.contains("找到 0 条结果"), "\(query)")
            }
            // the bare form asks nothing
            #expect(!(try await visitor.get("/search")).body.contains("请输入检索词。"))
        }
    }

    /// L1: a page past the last one with hits is that last page — in the search page, the search
    /// API and the catalogue — not the pager's cap (50) nor the page asked for.
    @Test func aPagePastTheLastIsTheLastWithHits() async throws {
        try await withTestApp { app in
            // given: five items, newest last
            let desk = try await PublicationDesk.make(app, today: "2024-03-12")
            for n in 1...5 {
                app.settings.fixedToday = CivilDate(year: 2024, month: 3, day: 11 + n)
                try await desk.published("第\(n)号工作动态", body: "工作动态正文")
            }
            let visitor = TestClient(app)
            let q = "q=" + TestClient.encode("工作动态")
            // when / then: the search API
            let res = try await visitor.get("/api/v1/publications/search?\(q)&limit=2&page=999")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any])
            #expect(json["page"] as? Int == 3)
            #expect((json["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["第1号工作动态"])
            // the search page
            let page = try await visitor.get("/search?\(q)&limit=2&page=999")
            #expect(page.body.contains("第 3 / 3 页"))
            #expect(page.body.contains("第1号<mark>工作动态</mark>"))
            #expect(page.body.contains("page=2"))  // 上一页 is a page with hits
            // nothing found: page 1
            let none = try await visitor.get("/api/v1/publications/search?q=" + TestClient.encode("没有的词") + "&page=7")
            #expect((try JSONSerialization.jsonObject(with: Data(none.body.utf8)) as? [String: Any])?["page"] as? Int == 1)
            // the catalogue's query and page
            let last = try await PortalListQuery(page: 999, pageSize: 2).run(today: "2024-03-20", on: app.db)
            #expect(last.page == 3)
            #expect(last.items.map(\.title) == ["第1号工作动态"])
            #expect(try await PortalListQuery(page: 2, pageSize: 2).run(today: "2024-03-20", on: app.db).page == 2)
            let catalogue = try await visitor.get("/publications?page=999")
            #expect(catalogue.body.contains("第5号工作动态") && catalogue.body.contains("第1号工作动态"))
        }
    }

    /// Saves a revision of a published item formed (changed) on `formedOn`.
    func revise(_ desk: PublicationDesk, _ id: Int, formedOn: String) async throws {
        var fields = Dictionary(
            uniqueKeysWithValues: PublicationDesk.form(
                title: "修订后的标题", body: "修订后的正文", agencyID: desk.bureauID,
                formedOn: formedOn
            )
            .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
        fields["change_note"] = ["更正数据"]
        fields["version"] = [String(try await desk.version(id))]
        try await PublicationService.update(
            id: id, fields: FormFields(fields), staff: try await desk.principal("pub"), actor: .system,
            context: try await desk.app.publicationContext(), on: desk.app.db)
    }

    /// L3: the row of an item with a revision under way shows the revision's 信息形成（变更）日期,
    /// the date its due date counts from — not the public version's.
    @Test func aRevisionsRowShowsTheRevisionsFormedDate() async throws {
        try await withTestApp { app in
            // given: published 2024-03-12 (formed 03-11); a revision formed 04-01 is due 04-29
            let desk = try await PublicationDesk.make(app, today: "2024-03-12")
            let id = try await desk.published("县教育局招生简章", body: "正文").requireID()
            app.settings.fixedToday = "2024-04-02"
            try await revise(desk, id, formedOn: "2024-04-01")
            app.settings.fixedToday = "2024-05-06"
            // when
            let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "pub").first())
            let api = TestClient(app)
            api.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            let res = try await api.api(.GET, "/api/v1/publications?tab=overdue")
            // then
            let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as? [String: Any])
            let row = try #require((json["publications"] as? [[String: Any]])?.first, "\(res.body.prefix(400))")
            #expect(row["due_on"] as? String == "2024-04-29")
            #expect(row["formed_on"] as? String == "2024-04-01")
            let page = try await desk.publisher.get("/console/publications?tab=overdue")
            #expect(page.body.contains("2024-04-01") && page.body.contains("2024-04-29"))
            #expect(!page.body.contains("2024-03-11"))
        }
    }

    /// L4: a 信息形成（变更）日期 or 成文日期 before 1949-10-01 is a mistyped year, refused with a
    /// message; an old real date (2014, before the holiday calendar) is kept.
    @Test(
        "dates before the People's Republic",
        arguments: [("0001-01-01", false), ("1900-01-01", false), ("1949-09-30", false), ("1949-10-01", true), ("2014-10-20", true)])
    func formedDatesBeforeTheRepublicAreRefused(_ day: String, _ accepted: Bool) async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.publisher.get("/console/publications/new")
            let page = try await desk.publisher.post(
                "/console/publications",
                form: PublicationDesk.form(title: "历史文件", body: "正文", agencyID: desk.bureauID, formedOn: day))
            #expect(page.status == (accepted ? .seeOther : .unprocessableEntity), "\(day)")
            if !accepted {
                #expect(page.body.contains("信息形成（变更）日期不能早于 1949-10-01"))
                #expect(page.body.contains("成文日期不能早于 1949-10-01"))
            }
            #expect(try await Publication.query(on: app.db).count() == (accepted ? 1 : 0))
        }
    }

    /// Cold review 11o L6: 施行日期 and 有效期至 have the same floor as the other dates (0001-01-01
    /// made a normative document “in force” or “expired” by a typing slip).
    @Test(arguments: [("effective_on", "施行日期"), ("valid_until", "有效期至")])
    func normativeDatesBeforeTheRepublicAreRefused(_ field: String, _ label: String) throws {
        var values = [
            "title": "规范性文件", "body": "正文", "formed_on": "2024-03-11", "category": "catalogue", "genre": "notice",
            "subject": "scienceEducation", "disclosure": "proactive", "normative_kind": NormativeKind.normativeDocument.rawValue,
            "document_number": "测教规〔2024〕1号", "effective_on": "2024-04-01",
        ]
        values[field] = "0001-01-01"
        #expect {
            try PublicationInput.parse(FormFields(values.mapValues { [$0] }), today: CivilDate(year: 2024, month: 3, day: 12)!)
        } throws: { error in
            (error as? AppError)?.fields[field] == "\(label)不能早于 1949-10-01（中华人民共和国成立），请核对年份"
        }
    }

    /// L5: a publisher may withdraw an item while its revision is in review (an urgent takedown);
    /// the revision is returned with “原信息已撤回” in the same transaction, and its review ends.
    @Test func aWithdrawalClosesTheRevisionInReview() async throws {
        try await withTestApp { app in
            // given: a published item whose revision passed 初审 and waits for 保密审查
            let desk = try await PublicationDesk.make(app, today: "2024-03-12")
            let id = try await desk.published("县教育局招生简章", body: "正文").requireID()
            try await revise(desk, id, formedOn: "2024-03-12")
            #expect(try await desk.step(desk.publisher, id, door: "actions", "submit").status == .seeOther)
            #expect(try await desk.step(desk.reviewer, id, door: "review", "pass").status == .seeOther)
            #expect(try await desk.publication(id).revisionState == .inReview)
            let console = try await desk.publisher.get("/console/publications/\(id)")
            #expect(console.body.contains("修订稿正在审核中：撤回后，修订稿以“原信息已撤回”退回"))
            // when
            let withdrawn = try await desk.step(desk.publisher, id, door: "actions", "withdraw", [("reason", "发现涉密内容")])
            // then
            #expect(withdrawn.status == .seeOther, "\(withdrawn.body.prefix(400))")
            let p = try await desk.publication(id)
            #expect(p.status == .withdrawn && p.revisionState == .none && p.revisionJSON == nil)
            #expect(p.title == "县教育局招生简章")  // the public version, never the revision
            let events = try await PublicationEvent.query(on: app.db).filter(\.$publication.$id == id).sort(\.$id).all()
            #expect(events.suffix(2).map(\.kind) == [.returned, .withdrawn])
            #expect(events.suffix(2).first?.summary.contains("原信息已撤回") == true)
            // the review is over: 保密审查 cannot pass it now
            let late = try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass")
            #expect(late.status == .unprocessableEntity)
            #expect(try await desk.publication(id).status == .withdrawn)
            let portal = try await TestClient(app).get("/publications/\(id)")
            #expect(portal.body.contains("发现涉密内容") && !portal.body.contains("修订后的正文"))
        }
    }
}
