import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Proactive disclosure through the JSON API: the same services and queries as the console
/// (`PublicationController`), answering with DTOs.
enum PublicationAPI {
    static func index(req: Request) async throws -> PublicationListDTO {
        let staff = try req.requireStaff(.viewPublications)
        let context = try await req.publicationContext()
        let tabText = req.query[String.self, at: "tab"] ?? "all"
        guard let tab = PublicationListQuery.Tab(rawValue: tabText) else {
            throw AppError.validation(["tab": "tab 应为 " + PublicationListQuery.Tab.allCases.map(\.rawValue).joined(separator: "、")])
        }
        let query = PublicationListQuery(agencyIDs: Array(staff.agencies(with: .viewPublications)), staff: staff, tab: tab,
                                         search: req.query[String.self, at: "q"] ?? "", page: PageNumber.parse(req.query[String.self, at: "page"]),
                                         interpretationDays: context.interpretationDays)
        let result = try await query.run(calendar: context.calendar, today: context.today, on: req.db)
        return PublicationListDTO(
            total: result.total, page: query.page, pageSize: PublicationListQuery.pageSize,
            publications: try result.rows.map { row in
                let p = row.publication
                return .init(
                    id: try p.requireID(), title: p.title, agency: row.agencyName, status: p.status, revisionState: p.revisionState,
                    waitingStep: row.waiting, indexNumber: p.indexNumber, formedOn: p.pendingFormedOn ?? p.formedOn, dueOn: row.due,
                    standing: row.standing?.rawValue, publishedOn: p.publishedOn)
            })
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        let fields = try jsonFields(req, PublicationInput.jsonTypes)
        let context = try await req.publicationContext()
        let p = try await PublicationService.create(fields: fields, staff: staff, actor: req.auditActor, context: context, on: req.db)
        let id = try p.requireID()
        let response = Response(status: .created)
        try response.content.encode(try await detail(req, id: id))
        response.headers.replaceOrAdd(name: .location, value: APIURL.publication(.value(id)).path)
        return response
    }

    static func show(req: Request) async throws -> PublicationDTO {
        let (p, _) = try await req.publication(.viewPublications)
        return try await detail(req, id: try p.requireID())
    }

    /// The draft's fields, or a published item's revision (with `change_note`), and `version`.
    static func update(req: Request) async throws -> PublicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try jsonFields(req, PublicationInput.jsonTypes)
        try await PublicationService.update(id: id, fields: fields, staff: try req.requireStaff(), actor: req.auditActor,
                                            context: try await req.publicationContext(), on: req.db)
        return try await detail(req, id: id)
    }

    static func act(req: Request) async throws -> PublicationDTO { try await perform(req, door: .publish) }
    static func review(req: Request) async throws -> PublicationDTO { try await perform(req, door: .review) }
    static func confidentialityReview(req: Request) async throws -> PublicationDTO { try await perform(req, door: .confidentialityReview) }

    /// `{"action": "submit|pass|return|withdraw|unschedule|register_validity", "version": N, …}`.
    private static func perform(_ req: Request, door: Permission) async throws -> PublicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try jsonFields(req, stepTypes)
        try await PublicationService.perform(fields: fields, door: door, publicationID: id, staff: try req.requireStaff(), actor: req.auditActor,
                                             context: try await req.publicationContext(), on: req.db)
        return try await detail(req, id: id)
    }

    /// Removes a file: deleted at once when never public, else marked to go with the revision
    /// (`removal_pending` in the answer) — `PublicationService.removeAttachment`, as the console.
    static func removeAttachment(req: Request) async throws -> PublicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fileID = try req.parameters.require("file", as: Int.self)
        _ = try await PublicationService.removeAttachment(fileID, of: id, staff: try req.requireStaff(), actor: req.auditActor, on: req.db)
        return try await detail(req, id: id)
    }

    /// Takes back a removal marked for the revision (保留).
    static func keepAttachment(req: Request) async throws -> PublicationDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fileID = try req.parameters.require("file", as: Int.self)
        try await PublicationService.keepAttachment(fileID, of: id, staff: try req.requireStaff(), actor: req.auditActor, on: req.db)
        return try await detail(req, id: id)
    }

    /// Section 一 and table 二 figures of a year for the agencies the user may see
    /// (`?agency_id=` narrows to one agency and its subtree).
    static func figures(req: Request) async throws -> PublicationFigures {
        let staff = try req.requireStaff(.viewPublications)
        let year = try req.parameters.require("year", as: Int.self)
        guard (2008...2100).contains(year) else { throw AppError.validation(["year": "年份无效"]) }
        var agencyIDs = Array(staff.agencies(with: .viewPublications))
        if let text = req.query[String.self, at: "agency_id"] {
            guard let agency = Int(text), agencyIDs.contains(agency) else { throw AppError.forbidden("您不能查看该机关的数据") }
            agencyIDs = try await AgencyTree.subtreeIDs(of: [agency], on: req.db).filter(agencyIDs.contains)
        }
        let context = try await req.publicationContext()
        return try await PublicationFigures.query(agencyIDs: agencyIDs, year: year, calendar: context.calendar,
                                                  interpretationDays: req.application.settings.interpretationWorkingDays, on: req.db)
    }

    /// The JSON types of the step input (OpenAPI `PublicationStepInput`).
    static let stepTypes: [String: JSONFieldType] = [
        "action": .text, "version": .integer, "step": .text, "comment": .text, "reason": .text, "repealed_on": .text,
        "repealed_by": .text, "amended_on": .text, "amended_by": .text, "valid_until": .text,
    ]

    /// The body as JSON fields of the declared types. A body sent as another media type is
    /// refused with 415, as the OpenAPI document lists (review 11m, L4: text/plain got 400);
    /// one without a Content-Type is read as JSON, as before.
    static func jsonFields(_ req: Request, _ types: [String: JSONFieldType]) throws -> FormFields {
        if let type = req.headers.contentType, !(type.subType.lowercased() == "json" || type.subType.lowercased().hasSuffix("+json")) {
            throw AppError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "请求体应为 JSON（Content-Type: application/json）")
        }
        return try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()), types: types)
    }

    private static func detail(_ req: Request, id: Int) async throws -> PublicationDTO {
        let context = try await req.publicationContext()
        let d = try await PublicationDetailQuery.load(id, calendar: context.calendar, today: context.today,
                                                         interpretationDays: context.interpretationDays, on: req.db)
        return try PublicationDTO(d, today: context.today, baseURL: req.application.settings.baseURL)
    }
}
