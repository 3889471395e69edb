import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Message clock: time limits in working days across real holidays")
struct MessageClockTests {
    let calendar = WorkingDayCalendar()

    func timeline(_ received: String, days: Int = 15, completed: String? = nil, transferred: String? = nil) -> MessageTimeline {
        MessageTimeline(receivedOn: d(received), transferredOn: transferred.map(d), transferredFrom: transferred == nil ? nil : "县教育局",
                        limitDays: days, limitBasis: "测试", completedOn: completed.map(d))
    }

    @Test("due dates across National Day, Spring Festival and Labour Day", arguments: [
        // received, working days, due — each read day by day from the bundled holiday notices
        // 2023 National Day: 09-29…10-06 off, Sat 10-07 and Sun 10-08 worked (调休).
        ("2023-09-27", 15, "2023-10-24"),
        ("2023-09-27", 3, "2023-10-08"),
        // 2024 Spring Festival: 02-10…02-17 off, Sun 02-04 and Sun 02-18 worked.
        ("2024-02-08", 5, "2024-02-21"),
        ("2024-02-02", 1, "2024-02-04"),
        // 2024 Labour Day: 05-01…05-05 off, Sun 04-28 and Sat 05-11 worked.
        ("2024-04-30", 2, "2024-05-07"),
        // received on a Saturday: the period counts from the next working day
        ("2024-03-16", 1, "2024-03-18"),
    ])
    func dueDates(received: String, days: Int, due: String) {
        let state = MessageClock.evaluate(timeline(received, days: days), calendar: calendar, today: d(received))
        #expect(state.dueOn == d(due))
        #expect(state.problem == nil)
        #expect(state.days.last?.date == d(due))
        #expect(state.days.last?.countedAs == days)
    }

    @Test func theExplanationNamesHolidaysAndAdjustedWorkingDays() {
        let state = MessageClock.evaluate(timeline("2023-09-27", days: 15), calendar: calendar, today: d("2023-10-09"))
        #expect(state.days.filter { $0.kind == .holiday }.count == 8)
        #expect(state.days.first { $0.date == d("2023-10-07") }?.countedAs == 2)
        #expect(state.days.first { $0.date == d("2023-10-07") }?.chineseLine.contains("第 2 个工作日") == true)
        #expect(state.countedDays == 4)  // 09-28, 10-07, 10-08, 10-09
        #expect(state.remainingDays == 11)
        #expect(state.notes.contains { $0.text.contains("办理期限：2023年10月24日（星期二）") })
        #expect(!state.isOverdue && !state.isDueSoon)
    }

    @Test func dueSoonAndOverdue() {
        // due 2023-10-24 (Tue)
        let soon = MessageClock.evaluate(timeline("2023-09-27"), calendar: calendar, today: d("2023-10-20"), dueSoonDays: 2)
        #expect(soon.isDueSoon && !soon.isOverdue)  // Fri: Mon, Tue are the next two working days
        let notYet = MessageClock.evaluate(timeline("2023-09-27"), calendar: calendar, today: d("2023-10-19"), dueSoonDays: 2)
        #expect(!notYet.isDueSoon)
        let late = MessageClock.evaluate(timeline("2023-09-27"), calendar: calendar, today: d("2023-10-26"))
        #expect(late.isOverdue && !late.isDueSoon)
        #expect(late.remainingDays == 0)
        #expect(late.notes.contains { $0.isWarning && $0.text.contains("已超过办理期限 2 个工作日") })
    }

    @Test func completionOnTimeAndHandlingDays() {
        let onTime = MessageClock.evaluate(timeline("2023-09-27", completed: "2023-10-09"), calendar: calendar, today: d("2023-12-01"))
        #expect(onTime.completedOnTime == true)
        #expect(onTime.handlingDays == 4)
        #expect(!onTime.isOverdue)
        let late = MessageClock.evaluate(timeline("2023-09-27", completed: "2023-10-25"), calendar: calendar, today: d("2023-12-01"))
        #expect(late.completedOnTime == false)
        #expect(late.handlingDays == 16)
        let sameDay = MessageClock.evaluate(timeline("2024-03-15", completed: "2024-03-15"), calendar: calendar, today: d("2024-03-15"))
        #expect(sameDay.handlingDays == 0)
        #expect(sameDay.completedOnTime == true)
    }

    @Test func aTransferredMessageRunsFromTheDayItArrived() {
        let state = MessageClock.evaluate(timeline("2024-02-02", days: 5, transferred: "2024-02-08"), calendar: calendar, today: d("2024-02-08"))
        #expect(state.startOn == d("2024-02-08"))
        #expect(state.dueOn == d("2024-02-21"))
        #expect(state.notes.contains { $0.text.contains("由县教育局转来本机关办理") })
    }

    @Test func theStartDayConventionIsTheInstallations() {
        let included = WorkingDayCalendar(convention: .startDayIncluded)
        let state = MessageClock.evaluate(timeline("2023-09-27", days: 3), calendar: included, today: d("2023-09-27"))
        #expect(state.dueOn == d("2023-10-07"))  // 09-27 = 1, 09-28 = 2, 10-07 (调休) = 3
    }

    @Test func aYearWithoutHolidayDataIsAProblemNotACrash() {
        let state = MessageClock.evaluate(timeline("2026-12-28", days: 15), calendar: calendar, today: d("2026-12-28"))
        #expect(state.dueOn == nil)
        #expect(state.problem?.contains("2027") == true)
    }

