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
        var notes: [ClockNote]
        var problem: String?
    }

    struct Consultation: Codable {
        var id: Int
        var kind: RequestTimeline.ConsultationKind
        var party: String
        var sentOn: CivilDate
        var deadline: CivilDate?
        var answeredOn: CivilDate?
        var summary: String
    }

    struct FeeNotice: Codable {
        var id: Int
        var method: FeeMethod
        var quantity: Int
        var amount: Int
        var breakdown: String
        var sentOn: CivilDate
        var paidOn: CivilDate?
        var receiptNumber: String?
        var waivedOn: CivilDate?
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
            feePaymentDue: clock.feePaymentDue, notes: clock.notes, problem: clock.problem)
        consultations = try d.consultations.map { c in
            let id = try c.requireID()
            return Consultation(id: id, kind: c.kind, party: c.party, sentOn: c.sentOn, deadline: clock.consultationDeadlines[String(id)],
                                answeredOn: c.answeredOn, summary: c.answerSummary)
        }
        feeNotices = try d.fees.map { f in
            FeeNotice(id: try f.requireID(), method: f.method, quantity: f.quantity, amount: f.amount, breakdown: f.breakdown,
                      sentOn: f.sentOn, paidOn: f.paidOn, receiptNumber: f.receiptNumber, waivedOn: f.waivedOn)
        }
        events = d.events.map { Event(occurredOn: $0.occurredOn, kind: $0.kind, actor: $0.actorName, summary: $0.summary) }
    }
}
