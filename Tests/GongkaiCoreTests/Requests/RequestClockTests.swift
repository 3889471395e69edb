import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Request clock: worked examples across real holidays")
struct RequestClockTests {
    let calendar = WorkingDayCalendar()

    func evaluate(_ t: RequestTimeline, today: String = "2026-11-20", rules: ClockRules = ClockRules()) -> ClockState {
        RequestClock.evaluate(t, calendar: calendar, rules: rules, today: d(today))
    }

    @Test func plainRequestIsDueTwentyWorkingDaysAfterReceipt() {
        let state = evaluate(RequestTimeline(receivedOn: d("2023-09-27")), today: "2023-10-09")
        #expect(state.dueOn == d("2023-10-31"))
        #expect(state.phase == .running)
        #expect(state.countedDays == 4)  // 09-28, 10-07 (Sat, 调休), 10-08 (Sun, 调休), 10-09
        #expect(state.remainingDays == 16)
        #expect(state.correctionNoticeDue == d("2023-10-12"))
        #expect(state.days.filter { $0.kind == .holiday }.count == 8)
    }

    @Test func aRequestWithoutAConfirmedReceiptDateHasNoClock() {
        let state = evaluate(RequestTimeline(receivedOn: nil))
        #expect(state.phase == .awaitingReceipt)
        #expect(state.dueOn == nil)
    }

    @Test func aCorrectionRestartsThePeriodFromTheCorrectedApplication() {
        // received Wed 2023-09-20; correction due by 10-07 (7 WD across National Day)
        var t = RequestTimeline(receivedOn: d("2023-09-20"))
        t.correction = .init(sentOn: d("2023-09-25"), deadline: d("2023-10-20"))
        let waiting = evaluate(t, today: "2023-10-08")
        #expect(waiting.phase == .waitingOnApplicant)
        #expect(waiting.dueOn == nil)
        #expect(waiting.correctionNoticeDue == d("2023-10-07"))
        // when the corrected application arrives on 10-09 the 20 days start again
        t.correction?.receivedOn = d("2023-10-09")
        let running = evaluate(t, today: "2023-10-09")
        #expect(running.startOn == d("2023-10-09"))
        #expect(running.dueOn == d("2023-11-06"))
        #expect(!running.notes.contains { $0.isWarning })
    }

    @Test func aLateCorrectionNoticeIsFlagged() {
        var t = RequestTimeline(receivedOn: d("2023-09-20"))
        t.correction = .init(sentOn: d("2023-10-09"), deadline: d("2023-10-20"))
        let state = evaluate(t, today: "2023-10-10")
        #expect(state.notes.contains { $0.isWarning && $0.text.contains("已超过收到申请后 7 个工作日（应于 2023-10-07 前发出）") })
    }

    @Test func anUnansweredCorrectionPastItsDeadlineCanBeClosed() {
        var t = RequestTimeline(receivedOn: d("2023-09-20"))
        t.correction = .init(sentOn: d("2023-09-25"), deadline: d("2023-10-20"))
        let state = evaluate(t, today: "2023-10-23")
        #expect(state.notes.last?.text.contains("逾期不补正") == true)
    }

