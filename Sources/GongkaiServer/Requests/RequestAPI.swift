import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 依申请公开 through the JSON API: the same services and queries as the console
/// (`RequestController`), answering with DTOs.
enum RequestAPI {
    static func index(req: Request) async throws -> RequestListDTO {
        let staff = try req.requireStaff(.viewRequests)
        let context = try await req.requestContext()
        let filterText = req.query[String.self, at: "filter"] ?? "open"
        guard let filter = RequestListQuery.Filter(rawValue: filterText) else {
            throw AppError.validation(["filter": "filter 应为 " + RequestListQuery.Filter.allCases.map(\.rawValue).joined(separator: "、")])
        }
        var agencyIDs = Array(staff.agencies(with: .viewRequests))
        if let text = req.query[String.self, at: "agency_id"] {
            guard let agency = Int(text), agencyIDs.contains(agency) else { throw AppError.forbidden("您不能查看该机关的申请") }
            agencyIDs = [agency]
        }
        var officerID: Int?
        if let text = req.query[String.self, at: "case_officer_id"] {
            guard let id = Int(text) else { throw AppError.validation(["case_officer_id": "case_officer_id 应为整数"]) }
            officerID = id
        }
        let query = RequestListQuery(agencyIDs: agencyIDs, filter: filter, officerID: officerID, search: req.query[String.self, at: "q"],
                                     page: PageNumber.parse(req.query[String.self, at: "page"]))
        let list = try await query.run(context: context, on: req.db)
        return RequestListDTO(total: list.total, page: query.page, pageSize: RequestListQuery.pageSize,
                              requests: try list.requests.map { try RequestDTO($0, today: context.today) })
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let context = try await req.requestContext()
        let registered = try await RequestIntake.register(fields: fields, source: .api, staff: staff, context: context,
                                                          by: req.auditActor, on: req.db)
        let id = try registered.request.requireID()
        let response = Response(status: .created)
        try response.content.encode(try RequestDetailDTO(try await RequestDetailQuery.load(id, context: context, on: req.db),
                                                         today: context.today))
        response.headers.replaceOrAdd(name: .location, value: APIURL.request(.value(id)).path)
        if !registered.possibleDuplicates.isEmpty {
            response.headers.replaceOrAdd(name: "X-Possible-Duplicates", value: registered.possibleDuplicates.map(\.trackingNumber).joined(separator: ","))
        }
        return response
    }

    static func show(req: Request) async throws -> RequestDetailDTO {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let context = try await req.requestContext()
        return try RequestDetailDTO(try await RequestDetailQuery.load(try r.requireID(), context: context, on: req.db), today: context.today)
    }

    static func act(req: Request) async throws -> RequestDetailDTO {
        try await perform(req, door: .handleRequests)
    }

    static func approve(req: Request) async throws -> RequestDetailDTO {
        try await perform(req, door: .approveExtensionsAndFees)
    }

    /// The same steps as the console, as JSON: `{"action": "...", "version": N, ...fields}`.
    private static func perform(_ req: Request, door: Permission) async throws -> RequestDetailDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let context = try await req.requestContext()
        try await RequestService.perform(fields: fields, door: door, requestID: id, staff: try req.requireStaff(), actor: req.auditActor,
                                         context: context, on: req.db)
        return try RequestDetailDTO(try await RequestDetailQuery.load(id, context: context, on: req.db), today: context.today)
    }

    /// The reply letter as issued, as JSON; `?format=docx` gives the Word document.
    static func letter(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let letter = try r.issuedLetter()
        if req.query[String.self, at: "format"] == "docx" {
            return .download(try letter.docx(), type: .docx, filename: "答复书-\(r.trackingNumber).docx")
        }
        let response = Response(status: .ok)
        try response.content.encode(letter, as: .json)
        return response
    }
}
