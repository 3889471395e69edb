import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// Independent review of issue #9 (branch review9). Tests named `defect…` state the statutory
/// answer and fail on main as of 72e4d4c; tests named `verified…` recompute cases by hand on the
/// holiday calendar and pass.
@Suite("Review of issue #9: core")
struct Review9CoreTests {
    let calendar = WorkingDayCalendar()

    func evaluate(_ t: RequestTimeline, today: String, rules: ClockRules = ClockRules(), calendar: WorkingDayCalendar? = nil) -> ClockState {
        RequestClock.evaluate(t, calendar: calendar ?? self.calendar, rules: rules, today: d(today))
    }

    func problem(_ action: RequestAction, _ t: RequestTimeline, today: String, rules: ClockRules = ClockRules(),
                 calendar: WorkingDayCalendar? = nil) -> String? {
        let clock = evaluate(t, today: today, rules: rules, calendar: calendar)
        return RequestWorkflow.problem(with: action, timeline: t, clock: clock, rules: rules, today: d(today))
    }

    // MARK: defects

    /// A request withdrawn before its receipt was confirmed can still be "confirmed" afterwards:
    /// the confirmReceipt check runs before the concluded check (RequestWorkflow.swift:29–41).
    /// Internet application of 2024-12-27, withdrawn 2024-12-30, confirmed 2025-01-02 with a
    /// reason → accepted; the request then has received_on 2025-01-02 > concluded_on 2024-12-30.
    @Test func defectAWithdrawnRequestCanBeConfirmedAfterwards() {
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-12-27")
        t.concludedOn = d("2024-12-30")
        #expect(problem(.confirmReceipt(on: d("2025-01-02"), reason: "申请人节后才接电话"), t, today: "2025-01-02") != nil)
    }

