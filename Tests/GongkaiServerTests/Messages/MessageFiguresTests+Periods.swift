import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// Periods and agencies adding up, the stats JSON's shape, the on-time rate's denominator
/// (issue #12, review 12g).
extension MessageFiguresTests {
    static let header = MessageReviewFixesTests.header
    typealias F = MessageReviewFixesTests
    typealias R = MessageCountingReviewTests

    static func periodFigures(_ app: Application, _ ids: [Int], _ from: CivilDate, _ through: CivilDate) async throws -> MessageFigures {
        try await MessageFigures.query(agencyIDs: ids, from: from, through: through, on: app.db)
    }

    /// The invariants any period's figures must keep: the agencies add up to the subtree, the
    /// channels and the months to the totals, received = completed + open, rates in [0, 1].
    @discardableResult
    static func periodInvariants(_ app: Application, _ ids: [Int], _ from: CivilDate, _ through: CivilDate, _ label: String) async throws
        -> MessageTally
    {
        let whole = try await periodFigures(app, ids, from, through)
        var sum = MessageTally()
        for id in ids {
            let one = try await periodFigures(app, [id], from, through)
            sum = sum + one.total
        }
        let t = whole.total
        #expect(sum == t, "\(label): the agencies add up to the subtree: \(sum) vs \(t)")
        #expect(t.received == t.completed + t.open, "\(label)")
        #expect(whole.months.map(\.received).reduce(0, +) == t.received, "\(label): months received")
        #expect(whole.months.map(\.completed).reduce(0, +) == t.completed, "\(label): months completed")
        #expect(whole.channels.map(\.tally.received).reduce(0, +) == t.received, "\(label): channels")
        for rate in [t.completionRate, t.satisfactionRate, t.onTimeRate, t.ratedShare] {
            if let rate { #expect(rate >= 0 && rate <= 1, "\(label): a rate outside [0, 1]: \(t)") }
        }
        #expect(
            t.onTime <= t.onTimeKnown && t.onTimeKnown <= t.completed && t.timed <= t.completed,
            "\(label): on time \(t.onTime) of \(t.onTimeKnown) known, \(t.timed) timed, \(t.completed) completed")
        #expect(t.rated <= t.completed, "\(label)")
        #expect(t.satisfied + t.basicallySatisfied + t.dissatisfied == t.rated, "\(label)")
        return t
    }

    /// A year vs its quarters vs its half-years vs the agencies of the subtree, on items with
    /// copies across agencies and periods, a conversion to a request and back, a transfer,
    /// 不予受理 · 重复 dismissals, a re-import of the same export, a call at 23:59 on New Year's
    /// Eve. Each item in exactly one period; the agencies add up in every period.
    @Test func aYearItsQuartersAndItsAgenciesAddUp() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID(), town = try county.township.requireID()
            let all = [gov, bureau, town]
            let officer = TestClient(app)
            _ = try await officer.signIn("officer", County.password)

