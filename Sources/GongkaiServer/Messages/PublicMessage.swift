import Fluent
import Foundation
import GongkaiCore

/// A message from the public (政民互动): a letter to the agency's mailbox, a call or visit
/// entered by staff, or an item handled elsewhere and imported (the 12345 hotline's export).
/// Statutory-style dates are `CivilDate`s in China Standard Time; `received_on` decides the
/// period an item is counted in. The clock's result (`due_on`, and at completion
/// `handling_days`, `on_time`) is stored for the work lists and the figures, which are
/// aggregated in SQL.
final class PublicMessage: Model, @unchecked Sendable {
    static let schema = "public_messages"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // intake
    /// 查询号, with the last four digits of the phone the sender reads the reply (nil for imports).
    @OptionalField(key: "tracking_number") var trackingNumber: String?
    @Field(key: "source") var source: MessageSource
    @Field(key: "channel_name") var channelName: String
    @Field(key: "channel_kind") var channelKind: MessageChannelKind
    @Field(key: "kind") var kind: MessageKind
    @Field(key: "sender_name") var senderName: String
    /// Stored sealed (`SealedValue`, issue #14): read and write it through `senderPhone`.
    @Field(key: "sender_phone") var sealedSenderPhone: String
    /// Keyed hash of the phone's digits: one person's export finds their messages by it.
    @Field(key: "sender_phone_hash") var senderPhoneHash: String
    @Field(key: "subject") var subject: String
    @Field(key: "content") var content: String
    /// The sender allowed the reply to be published (with name and phone removed).
    @Field(key: "publication_allowed") var publicationAllowed: Bool
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "received_on") var receivedOn: CivilDate
    /// The export's own id (工单编号): a re-import updates the item instead of adding one.
    @OptionalField(key: "source_id") var sourceID: String?
    /// The agency whose export it came from: with `source_id` the import's identity, unchanged
    /// by a transfer (nil for what was not imported).
    @OptionalField(key: "import_agency_id") var importAgencyID: Int?
    /// Set when another agency's import of the same hotline item (channel kind and source id)
    /// is the one counted: the item is counted once, where it was last handled
    /// (`MessageDuplicates`). Kept by the database, never by hand.
    @OptionalField(key: "superseded_by_id") var supersededByID: Int?

    // clock
    @Field(key: "time_limit_days") var timeLimitDays: Int
    @Field(key: "time_limit_basis") var timeLimitBasis: String
    @OptionalField(key: "transferred_on") var transferredOn: CivilDate?
    @OptionalField(key: "due_on") var dueOn: CivilDate?

    // handling
    @Field(key: "status") var status: MessageStatus
    @OptionalField(key: "not_accepted_reason") var notAcceptedReason: NotAcceptedReason?
    @Field(key: "assigned_unit") var assignedUnit: String
    @Field(key: "reply") var reply: String
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "completed_on") var completedOn: CivilDate?
    @OptionalField(key: "handling_days") var handlingDays: Int?
    @OptionalField(key: "on_time") var onTime: Bool?

    // publication on the portal
    @Field(key: "publication") var publication: PublicationStatus
    @OptionalField(key: "published_content") var publishedContent: String?
    @OptionalField(key: "published_reply") var publishedReply: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "approved_by") var approvedBy: String?

    // rating
    @OptionalField(key: "satisfaction") var satisfaction: Satisfaction?
    @OptionalField(key: "rating_source") var ratingSource: RatingSource?
    @OptionalField(key: "rated_on") var ratedOn: CivilDate?

    // relationships
    /// The agency handling it now (after a transfer, the receiving one).
    @Parent(key: "agency_id") var agency: Agency
    @OptionalParent(key: "transferred_from_id") var transferredFrom: Agency?
    @OptionalParent(key: "assigned_officer_id") var assignedOfficer: StaffUser?
    /// The disclosure request it came from (a request that was really a complaint) …
    @OptionalParent(key: "from_request_id") var fromRequest: DisclosureRequest?
    /// … or the one it became (a message that was really a disclosure request).
    @OptionalParent(key: "to_request_id") var toRequest: DisclosureRequest?
    @OptionalField(key: "import_job_id") var importJobID: Int?

    init() {}

    // Plaintext set since the model was last written; sealed by `PersonalDataSealing` on save.
    private var newSenderPhone: String?

    var senderPhone: String {
        get { newSenderPhone ?? PersonalDataKeyRegistry.open(sealedSenderPhone, in: .messageSenderPhone) }
        set { newSenderPhone = newValue }
    }

    func sealPersonalData(with keys: PersonalDataKeys) {
        guard let p = newSenderPhone else { return }
        sealedSenderPhone = keys.seal(p, in: .messageSenderPhone)
        senderPhoneHash = keys.phoneHash(p)
        newSenderPhone = nil
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }

    /// `MB240315-K7Q2N` or, for an import, its source id.
    var reference: String { trackingNumber ?? sourceID.map { "工单 \($0)" } ?? "#\(id ?? 0)" }

    var timeline: MessageTimeline {
        MessageTimeline(receivedOn: receivedOn, transferredOn: transferredOn, transferredFrom: nil, limitDays: timeLimitDays,
                        limitBasis: timeLimitBasis, completedOn: status.isClosed ? completedOn : nil)
    }

    /// `text` as it may appear on the portal: without the sender's name, phone, or any phone or
    /// identity number (`PublicationRedaction`).
    func redactedForPublication(_ text: String) -> String {
        PublicationRedaction.redact(text, senderName: senderName, senderPhone: senderPhone)
    }

    /// The approved letter and reply as the portal shows them. Redacted again when shown, not
    /// only when approved: replies approved before a redaction rule was added (full-width
    /// digits, a number split by dashes) get it too. Redaction leaves redacted text as it is.
    var publicContent: String { redactedForPublication(publishedContent ?? "") }
    var publicReply: String { redactedForPublication(publishedReply ?? "") }

    /// Open and past its due date.
    func isOverdue(today: CivilDate) -> Bool { status.isOpen && dueOn.map { $0 < today } == true }
}

extension PublicMessage: Auditable {
    static let auditEntityType = AuditEntityType.publicMessage
    /// Name and phone are masked here too: the audit log is read by auditors.
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "channel": channelName, "kind": kind.rawValue, "sender_name": Masking.name(senderName), "sender_phone": Masking.phone(senderPhone),
            "subject": subject, "status": status.rawValue, "received_on": receivedOn.iso, "assigned_unit": assignedUnit,
            "publication": publication.rawValue, "agency_id": String($agency.id), "version": String(version),
        ]
        s["tracking_number"] = trackingNumber
        s["source_id"] = sourceID
        s["due_on"] = dueOn?.iso
        s["completed_on"] = completedOn?.iso
        s["not_accepted_reason"] = notAcceptedReason?.rawValue
        s["satisfaction"] = satisfaction?.rawValue
        s["rating_source"] = ratingSource?.rawValue
        s["assigned_officer_id"] = $assignedOfficer.id.map(String.init)
        s["transferred_from_id"] = $transferredFrom.id.map(String.init)
        s["to_request_id"] = $toRequest.id.map(String.init)
        s["from_request_id"] = $fromRequest.id.map(String.init)
        if !reply.isEmpty { s["reply"] = reply }
        return s
    }
}
