import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Working-day calendar in the platform")
struct CalendarServerTests {
    @Test func theDeadlineCalculatorAnswersAnyone() async throws {
        try await withTestApp { app in
            let client = TestClient(app)
            let due = try await client.get("/api/v1/calendar/due?start=2023-09-27&days=20")
            #expect(due.status == .ok)
            let explanation = try due.json(DeadlineExplanation.self)
            #expect(explanation.due == CivilDate(iso: "2023-10-31"))
            #expect(explanation.lines.count == 35)
            let workday = try await client.get("/api/v1/calendar/workday?date=2023-10-07")
            #expect(try workday.json(DayStatus.self).kind == .adjustedWorkingDay)
            let beyond = try await client.get("/api/v1/calendar/due?start=2026-12-20&days=20")
            #expect(beyond.status == .unprocessableEntity)
            let error = try beyond.json(APIErrorBody.self).error
            #expect(error.code == "outside_known_schedule")
            #expect(error.message.contains("2027 年没有国务院节假日安排"))
            let bad = try await client.get("/api/v1/calendar/due?start=yesterday&days=20")
            #expect(try bad.json(APIErrorBody.self).error.fields?["start"] == "起算日期“yesterday”无效，应为 YYYY-MM-DD，例如 2023-09-27")
        }
    }

    @Test func anAdministratorAddsAYearAndEveryInstanceSeesIt() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await county.user("cal.admin", [.systemAdministrator], on: app)
            let browser = TestClient(app)
            try await browser.signIn("cal.admin", County.password)
            let page = try await browser.get("/console/calendar?year=2023&start=2023-09-27&days=20")
            #expect(page.body.contains("届满日期：2023年10月31日（星期二）"))
            // a bad file is refused with its line
            let refused = try await browser.postMultipart("/console/calendar/years", fields: [
                ("year", "2027"), ("content", "2027-01-01\tholiday\t元旦\n2027-01-05\tworkday\t元旦")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("第 2 行：2027-01-05 是星期二，调休上班日只能是周六或周日"))
            #expect(try await HolidayScheduleYear.query(on: app.db).count() == 0)
            // a good one is stored, audited and used at once
            let saved = try await browser.postMultipart("/console/calendar/years", fields: [
                ("year", "2027"), ("content", "2027-01-01\tholiday\t元旦\t国办发明电〔2026〕X号\n2027-02-06\tworkday\t春节\t国办发明电〔2026〕X号")])
            #expect(saved.status == .seeOther)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityType == "holiday_schedule").count() == 1)
            let due = try await browser.get("/api/v1/calendar/due?start=2026-12-20&days=20")
            #expect(try due.json(DeadlineExplanation.self).due == CivilDate(iso: "2027-01-18"))
            // a second application on the same database (another server instance) agrees
            let other = CalendarStore(convention: .startDayExcluded)
            #expect(try await other.calendar(on: app.db).knownYears.last == 2027)
        }
    }

    @Test func theAPIImportsATSVBody() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let admin = try await county.user("cal.api", [.systemAdministrator], on: app)
            let client = TestClient(app)
            client.bearer = try await APITokenService.create(name: "cal", userID: try admin.requireID(), validDays: nil, by: .system, on: app.db).1
            let response = try await client.api(.PUT, "/api/v1/calendar/years/2027", rawBody: "2027-01-01\tholiday\t元旦\t通知\n",
                                                contentType: HTTPMediaType(type: "text", subType: "tab-separated-values"))
            #expect(response.status == .ok)
            #expect(try response.json(CalendarYearDTO.self).entries.count == 1)
            let years = try await client.get("/api/v1/calendar/years")
            #expect(try years.json(CalendarYearsDTO.self).importedYears == [2027])
        }
    }
}
