import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// Second cold review of issue #9 (after ba83c3b, edd0983, 4205d05). Every date below was
/// recomputed independently from holidays.tsv (a Python walk over the table, 调休 days
/// included). `defect…` tests state the statutory answer and fail on main; `verified…` pass.
@Suite("Review 9b: core")
struct Review9bCoreTests {
    let calendar = WorkingDayCalendar()
    let included = WorkingDayCalendar(convention: .startDayIncluded)

    func evaluate(_ t: RequestTimeline, today: String, calendar: WorkingDayCalendar? = nil) -> ClockState {
        RequestClock.evaluate(t, calendar: calendar ?? self.calendar, rules: ClockRules(), today: d(today))
    }

    func problem(_ action: RequestAction, _ t: RequestTimeline, today: String) -> String? {
        let clock = evaluate(t, today: today)
        return RequestWorkflow.problem(with: action, timeline: t, clock: clock, rules: ClockRules(), today: d(today))
    }

    // MARK: defects

    /// A decision received 2026-12-21 orders the new reply "于 2027 年 1 月 15 日前". That date is
    /// the decision's own and needs no holiday table, but the clock walks the working days up to
    /// it, throws on 2027 and drops the due date: the request is never due, never overdue.
    @Test func defectAnOrderedDateInAYearWithoutHolidayDataIsLost() {
        var t = RequestTimeline(receivedOn: d("2026-12-21"))
        t.submittedOn = d("2026-12-21")
        t.orderedReply = .init(dueOn: d("2027-01-15"), basis: "测政复〔2026〕9号")
        let state = evaluate(t, today: "2026-12-22")
        #expect(state.dueOn == d("2027-01-15"), "due \(state.dueOn?.iso ?? "nil"); problem: \(state.problem ?? "-")")
    }

