import Foundation

/// The statutory periods of a disclosure request, all in working days. Statute §1.13; the
/// UNCONFIRMED choices are settings.
public struct ClockRules: Sendable, Equatable {
    /// Art. 33: reply within 20 working days of receipt (or of the corrected application).
    public var replyDays = 20
    /// Art. 30: the correction notice within 7 working days of receipt.
    public var correctionNoticeDays = 7
    /// Arts. 32, 34: a consulted third party or agency answers within 15 working days.
    public var consultationDays = 15
    /// Art. 33: one extension of at most 20 working days.
    public var maxExtensionDays = 20
    /// Fee notice (statute §3.4, CORROBORATED): pay within 20 working days from the day after receipt.
    public var feePaymentDays = 20
    /// Statute §3.4 (UNCONFIRMED): whether the reply period pauses while a fee is outstanding.
    public var pauseWhileFeeOutstanding = true
    /// Art. 30 asks for the correction notice within 7 working days; whether a later notice
    /// (still within the reply period) is allowed with a warning, or refused, is not settled.
    public var allowLateCorrectionNotice = true
    /// Calendar days a letter is taken to need at most by post. Until a consulted party's or the
    /// applicant's receipt of a letter is recorded, the clock waits at most until the period
    /// that would run from the sending day plus this many days; then it counts again and the
    /// request asks for the receipt date (a choice: nothing in the statute sets it).
    public var postalAllowanceDays = 7

    /// The 2019 Regulation applies to applications received from this day; earlier ones fall
    /// under the 2007 Regulation (15 + 15 working days), which this clock does not compute.
    public static let regulationInForce = CivilDate(year: 2019, month: 5, day: 15)!

    public init() {}
}

/// Everything that happened to a request that moves its deadline.
public struct RequestTimeline: Sendable, Equatable {
    public struct Correction: Sendable, Equatable {
        public var sentOn: CivilDate
        /// The reasonable deadline the agency set for the applicant (Art. 30 gives no number).
        public var deadline: CivilDate
        public var receivedOn: CivilDate?
        /// Why a correction received after the deadline is accepted (Art. 30: only a justified
        /// reason keeps the application from being deemed abandoned).
        public var lateReason: String?
        public init(sentOn: CivilDate, deadline: CivilDate, receivedOn: CivilDate? = nil, lateReason: String? = nil) {
            self.sentOn = sentOn
            self.deadline = deadline
            self.receivedOn = receivedOn
            self.lateReason = lateReason
        }
    }

    public enum ConsultationKind: String, Sendable, Codable, CaseIterable {
        /// Art. 32: a third party whose rights disclosure may harm.
        case thirdParty = "third_party"
        /// Art. 34: another agency that made the information jointly (silence = consent).
        case agency

        public var chineseLabel: String { self == .thirdParty ? "征求第三方意见" : "征求其他机关意见" }
    }

    public struct Consultation: Sendable, Equatable {
        public var id: String
        public var party: String
        public var kind: ConsultationKind
        public var sentOn: CivilDate
        /// When the party received the letter; its 15 working days run from then.
        public var partyReceivedOn: CivilDate?
        public var answeredOn: CivilDate?
        public init(id: String, party: String, kind: ConsultationKind, sentOn: CivilDate, partyReceivedOn: CivilDate? = nil, answeredOn: CivilDate? = nil) {
            self.id = id
            self.party = party
            self.kind = kind
            self.sentOn = sentOn
            self.partyReceivedOn = partyReceivedOn
            self.answeredOn = answeredOn
        }
    }

    public struct Extension: Sendable, Equatable {
        public var grantedOn: CivilDate
        public var days: Int
        public var approvedBy: String
        public init(grantedOn: CivilDate, days: Int, approvedBy: String) {
            self.grantedOn = grantedOn
            self.days = days
            self.approvedBy = approvedBy
        }
    }

    public struct Deferral: Sendable, Equatable {
        public var setOn: CivilDate
        public var dueOn: CivilDate
        public var reason: String
        public init(setOn: CivilDate, dueOn: CivilDate, reason: String) {
            self.setOn = setOn
            self.dueOn = dueOn
            self.reason = reason
        }
    }