            // Stage A, 2024-04-15.
            app.settings.fixedToday = "2024-04-15"
            let govA =
                MessageReviewFixesTests.header
                + "G-H1,12345热线,2024-03-30 10:00,噪音,夜间噪音,,,,\r\n"
                + "G-H2,12345热线,2024-03-31 23:59,路灯,路灯不亮,城管,2024-04-02 10:00,已修复,满意\r\n"
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, govA.replacingOccurrences(of: "G-", with: ""))
            try await MessageReviewFixesTests.importFile(
                app, agencyID: bureau,
                MessageReviewFixesTests.header
                    + "H1,12345热线,2024-04-02 09:00,噪音,夜间噪音,教育股,2024-04-10 10:00,已处理,满意\r\n"
                    + "H2,12345热线,2024-04-01 09:00,路灯,路灯不亮,,,,\r\n")
            try await MessageReviewFixesTests.importFile(
                app, agencyID: town, MessageReviewFixesTests.header + "T1,来信,2024-02-10 10:00,道路,村道损坏,,2024-02-20 10:00,已修,基本满意\r\n")

            // Stage B, 2024-07-05: H5 converted by the government, the bureau's copy dismissed as 重复;
            // the bureau's open H2 transferred to the township.
            app.settings.fixedToday = "2024-07-05"
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, MessageReviewFixesTests.header + "H5,12345热线,2024-06-29 10:00,申请公开预算,申请公开部门预算,,,,\r\n")
            try await MessageReviewFixesTests.importFile(
                app, agencyID: bureau, MessageReviewFixesTests.header + "H5,12345热线,2024-07-01 10:00,申请公开预算,申请公开部门预算,,,,\r\n")
            try await MessageConversionCountingTests.convert(app, officer, "H5", agency: gov, extra: [("received_on", "2024-06-29")])
            let h5b = try await MessageCountingReviewTests.one(app, "H5", agency: bureau).requireID()
            try await MessageReviewFixesTests.act(app, h5b, .notAccept(reason: .duplicate, note: "重复", on: "2024-07-05"))
            let h2b = try await MessageCountingReviewTests.one(app, "H2", agency: bureau).requireID()
            try await MessageReviewFixesTests.act(app, h2b, .transfer(agencyID: town, reason: "属镇职责"))
            app.settings.fixedToday = "2024-07-06"
            let back = try await MessageConversionTests.back(app, officer)
            #expect(back.receivedOn == "2024-06-29")
            #expect(try await Self.periodFigures(app, all, "2024-01-01", "2024-12-31").total.received == 4, "H1, H2, T1, H5 (a message again)")

            // Stage C, 2024-10-20: the township answers H2; H6 in two agencies (a 调休 Sunday
            // receipt), the bureau's dismissed as 重复; H5's request turned back into a message; the
            // government's stage-A export imported again with H1 answered.
            app.settings.fixedToday = "2024-10-20"
            let h2 = try await MessageCountingReviewTests.one(app, "H2", agency: bureau).requireID()
            try await MessageReviewFixesTests.act(app, h2, .accept(on: "2024-10-08"))
            try await MessageReviewFixesTests.act(app, h2, .reply(text: "已修复", on: "2024-10-09"))
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, MessageReviewFixesTests.header + "H6,12345热线,2024-09-29 09:00,积水,路口积水,城管,2024-10-08 10:00,已疏通,不满意\r\n")
            try await MessageReviewFixesTests.importFile(
                app, agencyID: bureau, MessageReviewFixesTests.header + "H6,12345热线,2024-10-09 09:00,积水,路口积水,,,,\r\n")
            let h6b = try await MessageCountingReviewTests.one(app, "H6", agency: bureau).requireID()
            try await MessageReviewFixesTests.act(app, h6b, .notAccept(reason: .duplicate, note: "重复", on: "2024-10-10"))
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov,
                MessageReviewFixesTests.header
                    + "H1,12345热线,2024-03-30 10:00,噪音,夜间噪音,城管,2024-04-05 10:00,已处理,基本满意\r\n"
                    + "H2,12345热线,2024-03-31 23:59,路灯,路灯不亮,城管,2024-04-02 10:00,已修复,满意\r\n")

            // Stage D, 2025-01-10: H7 taken at 23:59 on New Year's Eve.
            app.settings.fixedToday = "2025-01-10"
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov, MessageReviewFixesTests.header + "H7,12345热线,2024-12-31 23:59,燃气,燃气味,,,,\r\n")
            try await MessageReviewFixesTests.importFile(
                app, agencyID: bureau, MessageReviewFixesTests.header + "H7,12345热线,2025-01-02 09:00,燃气,燃气味,燃气办,2025-01-03 10:00,已处置,满意\r\n")

            let year = try await Self.periodInvariants(app, all, "2024-01-01", "2024-12-31", "2024")
            // H1, H2, T1, H5 (back: a message again, first received 06-29), H6, H7
            #expect(year.received == 6, "six items from the public in 2024: \(year)")
            let quarters = [("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31")]
            var sum = 0
            for (a, b) in quarters { sum += try await Self.periodInvariants(app, all, CivilDate(iso: a)!, CivilDate(iso: b)!, "\(a)…\(b)").received }
            #expect(sum == year.received, "the quarters add up to the year")
            let h1 = try await Self.periodInvariants(app, all, "2024-01-01", "2024-06-30", "H1 2024")
            let h2half = try await Self.periodInvariants(app, all, "2024-07-01", "2024-12-31", "H2 2024")
            #expect(h1.received + h2half.received == year.received, "the half-years add up to the year")
            try await Self.periodInvariants(app, all, "2024-12-01", "2025-01-31", "across the year end")
            #expect(try await Self.periodFigures(app, all, "2025-01-01", "2025-12-31").total.received == 0, "H7 was first received in 2024")
            // the JSON the CLI prints says the same
            let yearFigures = try await Self.periodFigures(app, all, "2024-01-01", "2024-12-31")
            let json =
                try JSONSerialization.jsonObject(with: JSONCoding.encoder(pretty: true).encode(MessageStatsJSON(yearFigures))) as? [String: Any]
            #expect(json?["received"] as? Int == year.received)
            #expect((json?["by_channel"] as? [String: Int])?.values.reduce(0, +) == year.received)
        }
    }

    /// The issue's stats JSON shape, exactly: these ten keys, rates null over nothing.
    @Test func theStatsJSONHasExactlyTheIssuesKeys() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let f = try await Self.periodFigures(app, [gov], "2024-01-01", "2024-12-31")
            let data = try JSONCoding.encoder(pretty: true).encode(MessageStatsJSON(f))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(
                Set(json.keys) == [
                    "received", "completed", "open", "by_channel", "rated", "satisfied", "basically_satisfied", "dissatisfied",
                    "completion_rate", "satisfaction_rate",
                ])
            #expect(json["completion_rate"] is NSNull && json["satisfaction_rate"] is NSNull)
        }
    }

    /// The on-time rate with a reply dated in a year whose holiday notice is not loaded yet
    /// (the bundled calendar ends with 2026). Today 2027-01-10: A1 received 2026-12-01 and
    /// answered the next day (on time); A2 received the same day, due 2026-12-22 (15 working
    /// days, all in 2026), answered 2027-01-06 — late whatever the 2027 notice says. Its
    /// handling days cannot be counted (2027 unknown), but its lateness is known: the on-time
    /// rate of December–January must be 1 of 2, not 1 of 1 = 100 %.
    @Test func aLateReplyInAYearWithoutANoticeStillCountsAsLate() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2027-01-10"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await MessageReviewFixesTests.importFile(
                app, agencyID: gov,
                MessageReviewFixesTests.header
                    + "A1,12345热线,2026-12-01 10:00,供暖,暖气不热,热力,2026-12-02 10:00,已维修,满意\r\n"
                    + "A2,12345热线,2026-12-01 11:00,供暖,暖气不热,热力,2027-01-06 10:00,已维修,满意\r\n")
            let a2 = try await MessageCountingReviewTests.one(app, "A2", agency: gov)
            #expect(a2.onTime == false, "due \(String(describing: a2.dueOn)), answered 2027-01-06")
            let t = try await Self.periodFigures(app, [gov], "2026-12-01", "2027-01-10").total
            #expect(t.completed == 2)
            #expect(t.onTimeKnown == 2 && t.timed == 1, "A2's standing is known, its working days are not: \(t)")
            #expect(t.averageHandlingDays == Double(t.handlingDaysTotal), "the average over A1 alone")
            #expect(
                t.onTimeRate == 0.5,
                "one of two answered on time, the other known late: on time \(t.onTime) of \(t.timed) timed → \(MessageTally.percent(t.onTimeRate))")
        }
    }

    /// 含下属机关（汇总） for a user who may see only his own agency: the sum is of the agencies he
    /// may see, and the page says so instead of passing it off as the subtree's.
    @Test func aSubtreeSumOverAgenciesOneMayNotSeeSaysSo() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            let officer = TestClient(app)
            _ = try await officer.signIn("officer", County.password)
            let page = try await officer.get("/console/messages/figures?agency_id=\(gov)&subtree=1&year=2024")
            #expect(page.status == .ok && page.body.contains("下属机关中另有 2 个不在您的查看范围内"), "\(page.status)")
            let alone = try await officer.get("/console/messages/figures?agency_id=\(gov)&year=2024")
            #expect(alone.status == .ok && !alone.body.contains("不在您的查看范围内"))
        }
    }
}