    @Test func consultationTimeIsNotCounted() {
        // received Mon 2024-04-01; third party consulted 04-08 (received 04-09, answered 04-18)
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "某某有限公司", kind: .thirdParty, sentOn: d("2024-04-08"),
                                 partyReceivedOn: d("2024-04-09"), answeredOn: d("2024-04-18"))]
        let state = evaluate(t, today: "2024-04-19")
        #expect(state.dueOn == d("2024-05-13"))  // across Qingming and May Day 2024 with their 调休 days
        #expect(state.consultationDeadlines["c1"] == d("2024-04-29"))  // 15 WD after the party received it, 调休 Sunday 04-28 counted
        #expect(state.days.filter { $0.kind == .paused }.map(\.date).first == d("2024-04-09"))
        #expect(state.days.filter { $0.kind == .paused }.map(\.date).last == d("2024-04-18"))
        #expect(state.countedDays == 5)
        // without the consultation the same request was due on 04-29
        #expect(evaluate(RequestTimeline(receivedOn: d("2024-04-01"))).dueOn == d("2024-04-29"))
    }

    @Test func anOpenConsultationGivesAProvisionalDueDate() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县财政局", kind: .agency, sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-08"))]
        let open = evaluate(t, today: "2024-04-15")
        #expect(open.phase == .waitingOnThirdParty)
        #expect(open.isProvisional)
        // lapse 15 WD after receipt on 04-08 = Sun 04-28 (调休); pause (04-08, 04-28], then 16 more working days
        #expect(open.consultationDeadlines["c1"] == d("2024-04-28"))
        #expect(open.dueOn == d("2024-05-22"))
        // after the lapse the pause ends at the lapse date and silence is consent (Art. 34)
        let lapsed = evaluate(t, today: "2024-05-06")
        #expect(lapsed.phase == .running)
        #expect(!lapsed.isProvisional)
        #expect(lapsed.notes.contains { $0.text.contains("视为同意公开") })
    }

    @Test func anExtensionAddsUpToTwentyWorkingDays() {
        var t = RequestTimeline(receivedOn: d("2023-09-27"))
        t.timeExtension = .init(grantedOn: d("2023-10-20"), days: 20, approvedBy: "李海燕")
        let state = evaluate(t, today: "2023-10-20")
        #expect(state.periodDays == 40)
        #expect(state.dueOn == d("2023-11-28"))
    }

    @Test func anOutstandingFeePausesTheClockByDefault() {
        var t = RequestTimeline(receivedOn: d("2023-03-01"))
        t.feeNotices = [.init(sentOn: d("2023-03-08"), applicantReceivedOn: d("2023-03-09"), amount: 700, paidOn: d("2023-03-15"))]
        let paused = evaluate(t, today: "2023-03-20")
        #expect(paused.feePaymentDue == d("2023-04-07"))  // 20 WD from the day after receipt, across Qingming
        #expect(paused.dueOn == d("2023-04-06"))
        var noPause = ClockRules()
        noPause.pauseWhileFeeOutstanding = false
        #expect(evaluate(t, today: "2023-03-20", rules: noPause).dueOn == d("2023-03-29"))
    }

    @Test func anUnpaidFeePastItsDueDateCanBeClosed() {
        var t = RequestTimeline(receivedOn: d("2023-03-01"))
        t.feeNotices = [.init(sentOn: d("2023-03-08"), applicantReceivedOn: d("2023-03-09"), amount: 700)]
        let state = evaluate(t, today: "2023-04-10")
        #expect(state.notes.contains { $0.isWarning && $0.text.contains("逾期未缴费") })
    }

    @Test func aDeferralUnderArticle35SetsALaterDate() {
        var t = RequestTimeline(receivedOn: d("2023-09-27"))
        t.deferral = .init(setOn: d("2023-10-16"), dueOn: d("2023-12-29"), reason: "申请数量明显超过合理范围")
        #expect(evaluate(t, today: "2023-10-16").dueOn == d("2023-12-29"))
    }

    @Test func overdueAndOnTimeAreTold() {
        let open = evaluate(RequestTimeline(receivedOn: d("2023-09-27")), today: "2023-11-01")
        #expect(open.isOverdue)
        #expect(open.remainingDays == 0)
        var late = RequestTimeline(receivedOn: d("2023-09-27"))
        late.concludedOn = d("2023-11-02")
        #expect(evaluate(late).concludedOnTime == false)
        var onTime = RequestTimeline(receivedOn: d("2023-09-27"))
        onTime.concludedOn = d("2023-10-31")
        #expect(evaluate(onTime).concludedOnTime == true)
        #expect(evaluate(onTime).phase == .concluded)
    }

    @Test func aDeadlineInAYearWithoutAScheduleIsAProblemNotAGuess() {
        let state = evaluate(RequestTimeline(receivedOn: d("2026-12-20")), today: "2026-12-21")
        #expect(state.dueOn == nil)
        #expect(state.problem?.contains("2027 年没有国务院节假日安排") == true)
        #expect(state.phase == .running)
    }

    @Test func withoutAScheduleTheRequestStillSaysWhatItWaitsFor() {
        var t = RequestTimeline(receivedOn: d("2026-11-16"))
        t.consultations = [.init(id: "1", party: "某公司", kind: .thirdParty, sentOn: d("2026-11-20"), partyReceivedOn: nil, answeredOn: nil)]
        var state = evaluate(t, today: "2026-11-26")
        #expect(state.dueOn == nil)
        #expect(state.phase == .waitingOnThirdParty)
        t.consultations[0].answeredOn = d("2026-11-25")
        t.feeNotices = [.init(sentOn: d("2026-11-26"), applicantReceivedOn: nil, amount: 700, paidOn: nil, waivedOn: nil)]
        state = evaluate(t, today: "2026-11-26")
        #expect(state.phase == .waitingOnFee)
        t.correction = .init(sentOn: d("2026-11-18"), deadline: d("2026-12-02"), receivedOn: nil)
        #expect(evaluate(t, today: "2026-11-26").phase == .waitingOnApplicant)
    }
}
