import Foundation
import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Working-day calendar: worked examples across real holiday boundaries")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar()

    struct DueCase: CustomTestStringConvertible, Sendable {
        let start: String, days: Int, due: String, why: String
        var testDescription: String { "\(start) + \(days) WD = \(due) (\(why))" }
    }

    @Test("due dates, start day not counted", arguments: [
        DueCase(start: "2023-09-27", days: 20, due: "2023-10-31",
                why: "Mid-Autumn + National Day 2023: 09-29…10-06 off, Sat 10-07 and Sun 10-08 worked"),
        DueCase(start: "2023-09-28", days: 1, due: "2023-10-07", why: "the first working day after the holiday is a 调休 Saturday"),
        DueCase(start: "2023-10-01", days: 1, due: "2023-10-07", why: "a request received on a holiday"),
        DueCase(start: "2020-01-20", days: 20, due: "2020-02-25",
                why: "2020 Spring Festival extended to 02-02: Sat 02-01 no longer a working day"),
        DueCase(start: "2020-01-17", days: 1, due: "2020-01-19", why: "Sun 2020-01-19 was a make-up working day"),
        DueCase(start: "2019-04-26", days: 5, due: "2019-05-06",
                why: "2019 May Day as changed by 国办发明电〔2019〕3号: 05-01…05-04 off, Sun 04-28 and Sun 05-05 worked"),
        DueCase(start: "2025-01-24", days: 10, due: "2025-02-13",
                why: "2025's longer Spring Festival: 01-28…02-04 off, Sun 01-26 and Sat 02-08 worked"),
        DueCase(start: "2023-12-25", days: 20, due: "2024-01-23", why: "across the 2024 New Year's Day"),
        DueCase(start: "2022-12-30", days: 1, due: "2023-01-03", why: "2022-12-31 was declared a holiday by the 2023 notice"),
        DueCase(start: "2024-12-31", days: 1, due: "2025-01-02", why: "year end, 2025-01-01 holiday"),
        DueCase(start: "2026-12-01", days: 20, due: "2026-12-29", why: "last known year, no holiday"),
        DueCase(start: "2023-06-05", days: 0, due: "2023-06-05", why: "a period of zero days ends on its start"),
    ])
    func dueDates(_ c: DueCase) throws {
        #expect(try calendar.addingWorkingDays(c.days, to: d(c.start)) == d(c.due))
    }

    @Test("due dates, start day counted when configured", arguments: [
        DueCase(start: "2023-09-27", days: 20, due: "2023-10-30", why: "the start is a working day and counts as day 1"),
        DueCase(start: "2023-10-01", days: 1, due: "2023-10-07", why: "a start on a holiday cannot count"),
        DueCase(start: "2023-10-07", days: 1, due: "2023-10-07", why: "a start on a 调休 Saturday counts"),
    ])
    func dueDatesStartIncluded(_ c: DueCase) throws {
        let included = calendar.with(convention: .startDayIncluded)
        #expect(try included.addingWorkingDays(c.days, to: d(c.start)) == d(c.due))
    }

    @Test("is a date a working day", arguments: [
        ("2023-09-28", true), ("2023-09-29", false), ("2023-10-06", false), ("2023-10-07", true), ("2023-10-08", true),
        ("2020-01-31", false), ("2020-02-01", false), ("2020-02-03", true), ("2020-01-19", true),
        ("2019-04-28", true), ("2019-05-04", false), ("2019-05-05", true),
        ("2025-01-26", true), ("2025-02-04", false), ("2025-02-08", true),
        ("2023-12-30", false), ("2024-02-09", true),  // 除夕 2024 was only "encouraged" off, not a holiday
    ])
    func isWorkingDay(_ date: String, _ expected: Bool) throws {
        #expect(try calendar.isWorkingDay(d(date)) == expected)
    }

    @Test func countsWorkingDaysInAClosedInterval() throws {
        #expect(try calendar.countWorkingDays(from: d("2023-09-28"), through: d("2023-10-31")) == 20)
        #expect(try calendar.countWorkingDays(from: d("2023-10-01"), through: d("2023-10-06")) == 0)
        #expect(try calendar.countWorkingDays(from: d("2023-10-31"), through: d("2023-10-01")) == 0)
        #expect(try calendar.workingDaysElapsed(since: d("2023-09-27"), asOf: d("2023-10-09")) == 4)
    }

    @Test func dateBeyondKnownScheduleIsAnExplicitError() throws {
        let error = #expect(throws: CalendarError.self) {
            try calendar.addingWorkingDays(20, to: d("2026-12-20"))
        }
        #expect(error?.date == d("2027-01-01"))
        #expect(error?.localizedDescription.contains("2027 年没有国务院节假日安排") == true)
        #expect(error?.localizedDescription.contains("2019–2026") == true)
        #expect(throws: CalendarError.self) { try calendar.isWorkingDay(d("2018-12-31")) }
        #expect(throws: CalendarError.self) { try calendar.isWorkingDay(d("2027-03-01")) }
    }

    @Test func aGapYearInsideTheRangeIsNotGuessed() throws {
        // given a schedule that knows 2025 and 2027 but not 2026
        let partial = HolidaySchedule(years: [2025, 2027], entries: HolidaySchedule.bundled.entries(inYear: 2025))
        let gapped = WorkingDayCalendar(schedule: partial)
        // then a period crossing 2026 is refused, naming its first unknown day
        let error = #expect(throws: CalendarError.self) { try gapped.addingWorkingDays(300, to: d("2025-06-02")) }
        #expect(error?.date == d("2026-01-01"))
    }

    @Test func explanationNamesEveryDay() throws {
        let explanation = try calendar.explainAddingWorkingDays(20, to: d("2023-09-27"))
        #expect(explanation.due == d("2023-10-31"))
        #expect(explanation.lines.count == 35)
        #expect(explanation.lines.first?.kind == .startDay)
        let holidays = explanation.lines.filter { $0.kind == .holiday }
        #expect(holidays.map(\.date) == (0..<8).map { d("2023-09-29").adding(days: $0) })
        #expect(holidays.first?.note == "中秋节、国庆节")
        let adjusted = explanation.lines.filter { $0.kind == .adjustedWorkingDay }
        #expect(adjusted.map(\.date) == [d("2023-10-07"), d("2023-10-08")])
        #expect(adjusted.map(\.countedAs) == [2, 3])
        #expect(explanation.lines.filter { $0.kind == .weekend }.count == 6)
        #expect(explanation.lines.last?.countedAs == 20)
        #expect(explanation.festivalsCrossed == ["中秋节、国庆节"])
        #expect(explanation.chineseSummary == "自 2023-09-27 起 20 个工作日，至 2023-10-31（星期二）届满；跳过周末 6 天、法定节假日 8 天，调休上班 2 天计入。")
        #expect(adjusted[0].chineseLine == "2023-10-07 星期六 调休上班（中秋节、国庆节），第 2 个工作日")
    }

    @Test func overlayReplacesAWholeYear() throws {
        // given the original 2020 notice, before the Spring Festival was extended
        let original = try HolidayScheduleParser.parse("""
            date\tkind\tname\tsource
            2020-01-01\tholiday\t元旦\t国办发明电〔2019〕16号
            2020-01-19\tworkday\t春节\t国办发明电〔2019〕16号
            2020-01-24\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-25\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-26\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-27\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-28\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-29\tholiday\t春节\t国办发明电〔2019〕16号
            2020-01-30\tholiday\t春节\t国办发明电〔2019〕16号
            2020-02-01\tworkday\t春节\t国办发明电〔2019〕16号
            """, year: 2020)
        let before = WorkingDayCalendar(schedule: HolidaySchedule.bundled.overlaid(with: original))
        // then the same request fell due two working days earlier (01-31 and 02-01 were worked)
        #expect(try before.addingWorkingDays(20, to: d("2020-01-20")) == d("2020-02-21"))
        #expect(try before.isWorkingDay(d("2020-02-01")))
        // and the other years are untouched
        #expect(try before.addingWorkingDays(20, to: d("2023-09-27")) == d("2023-10-31"))
        // and the replaced year is replaced whole: 清明 2020 was not in the file given, so it is gone
        #expect(try before.isWorkingDay(d("2020-04-06")))
    }

    @Test func anAddedYearExtendsTheCalendar() throws {
        let year2027 = try HolidayScheduleParser.parse("""
            2027-01-01,放假,元旦,国办发明电〔2026〕X号
            2027-02-06,休,春节,国办发明电〔2026〕X号
            """, year: 2027)
        let extended = WorkingDayCalendar(schedule: HolidaySchedule.bundled.overlaid(with: year2027))
        #expect(extended.knownYears.last == 2027)
        #expect(try extended.addingWorkingDays(20, to: d("2026-12-20")) == d("2027-01-18"))
    }
}

