import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Agencies: tree, validation, concurrent edits, import")
struct AgencyTests {
    @Test func treeQueriesFollowTheHierarchy() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), edu = try county.bureau.requireID(), town = try county.township.requireID()
            let school = try await AgencyService.create(
                AgencyFields(code: "t-school", name: "测试县第一中学", shortName: "一中", kind: .other, creditCode: nil),
                parentID: edu, by: .system, on: app.db)
            let schoolID = try school.requireID()
            #expect(try await AgencyTree.subtreeIDs(of: [gov], on: app.db) == [gov, edu, town, schoolID].sorted())
            #expect(try await AgencyTree.subtreeIDs(of: [edu], on: app.db) == [edu, schoolID])
            #expect(try await AgencyTree.ancestry(of: schoolID, on: app.db).map(\.code) == ["t-gov", "t-edu", "t-school"])
            #expect(try await AgencyTree.wouldCreateCycle(moving: edu, under: schoolID, on: app.db))
            #expect(try await !AgencyTree.wouldCreateCycle(moving: town, under: edu, on: app.db))
            let outline = try await AgencyTree.outline(of: [gov], on: app.db)
            #expect(outline.map(\.agency.code) == ["t-gov", "t-edu", "t-school", "t-town"])
            #expect(outline.map(\.depth) == [0, 1, 2, 1])
            // moving a bureau under its own school is refused
            await #expect(throws: AppError.self) {
                try await AgencyService.update(edu, county.bureau.fields, parentID: schoolID, expectedVersion: 1, by: .system, on: app.db)
            }
        }
    }

    @Test func aSupervisorSeesOnlyItsSubtree() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("edu.supervisor", [.supervisor], in: county.bureau, on: app)
            let browser = TestClient(app)
            try await browser.signIn("edu.supervisor", County.password)
            let page = try await browser.get("/console/agencies")
            #expect(page.body.contains("测试县教育局"))
            #expect(!page.body.contains("测试县城关镇人民政府"))
            #expect(!page.body.contains(">修改<"), "a supervisor only reads")
        }
    }

    @Test func badInputGetsPreciseChineseMessagesAndNothingIsWritten() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.c", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("admin.c", County.password)
            try await browser.get("/console/agencies/new")
            let before = try await Agency.query(on: app.db).count()
            let page = try await browser.post("/console/agencies", form: [
                ("name", ""), ("code", "Bad Code!"), ("kind", "department"), ("parent_id", "\(try county.government.requireID())"),
                ("credit_code", "91330100799655058C"), ("contact_email", "not-an-email")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("请填写机构名称"))
            #expect(page.body.contains("机构代号应为 2–40 位小写字母、数字或连字符"))
            #expect(page.body.contains("统一社会信用代码校验位错误：最后一位应为“B”，实际为“C”"))
            #expect(page.body.contains("电子邮箱格式不正确"))
            #expect(page.body.contains("value=\"Bad Code!\"") || page.body.contains("value=\"bad code!\""), "what was typed is kept")
            #expect(try await Agency.query(on: app.db).count() == before)
            // a duplicate code names the agency that has it
            let duplicate = try await browser.post("/console/agencies", form: [
                ("name", "另一个教育局"), ("code", "t-edu"), ("kind", "department"), ("parent_id", "\(try county.government.requireID())")])
            #expect(duplicate.body.contains("机构代号“t-edu”已被“测试县教育局”使用"))
        }
    }

    @Test func theSecondOfTwoConcurrentEditsIsRefusedAndTheFirstKept() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("admin.d", [.systemAdministrator], on: app)
            try await county.user("admin.e", [.systemAdministrator], on: app)
            let first = TestClient(app), second = TestClient(app)
            try await first.signIn("admin.d", County.password)
            try await second.signIn("admin.e", County.password)
            let id = try county.bureau.requireID(), parent = "\(try county.government.requireID())"
            // both open the form at version 1
            try await first.get("/console/agencies/\(id)/edit")
            try await second.get("/console/agencies/\(id)/edit")
            let saved = try await first.post("/console/agencies/\(id)", form: [
                ("version", "1"), ("name", "测试县教育局"), ("code", "t-edu"), ("kind", "department"), ("parent_id", parent), ("phone", "0999-1111111")])
            #expect(saved.status == .seeOther)
            let refused = try await second.post("/console/agencies/\(id)", form: [
                ("version", "1"), ("name", "测试县教育局"), ("code", "t-edu"), ("kind", "department"), ("parent_id", parent), ("phone", "0999-2222222")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("已被他人修改，您的修改未保存"))
            #expect(refused.body.contains("0999-2222222"), "the refused edit is shown back, not lost")
            let stored = try await Agency.find(id, on: app.db)!
            #expect(stored.phone == "0999-1111111")
            #expect(stored.version == 2)
        }
    }

    @Test func csvImportIsAllOrNothing() async throws {
        try await withTestApp { app in
            _ = try await County.make(on: app)
            let good = """
                code,name,kind,parent_code,credit_code,phone
                t-mzj,测试县民政局,政府部门,t-gov,,0999-3000001
                t-mzj-jz,测试县救助站,other,t-mzj,,
                """
            let created = try await AgencyImportService.importCSV(good, by: .commandLine("test"), on: app.db)
            #expect(created.map(\.code) == ["t-mzj", "t-mzj-jz"])
            let bad = """
                code,name,kind,parent_code
                t-czj,测试县财政局,department,t-gov
                t-x,"名称, 含逗号",department,t-nowhere
                """
            let error = await #expect(throws: AgencyImportService.Problem.self) {
                try await AgencyImportService.importCSV(bad, by: .commandLine("test"), on: app.db)
            }
            #expect(error?.description == "第 3 行：上级机构“t-nowhere”不存在（上级须已在系统中或在文件前面的行中）")
            #expect(try await Agency.query(on: app.db).filter(\.$code == "t-czj").count() == 0, "line 2 was rolled back")
            let wrongKind = await #expect(throws: AgencyImportService.Problem.self) {
                try await AgencyImportService.importCSV("code,name,kind\nt-y,某局,bureau", by: .system, on: app.db)
            }
            #expect(wrongKind?.line == 2)
            let badHeader = await #expect(throws: AgencyImportService.Problem.self) {
                try await AgencyImportService.importCSV("code,name\nt-z,某局", by: .system, on: app.db)
            }
            #expect(badHeader?.description == "第 1 行：缺少必需的列“kind”（必需列：code、name、kind）")
        }
    }

    @Test func theAPIReportsErrorsAsStructuredJSON() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("api.admin", [.systemAdministrator], on: app)
            let client = TestClient(app)
            client.bearer = try await APITokenService.create(name: "t", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            // created
            let created = try await client.api(.POST, "/api/v1/agencies", json: [
                "code": "t-api", "name": "接口新建局", "kind": "department", "parent_id": "\(try county.government.requireID())"])
            #expect(created.status == .badRequest, "parent_id must be a number")
            struct Input: Encodable { let code: String; let name: String; let kind: String; let parentId: Int; var version: Int? }
            let ok = try await client.api(.POST, "/api/v1/agencies", json: Input(code: "t-api", name: "接口新建局", kind: "department",
                                                                               parentId: try county.government.requireID()))
            #expect(ok.status == .created)
            let agency = try ok.json(AgencyDTO.self)
            #expect(agency.version == 1)
            // validation
            let invalid = try await client.api(.POST, "/api/v1/agencies", json: Input(code: "t-api", name: "", kind: "department",
                                                                                    parentId: try county.government.requireID()))
            #expect(invalid.status == .unprocessableEntity)
            let body = try invalid.json(APIErrorBody.self)
            #expect(body.error.code == "validation_failed")
            #expect(body.error.fields?["name"] == "请填写机构名称")
            #expect(body.error.fields?["code"] == "机构代号“t-api”已被“接口新建局”使用")
            // optimistic locking
            let stale = Input(code: "t-api", name: "改名局", kind: "department", parentId: try county.government.requireID(), version: 7)
            let conflict = try await client.api(.PUT, "/api/v1/agencies/\(agency.id)", json: stale)
            #expect(conflict.status == .conflict)
            #expect(try conflict.json(APIErrorBody.self).error.code == "edit_conflict")
            // no token, bad token
            client.bearer = nil
            let anonymous = try await client.api(.GET, "/api/v1/agencies")
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json(APIErrorBody.self).error.message == "请先登录")
            client.bearer = "gk_nonsense"
            #expect(try await client.api(.GET, "/api/v1/agencies").status == .unauthorized)
            client.bearer = nil
            let missing = try await client.api(.GET, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(try missing.json(APIErrorBody.self).error.code == "not_found")
        }
    }
}