    public struct FeeNotice: Sendable, Equatable {
        public var sentOn: CivilDate
        public var applicantReceivedOn: CivilDate?
        public var amount: Int
        public var paidOn: CivilDate?
        public var waivedOn: CivilDate?
        public init(sentOn: CivilDate, applicantReceivedOn: CivilDate? = nil, amount: Int, paidOn: CivilDate? = nil, waivedOn: CivilDate? = nil) {
            self.sentOn = sentOn
            self.applicantReceivedOn = applicantReceivedOn
            self.amount = amount
            self.paidOn = paidOn
            self.waivedOn = waivedOn
        }
        public var isSettled: Bool { paidOn != nil || waivedOn != nil }
    }

    /// A reconsideration decision or judgment that corrected an earlier reply and set the
    /// period of the new one (its own date or days, not the Regulation's 20 working days). The
    /// days run from the request's receipt date, the day the agency received the decision.
    public struct OrderedReply: Sendable, Equatable {
        /// A date, or days from the decision's receipt; never `.none` (then there is no order).
        public var period: ReplyOrder.Period
        /// Which decision ordered it, in words (示政复〔2024〕27号).
        public var basis: String
        public init(period: ReplyOrder.Period, basis: String) {
            self.period = period
            self.basis = basis
        }
        public init(dueOn: CivilDate, basis: String) {
            self.init(period: .byDate(dueOn), basis: basis)
        }
    }

    /// The day the application arrived (handed in, signed for, received as a letter or message).
    public var submittedOn: CivilDate?
    /// 收到申请之日 (Art. 31).
    public var receivedOn: CivilDate?
    /// Why the receipt was confirmed later than the day the application arrived (Art. 31: an
    /// ordinary letter is confirmed with the applicant the day it arrives).
    public var receiptDelayReason: String?
    public var correction: Correction?
    public var consultations: [Consultation] = []
    public var timeExtension: Extension?
    public var deferral: Deferral?
    public var feeNotices: [FeeNotice] = []
    public var orderedReply: OrderedReply?
    /// The day the reply was served (signed for, or handed to the post: statute §1.2), or the
    /// day the request ended otherwise (withdrawn, lapsed).
    public var concludedOn: CivilDate?

    public init(receivedOn: CivilDate? = nil) {
        self.receivedOn = receivedOn
    }
}

/// One day of the reply period and why it counted or not.
public struct ClockDay: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case start, counted, paused, weekend, holiday
    }

    public let date: CivilDate
    public let kind: Kind
    public let countedAs: Int?
    public let note: String?

    public var chineseLine: String {
        let head = "\(date.iso) \(date.chineseWeekday) "
        switch kind {
        case .start: return head + "起算日（\(note ?? "")），不计入"
        case .counted: return head + "第 \(countedAs ?? 0) 个工作日"
        case .paused: return head + "暂停计时（\(note ?? "")），不计入"
        case .weekend: return head + "周末，不计入"
        case .holiday: return head + "法定节假日（\(note ?? "")），不计入"
        }
    }
}

/// A dated step of the request's clock, in words.
public struct ClockNote: Sendable, Equatable, Codable {
    public let date: CivilDate?
    public let text: String
    public let isWarning: Bool
}

/// Where a request stands against the statutory clock, and why.
public struct ClockState: Sendable, Equatable {
    public enum Phase: String, Sendable, Codable {
        case awaitingReceipt = "awaiting_receipt"
        case running
        case waitingOnApplicant = "waiting_on_applicant"
        case waitingOnThirdParty = "waiting_on_third_party"
        case waitingOnFee = "waiting_on_fee"
        case concluded

        public var chineseLabel: String {
            switch self {
            case .awaitingReceipt: return "待确认收到"
            case .running: return "办理中"
            case .waitingOnApplicant: return "等待申请人补正"
            case .waitingOnThirdParty: return "征求意见中"
            case .waitingOnFee: return "等待缴费"
            case .concluded: return "已办结"
            }
        }
    }

