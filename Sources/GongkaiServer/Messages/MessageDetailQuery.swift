import Fluent
import Foundation
import GongkaiCore

/// Everything the message page and the API's detail show about one message, with its clock.
struct MessageDetail {
    let message: PublicMessage
    let agency: Agency
    let transferredFrom: Agency?
    let officer: StaffUser?
    let events: [(event: MessageEvent, agencyName: String)]
    let clock: MessageClockState
    /// Who may be put in charge; where it may be transferred.
    let handlers: [(id: Int, label: String)]
    let agencies: [(id: Int, name: String)]
    let fromRequest: (id: Int, trackingNumber: String)?
    let toRequest: (id: Int, trackingNumber: String)?
}

enum MessageDetailQuery {
    /// The detail of a message the staff member may view (both doors ask through this).
    static func load(_ id: Int, visibleTo staff: StaffPrincipal, context: MessageContext, on db: any Database) async throws -> MessageDetail {
        let detail = try await load(id, context: context, on: db)
        guard MessageService.canView(detail.message, staff: staff) else {
            throw AppError.forbidden("您没有“\(Permission.viewMessages.chineseLabel)”的权限")
        }
        return detail
    }

    static func load(_ id: Int, context: MessageContext, on db: any Database) async throws -> MessageDetail {
        guard let m = try await PublicMessage.find(id, on: db) else { throw AppError.notFound("来信") }
        guard let agency = try await Agency.find(m.$agency.id, on: db) else { throw AppError.notFound("机构") }
        let from = try await m.$transferredFrom.get(on: db)
        let officer = try await m.$assignedOfficer.get(on: db)
        let events = try await MessageEvent.query(on: db).filter(\.$message.$id == id).with(\.$agency).sort(\.$id).all()
        var timeline = m.timeline
        timeline.transferredFrom = from?.name
        let clock = MessageClock.evaluate(timeline, calendar: context.calendar, today: context.today, dueSoonDays: context.dueSoonDays)
        let agencies = try await Agency.query(on: db).sort(\.$id).all().compactMap { a -> (Int, String)? in
            guard let aid = a.id, aid != m.$agency.id else { return nil }
            return (aid, a.name)
        }
        let fromRequest = try await m.$fromRequest.get(on: db)
        let toRequest = try await m.$toRequest.get(on: db)
        return MessageDetail(
            message: m, agency: agency, transferredFrom: from, officer: officer,
            events: events.map { ($0, $0.agency.shortName) }, clock: clock,
            handlers: try await MessageHandlers.list(agencyIDs: [m.$agency.id], on: db), agencies: agencies,
            fromRequest: try fromRequest.map { (try $0.requireID(), $0.trackingNumber) },
            toRequest: try toRequest.map { (try $0.requireID(), $0.trackingNumber) })
    }
}
