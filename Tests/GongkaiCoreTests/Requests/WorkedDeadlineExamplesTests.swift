import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// Deadlines recomputed by hand on the official holiday calendar, day by day, for the cases
/// where holidays, make-up working days, pauses and the counting rule meet.
@Suite("Worked deadline examples")
struct WorkedDeadlineExamplesTests {
    let calendar = WorkingDayCalendar()

    func evaluate(_ t: RequestTimeline, today: String, rules: ClockRules = ClockRules(), calendar: WorkingDayCalendar? = nil) -> ClockState {
        RequestClock.evaluate(t, calendar: calendar ?? self.calendar, rules: rules, today: d(today))
    }

    func problem(_ action: RequestAction, _ t: RequestTimeline, today: String, rules: ClockRules = ClockRules()) -> String? {
        let clock = evaluate(t, today: today, rules: rules)
        return RequestWorkflow.problem(with: action, timeline: t, clock: clock, rules: rules, today: d(today))
    }

    /// Spring Festival 2025 with both 调休 days: received Mon 2025-01-20 → 01-21…24, 26 (Sun
    /// worked), 27, 02-05…08 (Sat worked), 10…14, 17…21 → 2025-02-21; start day included → 02-20.
    @Test func theSpringFestival2025WithBothMakeUpDays() throws {
        let t = RequestTimeline(receivedOn: d("2025-01-20"))
        #expect(evaluate(t, today: "2025-01-21").dueOn == d("2025-02-21"))
        #expect(evaluate(t, today: "2025-01-21", calendar: WorkingDayCalendar(convention: .startDayIncluded)).dueOn == d("2025-02-20"))
    }

    /// National Day 2024 with a consultation: received 2024-09-20; letter posted 09-27,
    /// received 09-30, answered 10-21 (lapse 10-25). 09-23…27 and 09-29 (Sun worked) before the
    /// letter = 6; 10-22 … 11-11 = 14 more → 2024-11-11.
    @Test func nationalDay2024WithAConsultation() {
        var t = RequestTimeline(receivedOn: d("2024-09-20"))
        t.consultations = [
            .init(
                id: "c", party: "某公司", kind: .thirdParty, sentOn: d("2024-09-27"), partyReceivedOn: d("2024-09-30"),
                answeredOn: d("2024-10-21"))
        ]
        let state = evaluate(t, today: "2024-10-22")
        #expect(state.consultationDeadlines["c"] == d("2024-10-25"))
        #expect(state.dueOn == d("2024-11-11"))
    }

    /// Start day on a holiday with the start day counted: confirmed 2024-10-01 (国庆) → the first
    /// counted day is 10-08, due 2024-11-01 under both settings.
    @Test func aStartOnAHolidayGivesTheSameDateUnderBothSettings() {
        let t = RequestTimeline(receivedOn: d("2024-10-01"))
        #expect(evaluate(t, today: "2024-10-08").dueOn == d("2024-11-01"))
        #expect(evaluate(t, today: "2024-10-08", calendar: WorkingDayCalendar(convention: .startDayIncluded)).dueOn == d("2024-11-01"))
    }

    /// Two overlapping consultations pause the union of their intervals: received 2024-04-01;
    /// A sent 04-08 (answered 04-19), B sent 04-15 (answered 05-07): paused 04-09…05-07 → 05-28.
    @Test func twoOverlappingConsultationsPauseTheirUnion() {
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
    @Test func aFeeReceiptRecordedAfterTheEstimateGovernsTheDeadline() {
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), applicantReceivedOn: d("2025-03-11"), amount: 700)]
        #expect(evaluate(t, today: "2025-04-20").feePaymentDue == d("2025-04-09"))
        #expect(problem(.conclude(on: d("2025-04-09"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-20") != nil)
        #expect(problem(.conclude(on: d("2025-04-10"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-20") == nil)
    }

    /// Concluding on the due date itself is on time; the next day is late.
    @Test func concludingOnTheDueDateIsOnTime() {
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.concludedOn = d("2025-02-08")
        #expect(evaluate(t, today: "2025-02-10").concludedOnTime == true)
        t.concludedOn = d("2025-02-10")
        #expect(evaluate(t, today: "2025-02-10").concludedOnTime == false)
    }

    /// Every outcome lands in a row of its year's format, and 总计 is the sum of the leaves.
    @Test("every outcome in both formats", arguments: ReportFormatVersion.allCases)
    func everyOutcomeHasARowOfItsFormat(version: ReportFormatVersion) {
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
