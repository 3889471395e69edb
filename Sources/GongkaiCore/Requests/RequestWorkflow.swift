/// What staff can do to a request, and when the statute says they cannot. Each check returns
/// the reason in Chinese, or nil when the step is allowed.
public enum RequestAction: Sendable {
    /// `reason`: why the receipt was confirmed later than the day the application arrived.
    case confirmReceipt(on: CivilDate, reason: String)
    case requestCorrection(sentOn: CivilDate, deadline: CivilDate)
    /// `lateReason`: why a correction arriving after the deadline is accepted (Art. 30).
    case receiveCorrection(on: CivilDate, lateReason: String = "")
    /// `partyReceivedOn`: the party's receipt of the letter, when it is known as the letter goes out.
    case sendConsultation(sentOn: CivilDate, partyReceivedOn: CivilDate? = nil)
    /// The consulted party received the letter: its 15 working days run from this day.
    case recordConsultationReceipt(id: String, on: CivilDate)
    case answerConsultation(id: String, on: CivilDate)
    /// The officer asks the head for more time (Art. 33); `grantExtension` is the head's decision.
    case requestExtension(on: CivilDate, days: Int)
    case grantExtension(on: CivilDate, days: Int)
    case setDeferral(on: CivilDate, dueOn: CivilDate, reason: String)
    /// `applicantReceivedOn`: the applicant's receipt of the notice, when it is known as it goes out.
    case sendFeeNotice(on: CivilDate, amount: Int, applicantReceivedOn: CivilDate? = nil)
    /// The applicant received the fee notice: the payment period runs from the next day.
    case recordFeeNoticeReceipt(on: CivilDate)
    case settleFee(on: CivilDate)
    case withdraw(on: CivilDate)
    case conclude(on: CivilDate, outcome: RequestOutcome, replyType: ReplyType)
}

