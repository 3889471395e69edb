import Fluent
import Foundation
import GongkaiCore
import Vapor

/// One request with its clock explained, consultations, fee notices and history.
struct RequestDetailDTO: Content {
    struct Clock: Codable {
        var phase: ClockState.Phase
        var startOn: CivilDate?
        var dueOn: CivilDate?
        var isProvisional: Bool
        var periodDays: Int
        var countedDays: Int
        var remainingDays: Int?
        var isOverdue: Bool
        var concludedOnTime: Bool?
        var correctionNoticeDue: CivilDate?
        var feePaymentDue: CivilDate?
        /// The applicant's receipt of the fee notice is not recorded: `fee_payment_due` is an
        /// estimate from the sending day, without legal effect.
        var feePaymentDueIsEstimate: Bool
        var notes: [ClockNote]
        var problem: String?
    }

    /// A consultation. Its receipt date is sent as null until recorded, so a client can tell
    /// a deadline counted from it from one estimated from the sending day.
    struct Consultation: Codable {
        var id: Int
        var kind: RequestTimeline.ConsultationKind
        var party: String
        var sentOn: CivilDate
        var partyReceivedOn: CivilDate?
        var deadline: CivilDate?
        /// The party's receipt is not recorded: `deadline` is estimated from the sending day.
        var deadlineIsEstimate: Bool
        var answeredOn: CivilDate?
        var summary: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(kind, forKey: .kind); try c.encode(party, forKey: .party)
            try c.encode(sentOn, forKey: .sentOn); try c.encode(partyReceivedOn, forKey: .partyReceivedOn)
            try c.encodeIfPresent(deadline, forKey: .deadline); try c.encode(deadlineIsEstimate, forKey: .deadlineIsEstimate)
            try c.encodeIfPresent(answeredOn, forKey: .answeredOn); try c.encode(summary, forKey: .summary)
        }
    }

    /// A fee notice; the applicant's receipt is sent as null until recorded.
    struct FeeNotice: Codable {
        var id: Int
        var method: FeeMethod
        var quantity: Int
        var amount: Int
        var breakdown: String
        var sentOn: CivilDate
        var applicantReceivedOn: CivilDate?
        var paidOn: CivilDate?
        var receiptNumber: String?
        var waivedOn: CivilDate?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(method, forKey: .method); try c.encode(quantity, forKey: .quantity)
            try c.encode(amount, forKey: .amount); try c.encode(breakdown, forKey: .breakdown); try c.encode(sentOn, forKey: .sentOn)
            try c.encode(applicantReceivedOn, forKey: .applicantReceivedOn); try c.encodeIfPresent(paidOn, forKey: .paidOn)
            try c.encodeIfPresent(receiptNumber, forKey: .receiptNumber); try c.encodeIfPresent(waivedOn, forKey: .waivedOn)
        }
    }

    struct Event: Codable {
        var occurredOn: CivilDate
        var kind: RequestEventKind
        var actor: String
        var summary: String
    }

    var request: RequestDTO
    var clock: Clock
    var consultations: [Consultation]
    var feeNotices: [FeeNotice]
    var events: [Event]

    init(_ d: RequestDetail, today: CivilDate) throws {
        let clock = d.clock
        request = try RequestDTO(d.request, today: today)
        self.clock = Clock(
            phase: clock.phase, startOn: clock.startOn, dueOn: clock.dueOn, isProvisional: clock.isProvisional,
            periodDays: clock.periodDays, countedDays: clock.countedDays, remainingDays: clock.remainingDays,
            isOverdue: clock.isOverdue, concludedOnTime: clock.concludedOnTime, correctionNoticeDue: clock.correctionNoticeDue,
            feePaymentDue: clock.feePaymentDue, feePaymentDueIsEstimate: clock.feePaymentDueIsEstimate, notes: clock.notes,
            problem: clock.problem)
        consultations = try d.consultations.map { c in
            let id = try c.requireID()
            return Consultation(
                id: id, kind: c.kind, party: c.party, sentOn: c.sentOn, partyReceivedOn: c.partyReceivedOn,
                deadline: clock.consultationDeadlines[String(id)], deadlineIsEstimate: clock.estimatedConsultationDeadlines.contains(String(id)),
                answeredOn: c.answeredOn, summary: c.answerSummary)
        }
        feeNotices = try d.fees.map { f in
            FeeNotice(
                id: try f.requireID(), method: f.method, quantity: f.quantity, amount: f.amount, breakdown: f.breakdown,
                sentOn: f.sentOn, applicantReceivedOn: f.applicantReceivedOn, paidOn: f.paidOn, receiptNumber: f.receiptNumber,
                waivedOn: f.waivedOn)
        }
        events = d.events.map { Event(occurredOn: $0.occurredOn, kind: $0.kind, actor: $0.actorName, summary: $0.summary) }
    }
}
