import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// Messages at the end of the published holiday calendar (issue #12, reviews 12g and 12h):
/// on-time standing and handling days of answers before an unknown due date, due soon and no due
/// date on the last known days, receipts moved by a re-import. The bundled calendar ends with 2026.
@Suite("Messages: the clock at the end of the known calendar")
struct MessageClockAtTheCalendarsEndTests {
    static let header = MessageReviewFixesTests.header
    typealias F = MessageReviewFixesTests
    typealias C = MessageCountingReviewTests

    static func tally(_ app: Application, _ ids: [Int], _ from: CivilDate, _ through: CivilDate) async throws -> MessageTally {
        try await MessageFigures.query(agencyIDs: ids, from: from, through: through, on: app.db).total
    }

    static func import2027(_ app: Application) async throws {
        try await HolidayService.importYear(
            yearText: "2027", content: "2027-01-01\tholiday\t元旦\t通知\n",
            settings: app.settings, by: .system, on: app.db)
    }

    /// Received 2026-12-21, answered 2026-12-28 (both in 2026, known); its 15-working-day limit
    /// reaches 2027, whose notice is not loaded, so no due date. But the answer is certainly on
    /// time (every day of 2027 is after it) and its handling days are countable (both ends in
    /// 2026: docs say "averaged over the completed whose working days can be counted (both ends
    /// in years with a holiday notice)"). Imported and answered on the platform alike.
    @Test func anAnswerBeforeADueDateInAnUnknownYearIsOnTimeAndTimed() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-12-30"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await F.importFile(
                app, agencyID: gov,
                Self.header
                    + "A1,12345热线,2026-12-21 10:00,供暖,暖气不热,热力公司,2026-12-28 10:00,已维修,满意\r\n"
                    + "A2,12345热线,2026-12-21 10:00,路灯,路灯不亮,,,,\r\n")
            let a2 = try await C.one(app, "A2", agency: gov).requireID()
            try await F.act(app, a2, .reply(text: "已修复", on: "2026-12-29"))
            let cal = try await app.messageContext().calendar
            for (sid, done) in [("A1", "2026-12-28"), ("A2", "2026-12-29")] as [(String, CivilDate)] {
                let m = try await C.one(app, sid, agency: gov)
                let days = try cal.workingDaysElapsed(since: "2026-12-21", asOf: done)
                #expect(m.onTime == true, "\(sid): answered \(done.iso), before any 2027 due date: on_time \(String(describing: m.onTime))")
                #expect(m.handlingDays == days, "\(sid): both ends in 2026, \(days) working days countable: \(String(describing: m.handlingDays))")
            }
            let t = try await Self.tally(app, [gov], "2026-01-01", "2026-12-31")
            #expect(
                t.completed == 2 && t.onTimeKnown == 2 && t.onTime == 2 && t.timed == 2,
                "2026 figures leave out answers whose standing and days are known: \(t)")
        }
    }

    /// Due in 2026 (known), answered 2027-01-05 (2027 not loaded): late, with its days unknown.
    /// The rate stays within [0, 1] and the page and the API agree; the 2027 notice then fills
    /// in the handling days.
    @Test func aLateAnswerInAnUnknownYearIsLateEverywhere() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2027-01-06"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let user = try await county.user("supervisor", [.supervisor], on: app)
            try await F.importFile(
                app, agencyID: gov,
                Self.header
                    + "L1,12345热线,2026-12-01 10:00,噪音,夜间施工,,,,\r\n"
                    + "L2,12345热线,2026-12-01 10:00,积水,路口积水,城管,2026-12-10 10:00,已处理,满意\r\n")
            let l1 = try await C.one(app, "L1", agency: gov).requireID()
            try await F.act(app, l1, .reply(text: "已停工", on: "2027-01-05"))
            let m = try #require(try await PublicMessage.find(l1, on: app.db))
            #expect(m.onTime == false && m.handlingDays == nil, "\(String(describing: m.onTime)) \(String(describing: m.handlingDays))")
            let t = try await Self.tally(app, [gov], "2026-01-01", "2027-12-31")
            #expect(t.completed == 2 && t.onTimeKnown == 2 && t.onTime == 1 && t.timed == 1, "\(t)")
            #expect(t.onTimeRate == 0.5)
            let browser = TestClient(app)
            try await browser.signIn("supervisor", County.password)
            let page = try await browser.get("/console/messages/figures?from=2026-01-01&through=2027-12-31")
            #expect(page.status == .ok)
            #expect(page.body.contains("按期情况可判定的已办结 2 件，按期 1 件") && page.body.contains("按可计算用时的 1 件"))
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            let api = try await browser.api(.GET, "/api/v1/messages/figures?from=2026-01-01&through=2027-12-31")
            #expect(api.status == .ok)
            if api.status == .ok { #expect(try api.json(MessageFiguresDTO.self).onTimeRate == 0.5) }
            try await Self.import2027(app)
            let after = try #require(try await PublicMessage.find(l1, on: app.db))
            let cal = try await app.messageContext().calendar
            let expectedDays = try cal.workingDaysElapsed(since: "2026-12-01", asOf: "2027-01-05")
            #expect(
                after.onTime == false && after.handlingDays == expectedDays,
                "2027 loaded: \(String(describing: after.handlingDays))")
            let t2 = try await Self.tally(app, [gov], "2026-01-01", "2027-12-31")
            #expect(t2.timed == 2 && t2.onTimeKnown == 2, "\(t2)")
        }
    }

    /// Open messages without a due date (limit reaching 2027), one imported, one transferred to
    /// the township on the platform: the 期限待定 list for a supervisor of both agencies, its tab
    /// count, search, paging, CSV export and the API's validation; then the 2027 notice gives
    /// them due dates and they leave the list.
    @Test func undatedMessagesAreListedEverywhereAndGetDueDatesFrom2027() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-12-30"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), town = try county.township.requireID()
            let user = try await county.user("supervisor", [.supervisor], on: app)
            try await F.importFile(
                app, agencyID: gov,
                Self.header
                    + "N1,12345热线,2026-12-28 10:00,暖气待定,暖气不热,,,,\r\n"
                    + "N2,12345热线,2026-12-29 10:00,路灯待定,路灯不亮,,,,\r\n"
                    + "N3,12345热线,2026-12-01 10:00,早已定期,期限已知,,,,\r\n")
            let n2 = try await C.one(app, "N2", agency: gov).requireID()
            try await F.act(app, n2, .transfer(agencyID: town, reason: "属镇职责"))
            let ctx = try await app.messageContext()
            let ids = [gov, town]
            let undated = try await MessageListQuery(agencyIDs: ids, filter: .noDueDate).run(context: ctx, on: app.db)
            #expect(Set(undated.messages.compactMap(\.sourceID)) == ["N1", "N2"], "\(undated.messages.compactMap(\.sourceID))")
            for f in MessageListQuery.Filter.counted {
                let r = try await MessageListQuery(agencyIDs: ids, filter: f).run(context: ctx, on: app.db)
                #expect(r.counts[f] == r.total, "tab \(f.rawValue): count \(String(describing: r.counts[f])), list \(r.total)")
            }
            let searched = try await MessageListQuery(agencyIDs: ids, filter: .noDueDate, search: "暖气").run(context: ctx, on: app.db)
            #expect(searched.messages.compactMap(\.sourceID) == ["N1"])
            let browser = TestClient(app)
            try await browser.signIn("supervisor", County.password)
            let page = try await browser.get("/console/messages?filter=no_due_date")
            #expect(page.status == .ok && page.body.contains("暖气待定") && page.body.contains("路灯待定") && !page.body.contains("早已定期"))
            let page2 = try await browser.get("/console/messages?filter=no_due_date&page=2")
            #expect(page2.status == .ok && !page2.body.contains("暖气待定"))
            let csv = try await browser.get("/console/messages/export?filter=no_due_date")
            #expect(csv.status == .ok && csv.body.contains("暖气待定") && csv.body.contains("路灯待定") && !csv.body.contains("早已定期"))
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            let api = try await browser.api(.GET, "/api/v1/messages?filter=no_due_date")
            #expect(api.status == .ok)
            if api.status == .ok { #expect(try api.json(MessageListDTO.self).total == 2) }
            let bad = try await browser.api(.GET, "/api/v1/messages?filter=no_due")
            #expect(bad.status == .unprocessableEntity || bad.status == .badRequest, "\(bad.status)")
            // The 2027 notice: due dates computed, the list empties.
            try await Self.import2027(app)
            let cal = try await app.messageContext().calendar
            for (sid, agency) in [("N1", gov), ("N2", gov)] {
                let m = try await C.one(app, sid, agency: agency)
                #expect(m.dueOn != nil && m.dueOn == MessageClock.summary(m.timeline, calendar: cal).dueOn, "\(sid): \(String(describing: m.dueOn))")
            }
            let ctx2 = try await app.messageContext()
            let left = try await MessageListQuery(agencyIDs: ids, filter: .noDueDate).run(context: ctx2, on: app.db)
            #expect(left.total == 0 && left.counts[.noDueDate] == 0, "\(left.total)")
        }
    }

    /// The hotline's next export moves a receipt answered here from 2026-01-05 to 2025-12-30
    /// (before the answer of 2026-01-20: allowed). The clock runs from 2025-12-30 across the
    /// New Year holiday with the calendar; the item moves to the 2025 figures (open at 31 Dec).
    @Test func aReceiptMovedAcrossTheYearEndMovesTheClockAndThePeriod() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-02-10"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "Y1,12345热线,2026-01-05 10:00,供暖,暖气不热,,,,\r\n")
            let id = try await C.one(app, "Y1", agency: gov).requireID()
            try await F.act(app, id, .reply(text: "已维修", on: "2026-01-20"))
            try await F.importFile(app, agencyID: gov, Self.header + "Y1,12345热线,2025-12-30 10:00,供暖,暖气不热,,,,\r\n")
            let m = try #require(try await PublicMessage.find(id, on: app.db))
            let cal = try await app.messageContext().calendar
            let s = MessageClock.summary(
                MessageTimeline(receivedOn: "2025-12-30", limitDays: m.timeLimitDays, limitBasis: "", completedOn: "2026-01-20"),
                calendar: cal)
            #expect(
                m.receivedOn == "2025-12-30" && m.dueOn == s.dueOn && m.handlingDays == s.handlingDays && m.onTime == s.onTime,
                "due \(String(describing: m.dueOn)) vs \(String(describing: s.dueOn)); days \(String(describing: m.handlingDays)) vs \(String(describing: s.handlingDays))"
            )
            let y2025 = try await Self.tally(app, [gov], "2025-01-01", "2025-12-31")
            let y2026 = try await Self.tally(app, [gov], "2026-01-01", "2026-12-31")
            #expect(y2025.received == 1 && y2025.completed == 0 && y2025.open == 1 && y2026.received == 0, "\(y2025) \(y2026)")
        }
    }

    /// Transferred to the township on 2026-01-05 (received 2026-01-04); the next export says
    /// received 2025-12-31 (before the transfer: allowed). The township's clock still runs from
    /// the transfer; the item is a 2025 item of the township (open at 31 Dec), not a 2026 one.
    @Test func aReceiptMovedBeforeATransferMovesThePeriodNotTheClock() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-01-05"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), town = try county.township.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "K1,12345热线,2026-01-04 10:00,噪音,夜间施工,,,,\r\n")
            let id = try await C.one(app, "K1", agency: gov).requireID()
            try await F.act(app, id, .transfer(agencyID: town, reason: "属镇职责"))
            let before = try #require(try await PublicMessage.find(id, on: app.db))
            app.settings.fixedToday = "2026-01-20"
            try await F.importFile(app, agencyID: gov, Self.header + "K1,12345热线,2025-12-31 10:00,噪音,夜间施工,,,,\r\n")
            let m = try #require(try await PublicMessage.find(id, on: app.db))
            #expect(
                m.receivedOn == "2025-12-31" && m.transferredOn == "2026-01-05" && m.dueOn == before.dueOn && m.$agency.id == town,
                "\(m.receivedOn.iso) \(String(describing: m.transferredOn)) \(String(describing: m.dueOn)) vs \(String(describing: before.dueOn))")
            let y2025 = try await Self.tally(app, [town], "2025-01-01", "2025-12-31")
            let y2026 = try await Self.tally(app, [gov, town], "2026-01-01", "2026-12-31")
            #expect(y2025.received == 1 && y2025.open == 1 && y2026.received == 0, "\(y2025) \(y2026)")
            // Moved past the transfer: a row error.
            do {
                _ = try await F.importFile(app, agencyID: gov, Self.header + "K1,12345热线,2026-01-06 10:00,噪音,夜间施工,,,,\r\n")
                Issue.record("a receipt after the transfer was imported")
            } catch let e as AppError {
                #expect(e.code == "import_rows_invalid" && e.message.contains("2026-01-05"), "\(e.message)")
            }
        }
    }

    /// At the last days of the known calendar and just past them: today 2026-12-31, a message due
    /// that day is due soon (not overdue); on 2027-01-04 (2027 not loaded) it is overdue, its page
    /// renders, and a message received that day is listed as 期限待定.
    @Test func dueSoonAndOverdueAcrossTheLastKnownDay() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-12-31"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await county.user("clerk", [.caseOfficer], on: app)
            try await F.importFile(app, agencyID: gov, Self.header + "E1,12345热线,2026-12-10 10:00,供暖,暖气不热,,,,\r\n")
            let e1 = try await C.one(app, "E1", agency: gov)
            #expect(e1.dueOn == "2026-12-31")
            var ctx = try await app.messageContext()
            var list = try await MessageListQuery(agencyIDs: [gov], filter: .dueSoon).run(context: ctx, on: app.db)
            #expect(list.total == 1 && list.counts[.dueSoon] == 1 && list.counts[.overdue] == 0)
            #expect(MessageClock.evaluate(e1.timeline, calendar: ctx.calendar, today: ctx.today, dueSoonDays: ctx.dueSoonDays).isDueSoon)
            app.settings.fixedToday = "2027-01-04"
            try await F.importFile(app, agencyID: gov, Self.header + "E2,12345热线,2027-01-04 10:00,停水,小区停水,,,,\r\n")
            ctx = try await app.messageContext()
            list = try await MessageListQuery(agencyIDs: [gov], filter: .overdue).run(context: ctx, on: app.db)
            #expect(list.messages.compactMap(\.sourceID) == ["E1"] && list.counts[.noDueDate] == 1 && list.counts[.dueSoon] == 0)
            let clerk = TestClient(app)
            try await clerk.signIn("clerk", County.password)
            let page = try await clerk.get("/console/messages/\(try e1.requireID())")
            #expect(page.status == .ok && page.body.contains("已超过办理期限"), "\(page.status)")
        }
    }

    /// A message due on a worked weekend day (调休) of 2026: the day before, it is due soon in
    /// the list, its tab and on its page; on the worked day itself it is not overdue.
    @Test func dueOnAWorkedWeekendDayIsDueSoonTheDayBefore() async throws {
        try await withTestApp { app in
            let worked = HolidaySchedule.bundled.entries(inYear: 2026).filter { $0.designation == .workday }.map(\.date)
            let w = try #require(worked.first, "no 调休 day bundled for 2026")
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            app.settings.fixedToday = w.adding(days: -1)
            let cal = try await app.messageContext().calendar
            try await F.importFile(app, agencyID: gov, Self.header + "W0,12345热线,\(w.adding(days: -60).iso) 10:00,供暖,暖气不热,,,,\r\n")
            let days = try await C.one(app, "W0", agency: gov).timeLimitDays
            var receipt: CivilDate?
            var r = w.adding(days: -1)
            while r > w.adding(days: -60) {
                if MessageClock.summary(MessageTimeline(receivedOn: r, limitDays: days, limitBasis: ""), calendar: cal).dueOn == w {
                    receipt = r; break
                }
                r = r.adding(days: -1)
            }
            let received = try #require(receipt, "no receipt due on \(w.iso)")
            try await F.importFile(app, agencyID: gov, Self.header + "W1,12345热线,\(received.iso) 10:00,供暖,暖气不热,,,,\r\n")
            let m = try await C.one(app, "W1", agency: gov)
            guard m.dueOn == w else {
                Issue.record("fixture (\(w.iso), \(received.iso)): kind/limit differ: due \(String(describing: m.dueOn)) vs \(w.iso)"); return
            }
            var ctx = try await app.messageContext()
            var list = try await MessageListQuery(agencyIDs: [gov], filter: .dueSoon).run(context: ctx, on: app.db)
            #expect(list.messages.compactMap(\.sourceID) == ["W1"] && list.counts[.dueSoon] == 1, "the day before \(w.iso): \(list.total)")
            #expect(MessageClock.evaluate(m.timeline, calendar: ctx.calendar, today: ctx.today, dueSoonDays: ctx.dueSoonDays).isDueSoon)
            app.settings.fixedToday = w
            ctx = try await app.messageContext()
            list = try await MessageListQuery(agencyIDs: [gov], filter: .overdue).run(context: ctx, on: app.db)
            #expect(!list.messages.compactMap(\.sourceID).contains("W1") && list.counts[.dueSoon] == 1, "on \(w.iso): overdue \(list.total)")
        }
    }
}
