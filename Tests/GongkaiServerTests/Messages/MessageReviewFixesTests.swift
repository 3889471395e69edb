import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// What an outside review of 政民互动 (issue #12) found wrong, fixed, and what it checked and
/// found right.
@Suite("Public messages: review fixes")
struct MessageReviewFixesTests {
    // MARK: helpers

    static let header = "工单编号,渠道,受理时间,标题,内容,承办单位,办结时间,办理结果,满意度\r\n"

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("message-review-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func check(_ app: Application, agencyID: Int, _ text: String) async throws -> MessageImporter.Check {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = try await MessageImporter.target(agencyID: agencyID, context: try await app.messageContext(), on: app.db)
        return try await MessageImporter.check(path: path, target: target, on: app.db)
    }

    @discardableResult
    static func importFile(_ app: Application, agencyID: Int, _ text: String, skipBadRows: Bool = false) async throws -> MessageImporter.Outcome {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = try await MessageImporter.target(agencyID: agencyID, context: try await app.messageContext(), on: app.db)
        return try await MessageImporter.apply(path: path, target: target, skipBadRows: skipBadRows, jobID: nil, actor: .system, on: app.db)
    }

    static func act(_ app: Application, _ id: Int, _ action: MessageService.Action) async throws {
        let m = try #require(try await PublicMessage.find(id, on: app.db))
        try await MessageService.perform(action, messageID: id, expectedVersion: m.version, actorName: "审查", actor: .system,
                                         context: try await app.messageContext(), on: app.db)
    }

    static func message(_ app: Application, sourceID: String) async throws -> [PublicMessage] {
        try await PublicMessage.query(on: app.db).filter(\.$sourceID == sourceID).all()
    }

    // MARK: fixed

    /// Issue: "re-importing the same export updates by source id and never duplicates". The key
    /// is the importing agency and the source id, which a transfer does not change: after a
    /// transfer the same export updates the item, counted once in a subtree.
    @Test func aReimportAfterATransferUpdatesTheSameItem() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let file = Self.header + "RX-T1,12345热线,2024-05-06 10:00,学校门口积水,学校门口积水严重,,,,\r\n"
            try await Self.importFile(app, agencyID: gov, file)
            let id = try #require(try await Self.message(app, sourceID: "RX-T1").first?.requireID())
            try await Self.act(app, id, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            // the hotline sends its next export, the same item in it
            try await Self.importFile(app, agencyID: gov, file)
            #expect(try await Self.message(app, sourceID: "RX-T1").count == 1)
            let figures = try await MessageFigures.query(agencyIDs: [gov, bureau], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(figures.total.received == 1)
        }
    }

