import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The mailbox from the citizen's letter to his rating, through the console as staff use it.
@Suite("政民互动: the mailbox flow, triage and its permissions")
struct MessageFlowTests {
    /// The test county on a fixed day, with the mailbox's robot check off (tests post at once).
    static func county(_ app: Application, today: String = "2024-03-04") async throws -> County {
        app.settings.fixedToday = CivilDate(iso: today)
        return try await County.make(on: app)
    }

    static func writeLetter(_ app: Application, agency: String = "t-gov", publish: Bool = true, phone: String = "13812345678",
                            subject: String = "人民路路灯不亮") async throws -> (TestClient, TestClient.Page) {
        let citizen = TestClient(app)
        let form = try await citizen.get("/agencies/\(agency)/mailbox")
        let token = try #require(Self.field("form_token", in: form.body))
        var fields = [("form_token", token), ("website", ""), ("kind", "help"), ("sender_name", "王小明"), ("sender_phone", phone),
                      ("subject", subject), ("content", "人民路与建设路口的路灯连续三晚不亮，夜间出行不便。")]
        if publish { fields.append(("publication_allowed", "1")) }
        return (citizen, try await citizen.post("/agencies/\(agency)/mailbox", form: fields))
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func trackingNumber(in html: String) -> String? {
        guard let range = html.range(of: "<strong class=\"tracking\">") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }

    static func step(_ client: TestClient, _ id: Int, door: String = "actions", _ fields: [(String, String)], on app: Application) async throws -> TestClient.Page {
        let version = try #require(try await PublicMessage.find(id, on: app.db)).version
        try await client.get("/console/messages/\(id)")
        return try await client.post("/console/messages/\(id)/\(door)", form: fields + [("version", String(version))])
    }

    @Test func aCitizenWritesStaffReplyTheHeadPublishesAndTheCitizenRates() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given the county, an officer and the office head
            let county = try await Self.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("head", [.officeHead], on: app)
            // when a citizen writes to the 县长信箱 without signing in
            let (citizen, done) = try await Self.writeLetter(app)
            #expect(done.status == .ok, "\(done.body.prefix(500))")
            let tracking = try #require(Self.trackingNumber(in: done.body))
            #expect(done.body.contains("15 个工作日内答复（2024年3月25日前）"))
            let m = try #require(try await PublicMessage.query(on: app.db).filter(\.$trackingNumber == tracking).first())
            let id = try m.requireID()
            #expect(m.channelName == "县长信箱")
            #expect(m.dueOn == "2024-03-25")
            // then staff see it in the list, name and phone masked
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            let list = try await officer.get("/console/messages?filter=awaiting_triage")
            #expect(list.body.contains(tracking))
            #expect(list.body.contains("王**"))
            #expect(!list.body.contains("13812345678"))
            // triage, assignment, reply
            #expect(try await Self.step(officer, id, [("action", "accept")], on: app).status == .seeOther)
            #expect(try await Self.step(officer, id, [("action", "assign"), ("assigned_unit", "县住建局")], on: app).status == .seeOther)
            let reply = try await Self.step(officer, id, [("action", "reply"), ("reply", "已安排维修，3 月 6 日前恢复照明。"), ("on", "2024-03-04")], on: app)
            #expect(reply.status == .seeOther)
            var saved = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(saved.status == .completed && saved.publication == .pending && saved.onTime == true && saved.handlingDays == 0)
            // the officer cannot approve publication (the head's door)
            let refused = try await Self.step(officer, id, door: "approvals", [("action", "approve_publication")], on: app)
            #expect(refused.status == .forbidden)
            // the head approves it, removing a name from the published text
            let head = TestClient(app)
            try await head.signIn("head", County.password)
            let approved = try await Self.step(head, id, door: "approvals", [("action", "approve_publication"),
                ("published_content", "某路口的路灯连续三晚不亮。"), ("published_reply", "已安排维修，3 月 6 日前恢复照明。")], on: app)
            #expect(approved.status == .seeOther, "\(approved.body.prefix(300))")
            saved = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(saved.publication == .published && saved.approvedBy == "测试head")
            // the published reply is on the portal without the sender's name or phone
            let replies = try await citizen.get("/agencies/t-gov/replies")
            #expect(replies.body.contains("人民路路灯不亮"))
            let published = try await citizen.get("/agencies/t-gov/replies/\(id)")
            #expect(published.body.contains("某路口的路灯连续三晚不亮。"))
            #expect(!published.body.contains("王小明") && !published.body.contains("13812345678"))
            // the citizen reads the reply with the tracking number and the last four digits …
            try await citizen.get("/mailbox/track")
            let wrong = try await citizen.post("/mailbox/track", form: [("tracking_number", tracking), ("phone_last4", "0000")])
            #expect(wrong.status == .notFound)
            let read = try await citizen.post("/mailbox/track", form: [("tracking_number", tracking.lowercased()), ("phone_last4", "5678")])
            #expect(read.status == .ok)
            #expect(read.body.contains("已安排维修，3 月 6 日前恢复照明。"))
            #expect(!read.body.contains("13812345678"))
            // … and rates it, once
            let rated = try await citizen.post("/mailbox/rate", form: [("tracking_number", tracking), ("phone_last4", "5678"), ("satisfaction", "satisfied")])
            #expect(rated.status == .ok)
            #expect(rated.body.contains("感谢您的评价"))
            let again = try await citizen.post("/mailbox/rate", form: [("tracking_number", tracking), ("phone_last4", "5678"), ("satisfaction", "dissatisfied")])
            #expect(again.status == .unprocessableEntity)
            saved = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(saved.satisfaction == .satisfied && saved.ratingSource == .sender && saved.ratedOn == "2024-03-04")
            // every step is in the history and the audit log, in the audit vocabulary
            let kinds = try await MessageEvent.query(on: app.db).filter(\.$message.$id == id).sort(\.$id).all().map(\.kind)
            #expect(kinds == [.received, .accepted, .assigned, .replied, .publicationApproved, .rated])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == "public_message").all()
            #expect(audit.count == 6)
            #expect(audit.allSatisfy { $0.knownAction != nil && $0.knownEntityType == .publicMessage })
            #expect(audit.allSatisfy { !($0.afterJSON ?? "").contains("13812345678") })
        }
    }

    @Test func revealingTheSenderIsForHandlersAndAudited() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            let county = try await Self.county(app)
            try await county.user("officer", [.caseOfficer], on: app)
            try await county.user("supervisor", [.supervisor], on: app)
            _ = try await Self.writeLetter(app)
            let id = try #require(try await PublicMessage.query(on: app.db).first()?.requireID())
            let supervisor = TestClient(app)
            try await supervisor.signIn("supervisor", County.password)
            let page = try await supervisor.get("/console/messages/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("138********") && !page.body.contains("*5678") && !page.body.contains("13812345678"))
            #expect(try await supervisor.post("/console/messages/\(id)/reveal").status == .forbidden)
            // the export is masked too
            let export = try await supervisor.get("/console/messages/export?filter=all")
            #expect(export.status == .ok && export.headers.contentType?.subType == "csv")
            #expect(export.body.contains("人民路路灯不亮") && export.body.contains("王**") && export.body.contains("138********"))
            #expect(!export.body.contains("13812345678") && !export.body.contains("王小明"))
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            try await officer.get("/console/messages/\(id)")
            let revealed = try await officer.post("/console/messages/\(id)/reveal")
            #expect(revealed.body.contains("13812345678") && revealed.body.contains("王小明"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "view_full_id").filter(\.$entityType == "public_message").count() == 1)
        }
    }

    @Test func triageAndTransferPermissions() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given a letter to the county and officers of the county and of the bureau
            let county = try await Self.county(app)
            try await county.user("gov.officer", [.caseOfficer], on: app)
            try await county.user("edu.officer", [.caseOfficer], in: county.bureau, on: app)
            try await county.user("gov.head", [.officeHead], on: app)
            _ = try await Self.writeLetter(app)
            let id = try #require(try await PublicMessage.query(on: app.db).first()?.requireID())
            let edu = TestClient(app)
            try await edu.signIn("edu.officer", County.password)
            let gov = TestClient(app)
            try await gov.signIn("gov.officer", County.password)
            let head = TestClient(app)
            try await head.signIn("gov.head", County.password)
            // the bureau's officer can neither see nor triage the county's letter
            #expect(try await edu.get("/console/messages/\(id)").status == .forbidden)
            #expect(try await Self.step(edu, id, [("action", "accept")], on: app).status == .forbidden)
            // the head may not take a handler's step, even through the API
            #expect(try await Self.step(head, id, door: "approvals", [("action", "accept")], on: app).status == .forbidden)
            // a transfer needs a reason
            let noReason = try await Self.step(gov, id, [("action", "transfer"), ("agency_id", String(try county.bureau.requireID()))], on: app)
            #expect(noReason.status == .unprocessableEntity)
            // the county transfers it to the bureau: one thread, both see it
            let moved = try await Self.step(gov, id, [("action", "transfer"), ("agency_id", String(try county.bureau.requireID())),
                                                      ("reason", "属于教育局职责")], on: app)
            #expect(moved.status == .seeOther)
            let m = try #require(try await PublicMessage.find(id, on: app.db))
            let (bureauID, governmentID) = (try county.bureau.requireID(), try county.government.requireID())
            #expect(m.$agency.id == bureauID && m.$transferredFrom.id == governmentID)
            #expect(m.status == .received && m.transferredOn == "2024-03-04")
            #expect(try await gov.get("/console/messages/\(id)").status == .ok)
            #expect(try await gov.get("/console/messages?filter=transferred_out").body.contains(m.trackingNumber ?? "?"))
            // the county can no longer act on it; the bureau can
            #expect(try await Self.step(gov, id, [("action", "accept")], on: app).status == .forbidden)
            #expect(try await Self.step(edu, id, [("action", "accept")], on: app).status == .seeOther)
            // not accepted with a reason from the list closes it, with the reason told to the sender
            let closed = try await Self.step(edu, id, [("action", "not_accept"), ("reason", "duplicate"), ("note", "已于 3 月 1 日答复。")], on: app)
            #expect(closed.status == .seeOther)
            let after = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(after.status == .notAccepted && after.reply.contains("重复反映"))
            // a stale version is refused
            let stale = try await edu.post("/console/messages/\(id)/actions", form: [("action", "record_rating"), ("satisfaction", "satisfied"), ("version", "1")])
            #expect(stale.status == .conflict)
            let events = try await MessageEvent.query(on: app.db).filter(\.$message.$id == id).sort(\.$id).all()
            #expect(events.map(\.kind) == [.received, .transferredOut, .transferredIn, .accepted, .notAccepted])
            #expect(Set(events.map(\.$agency.id)) == [governmentID, bureauID])
        }
    }

    @Test func theSameStepThroughTheAPI() async throws {
        try await withTestApp { app in
            let county = try await Self.county(app)
            let officer = try await county.user("officer", [.caseOfficer], on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try officer.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let created = try await api.api(.POST, "/api/v1/messages", json: [
                "agency_id": String(try county.government.requireID()), "channel": "电话", "kind": "consultation", "sender_name": "李四",
                "sender_phone": "13900001111", "subject": "咨询医保", "content": "请问异地就医如何备案？", "received_on": "2024-03-01"])
            #expect(created.status == .created, "\(created.body.prefix(300))")
            let detail = try created.json(MessageDetailDTO.self)
            #expect(detail.message.senderPhone == "139********")
            #expect(detail.message.timeLimitDays == 5)
            #expect(detail.message.dueOn == "2024-03-08")
            let bad = try await api.api(.POST, "/api/v1/messages/\(detail.message.id)/actions", json: ["action": "reply", "version": "1", "reply": "x"])
            #expect(bad.status == .unprocessableEntity)
            let notYet = try await api.api(.POST, "/api/v1/messages/\(detail.message.id)/actions", json: ["action": "reply", "version": "1", "reply": "可在医保 App 备案。"])
            #expect(notYet.status == .unprocessableEntity)
            #expect(notYet.body.contains("请先受理来信"))
            let accepted = try await api.api(.POST, "/api/v1/messages/\(detail.message.id)/actions", json: ["action": "accept", "version": "1"])
            #expect(accepted.status == .ok)
            #expect(try accepted.json(MessageDetailDTO.self).message.status == .accepted)
        }
    }

    @Test func theMailboxRefusesRobotsFloodsAndOverlongLetters() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0; $0.mailboxPerPhonePerDay = 2; $0.mailboxPerAddressPerHour = 3 }) { app in
            _ = try await Self.county(app)
            let robot = TestClient(app)
            try await robot.get("/agencies/t-gov/mailbox")
            // no token
            let forged = try await robot.post("/agencies/t-gov/mailbox", form: [("form_token", "123.abc"), ("kind", "help"), ("sender_name", "甲"),
                                                                                 ("sender_phone", "13812345678"), ("subject", "x"), ("content", "五个字以上")])
            #expect(forged.status == .unprocessableEntity)
            #expect(forged.body.contains("表单已失效"))
            // the honeypot filled
            let page = try await robot.get("/agencies/t-gov/mailbox")
            let token = try #require(Self.field("form_token", in: page.body))
            let trapped = try await robot.post("/agencies/t-gov/mailbox", form: [("form_token", token), ("website", "http://spam.example"),
                ("kind", "help"), ("sender_name", "甲"), ("sender_phone", "13812345678"), ("subject", "标题"), ("content", "五个字以上的内容")])
            #expect(trapped.status == .unprocessableEntity)
            #expect(trapped.body.contains("表单校验未通过"))
            // too long
            let long = try await robot.post("/agencies/t-gov/mailbox", form: [("form_token", token), ("kind", "help"), ("sender_name", "甲"),
                ("sender_phone", "13812345678"), ("subject", "标题"), ("content", String(repeating: "长", count: 5_001))])
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.contains("内容不能超过 5000 个字"))
            // the phone's limit, then the address's
            for _ in 0..<2 { #expect(try await Self.writeLetter(app, phone: "13700000001").1.status == .ok) }
            let third = try await Self.writeLetter(app, phone: "13700000001")
            #expect(third.1.status == .tooManyRequests)
            #expect(third.1.body.contains("同一电话号码每天最多提交 2 封来信"))
            #expect(third.1.headers.first(name: "Retry-After") != nil)
            let fourth = try await Self.writeLetter(app, phone: "13700000002")
            #expect(fourth.1.status == .tooManyRequests)
            #expect(fourth.1.body.contains("同一网络地址每小时最多提交 3 封来信"))
            #expect(try await PublicMessage.query(on: app.db).count() == 2)
        }
    }

    @Test func aFormSentBackAtOnceIsARobots() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 30 }) { app in
            _ = try await Self.county(app)
            let (_, page) = try await Self.writeLetter(app)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("提交过快"))
            #expect(try await PublicMessage.query(on: app.db).count() == 0)
        }
    }
}