public enum RequestWorkflow {
    public static func problem(with action: RequestAction, timeline t: RequestTimeline, clock: ClockState,
                               rules: ClockRules = ClockRules(), today: CivilDate) -> String? {
        // Dates of events are facts, so never in the future.
        if let date = action.date, date > today { return "日期 \(date.iso) 晚于今天，不能登记尚未发生的事项" }
        if let receipt = action.receiptDate, receipt > today { return "收到日期 \(receipt.iso) 晚于今天，不能登记尚未发生的事项" }
        // A concluded request takes no further step, a confirmation included: an application
        // withdrawn before its receipt was confirmed was never received (and is in no row).
        if let concluded = t.concludedOn { return "本申请已于 \(concluded.iso) 办结，不能再办理此事项" }
        if case .confirmReceipt(let on, let reason) = action {
            if let received = t.receivedOn { return "已确认收到申请之日（\(received.iso)），不能重复确认" }
            // Art. 31: the confirmation day is the receipt day, which decides the Regulation that applies.
            if on < ClockRules.regulationInForce {
                return "2019年5月15日以前收到的申请适用2007年《政府信息公开条例》（15个工作日，可延长15个工作日），本系统不按旧条例计时"
            }
            guard let arrived = t.submittedOn else { return nil }
            if on < arrived { return "确认之日不能早于申请材料送达之日 \(arrived.iso)" }
            // Art. 31: an ordinary letter is confirmed with the applicant the day it arrives; a
            // later confirmation (the applicant could not be reached, 国办公开办函〔2015〕207号) is
            // recorded with its reason.
            if on > arrived, reason.trimmingCharacters(in: .whitespaces).isEmpty {
                return "确认之日晚于申请材料送达之日 \(arrived.iso)：请写明未能当日确认的原因（如无法联系申请人）"
            }
            return nil
        }
        // An applicant may withdraw even before the receipt date is confirmed (never received),
        // but not before the application arrived.
        if case .withdraw(let on) = action, t.receivedOn == nil {
            if let arrived = t.submittedOn, on < arrived { return "撤回日期不能早于申请材料送达之日 \(arrived.iso)" }
            return nil
        }
        guard let received = t.receivedOn else { return "尚未确认收到申请之日，请先确认（条例第三十一条）" }
        if let date = action.date, date < received { return "日期 \(date.iso) 早于收到申请之日 \(received.iso)" }
        let correctionOutstanding = t.correction != nil && t.correction?.receivedOn == nil

        switch action {
        case .confirmReceipt:
            return nil
        case .requestCorrection(let sent, let deadline):
            if t.correction != nil { return "补正应一次性告知（条例第三十条），本申请已发出过补正通知" }
            if deadline <= sent { return "补正期限应晚于发出补正通知之日" }
            // A correction restarts the period: after its end it would hide a late reply. The end
            // is the period's own (Art. 33 or a decision's), which an Art. 35 deferral does not move.
            if let due = clock.periodDueOn, sent > due { return "答复期限已于 \(due.iso) 届满，不能再发出补正通知" }
            if let noticeDue = clock.correctionNoticeDue, sent > noticeDue, !rules.allowLateCorrectionNotice {
                return "补正通知应于收到申请后 \(rules.correctionNoticeDays) 个工作日内（\(noticeDue.iso) 前）发出（条例第三十条）"
            }
            return nil
        case .receiveCorrection(let on, let lateReason):
            guard let c = t.correction, c.receivedOn == nil else { return "没有等待补正的通知" }
            if on < c.sentOn { return "收到补正之日不能早于发出补正通知之日" }
            // Art. 30: an applicant who does not correct by the deadline without a justified
            // reason is deemed to abandon the application; a late correction needs that reason.
            if on > c.deadline, lateReason.trimmingCharacters(in: .whitespaces).isEmpty {
                return "补正期限 \(c.deadline.iso) 已过：请写明申请人逾期补正的正当理由；无正当理由逾期不补正的，视为放弃申请（条例第三十条）"
            }
            return nil
        case .sendConsultation(let sent, let partyReceived):
            if correctionOutstanding { return "申请人尚未补正，暂不能征求意见" }
            if let partyReceived, partyReceived < sent { return "对方收到日期不能早于发函日期 \(sent.iso)" }
            return nil
        case .recordConsultationReceipt(let id, let on):
            guard let c = t.consultations.first(where: { $0.id == id }) else { return "没有这一征求意见记录" }
            if let known = c.partyReceivedOn { return "已登记对方收到函件之日（\(known.iso)）" }
            if on < c.sentOn { return "对方收到日期不能早于发函日期 \(c.sentOn.iso)" }
            if let answered = c.answeredOn, on > answered { return "对方收到日期不能晚于其答复日期 \(answered.iso)" }
            return nil
        case .answerConsultation(let id, let on):
            guard let c = t.consultations.first(where: { $0.id == id }) else { return "没有这一征求意见记录" }
            if c.answeredOn != nil { return "该征求意见已登记答复" }
            if on < c.sentOn { return "答复日期不能早于发函日期" }
            if let partyReceived = c.partyReceivedOn, on < partyReceived { return "答复日期不能早于对方收到函件之日 \(partyReceived.iso)" }
            return nil
        case .requestExtension(let on, let days), .grantExtension(let on, let days):
            if t.timeExtension != nil { return "答复期限只能延长一次（条例第三十三条）" }
            if let order = t.orderedReply {
                return "重新答复的期限由\(order.basis)确定，不是条例第三十三条的答复期限，不能依该条延长"
            }
            if !(1...rules.maxExtensionDays).contains(days) { return "延长期限应为 1–\(rules.maxExtensionDays) 个工作日（条例第三十三条）" }
            if correctionOutstanding { return "申请人尚未补正，答复期限尚未起算，无需延期" }
            // Art. 33's own period, without a deferral; the day the step is entered counts too, so
            // an approval typed in later with an earlier date cannot revive a lapsed period.
            if let due = clock.periodDueOn, on > due || today > due { return "答复期限已于 \(due.iso) 届满，不能在届满后延期" }
            return nil
        case .setDeferral(_, let dueOn, let reason):
            if let order = t.orderedReply {
                return "重新答复的期限由\(order.basis)确定，不能依条例第三十五条延迟"
            }
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { return "请填写确定延迟答复期限的理由（条例第三十五条）" }
            // Like an extension: a deferral set after the deadline would make a late request look
            // on time — also one entered after it with an earlier date (the date is never after today).
            if let due = clock.dueOn, today > due { return "答复期限已于 \(due.iso) 届满，不能在届满后确定延迟答复期限" }
            if let due = clock.dueOn, dueOn <= due { return "延迟答复期限应晚于现有答复期限 \(due.iso)" }
            return nil
        case .sendFeeNotice(let sent, let amount, let applicantReceived):
            if t.feeNotices.contains(where: { !$0.isSettled }) { return "已有未缴清的收费通知" }
            if correctionOutstanding { return "申请人尚未补正，暂不能发出收费通知" }
            if let applicantReceived, applicantReceived < sent { return "申请人收到日期不能早于发出收费通知之日 \(sent.iso)" }
            // §3.4: the notice is sent within the application-handling period.
            if let due = clock.dueOn, sent > due { return "收费通知应在答复期限内发出，答复期限已于 \(due.iso) 届满" }
            return amount > 0 ? nil : "收费金额应大于 0；免费的申请无需发出收费通知"
        case .recordFeeNoticeReceipt(let on):
            guard let open = t.feeNotices.first(where: { !$0.isSettled }) else { return "没有未缴清的收费通知" }
            if let known = open.applicantReceivedOn { return "已登记申请人收到收费通知之日（\(known.iso)）" }
            return on < open.sentOn ? "收到日期不能早于发出收费通知之日 \(open.sentOn.iso)" : nil
        case .settleFee(let on):
            guard let open = t.feeNotices.first(where: { !$0.isSettled }) else { return "没有未缴清的收费通知" }
            return on < open.sentOn ? "缴费或减免日期不能早于发出收费通知之日 \(open.sentOn.iso)" : nil
        case .withdraw:
            return nil
        case .conclude(let on, let outcome, let replyType):
            if !outcome.replyTypes.contains(replyType) {
                return "答复类型“\(replyType.chineseLabel)”与办理结果“\(outcome.chineseLabel)”不相符"
            }
            // An ending for default takes effect only after the applicant's time has run: the
            // conclusion's own date, not today, is compared with the deadline.
            switch outcome {
            case .otherNoCorrection:
                guard let c = t.correction, c.receivedOn == nil else { return "只有发出补正通知且申请人未补正的申请，才能按逾期不补正办结" }
                return on > c.deadline ? nil : "补正期限 \(c.deadline.iso) 届满之后才能按逾期不补正办结（办结日期为 \(on.iso)）"
            case .otherFeeUnpaid:
                guard let open = t.feeNotices.first(where: { !$0.isSettled }), let due = clock.feePaymentDue else {
                    return "只有发出收费通知且申请人未缴费的申请，才能按逾期未缴费办结"
                }
                if open.applicantReceivedOn == nil {
                    return "申请人收到收费通知的日期尚未登记，缴费期限无法确定，不能按逾期未缴费办结"
                }
                return on > due ? nil : "缴费期限 \(due.iso) 届满之后才能按逾期未缴费办结（办结日期为 \(on.iso)）"
            case .unableUnclearAfterCorrection:
                return t.correction?.receivedOn == nil ? "只有收到补正后的申请，才能按“补正后申请内容仍不明确”办结" : nil
            default:
                if correctionOutstanding && replyType != .withdrawn { return "申请人尚未补正：只能按逾期不补正办结或由申请人撤回" }
                return consultationStillRunning(t, clock: clock, on: on)
            }
        }
    }
}

