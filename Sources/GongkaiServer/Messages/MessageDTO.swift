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

/// A message with its clock and history.
struct MessageDetailDTO: Content {
    struct Event: Content {
        var date: CivilDate
        var agencyId: Int
        var actor: String
        var kind: String
        var summary: String
    }

    var message: MessageDTO
    var clockNotes: [ClockNote]
    var isOverdue: Bool
    var isDueSoon: Bool
    var events: [Event]

    init(_ d: MessageDetail) throws {
        message = try MessageDTO(d.message)
        clockNotes = d.clock.notes
        isOverdue = d.clock.isOverdue
        isDueSoon = d.clock.isDueSoon
        events = d.events.map { Event(date: $0.event.occurredOn, agencyId: $0.event.$agency.id, actor: $0.event.actorName, kind: $0.event.kind.rawValue,
                                      summary: $0.event.summary) }
    }
}

struct MessageListDTO: Content {
    var total: Int
    var page: Int
    var pageSize: Int
    var messages: [MessageDTO]
}

/// The figures as the API gives them: the stats keys of the CLI, and the rest.
struct MessageFiguresDTO: Content {
    struct Channel: Content {
        var name: String
        var received: Int
        var completed: Int
        var open: Int
        var rated: Int
        var completionRate: Double?
        var satisfactionRate: Double?
    }

    struct Month: Content {
        var month: String
        var received: Int
        var completed: Int
    }

    var agencyIds: [Int]
    var from: CivilDate
    var through: CivilDate
    var stats: MessageStatsJSON
    var notAccepted: Int
    var ratedShare: Double?
    var onTimeRate: Double?
    var averageHandlingDays: Double?
    var channels: [Channel]
    var months: [Month]

    init(_ f: MessageFigures) {
        agencyIds = f.agencyIDs
        from = f.period.from
        through = f.period.through
        stats = MessageStatsJSON(f)
        notAccepted = f.total.notAccepted
        ratedShare = f.total.ratedShare
        onTimeRate = f.total.onTimeRate
        averageHandlingDays = f.total.averageHandlingDays
        channels = f.channels.map { Channel(name: $0.name, received: $0.tally.received, completed: $0.tally.completed, open: $0.tally.open,
                                            rated: $0.tally.rated, completionRate: $0.tally.completionRate, satisfactionRate: $0.tally.satisfactionRate) }
        months = f.months.map { Month(month: $0.month, received: $0.received, completed: $0.completed) }
    }
}

extension MessageStatsJSON: Content {}
