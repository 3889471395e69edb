import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// Imports of exports from elsewhere: the console's job page, row errors, idempotent re-imports.
@Suite("政民互动: imports")
struct MessageImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GongkaiCoreTests/Fixtures/messages")

    /// Uploads raw bytes as the console's form does (multipart, with the CSRF token).
    static func upload(_ client: TestClient, agencyID: Int, filename: String, bytes: [UInt8]) async throws -> TestClient.Page {
        try await client.get("/console/messages/imports")
        let boundary = "gongkai-import-boundary"
        var body = ByteBuffer()
        for (name, value) in [("_csrf", client.csrfToken ?? ""), ("agency_id", String(agencyID))] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await client.sendRaw(.POST, "/console/messages/imports", headers: headers, body: body)
    }

    static func jobID(_ page: TestClient.Page) throws -> Int {
        let location = try #require(page.location)
        return try #require(Int(location.split(separator: "/").last ?? ""))
    }

    static func officer(_ app: Application) async throws -> (County, TestClient) {
        app.settings.fixedToday = "2024-06-01"
        let county = try await County.make(on: app)
        try await county.user("officer", [.caseOfficer], on: app)
        let client = TestClient(app)
        try await client.signIn("officer", County.password)
        return (county, client)
    }

    @Test func aGBKFileWithAQuotedNewlineImportsAndReimportingUpdatesWithoutDuplicates() async throws {
        try await withTestApp { app in
            let (county, officer) = try await Self.officer(app)
            let agencyID = try county.government.requireID()
            // when the GBK export is uploaded, checked, and imported all or nothing
            let gbk = try Data(contentsOf: Self.fixtures.appendingPathComponent("hotline-gbk.csv"))
            let uploaded = try await Self.upload(officer, agencyID: agencyID, filename: "12345导出.csv", bytes: [UInt8](gbk))
            #expect(uploaded.status == .seeOther, "\(uploaded.body.prefix(300))")
            let job = try Self.jobID(uploaded)
            await app.messageImportProgress.wait(job)
            let checked = try await officer.get("/console/messages/imports/\(job)")
            #expect(checked.body.contains("GBK（GB18030）"))
            #expect(checked.body.contains("共 3 行：正确 3 行（其中 0 行的工单编号已导入过，将按新文件更新），错误 0 行。"))
            #expect(checked.headers.first(name: "Refresh") == nil)
            let run = try await officer.post("/console/messages/imports/\(job)/run", form: [("mode", "all_or_nothing")])
            #expect(run.status == .seeOther)
            await app.messageImportProgress.wait(job)
            let done = try await officer.get("/console/messages/imports/\(job)")
            #expect(done.body.contains("已导入：新增 3 条，更新 0 条。"), "\(done.body)")
            // then the rows are there, the quoted line break kept, the year taken in Beijing time
            let rows = try await PublicMessage.query(on: app.db).filter(\.$agency.$id == agencyID).sort(\.$sourceID).all()
            #expect(rows.map(\.sourceID) == ["RX2023000001", "RX2023000002", "RX2023000003"])
            #expect(rows[1].content == "夜间施工噪音，\n请尽快处理，\"谢谢\"")
            #expect(rows[1].receivedOn == "2023-12-31" && rows[1].completedOn == "2024-01-03")
            #expect(rows[0].satisfaction == .satisfied && rows[0].ratingSource == .imported)
            #expect(rows[2].status == .accepted && rows[2].completedOn == nil)
            #expect(rows[0].dueOn == "2023-10-24" && rows[0].onTime == true && rows[0].handlingDays == 1)
            // a second run of the same job is refused
            #expect(try await officer.post("/console/messages/imports/\(job)/run", form: [("mode", "all_or_nothing")]).status == .unprocessableEntity)
            // when the same export comes again as UTF-8 with a BOM, with one row now completed
            var utf8 = try String(contentsOf: Self.fixtures.appendingPathComponent("hotline-utf8-bom.csv"), encoding: .utf8)
            utf8 = utf8.replacingOccurrences(of: "灵活就业人员如何缴纳养老保险,县人社局,,,", with: "灵活就业人员如何缴纳养老保险,县人社局,2023-10-09 09:00,已电话答复,满意")
            let again = try await Self.upload(officer, agencyID: agencyID, filename: "again.csv", bytes: Array(utf8.utf8))
            let second = try Self.jobID(again)
            await app.messageImportProgress.wait(second)
            #expect(try await officer.get("/console/messages/imports/\(second)").body.contains("其中 3 行的工单编号已导入过"))
            _ = try await officer.post("/console/messages/imports/\(second)/run", form: [("mode", "all_or_nothing")])
            await app.messageImportProgress.wait(second)
            #expect(try await officer.get("/console/messages/imports/\(second)").body.contains("已导入：新增 0 条，更新 3 条。"))
            // then nothing is duplicated and the row is updated
            #expect(try await PublicMessage.query(on: app.db).count() == 3)
            let updated = try #require(try await PublicMessage.query(on: app.db).filter(\.$sourceID == "RX2023000003").first())
            #expect(updated.status == .completed && updated.completedOn == "2023-10-09" && updated.satisfaction == .satisfied)
            #expect(updated.version == 2)
            // and each import is one audit entry
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityType == "message_import").filter(\.$action == "import").count() == 2)
        }
    }

    @Test func badRowsAreListedWithLinesAndAllOrNothingImportsNothing() async throws {
        try await withTestApp { app in
            let (county, officer) = try await Self.officer(app)
            let csv = """
                source_id,channel,received_at,subject,content,handling_unit,completed_at,result,satisfaction
                A1,12345热线,2024-02-30 10:00,日期不存在,内容,,,,
                A2,市长热线,2024-03-01 10:00,未知渠道,内容,,,,
                A3,12345热线,2024-03-02 10:00,"标题
                跨行",内容,,2024-03-03,已办,满意
                A3,12345热线,2024-03-04 10:00,重复编号,内容,,,,
                A4,县长信箱,2024-03-05 10:00,正确,内容,,,,
                """
            let uploaded = try await Self.upload(officer, agencyID: try county.government.requireID(), filename: "bad.csv", bytes: Array(csv.utf8))
            let job = try Self.jobID(uploaded)
            await app.messageImportProgress.wait(job)
            let page = try await officer.get("/console/messages/imports/\(job)")
            #expect(page.body.contains("共 5 行：正确 2 行"))
            #expect(page.body.contains("错误 3 行"))
            #expect(page.body.contains("第 2 行：受理时间“2024-02-30 10:00”无法识别"))
            #expect(page.body.contains("第 3 行：渠道“市长热线”不在本机关的渠道列表中"))
            #expect(page.body.contains("第 6 行：工单编号“A3”与第 4 行重复"))
            // all or nothing: refused, nothing written
            let refused = try await officer.post("/console/messages/imports/\(job)/run", form: [("mode", "all_or_nothing")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("文件有 3 行错误"))
            #expect(try await PublicMessage.query(on: app.db).count() == 0)
            // skipping the bad rows imports the two good ones
            #expect(try await officer.post("/console/messages/imports/\(job)/run", form: [("mode", "skip_bad_rows")]).status == .seeOther)
            await app.messageImportProgress.wait(job)
            #expect(try await officer.get("/console/messages/imports/\(job)").body.contains("新增 2 条，更新 0 条，跳过错误行 3 行"))
            #expect(try await PublicMessage.query(on: app.db).sort(\.$sourceID).all().map(\.sourceID) == ["A3", "A4"])
            #expect(try await PublicMessage.query(on: app.db).filter(\.$sourceID == "A3").first()?.subject == "标题\n跨行")
        }
    }

    @Test func importsAreForTheUsersOwnAgencies() async throws {
        try await withTestApp { app in
            let (county, officer) = try await Self.officer(app)
            let refused = try await Self.upload(officer, agencyID: try county.bureau.requireID(), filename: "x.csv", bytes: Array("a,b\n".utf8))
            #expect(refused.status == .forbidden)
            let empty = try await Self.upload(officer, agencyID: try county.government.requireID(), filename: "x.csv", bytes: [])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("请选择要导入的 CSV 文件"))
        }
    }

    @Test func tenThousandGeneratedRowsImportWithProgressAndReimportWithoutDuplicates() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try SyntheticMessages.write(rows: 10_000, year: 2023, to: path)
            let context = try await app.messageContext()
            let target = try await MessageImporter.target(agencyID: try county.government.requireID(), context: context, on: app.db)
            let seen = ProgressLog()
            let first = try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil, actor: .system, on: app.db) {
                await seen.add($0)
            }
            #expect(first.inserted == 10_000 && first.updated == 0 && first.skipped == 0)
            let steps = await seen.steps
            #expect(steps.count >= 10_000 / MessageImporter.batchSize)
            #expect(steps.last?.rows == 10_000 && steps.last?.bytes == steps.last?.totalBytes)
            #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.rows < $1.rows })
            let second = try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil, actor: .system, on: app.db)
            #expect(second.inserted == 0 && second.updated == 10_000)
            #expect(try await PublicMessage.query(on: app.db).count() == 10_000)
            let figures = try await MessageFigures.query(agencyIDs: [try county.government.requireID()], from: "2023-01-01", through: "2023-12-31", on: app.db)
            #expect(figures.total.received == 10_000)
            #expect(figures.channels.map(\.tally.received).reduce(0, +) == 10_000)
        }
    }

    /// All or nothing when the bad row comes after rows already written: the file is read once,
    /// written as it goes, and the bad row at line 2,002 rolls back the 2,000 rows before it.
    @Test func aBadRowLateInTheFileRollsBackWhatWasWrittenBeforeIt() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try SyntheticMessages.write(rows: 3_000, year: 2023, to: path)
            // "\r\n" is one Character in Swift: split the lines as text
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
            #expect(lines.count >= 3_001)
            lines[2_001] = "LATE-1,不存在的渠道,2023-05-01 09:00,渠道错误,内容,,,,,"
            try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
            let context = try await app.messageContext()
            let target = try await MessageImporter.target(agencyID: try county.government.requireID(), context: context, on: app.db)
            let error = await #expect(throws: AppError.self) {
                try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil, actor: .system, on: app.db)
            }
            #expect(error?.message.hasPrefix("文件有 1 行错误，未导入任何一行：第 2002 行") == true, "\(String(describing: error?.message))")
            #expect(try await PublicMessage.query(on: app.db).count() == 0)
            let skipped = try await MessageImporter.apply(path: path, target: target, skipBadRows: true, jobID: nil, actor: .system, on: app.db)
            #expect(skipped.inserted == 2_999 && skipped.skipped == 1)
        }
    }

    /// An import from the command line (no job) is in the importing agency's audit log: its
    /// auditor must see that letters were written into its records (review of #8).
    @Test func aCommandLineImportIsInTheImportingAgencysAuditLog() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let town = try county.township.requireID()
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try SyntheticMessages.write(rows: 20, year: 2023, to: path)
            let target = try await MessageImporter.target(agencyID: town, context: try await app.messageContext(), on: app.db)
            _ = try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil,
                                                actor: .commandLine("messages import"), on: app.db)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$entityType == "message_import").first())
            #expect(entry.entityID == "cli")
            #expect(entry.agencyID == town)
        }
    }
}

