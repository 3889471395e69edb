import Fluent
import Foundation
import GongkaiCore

/// A step staff take on a request, with its values read and checked. Each is checked against
/// the statute (`RequestWorkflow`) and recorded with its date, actor and reason; the clock is
/// recomputed after every step.
enum StaffAction: Sendable {
    /// `reason`: why the receipt is confirmed later than the day the application arrived.
    case confirmReceipt(on: CivilDate, reason: String)
    case assign(officerID: Int)
    case requestCorrection(sentOn: CivilDate, deadline: CivilDate, items: String)
    /// `lateReason`: why a correction arriving after the deadline is accepted (Art. 30).
    case receiveCorrection(on: CivilDate, lateReason: String)
    case sendConsultation(kind: RequestTimeline.ConsultationKind, party: String, sentOn: CivilDate, partyReceivedOn: CivilDate?)
    case recordConsultationReceipt(consultationID: Int, on: CivilDate)
    case answerConsultation(consultationID: Int, on: CivilDate, summary: String)
    case requestExtension(days: Int, reason: String)
    case approveExtension(on: CivilDate)
    case setDeferral(on: CivilDate, dueOn: CivilDate, reason: String)
    /// `earlierThisMonth`: the applicant's pieces earlier in the month when typed by hand (with
    /// `earlierReason`); nil to take them from the applicant's other requests that month.
    case sendFeeNotice(method: FeeMethod, quantity: Int, earlierThisMonth: Int?, earlierReason: String, sentOn: CivilDate,
                       applicantReceivedOn: CivilDate?)
    case recordFeeNoticeReceipt(on: CivilDate)
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
        case .recordConsultationReceipt: return .recordConsultationReceipt
        case .answerConsultation: return .answerConsultation
        case .requestExtension: return .requestExtension
        case .approveExtension: return .approveExtension
        case .setDeferral: return .setDeferral
        case .sendFeeNotice: return .sendFeeNotice
        case .recordFeeNoticeReceipt: return .recordFeeNoticeReceipt
        case .recordPayment: return .recordPayment
        case .waiveFee: return .waiveFee
        case .withdraw: return .withdraw
        case .conclude: return .conclude
        }
    }
}