extension MessageFlowTests {
    @Test func openMessagesFollowANewHolidaySchedule() async throws {
        try await withTestApp { app in
            // given a call received on 2026-12-28, due in 2027, a year without holiday data yet
            let county = try await Self.county(app, today: "2026-12-28")
            let officer = try await county.user("officer", [.caseOfficer], on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try officer.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let created = try await api.api(.POST, "/api/v1/messages", json: [
                "agency_id": String(try county.government.requireID()), "channel": "电话", "kind": "complaint", "sender_phone": "13900001111",
                "subject": "供暖", "content": "小区供暖温度不达标。"])
            let id = try created.json(MessageDetailDTO.self).message.id
            #expect(try await PublicMessage.find(id, on: app.db)?.dueOn == nil)
            // when the 2027 schedule is added (1 January a holiday)
            try await HolidayService.importYear(yearText: "2027", content: "2027-01-01\tholiday\t元旦\t通知\n", settings: app.settings, by: .system, on: app.db)
            // then its due date is computed: 15 working days from 12-29, skipping New Year's Day
            #expect(try await PublicMessage.find(id, on: app.db)?.dueOn == "2027-01-19")
        }
    }
}

extension MessageFlowTests {
    /// A closed message's handling days and on-time standing are counted in working days, so a
    /// corrected holiday notice changes them as it changes open ones' due dates: a reply on
    /// 2026-03-10 to a 5-working-day call of Monday 2026-03-02 is late, and on time once 4 and
    /// 5 March become holidays (under either start-day convention).
    @Test func closedMessagesFollowACorrectedHolidaySchedule() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-06-01"
            let county = try await Self.county(app, today: "2026-06-01")
            let gov = try county.government.requireID()
            let calendar = try await app.messageContext().calendar
            let m = PublicMessage()
            m.version = 1
            m.$agency.id = gov
            m.trackingNumber = "MBTEST-HOLIDAY"
            m.source = .staff
            m.channelName = "电话"
            m.channelKind = .phone
            m.kind = .help
            m.senderName = "某"
            m.senderPhone = "13800000000"
            m.subject = "路灯"
            m.content = "路灯不亮"
            m.publicationAllowed = false
            m.receivedOn = "2026-03-02"
            m.receivedAt = AuditQuery.instant(startOf: "2026-03-02").addingTimeInterval(3600)
            m.timeLimitDays = 5
            m.timeLimitBasis = "测试"
            m.status = .completed
            m.assignedUnit = ""
            m.reply = "已修复。"
            m.completedOn = "2026-03-10"
            (m.dueOn, m.handlingDays, m.onTime) = MessageClock.summary(m.timeline, calendar: calendar)
            m.publication = .notAllowed
            try await m.create(on: app.db)
            #expect(m.onTime == false)
            let daysBefore = try #require(m.handlingDays)
            // when the 2026 notice is imported again with 4 and 5 March as holidays
            let bundled = HolidayScheduleParser.tsv(HolidaySchedule.bundled.entries(inYear: 2026))
            try await HolidayService.importYear(yearText: "2026", content: bundled + "2026-03-04\tholiday\t测试\t通知\n2026-03-05\tholiday\t测试\t通知\n",
                                                settings: app.settings, by: .system, on: app.db)
            let after = try #require(try await PublicMessage.find(try m.requireID(), on: app.db))
            #expect(after.onTime == true)
            #expect(after.handlingDays == daysBefore - 2)
            #expect(after.dueOn.map { $0 > m.dueOn! } == true)
            // and the figures read the new standing
            let figures = try await MessageFigures.query(agencyIDs: [gov], from: "2026-01-01", through: "2026-12-31", on: app.db)
            #expect(figures.total.onTime == 1)
        }
    }
}

