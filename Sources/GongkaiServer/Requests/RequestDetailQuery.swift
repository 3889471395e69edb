import Fluent
import Foundation
import GongkaiCore

/// Everything the request page and the API's detail show about one request, with its clock.
struct RequestDetail {
    let request: DisclosureRequest
    let agency: Agency
    let officer: StaffUser?
    /// Who may be put in charge (the page's assignment form).
    let caseOfficers: [(id: Int, label: String)]
    let consultations: [RequestConsultation]
    let fees: [RequestFeeNotice]
    let events: [RequestEvent]
    /// Names and sizes only: the files are read when downloaded.
    let attachments: [RequestAttachment]
    /// The request it repeats or reopens, and those that repeat or reopen it.
    let related: [(id: Int, trackingNumber: String)]
    let clock: ClockState
    /// Public messages it became or came from (政民互动, #12).
    var linkedMessages: [(id: Int, reference: String, cameFromMessage: Bool)] = []
}

/// Reads a request's detail: the console page and the API show the same thing.
enum RequestDetailQuery {
    static func load(_ id: Int, context: RequestContext, on db: any Database) async throws -> RequestDetail {
        let loaded = try await RequestService.load(id, on: db)
        let r = loaded.request
        let clock = RequestClock.evaluate(r.timeline(consultations: loaded.consultations, fees: loaded.fees), calendar: context.calendar,
                                          rules: context.rules, today: context.today)
        guard let agency = try await Agency.find(r.$agency.id, on: db) else { throw AppError.notFound("机构") }
        let officer = try await r.$caseOfficer.get(on: db)
        let events = try await RequestEvent.query(on: db).filter(\.$request.$id == id).sort(\.$id).all()
        let attachments = try await RequestAttachment.query(on: db).filter(\.$request.$id == id)
            .field(\.$id).field(\.$filename).field(\.$size).field(\.$request.$id).sort(\.$id).all()
        var related: [(Int, String)] = []
        if let relatedID = r.$relatedRequest.id, let earlier = try await DisclosureRequest.find(relatedID, on: db) {
            related.append((relatedID, earlier.trackingNumber))
        }
        for later in try await DisclosureRequest.query(on: db).filter(\.$relatedRequest.$id == id).sort(\.$id).all() {
            related.append((try later.requireID(), later.trackingNumber))
        }
        var detail = RequestDetail(
            request: r, agency: agency, officer: officer,
            caseOfficers: try await CaseOfficers.list(agencyIDs: [r.$agency.id], on: db),
            consultations: loaded.consultations, fees: loaded.fees, events: events, attachments: attachments,
            related: related, clock: clock)
        detail.linkedMessages = try await PublicMessage.query(on: db)
            .group(.or) { $0.filter(\.$fromRequest.$id == id).filter(\.$toRequest.$id == id) }.sort(\.$id).all()
            .map { (try $0.requireID(), $0.reference, $0.$toRequest.id == id) }
        return detail
    }
}
