import Foundation
import GongkaiCore

extension MessageShowPage.Model {
    /// The page's values from a message's detail. Name and phone are masked unless the user
    /// handles the message and asked to see them (`revealed`, audited).
    init(detail d: MessageDetail, context: ConsoleContext, staff: StaffPrincipal, revealed: Bool, today: CivilDate,
         error: String? = nil, errors: [String: String] = [:]) throws {
        let m = d.message
        let agencyID = m.$agency.id
        let canHandle = staff.can(.handleMessages, inAgency: agencyID)
        let showFull = revealed && canHandle
        self.init(
            context: context, id: try m.requireID(), version: m.version, reference: m.reference, agencyName: d.agency.name,
            transferredFrom: d.transferredFrom?.name, source: m.source.chineseLabel, channel: m.channelName, kind: m.kind, subject: m.subject,
            content: m.content, receivedAt: Beijing.dateTime(m.receivedAt),
            senderName: showFull ? m.senderName : (m.senderName.isEmpty ? "" : Masking.name(m.senderName)),
            senderPhone: showFull ? m.senderPhone : (m.senderPhone.isEmpty ? "" : Masking.phone(m.senderPhone)), revealed: showFull,
            publicationAllowed: m.publicationAllowed, status: m.status, clock: d.clock, assignedUnit: m.assignedUnit,
            officerName: d.officer?.displayName, reply: m.reply, completedOn: m.completedOn?.iso, publication: m.publication,
            // What the head is offered to approve: the texts already without name and numbers.
            publishedContent: m.publishedContent == nil ? m.redactedForPublication(m.content) : m.publicContent,
            publishedReply: m.publishedReply == nil ? m.redactedForPublication(m.reply) : m.publicReply, approvedBy: m.approvedBy,
            satisfaction: m.satisfaction.map { "\($0.chineseLabel)（\(m.ratingSource?.chineseLabel ?? "")\(m.ratedOn.map { "，\($0.iso)" } ?? "")）" },
            events: d.events.map { ($0.event.occurredOn.iso, $0.agencyName, $0.event.actorName, $0.event.summary) },
            handlers: d.handlers, agencies: d.agencies, fromRequest: d.fromRequest, toRequest: d.toRequest,
            canHandle: canHandle, canApprove: staff.can(.approveMessageReplies, inAgency: agencyID),
            canConvert: canHandle && staff.can(.handleRequests, inAgency: agencyID), today: today, error: error, errors: errors)
    }
}
