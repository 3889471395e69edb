import Foundation
import GongkaiCore
import Vapor

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
