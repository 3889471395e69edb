import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 政民互动 through the JSON API: the same services and queries as the console.
enum MessageAPI {
    static func index(req: Request) async throws -> MessageListDTO {
        let staff = try req.requireStaff(.viewMessages)
        let filterText = req.query[String.self, at: "filter"] ?? "open"
        guard let filter = MessageListQuery.Filter(rawValue: filterText) else {
            throw AppError.validation(["filter": "filter 应为 " + MessageListQuery.Filter.allCases.map(\.rawValue).joined(separator: "、")])
        }
        var agencyIDs = Array(staff.agencies(with: .viewMessages))
        if let text = req.query[String.self, at: "agency_id"] {
            guard let agency = Int(text), agencyIDs.contains(agency) else { throw AppError.forbidden("您不能查看该机关的来信") }
            agencyIDs = [agency]
        }
        let query = MessageListQuery(agencyIDs: agencyIDs, filter: filter, search: req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces),
                                     page: PageNumber.parse(req.query[String.self, at: "page"]))
        let list = try await query.run(context: try await req.messageContext(), on: req.db)
        return MessageListDTO(total: list.total, page: query.page, pageSize: MessageListQuery.pageSize, messages: try list.messages.map(MessageDTO.init))
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let context = try await req.messageContext()
        let m = try await MessageIntake.register(fields: fields, staff: staff, context: context, actor: req.auditActor, on: req.db)
        let id = try m.requireID()
        let response = Response(status: .created)
        try response.content.encode(try MessageDetailDTO(try await MessageDetailQuery.load(id, context: context, on: req.db)))
        response.headers.replaceOrAdd(name: .location, value: APIURL.message(.value(id)).path)
        return response
    }

    static func show(req: Request) async throws -> MessageDetailDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff(.viewMessages)
        return try MessageDetailDTO(try await MessageDetailQuery.load(id, visibleTo: staff, context: try await req.messageContext(), on: req.db))
    }

    static func act(req: Request) async throws -> MessageDetailDTO { try await perform(req, door: .handleMessages) }
    static func approve(req: Request) async throws -> MessageDetailDTO { try await perform(req, door: .approveMessageReplies) }

    /// The console's steps as JSON: `{"action": "...", "version": N, ...fields}`.
    private static func perform(_ req: Request, door: Permission) async throws -> MessageDetailDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let context = try await req.messageContext()
        try await MessageService.perform(fields: fields, door: door, messageID: id, staff: try req.requireStaff(), actor: req.auditActor,
                                         context: context, on: req.db)
        return try MessageDetailDTO(try await MessageDetailQuery.load(id, context: context, on: req.db))
    }

    /// A message that is really a disclosure request: the request's registration fields plus `version`.
    static func toRequest(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let r = try await MessageConversion.messageToRequest(fields: fields, messageID: id, staff: try req.requireStaff(), actor: req.auditActor,
                                                             requestContext: try await req.requestContext(),
                                                             messageContext: try await req.messageContext(), on: req.db)
        let rid = try r.requireID()
        let response = Response(status: .created)
        try response.content.encode(try RequestDetailDTO(try await RequestDetailQuery.load(rid, context: try await req.requestContext(), on: req.db),
                                                         today: req.application.settings.today))
        response.headers.replaceOrAdd(name: .location, value: APIURL.request(.value(rid)).path)
        return response
    }

    /// A request that is really a complaint: `{"version": N, "kind": "complaint", "service_method": "online"}`.
    static func fromRequest(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let context = try await req.messageContext()
        let m = try await MessageConversion.requestToMessage(fields: fields, requestID: id, staff: try req.requireStaff(), actor: req.auditActor,
                                                             requestContext: try await req.requestContext(), messageContext: context, on: req.db)
        let mid = try m.requireID()
        let response = Response(status: .created)
        try response.content.encode(try MessageDetailDTO(try await MessageDetailQuery.load(mid, context: context, on: req.db)))
        response.headers.replaceOrAdd(name: .location, value: APIURL.message(.value(mid)).path)
        return response
    }

    /// `?agency_id=&subtree=true&year=2023` or `&from=2023-12-01&through=2024-01-31`.
    static func figures(req: Request) async throws -> MessageFiguresDTO {
        let staff = try req.requireStaff(.viewMessages)
        let scope = try await MessageFiguresScope.resolve(staff, query: { req.query[String.self, at: $0] }, today: req.application.settings.today, on: req.db)
        return MessageFiguresDTO(try await MessageFigures.query(agencyIDs: scope.agencyIDs, from: scope.from, through: scope.through, on: req.db))
    }
}
