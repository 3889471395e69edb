import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// The cases of issue #9 where a deadline or its legal effect was wrong, each with the dates
/// recomputed by hand on the official holiday calendar.
@Suite("Statutory corrections: deadlines and their legal effect")
struct StatutoryCorrectionsTests {
    let calendar = WorkingDayCalendar()

    func evaluate(_ t: RequestTimeline, today: String, rules: ClockRules = ClockRules(), calendar: WorkingDayCalendar? = nil) -> ClockState {
        RequestClock.evaluate(t, calendar: calendar ?? self.calendar, rules: rules, today: d(today))
    }

    func problem(
        _ action: RequestAction, _ t: RequestTimeline, today: String, rules: ClockRules = ClockRules(),
        calendar: WorkingDayCalendar? = nil
    ) -> String? {
        let clock = evaluate(t, today: today, rules: rules, calendar: calendar)
        return RequestWorkflow.problem(with: action, timeline: t, clock: clock, rules: rules, today: d(today))
    }

    // MARK: fees (statute §3.4: 20 working days from the day after the applicant receives the notice)

    @Test func feePaymentRunsFromTheApplicantsReceiptNotFromSending() throws {
        // given a notice posted Fri 2025-03-07 and received Tue 2025-03-11
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), amount: 700)]
        // when the receipt is not recorded, the date is only an estimate from the sending day
        let unknown = evaluate(t, today: "2025-04-08")
        #expect(unknown.feePaymentDue == d("2025-04-07"))
        #expect(unknown.feePaymentDueIsEstimate)
        #expect(unknown.phase == .waitingOnFee)
        #expect(!unknown.notes.contains { $0.text.contains("逾期未缴纳") })
        // and non-payment cannot end the request
        #expect(problem(.conclude(on: d("2025-04-08"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-08")
                == "申请人收到收费通知的日期尚未登记，缴费期限无法确定，不能按逾期未缴费办结")
        // then with the receipt recorded: 03-12 … 04-03 are 17 working days, 清明 04-04 is off, 04-07, 08, 09
        t.feeNotices[0].applicantReceivedOn = d("2025-03-11")
        let known = evaluate(t, today: "2025-04-08")
        #expect(known.feePaymentDue == d("2025-04-09"))
        #expect(!known.feePaymentDueIsEstimate)
        #expect(problem(.conclude(on: d("2025-04-08"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-08")
                == "缴费期限 2025-04-09 届满之后才能按逾期未缴费办结（办结日期为 2025-04-08）")
        #expect(problem(.conclude(on: d("2025-04-10"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-04-10") == nil)
    }

    @Test func theFeeNoticeReceiptIsItsOwnStep() {
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), amount: 700)]
        #expect(problem(.recordFeeNoticeReceipt(on: d("2025-03-06")), t, today: "2025-03-12") == "收到日期不能早于发出收费通知之日 2025-03-07")
        #expect(problem(.recordFeeNoticeReceipt(on: d("2025-03-11")), t, today: "2025-03-12") == nil)
        t.feeNotices[0].applicantReceivedOn = d("2025-03-11")
        #expect(problem(.recordFeeNoticeReceipt(on: d("2025-03-11")), t, today: "2025-03-12") == "已登记申请人收到收费通知之日（2025-03-11）")
    }

    @Test func aFeeNoticeNeedsTheCorrectionDoneAndTheReplyPeriodRunning() {
        // received 2025-01-06, due 2025-02-08 (the Saturday worked after the Spring Festival)
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        #expect(evaluate(t, today: "2025-01-10").dueOn == d("2025-02-08"))
        #expect(problem(.sendFeeNotice(on: d("2025-02-10"), amount: 700), t, today: "2025-02-10")
                == "收费通知应在答复期限内发出，答复期限已于 2025-02-08 届满")
        t.correction = .init(sentOn: d("2025-01-08"), deadline: d("2025-01-22"))
        #expect(problem(.sendFeeNotice(on: d("2025-01-09"), amount: 700), t, today: "2025-01-09") == "申请人尚未补正，暂不能发出收费通知")
    }

    @Test func anUnrecordedFeeNoticeReceiptPausesTheClockOnlyUntilThePostalAllowance() {
        // given: received 2025-02-24, notice posted 2025-03-07, its receipt never recorded (fee pause on)
        var t = RequestTimeline(receivedOn: d("2025-02-24"))
        t.feeNotices = [.init(sentOn: d("2025-03-07"), amount: 700)]
        // then the pause ends 20 working days after 03-07 + 7 days (03-14): 04-14 (清明 04-04 off);
        // from then on the estimate is fixed, the request is running again and asks for the date
        let after = evaluate(t, today: "2025-04-15"), later = evaluate(t, today: "2025-12-31")
        #expect(after.phase == .running)
        #expect(after.dueOn == later.dueOn)
        #expect(later.isOverdue)
        #expect(later.notes.contains { $0.isWarning && $0.date == d("2025-04-14") && $0.text.contains("请登记申请人收到日期") })
        // before that it still waits on the fee
        #expect(evaluate(t, today: "2025-04-14").phase == .waitingOnFee)
        // and non-payment still cannot end it
        #expect(
            problem(.conclude(on: d("2025-12-31"), outcome: .otherFeeUnpaid, replyType: .feeUnpaid), t, today: "2025-12-31")
                == "申请人收到收费通知的日期尚未登记，缴费期限无法确定，不能按逾期未缴费办结")
    }

    @Test func aFeeNoticeReceiptTypedInWithTheNoticeIsChecked() {
        let t = RequestTimeline(receivedOn: d("2025-02-24"))
        #expect(
            problem(.sendFeeNotice(on: d("2025-03-07"), amount: 700, applicantReceivedOn: d("2025-03-03")), t, today: "2025-03-07")
                == "申请人收到日期不能早于发出收费通知之日 2025-03-07")
        #expect(
            problem(.sendFeeNotice(on: d("2025-03-07"), amount: 700, applicantReceivedOn: d("2025-12-31")), t, today: "2025-03-07")
                == "收到日期 2025-12-31 晚于今天，不能登记尚未发生的事项")
        #expect(problem(.sendFeeNotice(on: d("2025-03-07"), amount: 700, applicantReceivedOn: d("2025-03-07")), t, today: "2025-03-07") == nil)
    }

    // MARK: consultations (Arts. 32, 34: 15 working days from the party's receipt of the letter)

    @Test func aConsultationRunsFromThePartysReceiptOfTheLetter() {
        // given: received Mon 2024-04-01; letter posted 04-08, received by the agency 04-12,
        // answered 05-07 — its 15th working day (04-28 and 05-11 worked, 05-01…05-05 off)
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-08"),
                                 partyReceivedOn: d("2024-04-12"), answeredOn: d("2024-05-07"))]
        let state = evaluate(t, today: "2024-05-08")
        #expect(state.consultationDeadlines["c1"] == d("2024-05-07"))
        #expect(!state.notes.contains { $0.text.contains("逾期") })
        #expect(!state.notes.contains { $0.text.contains("视为同意公开") })
        // 04-02, 03, 07 (worked Sunday), 08 before the letter; 05-08 … 05-28 after the answer
        #expect(state.dueOn == d("2024-05-28"))
    }

    @Test func anUnrecordedReceiptHasNoLegalEffect() {
        // given the same letter with its receipt not yet recorded, after the 15 working days
        // counted from the sending day (04-28)
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-08"))]
        let state = evaluate(t, today: "2024-04-29")
        // then no deemed consent is recorded, the request still waits, and the deadline is an estimate
        #expect(!state.notes.contains { $0.text.contains("视为同意公开") })
        #expect(state.phase == .waitingOnThirdParty)
        #expect(state.estimatedConsultationDeadlines == ["c1"])
        // and no decision may be made on the merits
        #expect(problem(.conclude(on: d("2024-04-29"), outcome: .disclosed, replyType: .disclose), t, today: "2024-04-29")?
            .contains("对方收到函件的日期尚未登记") == true)
        // with the receipt recorded (04-12), a decision before its lapse (05-07) is refused, after it allowed
        t.consultations[0].partyReceivedOn = d("2024-04-12")
        #expect(problem(.conclude(on: d("2024-05-07"), outcome: .disclosed, replyType: .disclose), t, today: "2024-05-07")?
            .contains("对方的答复期限至 2024-05-07") == true)
        #expect(problem(.conclude(on: d("2024-05-08"), outcome: .disclosed, replyType: .disclose), t, today: "2024-05-08") == nil)
        // the recorded receipt cannot precede the letter or follow the answer
        var fresh = RequestTimeline(receivedOn: d("2024-04-01"))
        fresh.consultations = [.init(id: "c1", party: "某公司", kind: .thirdParty, sentOn: d("2024-04-08"), answeredOn: d("2024-04-20"))]
        #expect(problem(.recordConsultationReceipt(id: "c1", on: d("2024-04-07")), fresh, today: "2024-04-22") == "对方收到日期不能早于发函日期 2024-04-08")
        #expect(problem(.recordConsultationReceipt(id: "c1", on: d("2024-04-21")), fresh, today: "2024-04-22") == "对方收到日期不能晚于其答复日期 2024-04-20")
    }

    @Test func anUnrecordedConsultationReceiptPausesTheClockOnlyUntilThePostalAllowance() {
        // given: received 2024-04-01, a letter posted 2024-04-08, nothing recorded since
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "县自然资源局", kind: .agency, sentOn: d("2024-04-08"))]
        // then the wait ends 15 working days after 04-08 + 7 days (04-15): 05-08; the due date is
        // fixed from then on, the request overdue in December, with the warning to record the date
        let monday = evaluate(t, today: "2024-12-30"), tuesday = evaluate(t, today: "2024-12-31")
        #expect(monday.dueOn == tuesday.dueOn)
        #expect(tuesday.dueOn == d("2024-05-29"))
        #expect(tuesday.isOverdue)
        #expect(tuesday.notes.contains { $0.isWarning && $0.date == d("2024-05-08") && $0.text.contains("请登记对方收到日期") })
        #expect(evaluate(t, today: "2024-05-08").phase == .waitingOnThirdParty)
        #expect(evaluate(t, today: "2024-05-09").phase == .running)
        // no deemed consent and no decision on the merits until the receipt is recorded
        #expect(!tuesday.notes.contains { $0.text.contains("视为同意公开") })
        #expect(
            problem(.conclude(on: d("2024-12-31"), outcome: .disclosed, replyType: .disclose), t, today: "2024-12-31")?
                .contains("对方收到函件的日期尚未登记") == true)
        // a shorter allowance ends the wait sooner: 04-08 + 3 days = 04-11 → 05-06
        var rules = ClockRules()
        rules.postalAllowanceDays = 3
        #expect(evaluate(t, today: "2024-12-31", rules: rules).notes.contains { $0.isWarning && $0.date == d("2024-05-06") })
    }

    @Test func aConsultationReceiptTypedInWithTheLetterIsChecked() {
        let t = RequestTimeline(receivedOn: d("2024-04-01"))
        #expect(
            problem(.sendConsultation(sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-01")), t, today: "2024-04-08")
                == "对方收到日期不能早于发函日期 2024-04-08")
        #expect(
            problem(.sendConsultation(sentOn: d("2024-04-08"), partyReceivedOn: d("2024-12-31")), t, today: "2024-04-08")
                == "收到日期 2024-12-31 晚于今天，不能登记尚未发生的事项")
        #expect(problem(.sendConsultation(sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-08")), t, today: "2024-04-08") == nil)
    }

    @Test func anAnswerCannotPrecedeThePartysReceipt() {
        var t = RequestTimeline(receivedOn: d("2024-04-01"))
        t.consultations = [.init(id: "c1", party: "某公司", kind: .thirdParty, sentOn: d("2024-04-08"), partyReceivedOn: d("2024-04-12"))]
        #expect(problem(.answerConsultation(id: "c1", on: d("2024-04-10")), t, today: "2024-04-15") == "答复日期不能早于对方收到函件之日 2024-04-12")
        #expect(problem(.answerConsultation(id: "c1", on: d("2024-04-12")), t, today: "2024-04-15") == nil)
    }

    // MARK: one counting rule

    @Test("the start-day convention governs every period", arguments: [
        (CountingConvention.startDayExcluded, "2023-10-31"),
        (.startDayIncluded, "2023-10-30"),
    ])
    func theStartDayConventionGovernsTheReplyClock(convention: CountingConvention, due: String) throws {
        let calendar = WorkingDayCalendar(convention: convention)
        let state = evaluate(RequestTimeline(receivedOn: d("2023-09-27")), today: "2023-10-09", calendar: calendar)
        // the request's due date is the calendar's own answer (`gongkai calendar due`)
        #expect(state.dueOn == d(due))
        #expect(try calendar.addingWorkingDays(20, to: d("2023-09-27")) == d(due))
        // and the fee, due from the day after receipt, is the same under both conventions
        #expect(try RequestClock.feePaymentDue(receivedOn: d("2025-03-11"), calendar: calendar, rules: ClockRules()) == d("2025-04-09"))
    }

    // MARK: deferral, correction, termination

    @Test func aDeferralAfterTheDeadlineIsRefused() {
        // due 2025-02-08; a deferral to 2025-05-30 entered on 2025-04-08
        let t = RequestTimeline(receivedOn: d("2025-01-06"))
        #expect(problem(.setDeferral(on: d("2025-04-08"), dueOn: d("2025-05-30"), reason: "数量大"), t, today: "2025-04-08")
                == "答复期限已于 2025-02-08 届满，不能在届满后确定延迟答复期限")
        #expect(problem(.setDeferral(on: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "数量大"), t, today: "2025-02-07") == nil)
    }

    @Test func aBackDatedDeferralIsRefusedOnTheDayItIsEntered() {
        // due 2025-02-08; on 2025-04-08 a deferral "set on 2025-02-07" is entered
        let t = RequestTimeline(receivedOn: d("2025-01-06"))
        #expect(
            problem(.setDeferral(on: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "数量大"), t, today: "2025-04-08")
                == "答复期限已于 2025-02-08 届满，不能在届满后确定延迟答复期限")
        // and an extension approved "on 2025-02-07" entered on 2025-04-08
        #expect(
            problem(.grantExtension(on: d("2025-02-07"), days: 10), t, today: "2025-04-08")
                == "答复期限已于 2025-02-08 届满，不能在届满后延期")
    }

    @Test func anExtensionIsCheckedAgainstTheStatutoryPeriodNotTheDeferral() {
        // received 2025-01-06 (due 2025-02-08), deferral set 2025-02-07 to 2025-05-30, extension asked 2025-03-03
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.deferral = .init(setOn: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大")
        let state = evaluate(t, today: "2025-03-03")
        #expect(state.dueOn == d("2025-05-30"))
        #expect(state.periodDueOn == d("2025-02-08"))
        #expect(problem(.requestExtension(on: d("2025-03-03"), days: 20), t, today: "2025-03-03") == "答复期限已于 2025-02-08 届满，不能在届满后延期")
        #expect(problem(.requestExtension(on: d("2025-02-07"), days: 20), t, today: "2025-02-07") == nil)
    }

    @Test func aCorrectionNoticeAfterTheStatutoryPeriodIsRefusedDespiteADeferral() {
        // same request: a correction notice on 2025-03-03 would restart the period past the deferral
        var t = RequestTimeline(receivedOn: d("2025-01-06"))
        t.deferral = .init(setOn: d("2025-02-07"), dueOn: d("2025-05-30"), reason: "申请数量大")
        #expect(
            problem(.requestCorrection(sentOn: d("2025-03-03"), deadline: d("2025-05-23")), t, today: "2025-03-03")
                == "答复期限已于 2025-02-08 届满，不能再发出补正通知")
    }

    @Test func aCorrectionReceivedAfterItsDeadlineNeedsAReasonAndWarns() {
        // deadline 2024-09-20, corrected application received 2024-09-27
        var t = RequestTimeline(receivedOn: d("2024-09-02"))
        t.correction = .init(sentOn: d("2024-09-05"), deadline: d("2024-09-20"))
        #expect(
            problem(.receiveCorrection(on: d("2024-09-27")), t, today: "2024-09-27")
                == "补正期限 2024-09-20 已过：请写明申请人逾期补正的正当理由；无正当理由逾期不补正的，视为放弃申请（条例第三十条）")
        #expect(problem(.receiveCorrection(on: d("2024-09-27"), lateReason: "申请人住院，提交了医院证明"), t, today: "2024-09-27") == nil)
        #expect(problem(.receiveCorrection(on: d("2024-09-20")), t, today: "2024-09-27") == nil)
        // recorded: the period restarts from it, with a warning carrying the reason
        t.correction?.receivedOn = d("2024-09-27")
        t.correction?.lateReason = "申请人住院，提交了医院证明"
        let state = evaluate(t, today: "2024-09-27")
        #expect(state.startOn == d("2024-09-27"))
        #expect(state.notes.contains { $0.isWarning && $0.date == d("2024-09-27") && $0.text.contains("晚 7 天") && $0.text.contains("医院证明") })
    }

    @Test func aCorrectionNoticeAfterTheDeadlineIsRefused() {
        // received 2025-01-06, due 2025-02-08; a notice on 2025-03-03 would restart the period
        let t = RequestTimeline(receivedOn: d("2025-01-06"))
        #expect(problem(.requestCorrection(sentOn: d("2025-03-03"), deadline: d("2025-03-17")), t, today: "2025-03-03")
                == "答复期限已于 2025-02-08 届满，不能再发出补正通知")
        // later than the 7 working days (2025-01-15) but within the period: a setting decides
        #expect(problem(.requestCorrection(sentOn: d("2025-01-20"), deadline: d("2025-02-10")), t, today: "2025-01-20") == nil)
        var strict = ClockRules()
        strict.allowLateCorrectionNotice = false
        #expect(problem(.requestCorrection(sentOn: d("2025-01-20"), deadline: d("2025-02-10")), t, today: "2025-01-20", rules: strict)
                == "补正通知应于收到申请后 7 个工作日内（2025-01-15 前）发出（条例第三十条）")
    }

    @Test func aTerminationCannotBeDatedBeforeTheDefault() {
        // correction deadline 2024-09-20; 逾期不补正 served 2024-09-13, entered on 2024-09-25
        var t = RequestTimeline(receivedOn: d("2024-09-02"))
        t.correction = .init(sentOn: d("2024-09-05"), deadline: d("2024-09-20"))
        #expect(problem(.conclude(on: d("2024-09-13"), outcome: .otherNoCorrection, replyType: .noCorrection), t, today: "2024-09-25")
                == "补正期限 2024-09-20 届满之后才能按逾期不补正办结（办结日期为 2024-09-13）")
        #expect(problem(.conclude(on: d("2024-09-23"), outcome: .otherNoCorrection, replyType: .noCorrection), t, today: "2024-09-25") == nil)
    }

    // MARK: Art. 31 receipt dates

    @Test func aWithdrawnRequestCannotBeConfirmed() {
        // an online application of 2024-12-27, withdrawn 2024-12-30 before its receipt was confirmed
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-12-27")
        t.concludedOn = d("2024-12-30")
        #expect(
            problem(.confirmReceipt(on: d("2025-01-02"), reason: "申请人节后才接电话"), t, today: "2025-01-02")
                == "本申请已于 2024-12-30 办结，不能再办理此事项")
    }

    @Test func aWithdrawalCannotPrecedeTheApplication() {
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-12-27")
        #expect(problem(.withdraw(on: d("2024-01-01")), t, today: "2024-12-30") == "撤回日期不能早于申请材料送达之日 2024-12-27")
        #expect(problem(.withdraw(on: d("2024-12-27")), t, today: "2024-12-30") == nil)
    }

    @Test func theRegulationInForceFollowsTheConfirmedReceiptDate() {
        // an ordinary letter that arrived 2019-05-14: confirmed on the 14th it is a 2007-Regulation
        // application, on the 15th (with the reason) a 2019 one
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2019-05-14")
        #expect(problem(.confirmReceipt(on: d("2019-05-14"), reason: ""), t, today: "2019-05-15")?.contains("2007年《政府信息公开条例》") == true)
        #expect(problem(.confirmReceipt(on: d("2019-05-15"), reason: "信件 14 日下班后送达，次日确认"), t, today: "2019-05-15") == nil)
    }

    @Test func aLateConfirmationNeedsItsReasonAndIsShown() {
        // an ordinary letter arrived 2024-03-01 and was confirmed on 2024-03-15
        var t = RequestTimeline(receivedOn: nil)
        t.submittedOn = d("2024-03-01")
        #expect(problem(.confirmReceipt(on: d("2024-03-15"), reason: ""), t, today: "2024-03-15")
                == "确认之日晚于申请材料送达之日 2024-03-01：请写明未能当日确认的原因（如无法联系申请人）")
        #expect(problem(.confirmReceipt(on: d("2024-02-29"), reason: ""), t, today: "2024-03-15") == "确认之日不能早于申请材料送达之日 2024-03-01")
        #expect(problem(.confirmReceipt(on: d("2024-03-01"), reason: ""), t, today: "2024-03-15") == nil)
        #expect(problem(.confirmReceipt(on: d("2024-03-15"), reason: "信封上无电话，申请人 3 月 15 日来电"), t, today: "2024-03-15") == nil)
        // confirmed: the reply is due 20 working days later, and the delay is written on the clock
        t.receivedOn = d("2024-03-15")
        t.receiptDelayReason = "信封上无电话，申请人 3 月 15 日来电"
        let state = evaluate(t, today: "2024-03-15")
        #expect(state.dueOn == d("2024-04-15"))
        #expect(state.notes.contains { $0.isWarning && $0.text.contains("晚 14 天") && $0.text.contains("信封上无电话") })
    }

    // MARK: a reply ordered by a corrective decision

    @Test("a decision's own period replaces the Regulation's", arguments: [
        (ReplyOrder.Period.calendarDays(15), "2024-06-18", true),
        (.none, "2024-07-02", false),
        (.byDate(d("2024-06-14")), "2024-06-14", true),
        (.workingDays(10), "2024-06-18", true),
    ])
    func aDecisionsOwnPeriod(period: ReplyOrder.Period, due: String, ordered: Bool) throws {
        // a decision of 2024-06-03, received that day; 端午 2024-06-10 is off
        let result = try ReplyOrder.dueOn(received: d("2024-06-03"), period: period, calendar: calendar, rules: ClockRules())
        #expect(result.dueOn == d(due))
        #expect(result.isOrdered == ordered)
    }

    @Test func aCalendarDayPeriodEndingOnAHolidayEndsOnTheNextWorkingDay() throws {
        // received 2024-09-20 + 10 days = 09-30; 10-01…10-07 are the National Day holiday, 10-08 a working day
        let result = try ReplyOrder.dueOn(received: d("2024-09-20"), period: .calendarDays(11), calendar: calendar, rules: ClockRules())
        #expect(result.dueOn == d("2024-10-08"))
    }

    @Test func anOrderedReplyDateGovernsTheClockEvenWhenShorter() {
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号行政复议决定书")
        let state = evaluate(t, today: "2024-06-05")
        #expect(state.dueOn == d("2024-06-18"))
        #expect(state.periodDays == 10)  // 06-04 … 06-18 without 端午
        #expect(state.notes.contains { $0.text.contains("示政复〔2024〕27号") && !$0.text.contains("第三十五条") })
        #expect(evaluate(t, today: "2024-06-19").isOverdue)
    }

    @Test func anOrderedReplyCannotBeExtendedOrDeferred() {
        // decision received 2024-06-03, ordered 2024-06-18
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        let refused = "重新答复的期限由示政复〔2024〕27号确定，不是条例第三十三条的答复期限，不能依该条延长"
        #expect(problem(.requestExtension(on: d("2024-06-12"), days: 10), t, today: "2024-06-12") == refused)
        #expect(problem(.grantExtension(on: d("2024-06-12"), days: 10), t, today: "2024-06-12") == refused)
        #expect(
            problem(.setDeferral(on: d("2024-06-12"), dueOn: d("2024-07-30"), reason: "数量大"), t, today: "2024-06-12")
                == "重新答复的期限由示政复〔2024〕27号确定，不能依条例第三十五条延迟")
        // a consultation does not move the ordered date either
        t.consultations = [.init(id: "c", party: "某公司", kind: .thirdParty, sentOn: d("2024-06-05"), partyReceivedOn: d("2024-06-06"))]
        #expect(evaluate(t, today: "2024-06-12").dueOn == d("2024-06-18"))
    }

    @Test func anOrderedPeriodLongerThanTwentyDaysEndsOnItsDate() {
        // decision received 2024-06-03, judgment ordering 2024-08-30: 63 working days later
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-08-30"), basis: "（2024）示行初 5 号判决")
        let state = evaluate(t, today: "2024-08-30")
        #expect(state.dueOn == d("2024-08-30"))
        #expect(state.periodDays == 63)
        #expect(state.remainingDays == 0)
        #expect(state.days.last?.date == d("2024-08-30"))
        #expect(evaluate(t, today: "2024-08-29").remainingDays == 1)
    }

    @Test func anOrderedPeriodIsCountedByTheInstallationsRule() {
        // received Mon 2024-06-03, ordered 2024-06-18; with the start day counted, on 06-17 one
        // working day (06-18) is left of 11
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(dueOn: d("2024-06-18"), basis: "示政复〔2024〕27号")
        let state = evaluate(t, today: "2024-06-17", calendar: WorkingDayCalendar(convention: .startDayIncluded))
        #expect(state.periodDays == 11)
        #expect(state.remainingDays == 1)
    }

    @Test func anOrderedPeriodInDaysIsCountedByTheClock() {
        // "15 日内" of a decision received 2024-06-03 → 06-18; "10 个工作日内" → 06-18 (端午 06-10 off)
        var t = RequestTimeline(receivedOn: d("2024-06-03"))
        t.orderedReply = .init(period: .calendarDays(15), basis: "示政复〔2024〕27号")
        #expect(evaluate(t, today: "2024-06-05").dueOn == d("2024-06-18"))
        t.orderedReply = .init(period: .workingDays(10), basis: "示政复〔2024〕27号")
        #expect(evaluate(t, today: "2024-06-05").dueOn == d("2024-06-18"))
        // a period running into a year without holidays shows as the clock's problem
        t = RequestTimeline(receivedOn: d("2026-12-21"))
        t.orderedReply = .init(period: .workingDays(15), basis: "测政复〔2026〕9号")
        let state = evaluate(t, today: "2026-12-21")
        #expect(state.dueOn == nil)
        #expect(state.problem?.contains("2027 年没有国务院节假日安排") == true)
    }

    // MARK: holidays

    @Test func reImportingAYearKeepsTheDaysTheNextYearsNoticeDeclared() throws {
        // 2022-12-31 was made a holiday by the notice for 2023 (国办发明电〔2022〕16号)
        let bundled = HolidaySchedule.bundled
        #expect(bundled.entries[d("2022-12-31")]?.scheduleYear == 2023)
        // re-importing 2022's own notice (which does not list it) keeps it
        let notice2022 = HolidayScheduleParser.tsv(bundled.entries.values.filter { $0.scheduleYear == 2022 })
        let replaced = bundled.overlaid(with: try HolidayScheduleParser.parse(notice2022, year: 2022))
        #expect(replaced.entries[d("2022-12-31")]?.designation == .holiday)
        #expect(replaced == bundled)
        // while re-importing 2023's notice without it drops it (a corrected notice replaces the old one)
        let notice2023 = HolidayScheduleParser.tsv(bundled.entries.values.filter { $0.scheduleYear == 2023 && $0.date.year == 2023 })
        #expect(bundled.overlaid(with: try HolidayScheduleParser.parse(notice2023, year: 2023)).entries[d("2022-12-31")] == nil)
    }
}