@Suite("Holiday schedule files")
struct HolidayScheduleParserTests {
    @Test func bundledDataCoversEightYears() {
        let bundled = HolidaySchedule.bundled
        #expect(bundled.years == Set(2019...2026))
        #expect(bundled.entries.count == 282)
        #expect(bundled.entries[d("2020-02-01")]?.designation == .holiday)
        #expect(bundled.entries[d("2020-02-01")]?.source.contains("国办发明电〔2020〕1号") == true)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let text: String, line: Int?, message: String
        var testDescription: String { message }
    }

    @Test("refused files say which line is wrong", arguments: [
        BadFile(text: "2027-01-04\tworkday\t元旦\tX", line: 1, message: "2027-01-04 是星期一，调休上班日只能是周六或周日"),
        BadFile(text: "date,kind\n2027-13-01,holiday", line: 2, message: "日期“2027-13-01”无效，应为 YYYY-MM-DD"),
        BadFile(text: "2027-01-01\tday off", line: 1, message: "类型“day off”无效，应为 holiday（放假）或 workday（调休上班）"),
        BadFile(text: "2027-01-01\tholiday\n\n2027-01-01\tholiday", line: 3, message: "日期 2027-01-01 与第 1 行重复"),
        BadFile(text: "2027-01-01", line: 1, message: "至少需要“日期”和“类型”两列，用制表符或逗号分隔"),
        BadFile(text: "2028-05-01\tholiday", line: 1, message: "日期 2028-05-01 不属于 2027 年的节假日安排"),
        BadFile(text: "2026-12-31\tholiday", line: nil, message: "文件中没有 2027 年的日期"),
        BadFile(text: "2027-02-06\tworkday", line: nil, message: "2027 年的安排中没有任何放假日期，请检查文件"),
        BadFile(text: "\n# comment only\n", line: nil, message: "文件中没有 2027 年的日期"),
    ])
    func refusesBadFiles(_ bad: BadFile) {
        let error = #expect(throws: HolidayScheduleError.self) { try HolidayScheduleParser.parse(bad.text, year: 2027) }
        #expect(error == HolidayScheduleError(line: bad.line, message: bad.message))
    }