/// The clock on holidays and at the end of the last year with a holiday notice (review 12g).
extension MessageFlowTests {
    /// The clock on holidays and 调休 days (2024 National Day: 10-01…10-07 off, Sun 09-29 and
    /// Sat 10-12 worked), with the platform's calendar and convention.
    @Test func theClockOnHolidaysAndWorkedWeekends() async throws {
        try await withTestApp { app in
            let context = try await app.messageContext()
            let cal = context.calendar
            guard cal.convention != .startDayIncluded else { return }
            func due(_ received: CivilDate, _ days: Int) -> CivilDate? {
                MessageClock.summary(MessageTimeline(receivedOn: received, limitDays: days, limitBasis: ""), calendar: cal).dueOn
            }
            #expect(due("2024-10-01", 1) == "2024-10-08", "received on a holiday: the first working day after")
            #expect(due("2024-10-01", 5) == "2024-10-12", "the 调休 Saturday is the fifth")
            #expect(due("2024-09-29", 1) == "2024-09-30", "received on a worked Sunday")
            #expect(due("2024-09-28", 1) == "2024-09-29", "a Saturday receipt: the worked Sunday is the first")
            let s = MessageClock.summary(
                MessageTimeline(receivedOn: "2024-10-01", limitDays: 5, limitBasis: "", completedOn: "2024-10-12"), calendar: cal)
            #expect(s.onTime == true && s.handlingDays == 5)
        }
    }