    public var phase: Phase
    /// The day the current period counts from (receipt, or the corrected application).
    public var startOn: CivilDate?
    public var dueOn: CivilDate?
    /// The end of the period itself — Art. 33's 20 working days (with any extension and the
    /// time paused), or a decision's ordered date — without an Art. 35 deferral. Steps that
    /// Art. 33 allows only within its period (an extension, a correction notice) are checked
    /// against this date, so a deferral cannot reopen them.
    public var periodDueOn: CivilDate?
    /// The due date assumes a consultation or fee still open ends at its latest possible day.
    public var isProvisional = false
    /// 20 plus any extension.
    public var periodDays = 0
    public var countedDays = 0
    public var remainingDays: Int?
    public var isOverdue = false
    /// For a concluded request: whether it was concluded by its due date.
    public var concludedOnTime: Bool?
    public var correctionNoticeDue: CivilDate?
    public var correctionDeadline: CivilDate?
    public var consultationDeadlines: [String: CivilDate] = [:]
    /// Consultations whose party's receipt of the letter is not recorded: their deadline is an
    /// estimate from the sending day and has no legal effect (no deemed consent, no decision).
    public var estimatedConsultationDeadlines: Set<String> = []
    public var feePaymentDue: CivilDate?
    /// The applicant's receipt of the fee notice is not recorded: `feePaymentDue` is an estimate
    /// from the sending day, and non-payment cannot end the request yet.
    public var feePaymentDueIsEstimate = false
    public var notes: [ClockNote] = []
    public var days: [ClockDay] = []
    /// Why the due date cannot be computed (e.g. a year without a holiday schedule).
    public var problem: String?
}

/// Computes a request's deadline from its timeline on the working-day calendar, with an
/// explanation staff and applicants can read. Pure: the same timeline and day give the same
/// answer, so every screen, letter and list agrees.
public enum RequestClock {
    /// A stretch of days not counted: days after `after` up to and including `through`. The day a
    /// letter is sent is not excluded, like the start day of a period; the day the answer arrives
    /// is (PROPOSED, statute §1.5: exact start/end of the pause not defined).
    struct Pause {
        let after: CivilDate
        let through: CivilDate
        let reason: String
        /// What the request waits for while the pause is open.
        let waitsOn: ClockState.Phase
        let isOpen: Bool
        func contains(_ d: CivilDate) -> Bool { d > after && d <= through }
    }

    /// §3.4: the fee is due within 20 working days counted from the day after the applicant
    /// receives the notice (收到收费通知次日起). The period starts on that next day and is counted
    /// by the installation's convention like every other period, which gives the same date
    /// under both conventions: the day of receipt never counts.
    public static func feePaymentDue(receivedOn: CivilDate, calendar: WorkingDayCalendar, rules: ClockRules) throws -> CivilDate {
        let start = receivedOn.adding(days: 1)
        return calendar.convention == .startDayIncluded
            ? try calendar.addingWorkingDays(rules.feePaymentDays, to: start)
            : try calendar.addingWorkingDays(rules.feePaymentDays, to: receivedOn)
    }

    public static func evaluate(
        _ t: RequestTimeline, calendar: WorkingDayCalendar, rules: ClockRules = ClockRules(), today: CivilDate
    ) -> ClockState {
        var state = ClockState(phase: .awaitingReceipt)
        guard let received = t.receivedOn else {
            if let ended = t.concludedOn {
                // Withdrawn before its receipt was confirmed: it never ran.
                state.phase = .concluded
                state.notes.append(ClockNote(date: ended, text: "申请在确认收到之前已撤回，答复期限未曾起算", isWarning: false))
            } else {
                state.notes.append(ClockNote(date: nil, text: "尚未确认收到申请之日，答复期限尚未起算", isWarning: false))
            }
            return state
        }
        do {
            return try compute(t, received: received, calendar: calendar, rules: rules, today: today)
        } catch {
            state.phase = phaseWithoutCalendar(t, today: today)
            state.startOn = received
            state.problem = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            state.notes.append(ClockNote(date: nil, text: "无法计算期限：\(state.problem!)", isWarning: true))
            return state
        }
    }

    /// Where a request stands when its dates cannot be counted (say, the next year's holidays
    /// are not yet published): what it waits for is still known from the facts alone.
    static func phaseWithoutCalendar(_ t: RequestTimeline, today: CivilDate) -> ClockState.Phase {
        if t.concludedOn != nil { return .concluded }
        if let c = t.correction, c.receivedOn == nil, c.sentOn <= today { return .waitingOnApplicant }
        if t.consultations.contains(where: { $0.answeredOn == nil && $0.sentOn <= today }) { return .waitingOnThirdParty }
        if t.feeNotices.contains(where: { !$0.isSettled && $0.sentOn <= today }) { return .waitingOnFee }
        return .running
    }