actor ProgressLog {
    var steps: [MessageImporter.Progress] = []
    func add(_ p: MessageImporter.Progress) { steps.append(p) }
}

/// A re-import's receipt against the handling done on the platform (review 12g).
extension MessageImportTests {
    /// A re-import updates the receipt, but not the handling of a message answered (or
    /// transferred) on the platform: the government answers R6 (received 2024-03-05) on 03-10;
    /// the hotline's next export says it was received 03-20. The message must not end up
    /// completed before it was received: that row is a row error with its line (all or
    /// nothing, or skipped); a receipt moved but not past the answer moves the clock with it.
    @Test func aReimportDoesNotMoveTheReceiptAfterTheAnswerGivenHere() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-04-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), town = try county.township.requireID()
            let header = MessageReviewFixesTests.header
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov,
                header
                    + "R6,12345热线,2024-03-05 10:00,噪音,夜间施工,,,,\r\n"
                    + "R7,12345热线,2024-03-05 10:00,路灯,路灯不亮,,,,\r\n")
            let id = try await MessageCountingReviewTests.one(app, "R6", agency: gov).requireID()
            try await MessageReviewFixesTests.act(app, id, .reply(text: "已协调停工", on: "2024-03-12"))
            let r7 = try await MessageCountingReviewTests.one(app, "R7", agency: gov).requireID()
            app.settings.fixedToday = "2024-03-08"
            try await MessageReviewFixesTests.act(app, r7, .transfer(agencyID: town, reason: "属镇职责"))
            app.settings.fixedToday = "2024-04-01"
            let later =
                header
                + "R6,12345热线,2024-03-20 10:00,噪音,夜间施工,,,,\r\n"
                + "R7,12345热线,2024-03-09 10:00,路灯,路灯不亮,,,,\r\n"
            do {
                _ = try await MessageReviewFixesTests.importFile(app, agencyID: gov, later)
                Issue.record("a receipt after the answer given here was imported")
            } catch let e as AppError {
                #expect(
                    e.code == "import_rows_invalid" && e.message.contains("第 2 行") && e.message.contains("第 3 行")
                        && e.message.contains("2024-03-12") && e.message.contains("2024-03-08"), "\(e.message)")
            }
            let m = try #require(try await PublicMessage.find(id, on: app.db))
            let done = try #require(m.completedOn)
            #expect(m.receivedOn == "2024-03-05" && m.receivedOn <= done, "received \(m.receivedOn.iso), completed \(done.iso)")
            // Skipped with the other bad rows: the rest of the file is imported.
            let outcome = try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, later + "R8,12345热线,2024-03-21 10:00,积水,路口积水,,,,\r\n",
                skipBadRows: true)
            #expect(outcome.skipped == 2 && outcome.inserted == 1 && outcome.errors.map(\.line) == [2, 3], "\(outcome)")
            // A receipt moved earlier, still before the answer: the clock runs from it.
            _ = try await MessageReviewFixesTests.importFile(app, agencyID: gov, header + "R6,12345热线,2024-03-01 10:00,噪音,夜间施工,,,,\r\n")
            let moved = try #require(try await PublicMessage.find(id, on: app.db))
            let context = try await app.messageContext()
            let expected = MessageClock.summary(
                MessageTimeline(
                    receivedOn: "2024-03-01", limitDays: moved.timeLimitDays, limitBasis: "",
                    completedOn: "2024-03-12"), calendar: context.calendar)
            #expect(moved.receivedOn == "2024-03-01" && moved.completedOn == "2024-03-12" && moved.reply != "")
            #expect(
                moved.dueOn == expected.dueOn && moved.handlingDays == expected.handlingDays && moved.onTime == expected.onTime,
                "due \(String(describing: moved.dueOn)), \(String(describing: moved.handlingDays)) days")
            if context.calendar.convention == .startDayExcluded {
                #expect(expected.handlingDays == 7, "03-01 (Fri) to 03-12 (Tue): 7 working days, not the 5 from 03-05")
            }
        }
    }
}