    /// The due-soon list in the last days of a year whose next year's notice is not loaded yet
    /// (the bundled calendar ends with 2026). Today 2026-12-30: a call received 2026-12-10 is due
    /// 2026-12-31 (15 working days, all in 2026) — tomorrow. It must be in the due-soon list
    /// (due within 2 working days) and its page must say 即将到期; "two working days from today"
    /// reaches into 2027, which the calendar cannot count, but the due date is within one.
    @Test func aMessageDueTomorrowIsDueSoonAtTheYearsEnd() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-12-30"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov,
                MessageReviewFixesTests.header
                    + "D1,12345热线,2026-12-10 10:00,供暖,暖气不热,,,,\r\n"
                    + "D2,12345热线,2026-12-28 10:00,供暖,暖气漏水,,,,\r\n")
            let m = try await MessageCountingReviewTests.one(app, "D1", agency: gov)
            #expect(m.dueOn == "2026-12-31")
            let context = try await app.messageContext()
            let list = try await MessageListQuery(agencyIDs: [gov], filter: .dueSoon).run(context: context, on: app.db)
            #expect(
                list.total == 1 && list.counts[.dueSoon] == 1,
                "due tomorrow, not in 即将到期: \(list.total), tab \(String(describing: list.counts[.dueSoon]))")
            let state = MessageClock.evaluate(m.timeline, calendar: context.calendar, today: context.today, dueSoonDays: context.dueSoonDays)
            #expect(state.isDueSoon, "the page does not say 即将到期")
            // D2's limit reaches 2027: no due date is guessed, and it is listed and counted apart.
            #expect(try await MessageCountingReviewTests.one(app, "D2", agency: gov).dueOn == nil)
            #expect(list.counts[.noDueDate] == 1 && list.counts[.overdue] == 0)
            let undated = try await MessageListQuery(agencyIDs: [gov], filter: .noDueDate).run(context: context, on: app.db)
            #expect(undated.messages.map(\.sourceID) == ["D2"])
            try await county.user("clerk", [.caseOfficer], on: app)
            let clerk = TestClient(app)
            _ = try await clerk.signIn("clerk", County.password)
            let page = try await clerk.get("/console/messages")
            #expect(page.body.contains("另有 1 件办理中的来信因缺少节假日安排暂无办理期限") && page.body.contains("期限待定（缺少节假日安排）"))
        }
    }
}
