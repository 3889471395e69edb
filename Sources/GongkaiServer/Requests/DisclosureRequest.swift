import Fluent
import Foundation
import GongkaiCore

/// A request to disclose information (依申请公开), from intake to reply. Statutory dates are
/// `CivilDate`s (China Standard Time calendar dates, stored as `YYYY-MM-DD` text, so they sort
/// and compare in SQL); the clock is computed from them by `RequestClock`, and its result
/// (`status`, `due_on`) is cached for lists and the overdue query.
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
    @Field(key: "source") var source: RequestSource
    @Field(key: "channel") var channel: RequestChannel
    /// The day the application arrived (the receipt date once the channel's rule is satisfied).
    @Field(key: "submitted_on") var submittedOn: CivilDate
    /// 收到申请之日 (Art. 31); nil until confirmed for channels that need confirmation.
    @OptionalField(key: "received_on") var receivedOn: CivilDate?
    /// Why the receipt was confirmed later than the day the application arrived.
    @OptionalField(key: "receipt_delay_reason") var receiptDelayReason: String?

    // applicant
    @Field(key: "applicant_kind") var applicantKind: ApplicantKind
    @Field(key: "applicant_name") var applicantName: String
    @Field(key: "id_type") var idType: IdentityDocumentType
    /// The identity number and the phone are stored sealed (`SealedValue`, issue #14); read and
    /// write them through `idNumber` and `phone`.
    @Field(key: "id_number") var sealedIDNumber: String
    /// Keyed hash of the normalised identity number: the duplicate-request check, the fee
    /// pieces of one applicant and the export find requests by it.
    @Field(key: "id_number_hash") var idNumberHash: String
    @Field(key: "contact_person") var contactPerson: String
    @Field(key: "phone") var sealedPhone: String
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String

    // what is asked
    @Field(key: "description") var description: String
    @Field(key: "document_number") var documentNumber: String
    @Field(key: "provision_form") var provisionForm: ProvisionForm
    @Field(key: "delivery_method") var deliveryMethod: DeliveryMethod

    // clock events kept on the request (one each by law)
    @OptionalField(key: "correction_sent_on") var correctionSentOn: CivilDate?
    @OptionalField(key: "correction_deadline") var correctionDeadline: CivilDate?
    @OptionalField(key: "correction_received_on") var correctionReceivedOn: CivilDate?
    /// Why a correction received after its deadline was accepted (Art. 30).
    @OptionalField(key: "correction_late_reason") var correctionLateReason: String?
    @OptionalField(key: "extension_granted_on") var extensionGrantedOn: CivilDate?
    @OptionalField(key: "extension_days") var extensionDays: Int?
    @OptionalField(key: "extension_approved_by") var extensionApprovedBy: String?
    @OptionalField(key: "extension_requested_days") var extensionRequestedDays: Int?
    @OptionalField(key: "extension_request_reason") var extensionRequestReason: String?
    @OptionalField(key: "deferral_set_on") var deferralSetOn: CivilDate?
    @OptionalField(key: "deferral_due_on") var deferralDueOn: CivilDate?
    @OptionalField(key: "deferral_reason") var deferralReason: String?
    /// A reconsideration decision or judgment that set the new reply's own date (a reopened request).
    @OptionalField(key: "ordered_due_on") var orderedDueOn: CivilDate?
    /// Or the days it set from the decision's receipt (this request's receipt date), and their
    /// kind (`ReplyOrder.DaysKind`): the clock counts them, so a year whose holidays are not yet
    /// published does not stop the request from being opened.
    @OptionalField(key: "ordered_days") var orderedDays: Int?
    @OptionalField(key: "ordered_days_kind") var orderedDaysKind: ReplyOrder.DaysKind?
    @OptionalField(key: "ordered_basis") var orderedBasis: String?

    // cached clock
    @Field(key: "status") var status: ClockState.Phase
    @OptionalField(key: "due_on") var dueOn: CivilDate?

    // conclusion
    @OptionalField(key: "concluded_on") var concludedOn: CivilDate?
    @OptionalField(key: "outcome") var outcome: RequestOutcome?
    @OptionalField(key: "reply_type") var replyType: ReplyType?
    @OptionalField(key: "service_method") var serviceMethod: ServiceMethod?
    @OptionalField(key: "letter_number") var letterNumber: String?
    /// The reply letter as issued (its input), so it renders the same forever.
    @OptionalField(key: "reply_letter_json") var replyLetterJSON: String?

    /// The order of a decision, as the clock reads it.
    var orderedReply: RequestTimeline.OrderedReply? {
        get {
            let basis = orderedBasis ?? "复议决定或判决"
            if let days = orderedDays { return .init(period: .init(days: days, kind: orderedDaysKind ?? .calendar), basis: basis) }
            return orderedDueOn.map { .init(dueOn: $0, basis: basis) }
        }
        set {
            orderedDueOn = nil; orderedDays = nil; orderedDaysKind = nil
            if let period = newValue?.period {
                if case .byDate(let date) = period { orderedDueOn = date }
                if let days = period.days { orderedDays = days.count; orderedDaysKind = days.kind }
            }
            orderedBasis = newValue?.basis
        }
    }

    // relationships
    @Parent(key: "agency_id") var agency: Agency
    @OptionalParent(key: "case_officer_id") var caseOfficer: StaffUser?
    /// A repeated request it resembles, or the request a corrected review decision reopened.
    @OptionalParent(key: "related_request_id") var relatedRequest: DisclosureRequest?
    @Children(for: \.$request) var consultations: [RequestConsultation]
    @Children(for: \.$request) var feeNotices: [RequestFeeNotice]

    init() {}

    // Plaintext set since the model was last written; sealed by `PersonalDataSealing` on save.
    private var newIDNumber: String?
    private var newPhone: String?

    var idNumber: String {
        get { newIDNumber ?? PersonalDataKeyRegistry.open(sealedIDNumber, in: .requestIDNumber) }
        set { newIDNumber = newValue }
    }

    var phone: String {
        get { newPhone ?? PersonalDataKeyRegistry.open(sealedPhone, in: .requestPhone) }
        set { newPhone = newValue }
    }

    /// The identity number as stored (sealed) with its look-up hash when it does not open here;
    /// nil when it reads.
    var unreadableIDNumber: (sealed: String, hash: String)? {
        guard newIDNumber == nil, PersonalDataKeyRegistry.openIfReadable(sealedIDNumber, in: .requestIDNumber) == nil else { return nil }
        return (sealedIDNumber, idNumberHash)
    }

    /// The phone as stored (sealed) when it does not open here; nil when it reads.
    var unreadablePhone: String? {
        guard newPhone == nil, PersonalDataKeyRegistry.openIfReadable(sealedPhone, in: .requestPhone) == nil else { return nil }
        return sealedPhone
    }

    func sealPersonalData(with keys: PersonalDataKeys) {
        if let id = newIDNumber {
            sealedIDNumber = keys.seal(id, in: .requestIDNumber)
            idNumberHash = keys.idNumberHash(id)
            newIDNumber = nil
        }
        if let p = newPhone {
            sealedPhone = keys.seal(p, in: .requestPhone)
            newPhone = nil
        }
    }

    /// Past its due date and not concluded.
    func isOverdue(today: CivilDate) -> Bool {
        status != .concluded && dueOn.map { $0 < today } == true
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}