    /// docs/messages.md: "what staff did on the platform … stays". A re-import leaves status,
    /// reply and completion made here: a message staff did not accept stays closed, and one
    /// turned into a disclosure request stays out of the message figures (counted in table 三).
    @Test func aReimportKeepsNotAcceptanceAndConversionToARequest() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            let file = Self.header
                + "RX-N1,12345热线,2024-05-06 10:00,重复反映噪音,夜间施工噪音,,,,\r\n"
                + "RX-C1,12345热线,2024-05-07 10:00,申请公开立项批复,申请公开城区道路改造立项批复文件,,,,\r\n"
            try await Self.importFile(app, agencyID: gov, file)
            let n1 = try #require(try await Self.message(app, sourceID: "RX-N1").first?.requireID())
            try await Self.act(app, n1, .notAccept(reason: .duplicate, note: "已于 5 月 1 日答复。", on: "2024-06-01"))
            // the other is really a disclosure request: converted through the console
            let c1 = try #require(try await Self.message(app, sourceID: "RX-C1").first)
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            try await officer.get("/console/messages/\(try c1.requireID())/to-request")
            let fields = RequestFixtures.registration(description: c1.content).filter { !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0) }
            let converted = try await officer.post("/console/messages/\(try c1.requireID())/to-request", form: fields + [("version", String(c1.version))])
            #expect(converted.status == .seeOther, "\(converted.body.prefix(300))")
            let before = try await MessageFigures.query(agencyIDs: [gov], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(before.total.received == 1 && before.total.completed == 1)
            // when the same export is imported again
            try await Self.importFile(app, agencyID: gov, file)
            let n = try #require(try await PublicMessage.find(n1, on: app.db))
            #expect(n.status == .notAccepted, "a not-accepted message is reopened by the re-import: \(n.status)")
            let c = try #require(try await Self.message(app, sourceID: "RX-C1").first)
            #expect(c.status == .convertedToRequest, "a converted message is reopened by the re-import: \(c.status)")
            let after = try await MessageFigures.query(agencyIDs: [gov], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(after.total.received == 1 && after.total.completed == 1)
        }
    }

    /// Issue: "formula injection in exports". What an anonymous sender typed as the subject,
    /// `=cmd|…` or `=HYPERLINK(…)`, is written with a leading `'`: no live formula in Excel/WPS.
    @Test func theExportNeutralisesASendersFormula() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            let (_, done) = try await MessageFlowTests.writeLetter(app, subject: "=cmd|' /C calc'!A0")
            #expect(done.status == .ok)
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let export = try await officer.get("/console/messages/export?filter=all")
            let rows = CSV.parse(export.body)
            let row = try #require(rows.first { $0.contains { $0.contains("cmd|") } })
            let dangerous: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
            #expect(row.allSatisfy { field in field.first.map { !dangerous.contains($0) } ?? true }, "\(row)")
        }
    }

    /// Excel and WPS save rows that once held formatting as `,,,,,,,,`. Those are empty rows,
    /// skipped like blank lines, not row errors that make an all-or-nothing import refuse the file.
    @Test func excelEmptyRowsOfCommasAreSkipped() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let file = "\u{FEFF}" + Self.header + "RX-E1,12345热线,2024/5/6 14:30,路灯,路灯不亮,,,,\r\n,,,,,,,,\r\n,,,,,,,,\r\n" + "\" \",\" \",,,,,,,\r\n"
            let check = try await Self.check(app, agencyID: gov, file)
            #expect(check.valid == 1)
            #expect(check.errorCount == 0, "\(check.errors)")
        }
    }

    /// Issue: "form token replay". The signed time token is single-use: one token fetched once
    /// posts one letter, a replay is refused.
    @Test func aMailboxFormTokenPostsOneLetter() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            _ = try await MessageFlowTests.county(app)
            let robot = TestClient(app)
            let page = try await robot.get("/agencies/t-gov/mailbox")
            let token = try #require(MessageFlowTests.field("form_token", in: page.body))
            func send(_ phone: String) async throws -> TestClient.Page {
                try await robot.post("/agencies/t-gov/mailbox", form: [("form_token", token), ("website", ""), ("kind", "help"), ("sender_name", "甲"),
                                                                      ("sender_phone", phone), ("subject", "标题"), ("content", "五个字以上的内容")])
            }
            #expect(try await send("13700000001").status == .ok)
            let replay = try await send("13700000002")
            #expect(replay.status == .unprocessableEntity, "the same token was accepted twice")
            #expect(try await PublicMessage.query(on: app.db).count() == 1)
        }
    }

    /// Two visitors served the form in the same second get different tokens: otherwise the second
    /// letter would be refused as a replay of the first.
    @Test func formsServedInTheSameSecondCarryDifferentTokens() {
        let tokens = FormToken(secret: "k", minimumAge: 0)
        let now = Date(timeIntervalSince1970: 1_796_446_992)
        let first = tokens.issue(form: "mailbox:t-gov", now: now), second = tokens.issue(form: "mailbox:t-gov", now: now)
        #expect(first != second)
        #expect(tokens.check(first, form: "mailbox:t-gov", now: now) == .valid)
        #expect(tokens.check(second, form: "mailbox:t-gov", now: now) == .valid)
        // the nonce is signed: changing it, or moving it to another form, is a forgery
        let parts = first.split(separator: ".").map(String.init)
        #expect(tokens.check([parts[0], "x" + parts[1], parts[2]].joined(separator: "."), form: "mailbox:t-gov", now: now) == .invalid)
        #expect(tokens.check(first, form: "mailbox:t-edu", now: now) == .invalid)
        #expect(tokens.expiry(of: first) == now.addingTimeInterval(2 * 3600))
    }

    /// The last four digits of the phone are, with the tracking number, the sender's secret: the
    /// masked phone in lists, exports, the API and the audit log shows none of them
    /// (`138********`), and a signed-in staff member cannot rate on the public page as the sender
    /// (staff record a rating by phone through their own door).
    @Test func staffNeitherSeeThePhonesLastDigitsNorRateAsTheSender() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("supervisor", [.supervisor], on: app)
            _ = try await MessageFlowTests.writeLetter(app, phone: "13812345678")
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            let id = try m.requireID()
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            #expect(try await MessageFlowTests.step(officer, id, [("action", "accept")], on: app).status == .seeOther)
            #expect(try await MessageFlowTests.step(officer, id, [("action", "reply"), ("reply", "已安排维修。")], on: app).status == .seeOther)
            // the supervisor reads the list: tracking number and masked phone
            let supervisor = TestClient(app)
            try await supervisor.signIn("supervisor", County.password)
            let page = try await supervisor.get("/console/messages/\(id)")
            let tracking = try #require(m.trackingNumber)
            #expect(page.status == .ok && page.body.contains(tracking))
            #expect(!page.body.contains("****5678"), "the page shows the four digits that authenticate the sender")
            // and rates on the public page with what the list showed
            try await supervisor.get("/mailbox/track")
            _ = try await supervisor.post("/mailbox/rate", form: [("tracking_number", tracking), ("phone_last4", "5678"), ("satisfaction", "satisfied")])
            let saved = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(saved.satisfaction == nil, "rated by a staff member as the sender: \(String(describing: saved.ratingSource))")
        }
    }

    /// Issue: "Published replies appear on the portal (per item, sender's name and phone removed,
    /// content as approved)". Approving without editing publishes the letter without the name and
    /// phone the sender typed in it, as the history says ("隐去姓名和电话").
    @Test func anApprovedPublicationLeavesOutTheNameAndPhoneTypedInTheLetter() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("head", [.officeHead], on: app)
            let citizen = TestClient(app)
            let form = try await citizen.get("/agencies/t-gov/mailbox")
            let token = try #require(MessageFlowTests.field("form_token", in: form.body))
            let sent = try await citizen.post("/agencies/t-gov/mailbox", form: [
                ("form_token", token), ("website", ""), ("kind", "help"), ("sender_name", "王小明"), ("sender_phone", "13812345678"),
                ("subject", "路灯不亮"), ("content", "我是王小明，电话 13812345678，人民路路灯三晚不亮。"), ("publication_allowed", "1")])
            #expect(sent.status == .ok)
            let id = try #require(try await PublicMessage.query(on: app.db).first()?.requireID())
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            #expect(try await MessageFlowTests.step(officer, id, [("action", "accept")], on: app).status == .seeOther)
            #expect(try await MessageFlowTests.step(officer, id, [("action", "reply"), ("reply", "已安排维修。")], on: app).status == .seeOther)
            let head = TestClient(app)
            try await head.signIn("head", County.password)
            #expect(try await MessageFlowTests.step(head, id, door: "approvals", [("action", "approve_publication")], on: app).status == .seeOther)
            let published = try await citizen.get("/agencies/t-gov/replies/\(id)")
            #expect(published.status == .ok)
            #expect(!published.body.contains("13812345678"), "the sender's phone is on the portal")
            #expect(!published.body.contains("王小明"), "the sender's name is on the portal")
            // A reply approved before a redaction rule existed (stored with the number in it) is
            // redacted again when shown.
            let stored = try #require(try await PublicMessage.find(id, on: app.db))
            stored.publishedContent = "我是王小明，电话１３８－１２３４－５６７８，人民路路灯三晚不亮。"
            stored.publishedReply = "已安排维修，王小明可拨 13812345678 查询。"
            try await stored.save(on: app.db)
            let old = try await citizen.get("/agencies/t-gov/replies/\(id)")
            #expect(old.body.contains("人民路路灯三晚不亮"))
            #expect(!old.body.contains("５６７８") && !old.body.contains("13812345678") && !old.body.contains("王小明"))
        }
    }

    /// docs/messages.md: "Percentages are rounded half up to two decimals". 627/800 = 78.375 %
    /// exactly → 78.38 % (though the double 0.78375 × 10000 is 7837.4999…); 57/800 → 7.13 %.
    @Test func percentIsRoundedHalfUpOnExactHalves() {
        #expect(MessageTally.percent(MessageTally.rate(627, of: 800)) == "78.38%")
        #expect(MessageTally.percent(MessageTally.rate(57, of: 800)) == "7.13%")
    }

    /// A transfer starts the receiving agency's period on the transfer day: a reply dated before
    /// it (closed before it arrived, 0 handling days, on time) is refused.
    @Test func aReplyCannotBeDatedBeforeTheTransferThatStartedThePeriod() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-03-04"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let file = Self.header + "RX-R1,12345热线,2024-02-26 09:00,学校食堂,学校食堂卫生问题,,,,\r\n"
            try await Self.importFile(app, agencyID: gov, file)
            let id = try #require(try await Self.message(app, sourceID: "RX-R1").first?.requireID())
            try await Self.act(app, id, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            try await Self.act(app, id, .accept(on: "2024-03-04"))
            await #expect(throws: AppError.self) {
                try await Self.act(app, id, .reply(text: "已整改。", on: "2024-02-27"))
            }
            let m = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(m.completedOn == nil || m.completedOn! >= m.transferredOn!)
        }
    }

    /// Two agencies import the hotline's exports, which share one numbering: a transfer into the
    /// agency already holding the same source id breaks no constraint, and each agency's next
    /// export updates its own item.
    @Test func aTransferIntoAnAgencyHoldingTheSameSourceIDIsAllowed() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let file = Self.header + "RX-S1,12345热线,2024-05-06 10:00,同号工单,同一编号的两个工单,,,,\r\n"
            try await Self.importFile(app, agencyID: gov, file)
            try await Self.importFile(app, agencyID: bureau, file)
            let govItem = try #require(try await Self.message(app, sourceID: "RX-S1").first { $0.$agency.id == gov }?.requireID())
            try await Self.act(app, govItem, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            let done = Self.header + "RX-S1,12345热线,2024-05-06 10:00,同号工单,同一编号的两个工单,,2024-05-20 10:00,已办,满意\r\n"
            let outcome = try await Self.importFile(app, agencyID: bureau, done)
            #expect(outcome.updated == 1 && outcome.inserted == 0)
            let rows = try await Self.message(app, sourceID: "RX-S1")
            #expect(rows.count == 2 && rows.allSatisfy { $0.$agency.id == bureau })
            // the bureau's own item is completed by its export; the transferred one is not
            #expect(rows.first { $0.id == govItem }?.status == .received)
            #expect(rows.first { $0.id != govItem }?.status == .completed)
        }
    }

    /// A rating told by phone and recorded by staff stays through a re-import that has none; the
    /// source's completion of an item still open here is taken.
    @Test func aReimportKeepsARatingRecordedByPhoneAndTakesTheSourcesCompletion() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let file = Self.header
                + "RX-P1,12345热线,2024-05-06 10:00,路灯,路灯不亮,,2024-05-08 10:00,已修复,\r\n"
                + "RX-P2,12345热线,2024-05-07 10:00,井盖,井盖缺失,,,,\r\n"
            try await Self.importFile(app, agencyID: gov, file)
            let p1 = try #require(try await Self.message(app, sourceID: "RX-P1").first?.requireID())
            try await Self.act(app, p1, .recordRating(.satisfied, on: "2024-05-10", note: ""))
            let later = Self.header
                + "RX-P1,12345热线,2024-05-06 10:00,路灯,路灯不亮,,2024-05-08 10:00,已修复,\r\n"
                + "RX-P2,12345热线,2024-05-07 10:00,井盖,井盖缺失,,2024-05-09 10:00,已补装,满意\r\n"
            try await Self.importFile(app, agencyID: gov, later)
            let rated = try #require(try await PublicMessage.find(p1, on: app.db))
            #expect(rated.satisfaction == .satisfied && rated.ratingSource == .phone && rated.ratedOn == "2024-05-10")
            let p2 = try #require(try await Self.message(app, sourceID: "RX-P2").first)
            #expect(p2.status == .completed && p2.reply == "已补装" && p2.satisfaction == .satisfied && p2.ratingSource == .imported)
        }
    }

    /// The pieces: formulas neutralised but numbers kept; percentages in integers; the message
    /// phone's mask; what publication removes.
    @Test func csvPercentMaskAndRedactionHelpers() {
        #expect(CSV.line(["=1+1", "+86", "-12", "-3.5", "@SUM(A1)", "\tx", "普通", "-"]) == "'=1+1,+86,-12,-3.5,'@SUM(A1),'\tx,普通,'-")
        #expect(MessageTally.percent(627, of: 800) == "78.38%" && MessageTally.percent(57, of: 800) == "7.13%")
        #expect(MessageTally.percent(1, of: 3) == "33.33%" && MessageTally.percent(2, of: 3) == "66.67%" && MessageTally.percent(0, of: 0) == "—")
        #expect(MessageTally.percent(800, of: 800) == "100.00%" && MessageTally.percent(MessageTally.rate(1, of: 3)) == "33.33%")
        #expect(Masking.phone("138 1234 5678") == "138********" && Masking.phone("0991-1234567") == "099********")
        let text = "我是王小明，电话 138 1234 5678，座机 0991-2345678，身份证 65010219900101123X，门牌 12 号。"
        #expect(PublicationRedaction.redact(text, senderName: "王小明", senderPhone: "13812345678")
            == "我是某某，电话 ***，座机 ***，身份证 ***，门牌 12 号。")
        // typed with a Chinese input method: full-width digits
        #expect(PublicationRedaction.redact("请回电１３８１２３４５６７８，谢谢。", senderName: "甲", senderPhone: "13900000000")
            == "请回电***，谢谢。")
        #expect(PublicationRedaction.redact("电话１３８－１２３４－５６７８，座机（０５９１）８７６５４３２１，证件６５０１０２１９９００１０１１２３Ｘ。",
                                            senderName: "甲", senderPhone: "13812345678")
            == "电话***，座机***，证件***。")
    }

    // MARK: checked and right

    /// A call at 23:59 on 31 December (Beijing) belongs to that year; answered on 2 January it
    /// is open in that year's figures; the total is the channels' sum; a rating on the
    /// completion day of 2024 is not in 2023's satisfaction; CLI-style duplicate and unknown
    /// channel rows are listed with their physical lines (a quoted line break counted).
    @Test func yearEndInBeijingTimeTotalsAndRowErrors() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let file = Self.header
                + "Y1,12345热线,2023-12-31 23:59,\"跨年\r\n来电\",内容,,2024-01-02 10:00,已办,满意\r\n"
                + "Y2,县长信箱,2023-06-01,信箱,内容,,2023-06-02,已办,不满意\r\n"
                + "Y3,微信公众号,2024-01-01 00:00,元旦,内容,,,,\r\n"
                + "Y1,12345热线,2023-05-05,重复,内容,,,,\r\n"
                + "Y4,抖音,2023-05-05,未知渠道,内容,,,,\r\n"
            let check = try await Self.check(app, agencyID: gov, file)
            #expect(check.errors.map(\.line) == [6, 7])
            #expect(check.errors[0].message.contains("与第 2 行重复"))
            try await Self.importFile(app, agencyID: gov, file, skipBadRows: true)
            let y1 = try #require(try await Self.message(app, sourceID: "Y1").first)
            #expect(y1.receivedOn == "2023-12-31")
            let f = try await MessageFigures.query(agencyIDs: [gov], from: "2023-01-01", through: "2023-12-31", on: app.db)
            #expect(f.total.received == 2 && f.total.completed == 1 && f.total.open == 1)
            #expect(f.total.rated == 1 && f.total.satisfactionRate == 0)
            #expect(f.channels.map(\.tally.received).reduce(0, +) == f.total.received)
            #expect(f.months.map(\.received).reduce(0, +) == f.total.received)
            let stats = MessageStatsJSON(f)
            #expect(stats.byChannel.values.reduce(0, +) == stats.received)
        }
    }

    /// The clock on a holiday: a letter received on 1 October 2024 (National Day) with 15
    /// working days counts from 8 October, with Saturday 12 October worked (调休): due 25 October;
    /// due soon two working days before, overdue the day after, on the due day neither.
    @Test func theClockAcrossNationalDay2024() async throws {
        try await withTestApp { app in
            let calendar = try await app.messageContext().calendar
            let t = MessageTimeline(receivedOn: "2024-10-01", limitDays: 15, limitBasis: "测试")
            let onDue = MessageClock.evaluate(t, calendar: calendar, today: "2024-10-25")
            #expect(onDue.dueOn == "2024-10-25")
            #expect(!onDue.isOverdue && onDue.isDueSoon)
            #expect(onDue.days.contains { $0.date == "2024-10-12" && $0.kind == .counted })
            #expect(MessageClock.evaluate(t, calendar: calendar, today: "2024-10-28").isOverdue)
            #expect(!MessageClock.evaluate(t, calendar: calendar, today: "2024-10-22").isDueSoon)
            #expect(MessageClock.evaluate(t, calendar: calendar, today: "2024-10-23").isDueSoon)
        }
    }

    /// Script in a letter is escaped on the tracking page and the published reply; the tracking
    /// page shows neither the phone nor a wrong-digit answer that tells which field was wrong.
    @Test func lettersAreEscapedAndTheTrackingPageKeepsThePhone() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await MessageFlowTests.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            let (citizen, done) = try await MessageFlowTests.writeLetter(app, subject: "<script>alert(1)</script>")
            let tracking = try #require(MessageFlowTests.trackingNumber(in: done.body))
            try await citizen.get("/mailbox/track")
            let read = try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "5678")])
            #expect(read.status == .ok)
            #expect(!read.body.contains("<script>alert(1)</script>") && read.body.contains("&lt;script&gt;"))
            #expect(!read.body.contains("13812345678"))
            let wrongNumber = try await citizen.post("/mailbox/track", form: [("tracking_number", "MB000000-XXXXX"), ("phone_last4", "5678")])
            let wrongDigits = try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "1111")])
            #expect(wrongNumber.status == .notFound && wrongDigits.status == .notFound)
        }
    }
}
