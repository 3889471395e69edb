import Fluent
import Foundation
import GongkaiCore

/// A step staff take on a request. Each is checked against the statute (`RequestWorkflow`) and
/// recorded with its date, actor and reason; the clock is recomputed after every step.
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
        /// direct (signed for), post (handed to the post), email, online — statute §1.2.
        var serviceMethod: String
        var letterNumber: String
        var earlierReplyOn: CivilDate?
    }

    static let serviceMethods: [(String, String)] = [("direct", "直接送达（签收之日）"), ("post", "邮寄（交邮之日）"),
                                                     ("email", "电子邮件（发送之日）"), ("online", "网上答复（发送之日）")]
}