extension DisclosureRequest: Auditable {
    static let auditEntityType = AuditEntityType.disclosureRequest
    /// Identity numbers and phones are masked here too: the audit log is read by auditors.
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "tracking_number": trackingNumber, "channel": channel.rawValue, "submitted_on": submittedOn.iso,
            "applicant_kind": applicantKind.rawValue, "applicant_name": applicantName, "id_number": Masking.idNumber(idNumber),
            "phone": Masking.phone(phone), "description": description, "status": status.rawValue, "version": String(version),
        ]
        s["received_on"] = receivedOn?.iso
        s["due_on"] = dueOn?.iso
        s["correction_sent_on"] = correctionSentOn?.iso
        s["correction_deadline"] = correctionDeadline?.iso
        s["correction_received_on"] = correctionReceivedOn?.iso
        s["extension_days"] = extensionDays.map(String.init)
        s["extension_approved_by"] = extensionApprovedBy
        s["deferral_due_on"] = deferralDueOn?.iso
        s["correction_late_reason"] = correctionLateReason
        s["ordered_due_on"] = orderedDueOn?.iso
        s["ordered_days"] = orderedDays.map { "\($0) \(orderedDaysKind?.rawValue ?? "")" }
        s["ordered_basis"] = orderedBasis
        s["concluded_on"] = concludedOn?.iso
        s["outcome"] = outcome?.rawValue
        s["reply_type"] = replyType?.rawValue
        s["case_officer_id"] = $caseOfficer.id.map(String.init)
        return s
    }
}
