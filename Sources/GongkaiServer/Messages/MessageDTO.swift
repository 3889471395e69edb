import Foundation
import GongkaiCore
import Vapor

/// A message as the API shows it: name and phone masked (the full values only on the console
/// page, after an audited reveal).
struct MessageDTO: Content {
    var id: Int
    var version: Int
    var agencyId: Int
    var trackingNumber: String?
    var sourceId: String?
    var source: String
    var channel: String
    var channelKind: MessageChannelKind
    var kind: MessageKind
    var senderName: String
    var senderPhone: String
    var subject: String
    var content: String
    var publicationAllowed: Bool
    var receivedAt: Date
    var receivedOn: CivilDate
    var status: MessageStatus
    var dueOn: CivilDate?
    var timeLimitDays: Int
    var assignedUnit: String
    var reply: String
    var completedOn: CivilDate?
    var handlingDays: Int?
    var onTime: Bool?
    var publication: PublicationStatus
    var satisfaction: Satisfaction?
    var ratingSource: RatingSource?
    var transferredFromId: Int?
    var fromRequestId: Int?
    var toRequestId: Int?

    init(_ m: PublicMessage) throws {
        id = try m.requireID()
        version = m.version
        agencyId = m.$agency.id
        trackingNumber = m.trackingNumber
        sourceId = m.sourceID
        source = m.source.rawValue
        channel = m.channelName
        channelKind = m.channelKind
        kind = m.kind
        senderName = m.senderName.isEmpty ? "" : Masking.name(m.senderName)
        senderPhone = m.senderPhone.isEmpty ? "" : Masking.phone(m.senderPhone)
        subject = m.subject
        content = m.content
        publicationAllowed = m.publicationAllowed
        receivedAt = m.receivedAt
        receivedOn = m.receivedOn
        status = m.status
        dueOn = m.dueOn
        timeLimitDays = m.timeLimitDays
        assignedUnit = m.assignedUnit
        reply = m.reply
        completedOn = m.completedOn
        handlingDays = m.handlingDays
        onTime = m.onTime
        publication = m.publication
        satisfaction = m.satisfaction
        ratingSource = m.ratingSource
        transferredFromId = m.$transferredFrom.id
        fromRequestId = m.$fromRequest.id
        toRequestId = m.$toRequest.id
    }
}