    /// A reopened request whose decision ordered a date: an Art. 33 extension is accepted and
    /// then ignored (the ordered date overrides it silently). Decision received 2024-06-03,
    /// ordered 2024-06-18; extension of 10 working days granted 2024-06-12.
    @Test func defectAnExtensionOfAnOrderedReplyIsAcceptedAndIgnored() {
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        let allowed = problem(.grantExtension(on: d("2024-06-12"), days: 10), t, today: "2024-06-12") == nil
        t.timeExtension = .init(grantedOn: d("2024-06-12"), days: 10, approvedBy: "负责人")
        let state = evaluate(t, today: "2024-06-12")
        // either refused, or it has the effect its note announces (延长答复期限 10 个工作日)
        #expect(!allowed || state.dueOn != d("2024-06-18"),
                "extension accepted, note says \(state.notes.first { $0.text.contains("延长") }?.text ?? "-"), due stays \(state.dueOn?.iso ?? "-")")
    }

    /// A decision ordering a date later than 20 working days: the day walk stops at the 20th
    /// working day, so on the ordered date itself the page says work days remain.
    /// Decision received 2024-06-03, ordered 2024-08-30 (63 working days later).
    @Test func defectAnOrderedPeriodLongerThanTwentyDaysShowsDaysLeftOnItsLastDay() {
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-08-30"), basis: "（2024）示行初 5 号判决")
        let state = evaluate(t, today: "2024-08-30")
        #expect(state.dueOn == d("2024-08-30"))
        #expect(state.periodDays == 63)
        #expect(state.remainingDays == 0, "已用 \(state.countedDays) / \(state.periodDays)，剩余 \(state.remainingDays ?? -1)")
        #expect(state.days.last?.date == d("2024-08-30"))
    }

    /// Under the start-day-included setting the ordered period is counted start-day-excluded
    /// (RequestClock.swift:422) while the walk counts the start day: one day is lost.
    /// Received Mon 2024-06-03, ordered 2024-06-18: on 06-17 one working day (06-18) is left.
    @Test func defectAnOrderedPeriodUnderTheStartDayIncludedSettingLosesADay() {
        let included = WorkingDayCalendar(convention: .startDayIncluded)
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        let state = evaluate(t, today: "2024-06-17", calendar: included)
        #expect(state.remainingDays == 1, "已用 \(state.countedDays) / \(state.periodDays)，剩余 \(state.remainingDays ?? -1)")
    }

    /// A consultation whose receipt is never recorded pauses the reply clock without end: the
    /// request is never overdue and its due date moves every day. Received 2024-04-01, letter
    /// posted 2024-04-08, nothing recorded since; on 2024-12-30 and 2024-12-31.
    @Test func defectAnUnrecordedConsultationReceiptHidesAnOverdueRequestForever() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-08"))]
        let monday = evaluate(t, today: "2024-12-30"), tuesday = evaluate(t, today: "2024-12-31")
        #expect(monday.dueOn == tuesday.dueOn, "due \(monday.dueOn?.iso ?? "-") → \(tuesday.dueOn?.iso ?? "-")")
        #expect(tuesday.isOverdue || tuesday.notes.contains { $0.isWarning },
                "eight months after the letter: not overdue, no warning; due \(tuesday.dueOn?.iso ?? "-")")
    }

    /// The same for a fee notice whose receipt is never recorded (fee pause on, the default).
    /// Received 2025-02-24, notice posted 2025-03-07, nothing recorded; on 2025-12-31.
    @Test func defectAnUnrecordedFeeNoticeReceiptHidesAnOverdueRequestForever() {
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), amount: 700)]
        let state = evaluate(t, today: "2025-12-31")
        #expect(state.isOverdue || state.notes.contains { $0.isWarning },
                "ten months after the notice: phase \(state.phase.rawValue), due \(state.dueOn?.iso ?? "-"), not overdue, no warning")
    }

    /// An answer dated before the party's recorded receipt of the letter is accepted.
    @Test func defectAnAnswerBeforeThePartyReceivedTheLetterIsAccepted() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "某公司", kind: .thirdParty, sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-12"))]
        #expect(problem(.answerConsultation(id: "c1", on: d("2024-04-10")), t, today: "2024-04-15") != nil)
    }

    /// Art. 33 extension after the Art. 33 period ran out, because a deferral moved the due date:
    /// received 2025-01-06 (due 2025-02-08), deferral set 2025-02-07 to 2025-05-30, extension
    /// asked 2025-03-03 → accepted.
    @Test func defectAnExtensionAfterTheStatutoryPeriodIsAcceptedOnceADeferralIsSet() {
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.deferral = .init(setOn: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大")
        #expect(problem(.requestExtension(on: d("2025-03-03"), days: 20), t, today: "2025-03-03") != nil)
    }

    /// And a correction notice after the Art. 33 period (but before the deferred date) restarts
    /// the period past the deferral: notice 2025-03-03, correction received 2025-05-20 → due
    /// 2025-06-18, later than the deferred 2025-05-30.
    @Test func defectACorrectionAfterTheStatutoryPeriodOutrunsTheDeferral() {
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.deferral = .init(setOn: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大")
        let refused = problem(.requestCorrection(sentOn: d("2025-03-03"), deadline: d("2025-05-23")), t, today: "2025-03-03") != nil
        t.correction = .init(sentOn: d("2025-03-03"), deadline: d("2025-05-23"), receivedOn: d("2025-05-20"))
        let due = evaluate(t, today: "2025-05-21").dueOn
        #expect(refused || due! <= d("2025-05-30"), "correction accepted after 2025-02-08; due becomes \(due?.iso ?? "-")")
    }

    /// A correction received after the deadline the agency set restarts the period with no
    /// warning and no recorded reason (Art. 30: without a justified reason it is abandoned).
    /// Deadline 2024-09-20, correction received 2024-09-27.
    @Test func defectACorrectionReceivedAfterItsDeadlineIsSilent() {
        var t = RequestTimeline(receivedOn: d("2024-09-02"))
        t.correction = .init(sentOn: d("2024-09-05"), deadline: d("2024-09-20"), receivedOn: d("2024-09-27"))
        let state = evaluate(t, today: "2024-09-27")
        #expect(state.notes.contains { $0.isWarning && $0.date == d("2024-09-27") })
    }

    /// A withdrawal of an unconfirmed application may be dated before the application arrived:
    /// submitted 2024-12-27, "withdrawn 2024-01-01" → accepted.
    @Test func defectAWithdrawalBeforeTheApplicationArrivedIsAccepted() {
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-12-27")
        #expect(problem(.withdraw(on: d("2024-01-01")), t, today: "2024-12-30") != nil)
    }

    // MARK: verified

    /// Spring Festival 2025 with both 调休 days: received Mon 2025-01-20 → 01-21…24, 26 (Sun
    /// worked), 27, 02-05…08 (Sat worked), 10…14, 17…21 → 2025-02-21; start day included → 02-20.
    @Test func verifiedSpringFestival2025() throws {
        let t = RequestTimeline(receivedOn: d("2025-01-20"))
        #expect(evaluate(t, today: "2025-01-21").dueOn == d("2025-02-21"))
        #expect(evaluate(t, today: "2025-01-21", calendar: WorkingDayCalendar(convention: .startDayIncluded)).dueOn == d("2025-02-20"))
    }

    /// National Day 2024 with a consultation: received 2024-09-20; letter posted 09-27,
    /// received 09-30, answered 10-21 (lapse 10-25). 09-23…27 and 09-29 (Sun worked) before the
    /// letter = 6; 10-22 … 11-11 = 14 more → 2024-11-11.
    @Test func verifiedNationalDayWithAConsultation() {
        var t = RequestTimeline(receivedOn: d("2024-09-20"))
        t.consultations = [.init(id: "c", party: "某公司", kind: .thirdParty, sentOn: d("2024-09-27"), partyReceivedOn: d("2024-09-30"),
                                 answeredOn: d("2024-10-21"))]
        let state = evaluate(t, today: "2024-10-22")
        #expect(state.consultationDeadlines["c"] == d("2024-10-25"))
        #expect(state.dueOn == d("2024-11-11"))
    }

    /// Start day on a holiday with the start day counted: confirmed 2024-10-01 (国庆) → the first
    /// counted day is 10-08, due 2024-11-01 under both settings.
    @Test func verifiedStartOnAHolidayUnderBothSettings() {
        let t = RequestTimeline(receivedOn: d("2024-10-01"))
        #expect(evaluate(t, today: "2024-10-08").dueOn == d("2024-11-01"))
        #expect(evaluate(t, today: "2024-10-08", calendar: WorkingDayCalendar(convention: .startDayIncluded)).dueOn == d("2024-11-01"))
    }

    /// Two overlapping consultations pause the union of their intervals: received 2024-04-01;
    /// A sent 04-08 (answered 04-19), B sent 04-15 (answered 05-07): paused 04-09…05-07 → 05-28.
    @Test func verifiedTwoOverlappingConsultations() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [
            .init(id: "a", party: "甲公司", kind: .thirdParty, sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-09"), answeredOn: d("2024-04-19")),
            .init(id: "b", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-15"), partyReceivedOn: d("2024-04-16"), answeredOn: d("2024-05-07")),
        ]
        #expect(evaluate(t, today: "2024-05-08").dueOn == d("2024-05-28"))
    }

    /// A fee notice whose receipt is recorded late (after the estimate from sending): posted
    /// 2025-03-07 (estimate 04-07), received 2025-03-11 recorded on 2025-04-20 → due 04-09;
    /// 逾期未缴费 dated 04-10 allowed, 04-09 refused.
    @Test func verifiedFeeReceiptRecordedAfterTheEstimate() {
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), applicantReceivedOn: d("2025-03-11"), amount: 700)]
        #expect(evaluate(t, today: "2025-04-20").feePaymentDue == d("2025-04-09"))
        #expect(problem(.conclude(on: d("2025-04-09"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-20") != nil)
        #expect(problem(.conclude(on: d("2025-04-10"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-20") == nil)
    }

    /// Concluding on the due date itself is on time; the next day is late.
    @Test func verifiedConcludingOnTheDueDate() {
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.concludedOn = d("2025-02-08")
        #expect(evaluate(t, today: "2025-02-10").concludedOnTime == true)
        t.concludedOn = d("2025-02-10")
        #expect(evaluate(t, today: "2025-02-10").concludedOnTime == false)
    }

    /// Every outcome lands in a row of its year's format, and 总计 is the sum of the leaves.
    @Test("every outcome in both formats", arguments: ReportFormatVersion.allCases)
    func verifiedEveryOutcomeHasARow(version: ReportFormatVersion) {
        var counts = RequestYearCounts()
        for (n, outcome) in RequestOutcome.allCases.enumerated() { counts.results[outcome] = [.naturalPerson: n + 1] }
        let cells = counts.t3Cells(version)
        let schema = ReportSchema.of(version)
        for outcome in RequestOutcome.allCases {
            #expect(schema.t3Rows.contains { $0.id == outcome.reportRow(version) }, "\(outcome) → \(outcome.reportRow(version))")
        }
        let leaves = schema.resultLeaves.map { cells[.t3($0.id, "total")] ?? 0 }.reduce(0, +)
        #expect(leaves == cells[.t3("result_total", "total")])
    }
}
