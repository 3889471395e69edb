import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Standard catalogues: CSV import with preview, all or nothing; compliance")
struct CatalogueImportTests {
    static let header = "序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"

    @Test func aFileWithErrorsImportsNothingAndNamesTheLines() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let csv = Self.header + """
                1,财政预决算,部门预算,收支总表,《预算法》,每年,县教育局,政府网站,全社会,主动,县级
                2,财政预决算,部门决算,收支总表,《预算法》,,县教育局,政府网站,全社会,主动,县级
                3,,三公经费,,《预算法》,每年,,政府网站,全社会,主动,县级

                """
            try await desk.publisher.get("/console/catalogue/import")
            let page = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [("agency_id", String(desk.bureauID)), ("domain", "财政预决算")],
                                                              files: [(field: "file", filename: "目录.csv", content: csv)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("第 3 行：缺少公开时限"))
            #expect(page.body.contains("第 4 行：缺少公开主体"))
            #expect(!page.body.contains("确认导入"))
            #expect(try await CatalogueItem.query(on: app.db).count() == 0)
        }
    }

    @Test func aGoodFileIsPreviewedThenImportedWhole() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2024-05-06")
            let csv = Self.header + """
                1,财政预决算,部门预算,收支总表,《预算法》,每年,县教育局,政府网站,全社会,主动,县级
                2,义务教育,招生入学,招生计划,《义务教育法》,信息形成或者变更之日起20个工作日内,县教育局,政府网站,全社会,主动,县级

                """
            try await desk.publisher.get("/console/catalogue/import")
            let preview = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [("agency_id", String(desk.bureauID)), ("domain", "教育")],
                                                                 files: [(field: "file", filename: "目录.csv", content: csv)])
            #expect(preview.status == .ok)
            #expect(preview.body.contains("预览：2 个事项"))
            #expect(try await CatalogueItem.query(on: app.db).count() == 0)
            let payload = try #require(preview.body.range(of: "name=\"payload\" value=\"").map { r in
                String(preview.body[r.upperBound...].prefix(while: { $0 != "\"" }))
            })
            let done = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(desk.bureauID)), ("domain", "教育"), ("payload", payload), ("confirm", "1"),
            ])
            #expect(done.status == .seeOther)
            let items = try await CatalogueItem.query(on: app.db).sort(\.$sequence).all()
            #expect(items.map(\.itemL2) == ["部门预算", "招生入学"])
            #expect(items.allSatisfy { $0.domain == "教育" && $0.since == "2024-05-06" })
            // importing the same file again is refused as a whole
            let again = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(desk.bureauID)), ("domain", "教育"), ("payload", payload), ("confirm", "1"),
            ])
            #expect(again.status == .unprocessableEntity)
            #expect(try await CatalogueItem.query(on: app.db).count() == 2)
            // a publication fulfils an item; the public catalogue page shows where it stands
            let item = try items[1].requireID()
            try await desk.published("2024年秋季招生计划", body: "正文", fields: ["catalogue_item_id": [String(item)], "formed_on": ["2024-04-25"]])
            let portal = try await TestClient(app).get("/catalogues?agency=t-edu")
            #expect(portal.status == .ok)
            #expect(portal.body.contains("招生入学"))
            #expect(portal.body.contains("2024-05-06"))       // last published
            #expect(portal.body.contains("完成率"))
            let rows = try await CatalogueComplianceQuery.rows(agencyIDs: [desk.bureauID], asOf: "2024-05-06", calendar: WorkingDayCalendar(), on: app.db)
            #expect(rows.map(\.compliance.fulfilled) == [false, true])
            #expect(rows[0].compliance.nextDue == "2024-12-31")
        }
    }

    @Test func anotherAgencysPublisherCannotImport() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.publisher.get("/console/catalogue/import")
            let page = try await desk.publisher.postMultipart("/console/catalogue/import", fields: [
                ("agency_id", String(try desk.county.township.requireID())), ("domain", "x"),
            ], files: [(field: "file", filename: "a.csv", content: Self.header)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("请选择您可以发布信息的机构"))
        }
    }
}
