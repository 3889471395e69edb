import Fluent
import Foundation
import GongkaiCore
import Vapor

enum ReviewCaseAPI {
    static func index(req: Request) async throws -> [ReviewCaseDTO] {
        let staff = try req.requireStaff(.viewRequests)
        let query = ReviewCase.query(on: req.db).filter(\.$agency.$id ~~ Array(staff.agencies(with: .viewRequests)))
        if let year = req.query[Int.self, at: "year"] { query.filter(\.$filedOn >= "\(year)-01-01").filter(\.$filedOn <= "\(year)-12-31") }
        return try await query.sort(\.$filedOn).sort(\.$id).all().map(ReviewCaseDTO.init)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let input = try ReviewCaseInput(form: fields, today: req.application.settings.today)
        guard staff.can(.handleRequests, inAgency: input.agencyID) else { throw AppError.forbidden("您不能为该机关登记案件") }
        let c = try await ReviewCaseService.register(input, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try ReviewCaseDTO(c))
        response.headers.replaceOrAdd(name: .location, value: APIURL.reviewCase(.value(try c.requireID())).path)
        return response
    }

    /// Records the decision: `{"version": N, "result": "corrected", "decided_on": "2024-05-10"}`.
    static func decide(req: Request) async throws -> ReviewCaseDTO {
        let id = try req.parameters.require("id", as: Int.self)
        guard let c = try await ReviewCase.find(id, on: req.db) else { throw AppError.notFound("复议诉讼案件") }
        _ = try req.requireStaff(.handleRequests, inAgency: c.$agency.id)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        let context = try await req.requestContext()
        return try ReviewCaseDTO(try await ReviewCaseService.decide(id, try ReviewDecision(form: fields, today: context.today),
                                                                   expectedVersion: version, context: context, by: req.auditActor, on: req.db))
    }
}