    /// docs/requests.md: for an ordered re-reply "consultations, fees and a correction do not move
    /// it". Decision received 2024-06-03, reply ordered by 2024-06-18; a correction notice sent
    /// 2024-06-05 (deadline 2024-07-05) is still outstanding on 2024-06-25: the ordered date has
    /// vanished (no due date, not overdue) although it is past.
    @Test func defectAnOutstandingCorrectionHidesTheOrderedDate() {
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.submittedOn = d("2024-06-03")
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        t.correction = .init(sentOn: d("2024-06-05"), deadline: d("2024-07-05"))
        let state = evaluate(t, today: "2024-06-25")
        #expect(state.dueOn == d("2024-06-18") && state.isOverdue,
                "phase \(state.phase.rawValue), due \(state.dueOn?.iso ?? "nil"), overdue \(state.isOverdue)")
    }

    // MARK: verified — dates recomputed from holidays.tsv

    /// Spring Festival 2024 (02-10…17 off, Sun 02-04 and Sun 02-18 worked): received Mon
    /// 2024-02-05 → due 2024-03-08, correction notice due 02-20 (02-06, 07, 08, 09, 18, 19, 20); correction
    /// sent 02-08, received 02-26 → the 20 days restart: 2024-03-25.
    @Test func verifiedSpringFestival2024WithACorrection() {
        var t = RequestTimeline(receivedOn: d("2024-02-05"))
        #expect(evaluate(t, today: "2024-02-06").correctionNoticeDue == d("2024-02-20"))
        #expect(evaluate(t, today: "2024-02-06").dueOn == d("2024-03-08"))
        t.correction = .init(sentOn: d("2024-02-08"), deadline: d("2024-02-29"), receivedOn: d("2024-02-26"))
        #expect(evaluate(t, today: "2024-02-27").dueOn == d("2024-03-25"))
    }

    /// National Day 2025 (10-01…08 off, Sun 09-28 and Sat 10-11 worked): received Fri
    /// 2025-09-26 → 2025-10-30, start day counted → 10-29; received on the worked Sunday
    /// 09-28 → 10-31, start day counted → 10-30.
    @Test func verifiedNationalDay2025WithBothMakeUpDays() {
        #expect(evaluate(RequestTimeline(receivedOn: d("2025-09-26")), today: "2025-09-29").dueOn == d("2025-10-30"))
        #expect(evaluate(RequestTimeline(receivedOn: d("2025-09-26")), today: "2025-09-29", calendar: included).dueOn == d("2025-10-29"))
        #expect(evaluate(RequestTimeline(receivedOn: d("2025-09-28")), today: "2025-09-29").dueOn == d("2025-10-31"))
        #expect(evaluate(RequestTimeline(receivedOn: d("2025-09-28")), today: "2025-09-29", calendar: included).dueOn == d("2025-10-30"))
    }

    /// 31 December through 元旦 and the 2025 Spring Festival: received 2024-12-31 → 2025-02-05;
    /// received 2023-12-29 → 2024-01-29.
    @Test func verifiedAcrossTheYearEnd() {
        #expect(evaluate(RequestTimeline(receivedOn: d("2024-12-31")), today: "2025-01-02").dueOn == d("2025-02-05"))
        #expect(evaluate(RequestTimeline(receivedOn: d("2023-12-29")), today: "2024-01-02").dueOn == d("2024-01-29"))
    }

    /// Leap day: received 2024-02-29 → 2024-03-28; a fee notice received on the leap day is
    /// payable by 2024-03-28 under both conventions ("次日起").
    @Test func verifiedLeapDay() throws {
        #expect(evaluate(RequestTimeline(receivedOn: d("2024-02-29")), today: "2024-03-01").dueOn == d("2024-03-28"))
        #expect(try RequestClock.feePaymentDue(receivedOn: d("2024-02-29"), calendar: calendar, rules: ClockRules()) == d("2024-03-28"))
        #expect(try RequestClock.feePaymentDue(receivedOn: d("2024-02-29"), calendar: included, rules: ClockRules()) == d("2024-03-28"))
    }

    /// An ordered period around 中秋 and National Day 2024: decision received on the holiday
    /// 2024-09-16. "15 日内" ends 10-01 (holiday) → next working day 2024-10-08; "15 个工作日内"
    /// ends on the worked Saturday 2024-10-12.
    @Test func verifiedOrderedPeriodsAroundNationalDay2024() throws {
        let rules = ClockRules()
        #expect(try ReplyOrder.dueOn(received: d("2024-09-16"), period: .calendarDays(15), calendar: calendar, rules: rules).dueOn == d("2024-10-08"))
        #expect(try ReplyOrder.dueOn(received: d("2024-09-16"), period: .workingDays(15), calendar: calendar, rules: rules).dueOn == d("2024-10-12"))
        var t = RequestTimeline(receivedOn: d("2024-09-16"))
        t.orderedReply = .init(period: .workingDays(15), basis: "示政复〔2024〕40号")
        let state = evaluate(t, today: "2024-10-11")
        #expect(state.dueOn == d("2024-10-12") && state.periodDays == 15 && state.remainingDays == 1)
    }

    /// The ordered period's display: received 2024-06-03, ordered 2024-08-30 = 63 working days,
    /// none left on the day itself; ordered 06-18 under the start-day-included rule: 11 days
    /// (06-03 counted), one left on 06-17.
    @Test func verifiedOrderedPeriodDisplay() {
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-08-30"), basis: "（2024）示行初 5 号判决")
        let state = evaluate(t, today: "2024-08-30")
        #expect(state.periodDays == 63 && state.remainingDays == 0 && !state.isOverdue)
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        let inc = evaluate(t, today: "2024-06-17", calendar: included)
        #expect(inc.periodDays == 11 && inc.remainingDays == 1)
    }

    /// The postal allowance bounds an unrecorded consultation receipt: received 2024-04-01
    /// (清明 04-04…06 off, Sun 04-07 worked), letter posted 04-08, nothing recorded. Counted
    /// before the letter: 04-02, 03, 07, 08 = 4; paused until 15 working days from 04-15
    /// (05-08, past May Day); 16 more with the worked Saturday 05-11 → 2024-05-29, the same on
    /// 12-30 and 12-31, overdue, with a warning; no decision on the merits until recorded.
    @Test func verifiedThePostalAllowanceBoundsAnUnrecordedConsultation() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-08"))]
        let monday = evaluate(t, today: "2024-12-30"), tuesday = evaluate(t, today: "2024-12-31")
        #expect(monday.dueOn == d("2024-05-29") && tuesday.dueOn == d("2024-05-29"))
        #expect(tuesday.isOverdue && tuesday.notes.contains { $0.isWarning && $0.text.contains("请登记对方收到日期") })
        #expect(tuesday.consultationDeadlines["c1"] == d("2024-04-28"))  // the estimate from the sending day (Sun 04-28 worked)
        #expect(problem(.conclude(on: d("2024-12-31"), outcome: .disclosed, replyType: .disclose), t, today: "2024-12-31") != nil)
    }

    /// Art. 33 steps are checked against the period without the deferral, and the deferral
    /// against the day it is entered: received 2025-01-06 (due 2025-02-08, the worked Saturday);
    /// deferral set 02-07 to 05-30; an extension or a correction notice on 03-03 is refused;
    /// a deferral typed on 04-08 as "set 02-07" on a request without one is refused.
    @Test func verifiedArticle33StepsAfterADeferral() {
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        #expect(evaluate(t, today: "2025-01-07").dueOn == d("2025-02-08"))
        #expect(problem(.setDeferral(on: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大"), t, today: "2025-04-08") != nil)
        t.deferral = .init(setOn: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大")
        #expect(problem(.requestExtension(on: d("2025-03-03"), days: 20), t, today: "2025-03-03") != nil)
        #expect(problem(.requestCorrection(sentOn: d("2025-03-03"), deadline: d("2025-03-20")), t, today: "2025-03-03") != nil)
        #expect(problem(.grantExtension(on: d("2025-02-07"), days: 10), RequestTimeline(receivedOn: d("2025-01-06")), today: "2025-02-10") != nil)
    }

    /// Withdrawal and confirmation: submitted 2024-12-27, withdrawn 2024-12-30 → confirmation on
    /// 2025-01-02 refused; a withdrawal dated 2024-12-26 refused; a letter arriving 2019-05-14
    /// confirmed 2019-05-15 with a reason is accepted, confirmed 05-14 refused.
    @Test func verifiedWithdrawalAndConfirmation() {
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-12-27")
        #expect(problem(.withdraw(on: d("2024-12-26")), t, today: "2024-12-30") != nil)
        #expect(problem(.withdraw(on: d("2024-12-27")), t, today: "2024-12-30") == nil)
        t.concludedOn = d("2024-12-30")
        #expect(problem(.confirmReceipt(on: d("2025-01-02"), reason: "节后才联系上"), t, today: "2025-01-02") != nil)
        var letter = RequestTimeline(receivedOn: nil)
        letter.submittedOn = d("2019-05-14")
        #expect(problem(.confirmReceipt(on: d("2019-05-15"), reason: "下班后送达"), letter, today: "2019-05-15") == nil)
        #expect(problem(.confirmReceipt(on: d("2019-05-15"), reason: " "), letter, today: "2019-05-15") != nil)
        #expect(problem(.confirmReceipt(on: d("2019-05-14"), reason: ""), letter, today: "2019-05-15") != nil)
    }
}