extension RequestWorkflow {
    /// Arts. 32, 34: no decision on the merits while a consulted party's 15 working days are
    /// still running (or cannot be known, its receipt of the letter not being recorded); after
    /// them the agency decides (Art. 32) or takes silence as consent (Art. 34).
    static func consultationStillRunning(_ t: RequestTimeline, clock: ClockState, on: CivilDate) -> String? {
        for c in t.consultations where c.answeredOn == nil {
            if c.partyReceivedOn == nil {
                return "已向\(c.party)征求意见，对方收到函件的日期尚未登记、答复期限无法确定：请先登记收到日期或对方的答复（条例第三十二条、第三十四条）"
            }
            if let lapse = clock.consultationDeadlines[c.id], on <= lapse {
                return "已向\(c.party)征求意见，对方的答复期限至 \(lapse.iso)，届满前不能作出答复决定（条例第三十二条、第三十四条）"
            }
        }
        return nil
    }
}

extension RequestAction {
    var date: CivilDate? {
        switch self {
        case .confirmReceipt(let d, _), .receiveCorrection(let d, _), .sendConsultation(let d, _), .answerConsultation(_, let d),
            .recordConsultationReceipt(_, let d), .recordFeeNoticeReceipt(let d),
            .requestExtension(let d, _), .grantExtension(let d, _), .setDeferral(let d, _, _), .sendFeeNotice(let d, _, _), .settleFee(let d),
            .withdraw(let d), .conclude(let d, _, _):
            return d
        case .requestCorrection(let sent, _):
            return sent
        }
    }

    /// A receipt typed in with the sending step: a fact too, so never in the future.
    var receiptDate: CivilDate? {
        switch self {
        case .sendConsultation(_, let received): return received
        case .sendFeeNotice(_, _, let received): return received
        default: return nil
        }
    }
}