    /// The bundled calendar ends with 2026. A due date in it is known, whatever lies after: a
    /// reply in 2027 after it is late (its working days unknown), an open message past it is
    /// overdue, and one due on the year's last working day is due soon the day before.
    @Test func aKnownDueDateAnswersWhatLiesBeyondTheLastNotice() {
        let late = MessageClock.evaluate(timeline("2026-12-01", completed: "2027-01-06"), calendar: calendar, today: d("2027-01-10"))
        #expect(late.dueOn == d("2026-12-22") && late.completedOnTime == false && late.handlingDays == nil && late.problem == nil)
        #expect(MessageClock.summary(timeline("2026-12-01", completed: "2027-01-06"), calendar: calendar) == (d("2026-12-22"), nil, false))
        let open = MessageClock.evaluate(timeline("2026-12-01"), calendar: calendar, today: d("2027-01-10"))
        #expect(open.isOverdue && open.remainingDays == nil && open.problem == nil)
        let soon = MessageClock.evaluate(timeline("2026-12-10"), calendar: calendar, today: d("2026-12-30"))
        #expect(soon.dueOn == d("2026-12-31") && soon.isDueSoon)
        // 31 December is the one known working day left: 1 January 2027 is the second at the earliest
        #expect(MessageClock.dueSoonThrough(today: d("2026-12-30"), dueSoonDays: 2, calendar: calendar) == d("2027-01-01"))
        #expect(MessageClock.dueSoonThrough(today: d("2026-12-01"), dueSoonDays: 2, calendar: calendar) == d("2026-12-03"))
        // today in the unknown year: each day at most one working day
        #expect(MessageClock.dueSoonThrough(today: d("2027-01-04"), dueSoonDays: 2, calendar: calendar) == d("2027-01-06"))
        // five working days from 28 December 2026: 29, 30, 31 known, then 2 more days at the earliest
        #expect(calendar.dueSoonThrough(today: d("2026-12-28"), workingDays: 5) == d("2027-01-02"))
        let included = WorkingDayCalendar(convention: .startDayIncluded)
        #expect(included.dueSoonThrough(today: d("2026-12-28"), workingDays: 5) == d("2027-01-01"))
        #expect(included.dueSoonThrough(today: d("2027-01-04"), workingDays: 2) == d("2027-01-05"))
    }

    /// Received 2026-12-21 with 15 working days: the due date is in 2027, whose notice is not
    /// in the calendar. An answer on 2026-12-28 is on time whatever the due date turns out to be,
    /// and its working days are counted (5); an open message has no due date (review 12h).
    @Test func anAnswerBeforeAnUnknownDueDateIsOnTimeWithItsDays() {
        let t = timeline("2026-12-21", completed: "2026-12-28")
        #expect(MessageClock.summary(t, calendar: calendar) == (nil, 5, true))
        let state = MessageClock.evaluate(t, calendar: calendar, today: d("2026-12-30"))
        #expect(state.dueOn == nil && state.problem != nil)
        #expect(state.completedOnTime == true && state.handlingDays == 5)
        #expect(MessageClock.summary(timeline("2026-12-21"), calendar: calendar) == (nil, nil, nil))
        // received on 31 December of a year without a notice: the unknown days lie before the
        // answer, so its count says nothing (answered 2019-01-05 after a due date of 01-04 with 3 days)
        #expect(MessageClock.summary(timeline("2018-12-31", days: 3, completed: "2019-01-05"), calendar: calendar) == (nil, nil, nil))
        // answered in the unknown year too: nothing can be said yet
        #expect(MessageClock.summary(timeline("2026-12-21", completed: "2027-01-05"), calendar: calendar) == (nil, nil, nil))
    }

    @Test func limitsByChannelAndKindMostSpecificFirst() {
        var limits = MessageTimeLimits(defaultDays: 15, consultationDays: 5)
        #expect(limits.limit(channel: .headMailbox, kind: .complaint).days == 15)
        #expect(limits.limit(channel: .headMailbox, kind: .consultation).days == 5)
        limits.rules = [MessageTimeLimitRule(channel: .hotline12345, kind: nil, days: 10),
                        MessageTimeLimitRule(channel: .hotline12345, kind: .consultation, days: 1),
                        MessageTimeLimitRule(channel: nil, kind: .complaint, days: 12)]
        #expect(limits.limit(channel: .hotline12345, kind: .consultation).days == 1)
        #expect(limits.limit(channel: .hotline12345, kind: .complaint).days == 10)
        #expect(limits.limit(channel: .headMailbox, kind: .complaint).days == 12)
        #expect(limits.limit(channel: .headMailbox, kind: .complaint).basis.contains("本机关规定"))
        #expect(limits.limit(channel: .wechat, kind: .help).days == 15)
    }

    @Test func channelsAreSeededByAgencyKind() {
        #expect(MessageChannelKind.headMailbox.seedName(for: .government) == "县长信箱")
        #expect(MessageChannelKind.headMailbox.seedName(for: .department) == "局长信箱")
        #expect(MessageChannelKind.headMailbox.seedName(for: .township) == "镇长信箱")
        #expect(MessageChannelKind.hotline12345.seedName(for: .township) == "12345热线")
        #expect(MessageStep.approvePublication.requiredPermission == .approveMessageReplies)
        #expect(Role.allCases.filter { $0.permissions.contains(.approveMessageReplies) } == [.officeHead])
        #expect(!Role.supervisor.permissions.contains(.handleMessages))
    }
}
