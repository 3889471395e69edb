import Fluent
import Foundation
import GongkaiCore

/// A request to disclose information (依申请公开), from intake to reply. Statutory dates are
/// stored as `YYYY-MM-DD` text (China Standard Time calendar dates); the clock is computed from
/// them by `RequestClock`, and its result (`status`, `due_on`) is cached for lists and the
/// overdue query.
final class DisclosureRequest: Model, @unchecked Sendable {
    static let schema = "disclosure_requests"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // intake
    /// 查询号: what the applicant uses, with the last digits of the phone, to follow the request.
    @Field(key: "tracking_number") var trackingNumber: String
    @Field(key: "source") var source: String
    @Field(key: "channel") var channel: RequestChannel
    /// The day the application arrived (the receipt date once the channel's rule is satisfied).
    @Field(key: "submitted_on") var submittedOn: String
    /// 收到申请之日 (Art. 31); nil until confirmed for channels that need confirmation.
    @OptionalField(key: "received_on") var receivedOn: String?

    // applicant
    @Field(key: "applicant_kind") var applicantKind: ApplicantKind
    @Field(key: "applicant_name") var applicantName: String
    @Field(key: "id_type") var idType: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "contact_person") var contactPerson: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String

    // what is asked
    @Field(key: "description") var description: String
    @Field(key: "document_number") var documentNumber: String
    @Field(key: "provision_form") var provisionForm: ProvisionForm
    @Field(key: "delivery_method") var deliveryMethod: DeliveryMethod

    // clock events kept on the request (one each by law)
    @OptionalField(key: "correction_sent_on") var correctionSentOn: String?
    @OptionalField(key: "correction_deadline") var correctionDeadline: String?
    @OptionalField(key: "correction_received_on") var correctionReceivedOn: String?
    @OptionalField(key: "extension_granted_on") var extensionGrantedOn: String?
    @OptionalField(key: "extension_days") var extensionDays: Int?
    @OptionalField(key: "extension_approved_by") var extensionApprovedBy: String?
    @OptionalField(key: "extension_requested_days") var extensionRequestedDays: Int?
    @OptionalField(key: "extension_request_reason") var extensionRequestReason: String?
    @OptionalField(key: "deferral_set_on") var deferralSetOn: String?
    @OptionalField(key: "deferral_due_on") var deferralDueOn: String?
    @OptionalField(key: "deferral_reason") var deferralReason: String?

    // cached clock
    @Field(key: "status") var status: ClockState.Phase
    @OptionalField(key: "due_on") var dueOn: String?

    // conclusion
    @OptionalField(key: "concluded_on") var concludedOn: String?
    @OptionalField(key: "outcome") var outcome: RequestOutcome?
    @OptionalField(key: "reply_type") var replyType: ReplyType?
    @OptionalField(key: "service_method") var serviceMethod: String?
    @OptionalField(key: "letter_number") var letterNumber: String?
    /// The reply letter as issued (its input), so it renders the same forever.
    @OptionalField(key: "reply_letter_json") var replyLetterJSON: String?

    // relationships
    @Parent(key: "agency_id") var agency: Agency
    @OptionalParent(key: "case_officer_id") var caseOfficer: StaffUser?
    /// A repeated request it resembles, or the request a corrected review decision reopened.
    @OptionalParent(key: "related_request_id") var relatedRequest: DisclosureRequest?
    @Children(for: \.$request) var consultations: [RequestConsultation]
    @Children(for: \.$request) var feeNotices: [RequestFeeNotice]

    init() {}

    /// Past its due date and not concluded.
    func isOverdue(today: CivilDate) -> Bool {
        status != .concluded && dueOn.flatMap(CivilDate.init(iso:)).map { $0 < today } == true
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

/// Art. 32 (third party) or Art. 34 (another agency): a consultation letter and its answer.
final class RequestConsultation: Model, @unchecked Sendable {
    static let schema = "request_consultations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "party") var party: String
    @Field(key: "kind") var kind: RequestTimeline.ConsultationKind
    @Field(key: "sent_on") var sentOn: String
    @OptionalField(key: "party_received_on") var partyReceivedOn: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    @Field(key: "answer_summary") var answerSummary: String

    init() {}
}

/// A fee notice (收费通知) and what became of it: paid with a receipt number, or waived.
final class RequestFeeNotice: Model, @unchecked Sendable {
    static let schema = "request_fee_notices"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "method") var method: FeeMethod
    @Field(key: "quantity") var quantity: Int
    @Field(key: "earlier_this_month") var earlierThisMonth: Int
    @Field(key: "amount") var amount: Int
    @Field(key: "breakdown") var breakdown: String
    @Field(key: "sent_on") var sentOn: String
    @OptionalField(key: "applicant_received_on") var applicantReceivedOn: String?
    @OptionalField(key: "paid_on") var paidOn: String?
    @OptionalField(key: "receipt_number") var receiptNumber: String?
    @OptionalField(key: "waived_on") var waivedOn: String?
    @OptionalField(key: "waiver_reason") var waiverReason: String?
    @Field(key: "approved_by") var approvedBy: String

    init() {}
}

