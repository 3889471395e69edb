import Fluent
import Foundation
import GongkaiCore

extension DisclosureRequest {
    /// The facts the statutory clock runs on.
    func timeline(consultations: [RequestConsultation], fees: [RequestFeeNotice]) -> RequestTimeline {
        var t = RequestTimeline(receivedOn: receivedOn)
        t.submittedOn = submittedOn
        t.receiptDelayReason = receiptDelayReason
        if let sent = correctionSentOn, let deadline = correctionDeadline {
            t.correction = .init(sentOn: sent, deadline: deadline, receivedOn: correctionReceivedOn, lateReason: correctionLateReason)
        }
        t.consultations = consultations.map { c in
            .init(id: String(c.id ?? 0), party: c.party, kind: c.kind, sentOn: c.sentOn, partyReceivedOn: c.partyReceivedOn,
                  answeredOn: c.answeredOn)
        }
        if let granted = extensionGrantedOn, let days = extensionDays {
            t.timeExtension = .init(grantedOn: granted, days: days, approvedBy: extensionApprovedBy ?? "")
        }
        if let set = deferralSetOn, let due = deferralDueOn {
            t.deferral = .init(setOn: set, dueOn: due, reason: deferralReason ?? "")
        }
        t.feeNotices = fees.map { f in
            .init(sentOn: f.sentOn, applicantReceivedOn: f.applicantReceivedOn, amount: f.amount, paidOn: f.paidOn, waivedOn: f.waivedOn)
        }
        t.orderedReply = orderedReply
        t.concludedOn = concludedOn
        return t
    }
}
