import Fluent
import Foundation
import GongkaiCore

extension DisclosureRequest {
    /// The facts the statutory clock runs on.
    func timeline(consultations: [RequestConsultation], fees: [RequestFeeNotice]) -> RequestTimeline {
        func d(_ s: String?) -> CivilDate? { s.flatMap(CivilDate.init(iso:)) }
        var t = RequestTimeline(receivedOn: d(receivedOn))
        if let sent = d(correctionSentOn), let deadline = d(correctionDeadline) {
            t.correction = .init(sentOn: sent, deadline: deadline, receivedOn: d(correctionReceivedOn))
        }
        t.consultations = consultations.compactMap { c in
            d(c.sentOn).map { .init(id: String(c.id ?? 0), party: c.party, kind: c.kind, sentOn: $0,
                                   partyReceivedOn: d(c.partyReceivedOn), answeredOn: d(c.answeredOn)) }
        }
        if let granted = d(extensionGrantedOn), let days = extensionDays {
            t.timeExtension = .init(grantedOn: granted, days: days, approvedBy: extensionApprovedBy ?? "")
        }
        if let set = d(deferralSetOn), let due = d(deferralDueOn) {
            t.deferral = .init(setOn: set, dueOn: due, reason: deferralReason ?? "")
        }
        t.feeNotices = fees.compactMap { f in
            d(f.sentOn).map { .init(sentOn: $0, applicantReceivedOn: d(f.applicantReceivedOn), amount: f.amount,
                                   paidOn: d(f.paidOn), waivedOn: d(f.waivedOn)) }
        }
        t.concludedOn = d(concludedOn)
        return t
    }
}
