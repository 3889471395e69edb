import Foundation
import GongkaiCore

extension RequestShowPage.Model {
    /// The page's values from a request's detail. Identity number and phone are masked unless
    /// the user may handle the request and asked to see them (`revealed`, audited).
    init(detail d: RequestDetail, context: ConsoleContext, staff: StaffPrincipal, revealed: Bool, today: CivilDate,
         rules: ClockRules, uploadMaxBytes: Int, error: String? = nil, errors: [String: String] = [:]) throws {
        let r = d.request, clock = d.clock
        let canHandle = staff.can(.handleRequests, inAgency: r.$agency.id)
        let showFull = revealed && canHandle
        self.init(
            context: context, id: try r.requireID(), version: r.version, trackingNumber: r.trackingNumber, agencyName: d.agency.name,
            channel: r.channel, source: r.source, submittedOn: r.submittedOn.iso, receivedOn: r.receivedOn?.iso,
            applicantKind: r.applicantKind, applicantName: r.applicantName, idTypeLabel: r.idType.chineseLabel,
            idNumber: showFull ? r.idNumber : Masking.idNumber(r.idNumber), contactPerson: r.contactPerson,
            phone: showFull ? r.phone : Masking.phone(r.phone), email: r.email, address: r.address, revealed: showFull,
            description: r.description, documentNumber: r.documentNumber,
            provision: "\(r.provisionForm.chineseLabel)，\(r.deliveryMethod.chineseLabel)", officerName: d.officer?.displayName,
            officers: d.caseOfficers, clock: clock,
            consultations: try d.consultations.map { c in
                let id = try c.requireID()
                return (id, c.party, c.kind.chineseLabel, c.sentOn.iso, c.partyReceivedOn?.iso,
                        clock.consultationDeadlines[String(id)]?.iso ?? "—", c.answeredOn?.iso, c.answerSummary)
            },
            fees: try d.fees.map { f in
                (try f.requireID(), f.breakdown, f.sentOn.iso, f.applicantReceivedOn?.iso,
                 f.paidOn.map { "已缴（\($0.iso)，票据 \(f.receiptNumber ?? "")）" } ?? f.waivedOn.map { "已减免（\($0.iso)）" } ?? "待缴费",
                 f.paidOn == nil && f.waivedOn == nil, f.applicantReceivedOn != nil)
            },
            extensionRequested: r.extensionRequestedDays.map { ($0, r.extensionRequestReason ?? "") }, extensionGranted: r.extensionDays != nil,
            outcome: r.outcome, replyType: r.replyType, letterNumber: r.letterNumber,
            events: d.events.map { ($0.occurredOn.iso, $0.actorName, $0.summary) },
            attachments: try d.attachments.map { (try $0.requireID(), $0.filename, $0.size) }, related: d.related,
            canHandle: canHandle, canApprove: staff.can(.approveExtensionsAndFees, inAgency: r.$agency.id), today: today,
            rules: rules, uploadLimit: ByteSize.chinese(uploadMaxBytes), error: error, errors: errors)
        linkedMessages = d.linkedMessages
        canConvertToMessage = canHandle && staff.can(.handleMessages, inAgency: r.$agency.id) && r.concludedOn == nil
    }
}