    private static func compute(
        _ t: RequestTimeline, received: CivilDate, calendar: WorkingDayCalendar, rules: ClockRules, today: CivilDate
    ) throws -> ClockState {
        var state = ClockState(phase: .running)
        func note(_ date: CivilDate?, _ text: String, warning: Bool = false) {
            state.notes.append(ClockNote(date: date, text: text, isWarning: warning))
        }
        note(received, "收到申请，答复期限为 \(rules.replyDays) 个工作日（\(calendar.convention.chineseLabel)）")
        if let arrived = t.submittedOn, received > arrived {
            note(received, "申请材料于 \(arrived.iso) 送达，\(received.iso) 才与申请人确认（晚 \(received.dayNumber - arrived.dayNumber) 天）："
                 + (t.receiptDelayReason.flatMap { $0.isEmpty ? nil : $0 } ?? "未写明原因"), warning: true)
        }
        state.correctionNoticeDue = try calendar.addingWorkingDays(rules.correctionNoticeDays, to: received)

        // Art. 30: a correction restarts the period from the day the corrected application arrives.
        var start = received
        if let c = t.correction {
            let late = c.sentOn > state.correctionNoticeDue!
            note(c.sentOn, "发出补正通知，请申请人于 \(c.deadline.iso) 前补正"
                 + (late ? "；已超过收到申请后 \(rules.correctionNoticeDays) 个工作日（应于 \(state.correctionNoticeDue!.iso) 前发出）" : ""),
                 warning: late)
            state.correctionDeadline = c.deadline
            if let r = c.receivedOn {
                start = r
                // Art. 30: without a justified reason a late correction means the application
                // was abandoned; the reason recorded with it is shown wherever the clock is.
                if r > c.deadline {
                    let why = c.lateReason.flatMap { $0.isEmpty ? nil : $0 } ?? "未写明正当理由"
                    note(r, "申请人在补正期限 \(c.deadline.iso) 之后补正（晚 \(r.dayNumber - c.deadline.dayNumber) 天）：\(why)", warning: true)
                }
                note(r, "收到补正后的申请，答复期限自此重新起算")
            } else if let concluded = t.concludedOn {
                state.phase = .concluded
                state.startOn = received
                note(concluded, "办结")
                return state
            } else {
                state.phase = .waitingOnApplicant
                state.startOn = received
                if today > c.deadline {
                    note(c.deadline, "申请人未在补正期限内补正，可按“逾期不补正、不再处理”办结", warning: true)
                } else {
                    note(nil, "等待申请人补正，答复期限暂不计算")
                }
                return state
            }
        }
        state.startOn = start
        let allowance = rules.postalAllowanceDays

        // Pauses after the start: consultations (Arts. 32–34) and outstanding fees (§3.4).
        var pauses: [Pause] = []
        for c in t.consultations where c.sentOn >= start {
            // Arts. 32, 34: the party's 15 working days run from its receipt of the letter. Until
            // that day is recorded the lapse is only estimated from the sending day and has no
            // legal effect; the pause lasts until today, but not past the lapse counted from
            // the latest day the letter is taken to arrive (sending day + postal allowance).
            let estimated = c.partyReceivedOn == nil
            let lapse = try calendar.addingWorkingDays(rules.consultationDays, to: c.partyReceivedOn ?? c.sentOn)
            let latestLapse = estimated ? try calendar.addingWorkingDays(rules.consultationDays, to: c.sentOn.adding(days: allowance)) : lapse
            state.consultationDeadlines[c.id] = lapse
            if estimated { state.estimatedConsultationDeadlines.insert(c.id) }
            let stillRunning = c.answeredOn == nil && today <= latestLapse
            let end = c.answeredOn.map { estimated ? $0 : min($0, lapse) } ?? (estimated ? max(lapse, min(today, latestLapse)) : lapse)
            pauses.append(Pause(after: c.sentOn, through: end, reason: "\(c.kind.chineseLabel)：\(c.party)", waitsOn: .waitingOnThirdParty,
                                isOpen: stillRunning))
            if let partyReceived = c.partyReceivedOn {
                note(c.sentOn, "\(c.kind.chineseLabel)（\(c.party)）；征求意见所需时间不计算在答复期限内")
                note(partyReceived, "\(c.party)收到征求意见函，应于 \(lapse.iso) 前答复（\(rules.consultationDays) 个工作日）")
            } else {
                let estimate = "其 \(rules.consultationDays) 个工作日的答复期限自收到之日起算，按发函之日估算为 \(lapse.iso)，"
                let latest = "按发函后 \(allowance) 日内收到估算最迟为 \(latestLapse.iso)"
                note(c.sentOn, "\(c.kind.chineseLabel)（\(c.party)）；征求意见所需时间不计算在答复期限内。对方收到函件的日期尚未登记，\(estimate)\(latest)")
            }
            if let answered = c.answeredOn {
                note(answered, "\(c.party)答复\(!estimated && answered > lapse ? "（已逾期，按逾期处理日计）" : "")，恢复计时")
            } else if !estimated && today > lapse {
                note(lapse, "\(c.party)逾期未答复，恢复计时" + (c.kind == .agency ? "（视为同意公开，条例第三十四条）" : "（由本机关依法决定，条例第三十二条）"))
            } else if estimated && today > latestLapse && t.concludedOn == nil {
                let lapsed = "按发函后 \(allowance) 日内收到估算的答复期限已于 \(latestLapse.iso) 届满"
                note(latestLapse, "\(c.party)收到征求意见函的日期仍未登记，\(lapsed)，答复期限恢复计算；请登记对方收到日期", warning: true)
            }
        }
        for f in t.feeNotices where f.sentOn >= start {
            // §3.4: payment is due 20 working days from the day after the applicant receives the
            // notice; until that day is recorded the date is an estimate from the sending day,
            // and the pause is bounded like a consultation's.
            let estimated = f.applicantReceivedOn == nil
            let due = try feePaymentDue(receivedOn: f.applicantReceivedOn ?? f.sentOn, calendar: calendar, rules: rules)
            let latestDue = estimated ? try feePaymentDue(receivedOn: f.sentOn.adding(days: allowance), calendar: calendar, rules: rules) : due
            state.feePaymentDue = due
            state.feePaymentDueIsEstimate = estimated && !f.isSettled
            let sent = "发出收费通知（\(f.amount) 元）" + (rules.pauseWhileFeeOutstanding ? "；缴费期间暂停计时" : "")
            if let received = f.applicantReceivedOn {
                note(f.sentOn, sent)
                note(received, "申请人收到收费通知，应于 \(due.iso) 前缴纳")
            } else {
                let estimate = "缴费期限自收到次日起算，按发出之日估算为 \(due.iso)，按发出后 \(allowance) 日内收到估算最迟为 \(latestDue.iso)"
                note(f.sentOn, "\(sent)。申请人收到通知的日期尚未登记，\(estimate)")
            }
            if let paid = f.paidOn { note(paid, "申请人缴纳信息处理费") }
            if let waived = f.waivedOn { note(waived, "经批准减免信息处理费") }
            if !f.isSettled, !estimated, today > due, t.concludedOn == nil {
                note(due, "申请人逾期未缴纳信息处理费，可按“逾期未缴费、不再处理”办结", warning: true)
            }
            if !f.isSettled, estimated, today > latestDue, t.concludedOn == nil {
                let lapsed = "按发出后 \(allowance) 日内收到估算的缴费期限已于 \(latestDue.iso) 届满"
                let resumes = rules.pauseWhileFeeOutstanding ? "，答复期限恢复计算" : ""
                note(latestDue, "申请人收到收费通知的日期仍未登记，\(lapsed)\(resumes)；请登记申请人收到日期", warning: true)
            }
            if rules.pauseWhileFeeOutstanding {
                let end = f.paidOn ?? f.waivedOn ?? (estimated ? max(due, min(today, latestDue)) : due)
                let open = !f.isSettled && today <= latestDue
                pauses.append(Pause(after: f.sentOn, through: end, reason: "等待缴纳信息处理费", waitsOn: .waitingOnFee, isOpen: open))
            }
        }

        // Art. 33: one extension of at most 20 working days.
        state.periodDays = rules.replyDays + (t.timeExtension?.days ?? 0)
        if let e = t.timeExtension {
            note(e.grantedOn, "经政府信息公开工作机构负责人（\(e.approvedBy)）同意，延长答复期限 \(e.days) 个工作日，并告知申请人")
        }

        // A decision's own period replaces the Regulation's, shorter or longer, counted from the
        // day the agency received the decision (the request's receipt date). It is a date set
        // by the decision: consultations and fees do not move it (docs/requests.md, choices).
        var ordered: CivilDate?
        if let order = t.orderedReply {
            let due = try ReplyOrder.dueOn(received: received, period: order.period, calendar: calendar, rules: rules).dueOn
            ordered = due
            let notArt33 = "决定确定的期限，不适用条例第三十三条的 \(rules.replyDays) 个工作日及其延长"
            note(start, "依\(order.basis)，应\(order.period.chineseLabel(received: received))重新作出答复，即 \(due.iso) 前（\(notArt33)）")
        }

        // Walk the days: count working days not paused, up to the 20th (or the extended period's
        // last), or for an ordered reply up to its date. The start day counts only under the
        // start-day-included convention (and when it is a working day), as in every other period.
        let startNote = start == received ? "收到申请" : "收到补正"
        let walkPauses = ordered == nil ? pauses : []
        var days: [ClockDay] = []
        var counted = 0
        var date = start
        var due: CivilDate?
        if calendar.convention == .startDayIncluded, try calendar.isWorkingDay(start) {
            counted = 1
            days.append(ClockDay(date: start, kind: .counted, countedAs: 1, note: startNote + "，起算日计入"))
        } else {
            days.append(ClockDay(date: start, kind: .start, countedAs: nil, note: startNote))
        }
        if ordered == nil, counted == state.periodDays { due = start }
        let limit = max(1_000, (ordered?.dayNumber ?? 0) - start.dayNumber + 1)
        while ordered.map({ date < $0 }) ?? (due == nil) {
            date = date.adding(days: 1)
            guard date.dayNumber - start.dayNumber < limit else { break }
            let entry = calendar.schedule.entries[date]
            if let pause = walkPauses.first(where: { $0.contains(date) }) {
                days.append(ClockDay(date: date, kind: .paused, countedAs: nil, note: pause.reason))
            } else if try calendar.isWorkingDay(date) {
                counted += 1
                days.append(ClockDay(date: date, kind: .counted, countedAs: counted, note: entry?.designation == .workday ? "\(entry!.name)调休上班" : nil))
                if ordered == nil, counted == state.periodDays { due = date }
            } else if entry?.designation == .holiday {
                days.append(ClockDay(date: date, kind: .holiday, countedAs: nil, note: entry?.name))
            } else {
                days.append(ClockDay(date: date, kind: .weekend, countedAs: nil, note: nil))
            }
        }
        state.days = days
        if let ordered {
            // The period shown is the working days up to the ordered date, by the same counting rule.
            due = ordered
            state.periodDays = counted
        }
        state.periodDueOn = due
        if let d = t.deferral {
            note(d.setOn, "依条例第三十五条确定延迟答复期限至 \(d.dueOn.iso)：\(d.reason)")
            if let computed = due, d.dueOn > computed { due = d.dueOn }
        }
        state.dueOn = due
        state.isProvisional = t.orderedReply == nil && pauses.contains { $0.isOpen }
        if let due {
            note(due, "答复期限：\(due.chinese)（\(due.chineseWeekday)）" + (state.isProvisional ? "（按对方最迟答复或缴费日计，实际可能提前）" : ""))
        }

        // Where things stand today.
        if let concluded = t.concludedOn {
            state.phase = .concluded
            state.concludedOnTime = due.map { concluded <= $0 }
            note(concluded, "办结" + (state.concludedOnTime == false ? "，已超过答复期限" : ""), warning: state.concludedOnTime == false)
        } else {
            // From the day the letter or notice goes out the request waits on the other side.
            if let open = pauses.first(where: { $0.isOpen && today >= $0.after && today <= $0.through }) {
                state.phase = open.waitsOn
            }
            state.countedDays = days.filter { $0.kind == .counted && $0.date <= today }.count
            state.remainingDays = max(0, state.periodDays - state.countedDays)
            if let due, today > due {
                state.isOverdue = true
                note(today, "已超过答复期限", warning: true)
            }
        }
        // Notes read as a history: by date, in the order written within a day.
        state.notes = state.notes.enumerated()
            .sorted { ($0.element.date?.dayNumber ?? .max, $0.offset) < ($1.element.date?.dayNumber ?? .max, $1.offset) }
            .map(\.element)
        return state
    }
}
