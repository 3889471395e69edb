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
        var sentOn: String
        var deadline: String?
        var answeredOn: String?
        var summary: String
    }

    struct FeeNotice: Codable {
        var id: Int
        var method: FeeMethod
        var quantity: Int
        var amount: Int
        var breakdown: String
        var sentOn: String
        var paidOn: String?
        var receiptNumber: String?
        var waivedOn: String?
    }

    struct Event: Codable {
        var occurredOn: String
        var kind: String
        var actor: String
        var summary: String
    }

    var request: RequestDTO
    var clock: Clock
    var consultations: [Consultation]
    var feeNotices: [FeeNotice]
    var events: [Event]
}
