import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Art. 26 deadline, normative document status, interpretation timeliness")
struct ProactiveRulesTests {
    let calendar = WorkingDayCalendar()

    /// Formed on Wed 2023-09-27: the National Day holiday (09-29 … 10-06) does not count and the
    /// two 调休 weekend days (10-07, 10-08) do — the same 20 working days as a request's reply.
    @Test func art26DeadlineAcrossNationalDay() throws {
        #expect(try ProactiveDeadline.due(formedOn: d("2023-09-27"), calendar: calendar) == d("2023-10-31"))
        #expect(try ProactiveDeadline.due(formedOn: d("2024-03-01"), calendar: calendar) == d("2024-03-29"))
        #expect(try ProactiveDeadline.wasTimely(formedOn: d("2023-09-27"), publishedOn: d("2023-10-31"), calendar: calendar))
        #expect(try !ProactiveDeadline.wasTimely(formedOn: d("2023-09-27"), publishedOn: d("2023-11-01"), calendar: calendar))
    }

    @Test func dueSoonIsFiveWorkingDaysOrLess() throws {
        let due = d("2024-03-29")  // a Friday
        #expect(try ProactiveDeadline.standing(due: due, today: d("2024-03-21"), calendar: calendar) == .onTime)   // 6 left
        #expect(try ProactiveDeadline.standing(due: due, today: d("2024-03-22"), calendar: calendar) == .dueSoon)  // 5 left
        #expect(try ProactiveDeadline.standing(due: due, today: due, calendar: calendar) == .dueSoon)
        #expect(try ProactiveDeadline.standing(due: due, today: d("2024-03-30"), calendar: calendar) == .overdue)
    }

    @Test("status computed from dates", arguments: [
        ("2024-05-31", NormativeDocumentStatus.notYetEffective),
        ("2024-06-01", .inForce),
        ("2025-03-01", .amended),
        ("2026-05-31", .amended),
        ("2026-06-01", .expired),
    ])
    func statusOverTime(_ day: String, _ expected: NormativeDocumentStatus) {
        let dates = NormativeDocumentStatus.Dates(effectiveOn: d("2024-06-01"), validUntil: d("2026-05-31"), amendedOn: d("2025-03-01"))
        #expect(NormativeDocumentStatus.on(d(day), dates) == expected)
    }

    @Test func repealWinsOverAmendmentAndExpiryIsNotARepeal() {
        let repealed = NormativeDocumentStatus.Dates(effectiveOn: d("2020-01-01"), validUntil: d("2030-12-31"), repealedOn: d("2024-07-15"),
                                                     amendedOn: d("2022-01-01"))
        #expect(NormativeDocumentStatus.on(d("2024-07-14"), repealed) == .amended)
        #expect(NormativeDocumentStatus.on(d("2024-07-15"), repealed) == .repealed)
        // a “repeal” recorded after the validity ran out: it had expired
        let late = NormativeDocumentStatus.Dates(effectiveOn: d("2020-01-01"), validUntil: d("2022-12-31"), repealedOn: d("2024-01-10"))
        #expect(NormativeDocumentStatus.on(d("2024-02-01"), late) == .expired)
        #expect(NormativeDocumentStatus.inForce.countsAsInForce && NormativeDocumentStatus.amended.countsAsInForce)
        #expect(!NormativeDocumentStatus.expired.countsAsInForce && !NormativeDocumentStatus.repealed.countsAsInForce)
    }

    /// A policy published on Thu 2024-09-12: three working days skip the Mid-Autumn holiday
    /// (09-15 … 09-17) and count the 调休 Saturday 09-14 → due Wed 09-18.
    @Test func interpretationDueThreeWorkingDaysAfterThePolicy() throws {
        let policy = d("2024-09-12")
        #expect(try InterpretationTimeliness.due(policyPublishedOn: policy, workingDays: 3, calendar: calendar) == d("2024-09-18"))
        func standing(_ interpretation: String?, today: String) throws -> InterpretationTimeliness.Standing {
            try InterpretationTimeliness.standing(policyPublishedOn: policy, interpretationPublishedOn: interpretation.map(d), today: d(today),
                                                  workingDays: 3, calendar: calendar)
        }
        #expect(try standing("2024-09-12", today: "2024-09-20") == .onTime)
        #expect(try standing("2024-09-18", today: "2024-09-20") == .onTime)
        #expect(try standing("2024-09-19", today: "2024-09-20") == .late)
        #expect(try standing(nil, today: "2024-09-18") == .pending)
        #expect(try standing(nil, today: "2024-09-19") == .missing)
    }

    /// Within N calendar days of the policy an interpretation is on time whatever the calendar
    /// (N working days span at least N days), also in a year the calendar does not hold (2014:
    /// cold review 11o L5); past them the calendar decides, and a missing year is still an error.
    @Test func interpretationWithinTheDaysNeedsNoCalendar() throws {
        let policy = d("2014-10-21")
        func standing(_ interpretation: String) throws -> InterpretationTimeliness.Standing {
            try InterpretationTimeliness.standing(
                policyPublishedOn: policy, interpretationPublishedOn: d(interpretation), today: d(interpretation), workingDays: 3, calendar: calendar)
        }
        #expect(try standing("2014-10-21") == .onTime)
        #expect(try standing("2014-10-24") == .onTime)
        #expect(throws: CalendarError.self) { try standing("2014-10-25") }
    }
}
