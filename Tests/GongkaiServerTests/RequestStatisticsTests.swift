import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Tables 三 and 四 from the records: the SQL aggregation against counts made by hand in Swift
/// from the same generated rows, the cross-checks on the result, and year-end carry-over.
@Suite("Year statistics from the records")
struct RequestStatisticsTests {
    /// The counts of one year, made row by row (the independent check of the SQL).
    static func handCounts(_ rows: [SyntheticRequests.Row], agencyIDs: Set<Int>, year: Int) -> RequestYearCounts {
        var c = RequestYearCounts()
        let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
        for r in rows where agencyIDs.contains(r.agencyID) && r.receivedOn <= last {
            if let concluded = r.concludedOn, concluded < first { continue }
            if r.receivedOn >= first { c.newReceived[r.applicantKind, default: 0] += 1 } else { c.carriedOverIn[r.applicantKind, default: 0] += 1 }
            if let concluded = r.concludedOn, concluded <= last {
                c.results[r.outcome!, default: [:]][r.applicantKind, default: 0] += 1
            } else {
                c.carriedOverOut[r.applicantKind, default: 0] += 1
            }
        }
        return c
    }

    /// Zero counts and absent counts mean the same.
    static func normalized(_ c: RequestYearCounts) -> RequestYearCounts {
        var n = RequestYearCounts()
        n.newReceived = c.newReceived.filter { $0.value != 0 }
        n.carriedOverIn = c.carriedOverIn.filter { $0.value != 0 }
        n.carriedOverOut = c.carriedOverOut.filter { $0.value != 0 }
        n.results = c.results.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
        return n
    }

    @Test func theDatabaseCountsWhatAHandCountCounts() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let ids = [try county.bureau.requireID(), try county.township.requireID()]
            let rows = SyntheticRequests.generate(count: 600, agencyIDs: ids, years: 2022...2025, today: CivilDate(iso: "2025-10-15")!,
                                                      calendar: calendar, seed: 2024)
            try await SyntheticRequests.insert(rows, on: app.db)
            #expect(try await DisclosureRequest.query(on: app.db).count() == 600)
            var concludedTotal = 0
            for year in 2022...2025 {
                for scope in [[ids[0]], ids] {
                    let sql = try await RequestStatistics.yearCounts(agencyIDs: scope, year: year, on: app.db)
                    let hand = Self.handCounts(rows, agencyIDs: Set(scope), year: year)
                    #expect(Self.normalized(sql) == Self.normalized(hand), "year \(year), agencies \(scope)")
                    let report = try await RequestStatistics.report(agencyIDs: scope, year: year, on: app.db)
                    let checks = CrossChecks.run(report)
                    #expect(checks.findings.isEmpty, "\(checks.findings.map(\.message))")
                    #expect(checks.passed.contains { $0.rule == "R1" })
                    if scope.count == 2 { concludedTotal += sql.results.values.flatMap(\.values).reduce(0, +) }
                }
            }
            // Each concluded request is counted in exactly one year's results.
            #expect(concludedTotal == rows.filter { $0.concludedOn != nil }.count)
        }
    }

    @Test func requestsOpenOnNewYearsEveAreCarriedOverOnce() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let bureau = try county.bureau.requireID()
            func row(_ n: Int, _ received: String, _ concluded: String?, _ kind: ApplicantKind) throws -> SyntheticRequests.Row {
                let r = CivilDate(iso: received)!
                return .init(agencyID: bureau, trackingNumber: SyntheticRequests.trackingNumber(n, on: r), channel: .inPerson, applicantKind: kind,
                             applicantName: "申请人\(n)", description: "某文件", receivedOn: r, dueOn: try calendar.addingWorkingDays(20, to: r),
                             concludedOn: concluded.flatMap(CivilDate.init(iso:)), outcome: concluded == nil ? nil : .disclosed)
            }
            try await SyntheticRequests.insert([
                try row(1, "2023-12-20", "2024-01-10", .naturalPerson),
                try row(2, "2023-12-28", nil, .legalServiceOrg),
                try row(3, "2023-06-01", "2023-06-20", .naturalPerson),
                try row(4, "2024-03-01", "2024-03-05", .naturalPerson),
            ], on: app.db)
            let y2023 = try await RequestStatistics.report(agencyIDs: [bureau], year: 2023, on: app.db)
            #expect(y2023.t3("new_received", "total") == 3)
            #expect(y2023.t3("carried_over_out", "total") == 2)
            #expect(y2023.t3("result_total", "total") == 1)
            let y2024 = try await RequestStatistics.report(agencyIDs: [bureau], year: 2024, on: app.db)
            #expect(y2024.t3("carried_over_in", "total") == 2)
            #expect(y2024.t3("carried_over_in", "legal_service_org") == 1)
            #expect(y2024.t3("new_received", "total") == 1)
            #expect(y2024.t3("result_disclosed", "natural_person") == 2)
            #expect(y2024.t3("carried_over_out", "legal_service_org") == 1)
            #expect(CrossChecks.run(y2024).findings.isEmpty)
        }
    }

    @Test func theStatisticsPageShowsTheTablesAndTheirChecks() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = CivilDate(iso: "2025-03-01")
            let county = try await County.make(on: app)
            try await county.user("stat.head", [.supervisor], in: county.government, on: app)
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let rows = SyntheticRequests.generate(count: 120, agencyIDs: [try county.bureau.requireID()], years: 2024...2024,
                                                      today: CivilDate(iso: "2025-03-01")!, calendar: calendar, seed: 7)
            try await SyntheticRequests.insert(rows, on: app.db)
            let browser = TestClient(app)
            try await browser.signIn("stat.head", County.password)
            let own = try await browser.get("/console/statistics?year=2024")
            #expect(own.status == .ok)
            #expect(own.body.contains("三、本年度办理结果"))
            let rolled = try await browser.get("/console/statistics?year=2024&agency=\(try county.government.requireID())&subtree=1")
            #expect(rolled.body.contains("✓ R1"))
            #expect(rolled.body.contains(">\(rows.count)<"), "\(rolled.body.suffix(3000))")
            #expect(try await browser.get("/console/statistics?year=1990").status == .unprocessableEntity)
        }
    }

    @Test func aNewHolidayScheduleMovesOpenDeadlines() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2026-12-10")
            try await county.user("admin", [.systemAdministrator], on: app)
            let registered = try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2026-12-10"), agency: county.bureau)
            #expect(registered.status == .seeOther, "\(registered.body.prefix(3000))")
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            // 20 working days from 10 December 2026 reach into 2027, which has no schedule yet.
            #expect(r.dueOn == nil)
            let admin = TestClient(app)
            try await admin.signIn("admin", County.password)
            try await admin.get("/console/calendar")
            let saved = try await admin.postMultipart("/console/calendar/years", fields: [
                ("year", "2027"), ("content", "2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦")])
            #expect(saved.status == .seeOther)
            let moved = try #require(try await DisclosureRequest.find(r.requireID(), on: app.db))
            // 11–31 Dec 2026 give 15 working days; 1 and 4 Jan 2027 are off: 5, 6, 7, 8, 11 Jan.
            #expect(moved.dueOn == "2027-01-11")
            #expect(try await RequestEvent.query(on: app.db).filter(\.$kind == .deadlineRecomputed).count() == 1)
        }
    }
}
