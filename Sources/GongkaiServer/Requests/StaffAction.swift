import Fluent
import Foundation
import GongkaiCore

/// A step staff take on a request, with its values read and checked. Each is checked against
/// the statute (`RequestWorkflow`) and recorded with its date, actor and reason; the clock is
/// recomputed after every step.
enum StaffAction: Sendable {
    case confirmReceipt(on: CivilDate)
    case assign(officerID: Int)
    case requestCorrection(sentOn: CivilDate, deadline: CivilDate, items: String)
    case receiveCorrection(on: CivilDate)
    case sendConsultation(kind: RequestTimeline.ConsultationKind, party: String, sentOn: CivilDate, partyReceivedOn: CivilDate?)
    case answerConsultation(consultationID: Int, on: CivilDate, summary: String)
    case requestExtension(days: Int, reason: String)
    case approveExtension(on: CivilDate)
    case setDeferral(on: CivilDate, dueOn: CivilDate, reason: String)
    case sendFeeNotice(method: FeeMethod, quantity: Int, earlierThisMonth: Int, sentOn: CivilDate, applicantReceivedOn: CivilDate?)
    case recordPayment(on: CivilDate, receiptNumber: String)
    case waiveFee(on: CivilDate, reason: String)
    case withdraw(on: CivilDate, note: String)
    case conclude(Conclusion)

    struct Conclusion: Sendable {
        var servedOn: CivilDate
        var outcome: RequestOutcome
        var replyType: ReplyType
        var legalBasis: String?
        var details: String
        var serviceMethod: ServiceMethod
        var letterNumber: String
        var earlierReplyOn: CivilDate?
    }

    var step: RequestStep {
        switch self {
        case .confirmReceipt: return .confirmReceipt
        case .assign: return .assign
        case .requestCorrection: return .requestCorrection
        case .receiveCorrection: return .receiveCorrection
        case .sendConsultation: return .sendConsultation
        case .answerConsultation: return .answerConsultation
        case .requestExtension: return .requestExtension
        case .approveExtension: return .approveExtension
        case .setDeferral: return .setDeferral
        case .sendFeeNotice: return .sendFeeNotice
        case .recordPayment: return .recordPayment
        case .waiveFee: return .waiveFee
        case .withdraw: return .withdraw
        case .conclude: return .conclude
        }
    }
}
