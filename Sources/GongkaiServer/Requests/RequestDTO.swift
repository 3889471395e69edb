import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A request as the API shows it: identity numbers and phones masked, the clock's cached state.
struct RequestDTO: Content {
    var id: Int
    var version: Int
    var trackingNumber: String
    var agencyId: Int
    var source: RequestSource
    var channel: RequestChannel
    var submittedOn: CivilDate
    var receivedOn: CivilDate?
    var applicantKind: ApplicantKind
    var applicantName: String
    var idType: IdentityDocumentType
    var idNumberMasked: String
    var phoneMasked: String
    var email: String
    var address: String
    var description: String
    var documentNumber: String
    var provisionForm: ProvisionForm
    var deliveryMethod: DeliveryMethod
    var caseOfficerId: Int?
    var relatedRequestId: Int?
    var status: ClockState.Phase
    var dueOn: CivilDate?
    var overdue: Bool
    var concludedOn: CivilDate?
    var outcome: RequestOutcome?
    /// The table 三 row the outcome is counted in (2021 format).
    var reportRow: String?
    var replyType: ReplyType?
    var letterNumber: String?

    init(_ r: DisclosureRequest, today: CivilDate) throws {
        id = try r.requireID(); version = r.version; trackingNumber = r.trackingNumber; agencyId = r.$agency.id; source = r.source
        channel = r.channel; submittedOn = r.submittedOn; receivedOn = r.receivedOn; applicantKind = r.applicantKind
        applicantName = r.applicantName; idType = r.idType; idNumberMasked = Masking.idNumber(r.idNumber); phoneMasked = Masking.phone(r.phone)
        email = r.email; address = r.address; description = r.description; documentNumber = r.documentNumber
        provisionForm = r.provisionForm; deliveryMethod = r.deliveryMethod; caseOfficerId = r.$caseOfficer.id
        relatedRequestId = r.$relatedRequest.id; status = r.status; dueOn = r.dueOn
        overdue = r.isOverdue(today: today)
        concludedOn = r.concludedOn; outcome = r.outcome; reportRow = r.outcome?.reportRow(); replyType = r.replyType; letterNumber = r.letterNumber
    }
}