/// The request's history in words: every step with its date, actor and reason.
final class RequestEvent: Model, @unchecked Sendable {
    static let schema = "request_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    /// The statutory date the step happened on.
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: String
    @Field(key: "summary") var summary: String

    init() {}

    init(requestID: Int, occurredOn: CivilDate, actor: AuditActor, kind: String, summary: String) {
        self.$request.id = requestID
        self.occurredOn = occurredOn.iso
        self.recordedAt = Date()
        self.actorName = actor.name
        self.kind = kind
        self.summary = summary
    }
}

/// A scanned letter, an envelope, a corrected application: kept with the request.
final class RequestAttachment: Model, @unchecked Sendable {
    static let schema = "request_attachments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_at") var uploadedAt: Date
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}
}

/// A reconsideration or lawsuit about a disclosure decision (report table 四).
final class ReviewCase: Model, @unchecked Sendable {
    static let schema = "review_cases"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Parent(key: "agency_id") var agency: Agency
    @OptionalParent(key: "request_id") var request: DisclosureRequest?
    @Field(key: "kind") var kind: ReviewKind
    @Field(key: "filed_on") var filedOn: String
    /// 复议机关 or 人民法院.
    @Field(key: "body") var body: String
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "result") var result: ReviewResult
    @OptionalField(key: "decided_on") var decidedOn: String?
    @Field(key: "summary") var summary: String
    /// The new request opened for a fresh reply when the decision corrected the agency.
    @OptionalParent(key: "reopened_request_id") var reopenedRequest: DisclosureRequest?

    init() {}

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

extension DisclosureRequest: Auditable {
    static let auditEntityType = "disclosure_request"
    /// Identity numbers and phones are masked here too: the audit log is read by auditors.
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "tracking_number": trackingNumber, "channel": channel.rawValue, "submitted_on": submittedOn,
            "applicant_kind": applicantKind.rawValue, "applicant_name": applicantName, "id_number": Masking.idNumber(idNumber),
            "phone": Masking.phone(phone), "description": description, "status": status.rawValue, "version": String(version),
        ]
        s["received_on"] = receivedOn
        s["due_on"] = dueOn
        s["correction_sent_on"] = correctionSentOn
        s["correction_deadline"] = correctionDeadline
        s["correction_received_on"] = correctionReceivedOn
        s["extension_days"] = extensionDays.map(String.init)
        s["extension_approved_by"] = extensionApprovedBy
        s["deferral_due_on"] = deferralDueOn
        s["concluded_on"] = concludedOn
        s["outcome"] = outcome?.rawValue
        s["reply_type"] = replyType?.rawValue
        s["case_officer_id"] = $caseOfficer.id.map(String.init)
        return s
    }
}

extension ReviewCase: Auditable {
    static let auditEntityType = "review_case"
    var auditSnapshot: [String: String] {
        var s = ["kind": kind.rawValue, "filed_on": filedOn, "body": body, "case_number": caseNumber, "result": result.rawValue,
                 "summary": summary, "version": String(version)]
        s["decided_on"] = decidedOn
        s["request_id"] = $request.id.map(String.init)
        s["reopened_request_id"] = $reopenedRequest.id.map(String.init)
        return s
    }
}
