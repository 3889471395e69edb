import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Removing a publication's files (issue #11): what was never public goes at once; a public
/// file goes with the revision that removes it and stays public until the revision passes.
@Suite("Publication attachments: removal, with the revision when public")
struct PublicationAttachmentRemovalTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32))

    func attach(_ desk: PublicationDesk, _ name: String, _ data: Data = Self.pdf, to id: Int) async throws -> Int {
        try await PublicationService.attach(filename: name, data: data, to: id, staff: try await desk.principal("pub"), actor: .system,
                                            on: desk.app.db).requireID()
    }

    func file(_ desk: PublicationDesk, _ fileID: Int) async throws -> PublicationAttachment? {
        try await PublicationAttachment.find(fileID, on: desk.app.db)
    }

    func events(_ desk: PublicationDesk, _ id: Int) async throws -> [PublicationEvent] {
        try await PublicationEvent.query(on: desk.app.db).filter(\.$publication.$id == id).sort(\.$id).all()
    }

    func audit(_ desk: PublicationDesk, _ kind: PublicationEventKind, _ id: Int) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: desk.app.db).filter(\.$action == AuditAction.publication(kind).code)
            .filter(\.$entityID == String(id)).all()
    }

    /// Saves a revision of a published item with the given body.
    func revise(_ desk: PublicationDesk, _ id: Int, title: String, body: String) async throws {
        var fields = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: title, body: body, agencyID: desk.bureauID)
            .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
        fields["change_note"] = ["删去过期的附件"]
        fields["version"] = [String(try await desk.version(id))]
        try await PublicationService.update(id: id, fields: FormFields(fields), staff: try await desk.principal("pub"), actor: .system,
                                            context: try await desk.app.publicationContext(), on: desk.app.db)
    }

    @Test func aDraftsFileIsDeletedAtOnceWithItsHistoryAndAuditEntries() async throws {
        try await withTestApp { app in
            // given a draft with a file
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("附件删除测试", body: "正文")
            let fileID = try await attach(desk, "旧表格.pdf", to: id)
            let page = try await desk.publisher.get("/console/publications/\(id)")
            #expect(page.body.contains("/console/publications/\(id)/attachments/\(fileID)/remove"))
            let seen = try await desk.version(id)
            // when the publisher removes it through the console's form
            let removed = try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/remove")
            // then it is gone, and the history and the audit log say so
            #expect(removed.status == .seeOther)
            #expect(try await file(desk, fileID) == nil)
            let last = try #require(try await events(desk, id).last)
            #expect(last.kind == .attachmentRemoved)
            #expect(last.summary.contains("旧表格.pdf"))
            let entries = try await audit(desk, .attachmentRemoved, id)
            #expect(entries.count == 1)
            #expect(entries.first?.summary.contains("删除附件 旧表格.pdf") == true)
            // the page no longer lists it (its history still names it)
            #expect(!(try await desk.publisher.get("/console/publications/\(id)").body.contains("/console/publications/\(id)/attachments/\(fileID)\"")))
            // a submission from a page read before the removal is a conflict: the item changed
            let stale = try await desk.publisher.post("/console/publications/\(id)/actions", form: [("action", "submit"), ("version", String(seen))])
            #expect(stale.status == .conflict)
            #expect(try await desk.publication(id).status == .draft)
            // a second removal finds nothing
            #expect(try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/remove").status == .notFound)
        }
    }

    @Test func aFileAddedWithTheRevisionIsDeletedAtOnce() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.published("修订附件测试", body: "正文").requireID()
            // given a file uploaded to the published item: it waits for the revision, not public
            let fileID = try await attach(desk, "新附件.pdf", to: id)
            #expect(try await file(desk, fileID)?.pending == true)
            // when it is removed
            let removal = try await PublicationService.removeAttachment(fileID, of: id, staff: try await desk.principal("pub"), actor: .system,
                                                                        on: app.db)
            // then it is deleted, not marked: the public never saw it
            #expect(removal == .deleted)
            #expect(try await file(desk, fileID) == nil)
            #expect(try await audit(desk, .attachmentRemoved, id).count == 1)
        }
    }

    @Test func aPublicFileGoesWhenTheRevisionPassesAndIsPublicUntilThen() async throws {
        try await withTestApp { app in
            // given a published item with a public file, and its revision
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("公开附件删除测试", body: "第一版正文")
            let fileID = try await attach(desk, "过期名单.pdf", to: id)
            let keptID = try await attach(desk, "保留的附件.pdf", to: id)
            try await desk.publish(id)
            try await revise(desk, id, title: "公开附件删除测试", body: "第二版正文")
            let visitor = TestClient(app)
            #expect(try await visitor.get("/publications/\(id)").body.contains("过期名单.pdf"))
            // when the publisher removes the public file through the console
            let marked = try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/remove")
            #expect(marked.status == .seeOther)
            // then it is only marked: still public, the console says it goes with the revision
            #expect(try await file(desk, fileID)?.removalPending == true)
            #expect(try await visitor.get("/publications/\(id)").body.contains("过期名单.pdf"))
            #expect(try await visitor.get("/publications/\(id)/attachments/\(fileID)").status == .ok)
            let console = try await desk.publisher.get("/console/publications/\(id)")
            #expect(console.body.contains("随修订稿删除"))
            #expect(console.body.contains("在修订稿提交并通过审核后生效"), "the publisher is told the file stays public until then")
            #expect(console.body.contains("/console/publications/\(id)/attachments/\(fileID)/keep"))
            #expect(try await events(desk, id).last?.kind == .attachmentRemovalMarked)
            #expect(try await audit(desk, .attachmentRemovalMarked, id).count == 1)
            // and marking it twice is refused
            #expect(try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/remove").status == .unprocessableEntity)
            // when the revision passes the chain
            try await desk.step(desk.publisher, id, door: "actions", "submit")
            // (in review nothing about the files may change)
            #expect(try await desk.publisher.post("/console/publications/\(id)/attachments/\(keptID)/remove").status == .unprocessableEntity)
            try await desk.step(desk.reviewer, id, door: "review", "pass")
            try await desk.step(desk.secrecy, id, door: "confidentiality-review", "pass")
            #expect(try await visitor.get("/publications/\(id)/attachments/\(fileID)").status == .ok)
            try await desk.step(desk.head, id, door: "review", "pass")
            // then the file is deleted with it: not listed on the new version's page, not served
            #expect(try await file(desk, fileID) == nil)
            let page = try await visitor.get("/publications/\(id)")
            #expect(page.body.contains("第二版正文"))
            #expect(!page.body.contains("过期名单.pdf"))
            #expect(page.body.contains("保留的附件.pdf"))
            #expect(try await visitor.get("/publications/\(id)/attachments/\(fileID)").status == .notFound)
            #expect(try await visitor.get("/publications/\(id)/attachments/\(keptID)").status == .ok)
            let revised = try #require(try await events(desk, id).last)
            #expect(revised.kind == .revised)
            #expect(revised.summary.contains("删除附件 过期名单.pdf"))
        }
    }

    @Test func aMarkIsTakenBackWhileTheRevisionIsADraft() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("保留附件测试", body: "第一版正文")
            let fileID = try await attach(desk, "通知原件.pdf", to: id)
            try await desk.publish(id)
            try await revise(desk, id, title: "保留附件测试", body: "第二版正文")
            try await desk.publisher.get("/console/publications/\(id)")
            #expect(try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/remove").status == .seeOther)
            // when the publisher keeps it (保留)
            let kept = try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/keep")
            // then it is no longer marked, with its history and audit entries
            #expect(kept.status == .seeOther)
            #expect(try await file(desk, fileID)?.removalPending == false)
            #expect(try await events(desk, id).last?.kind == .attachmentKept)
            #expect(try await audit(desk, .attachmentKept, id).count == 1)
            // keeping what is not marked is refused
            #expect(try await desk.publisher.post("/console/publications/\(id)/attachments/\(fileID)/keep").status == .unprocessableEntity)
            // and the revision passes with the file still there
            try await desk.publish(id)
            #expect(try await file(desk, fileID) != nil)
            #expect(try await TestClient(app).get("/publications/\(id)").body.contains("通知原件.pdf"))
        }
    }

    @Test func anImageTheBodyShowsCannotBeRemoved() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("图片引用测试", body: "正文")
            let imageID = try await attach(desk, "示意图.png", Self.png, to: id)
            // given the draft's body shows the image
            try await desk.publisher.get("/console/publications/\(id)/edit")
            let body = "<p>见下图</p><img src=\"attachment:\(imageID)\" alt=\"示意图\">"
            var form = PublicationDesk.form(title: "图片引用测试", body: body, agencyID: desk.bureauID)
            form.append(("version", String(try await desk.version(id))))
            #expect(try await desk.publisher.post("/console/publications/\(id)", form: form).status == .seeOther)
            #expect(try await desk.publication(id).bodyHTML.contains("/publications/\(id)/attachments/\(imageID)"))
            // when it is removed, through the console and through the service
            let refused = try await desk.publisher.post("/console/publications/\(id)/attachments/\(imageID)/remove")
            // then it is refused with the reason, and kept
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("正文引用了该图片，请先从正文中删去"))
            #expect(try await file(desk, imageID) != nil)
            // once published, a revision's body that still shows it keeps it too
            try await desk.publish(id)
            try await revise(desk, id, title: "图片引用测试", body: body)
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.removeAttachment(imageID, of: id, staff: try await desk.principal("pub"), actor: .system, on: app.db)
            }
            #expect(error?.status == .unprocessableEntity)
            #expect(error?.message == "正文引用了该图片，请先从正文中删去")
            // and a revision without the image lets it go (marked: it is public until then)
            try await revise(desk, id, title: "图片引用测试", body: "<p>图已删去</p>")
            #expect(try await PublicationService.removeAttachment(imageID, of: id, staff: try await desk.principal("pub"), actor: .system,
                                                                   on: app.db) == .markedForRevision)
            // and a marked image can no longer be put back in the revision's body
            var again = PublicationDesk.form(title: "图片引用测试", body: body, agencyID: desk.bureauID)
            again.append(("change_note", "恢复示意图"))
            again.append(("version", String(try await desk.version(id))))
            try await desk.publisher.get("/console/publications/\(id)/edit")
            #expect(try await desk.publisher.post("/console/publications/\(id)", form: again).status == .seeOther)
            #expect(try await desk.publication(id).revision?.bodyHTML.contains("/attachments/\(imageID)") == false)
        }
    }

    /// Review of issue #11 (LOW): a file the body links to (a link, not an image) was removed,
    /// leaving a dead link on the published page.
    @Test func aFileTheBodyLinksToCannotBeRemoved() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("链接引用测试", body: "正文")
            let fileID = try await attach(desk, "名单.pdf", to: id)
            // given the draft's body links to the file by its address
            try await desk.publisher.get("/console/publications/\(id)/edit")
            let body = "<p>详见<a href=\"/publications/\(id)/attachments/\(fileID)\">名单</a></p>"
            var form = PublicationDesk.form(title: "链接引用测试", body: body, agencyID: desk.bureauID)
            form.append(("version", String(try await desk.version(id))))
            #expect(try await desk.publisher.post("/console/publications/\(id)", form: form).status == .seeOther)
            #expect(try await desk.publication(id).bodyHTML.contains("/publications/\(id)/attachments/\(fileID)"))
            // when it is removed, it is refused with the reason, and kept
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.removeAttachment(fileID, of: id, staff: try await desk.principal("pub"), actor: .system, on: app.db)
            }
            #expect(error?.status == .unprocessableEntity)
            #expect(error?.message == "正文链接了该附件，请先从正文中删去链接")
            #expect(try await file(desk, fileID) != nil)
        }
    }

    @Test func anotherAgencysPublisherIsRefused() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("pub.town", [.publisher], in: desk.county.township, on: app)
            try await desk.county.user("rev.bureau", [.reviewer], in: desk.county.bureau, on: app)
            let id = try await desk.draft("权限测试", body: "正文")
            let fileID = try await attach(desk, "附件.pdf", to: id)
            // the township's publisher, through the service and the console
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.removeAttachment(fileID, of: id, staff: try await desk.principal("pub.town"), actor: .system, on: app.db)
            }
            #expect(error?.status == .forbidden)
            let town = TestClient(app)
            try await town.signIn("pub.town", County.password)
            try await town.get("/console")
            #expect(try await town.post("/console/publications/\(id)/attachments/\(fileID)/remove").status == .forbidden)
            // a reviewer of the bureau (no 发布 permission)
            let reviewer = TestClient(app)
            try await reviewer.signIn("rev.bureau", County.password)
            try await reviewer.get("/console")
            #expect(try await reviewer.post("/console/publications/\(id)/attachments/\(fileID)/remove").status == .forbidden)
            // nothing happened
            #expect(try await file(desk, fileID) != nil)
            #expect(try await audit(desk, .attachmentRemoved, id).isEmpty)
        }
    }

    /// The API's door calls the same service: a public file is marked (`removal_pending`), kept
    /// back with `…/keep`, and a referenced image is a structured 422.
    @Test func theAPIRemovesAndKeepsThroughTheSameService() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("接口删除附件", body: "正文")
            let fileID = try await attach(desk, "接口附件.pdf", to: id)
            let draftFileID = try await attach(desk, "草稿附件.pdf", to: id)
            let api = TestClient(app)
            let user = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "pub").first())
            api.bearer = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db).1
            // a draft's file: deleted
            let deleted = try await api.api(.DELETE, "/api/v1/publications/\(id)/attachments/\(draftFileID)")
            #expect(deleted.status == .ok)
            #expect(try await file(desk, draftFileID) == nil)
            // a public file: marked, shown in the answer
            try await desk.publish(id)
            try await revise(desk, id, title: "接口删除附件", body: "新正文")
            let marked = try await api.api(.DELETE, "/api/v1/publications/\(id)/attachments/\(fileID)")
            #expect(marked.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(marked.body.utf8)) as? [String: Any])
            let files = try #require(object["attachments"] as? [[String: Any]])
            #expect(files.count == 1)
            #expect(files.first?["removal_pending"] as? Bool == true)
            let again = try await api.api(.DELETE, "/api/v1/publications/\(id)/attachments/\(fileID)")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("\"code\""))
            let kept = try await api.api(.POST, "/api/v1/publications/\(id)/attachments/\(fileID)/keep")
            #expect(kept.status == .ok)
            #expect(try await file(desk, fileID)?.removalPending == false)
            #expect(try await api.api(.DELETE, "/api/v1/publications/\(id)/attachments/999999").status == .notFound)
        }
    }

    /// SQLite may give a deleted file's number to the next upload (no AUTOINCREMENT): a cache
    /// holding the removed file must not be told it is current when it revalidates (#11 review).
    /// The validator names the upload, not only the number and size.
    @Test func aCacheHoldingARemovedFileIsNotToldItIsCurrent() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("地址复用", body: "第一版")
            let oldID = try await attach(desk, "旧名单.pdf", to: id)
            try await desk.publish(id)
            let visitor = TestClient(app)
            let etag = try #require(try await visitor.get("/publications/\(id)/attachments/\(oldID)").headers.first(name: .eTag))
            // the revision removes the file and passes; the next adds a corrected file of the same size
            try await revise(desk, id, title: "地址复用", body: "第二版")
            _ = try await PublicationService.removeAttachment(oldID, of: id, staff: try await desk.principal("pub"), actor: .system, on: app.db)
            try await desk.publish(id)
            try await revise(desk, id, title: "地址复用", body: "第三版")
            try await Task.sleep(for: .milliseconds(5))
            let corrected = Data(Self.pdf.map { $0 == UInt8(ascii: "1") ? UInt8(ascii: "2") : $0 })
            let newID = try await attach(desk, "新名单.pdf", corrected, to: id)
            try await desk.publish(id)
            // then the removed file's validator never matches what the address serves now
            let revalidated = try await visitor.get("/publications/\(id)/attachments/\(oldID)", headers: ["If-None-Match": etag])
            #expect(revalidated.status != .notModified, "file \(newID) at the removed file's address \(oldID) validated its old ETag")
        }
    }

    /// Review of issue #11 (HIGH): SQLite handed the removed file's number to the next upload, so
    /// the removed file's address served another file. The number is never given out again.
    @Test func aRemovedFilesNumberAndAddressAreNeverGivenToAnotherFile() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("编号不复用", body: "正文")
            _ = try await attach(desk, "附件一.pdf", to: id)
            let newest = try await attach(desk, "附件二.pdf", to: id)
            // when the newest file of the whole table is removed
            _ = try await PublicationService.removeAttachment(newest, of: id, staff: try await desk.principal("pub"), actor: .system, on: app.db)
            #expect(try await file(desk, newest) == nil)
            // then the next upload gets a number of its own
            let next = try await attach(desk, "附件三.pdf", to: id)
            #expect(next > newest, "the removed file's number \(newest) was given to file \(next)")
            try await desk.publish(id)
            #expect(try await TestClient(app).get("/publications/\(id)/attachments/\(newest)").status == .notFound)
        }
    }
}