    @Test func acceptsANoticeReachingIntoThePreviousYear() throws {
        let schedule = try HolidayScheduleParser.parse("2027-12-31\tholiday\t元旦\n2028-01-01\tholiday\t元旦", year: 2028)
        #expect(schedule.years == [2028])
        #expect(schedule.entries.count == 2)
    }

    @Test func tsvRoundTrips() throws {
        let entries = HolidaySchedule.bundled.entries(inYear: 2023)
        let again = try HolidayScheduleParser.parse(HolidayScheduleParser.tsv(entries), year: 2023)
        #expect(again.entries(inYear: 2023) == entries)
    }
}

@Suite("Civil dates")
struct CivilDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2023-2-01") == nil)
        #expect(CivilDate(iso: "２０２３-01-01") == nil)
        #expect(CivilDate(iso: "2023-01-01T00:00") == nil)
    }

    @Test func dayNumbersRoundTripAndWeekdaysAreRight() {
        #expect(d("1970-01-01").dayNumber == 0)
        #expect(d("2023-10-31").isoWeekday == 2)
        #expect(d("2023-10-07").isWeekend)
        for n in stride(from: -1000, through: 30000, by: 37) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test func todayIsTheDateInChinaStandardTime() {
        // 2023-12-31 16:30 UTC is already 2024-01-01 00:30 in Beijing.
        #expect(CivilDate.today(at: Date(timeIntervalSince1970: 1_704_040_200)) == d("2024-01-01"))
        #expect(CivilDate.today(at: Date(timeIntervalSince1970: 1_704_038_400 - 1)) == d("2023-12-31"))
    }
}
