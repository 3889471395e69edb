import Fluent
import Foundation
import GongkaiCore
import Vapor

enum ChallengeAPI {
    static func index(req: Request) async throws -> [ChallengeCaseDTO] {
        let staff = try req.requireStaff(.viewRequests)
        let query = ChallengeCase.query(on: req.db).filter(\.$agency.$id ~~ Array(staff.agencies(with: .viewRequests)))
        if let year = req.query[Int.self, at: "year"] { query.filter(\.$filedOn >= "\(year)-01-01").filter(\.$filedOn <= "\(year)-12-31") }
        return try await query.sort(\.$filedOn).sort(\.$id).all().map(ChallengeCaseDTO.init)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let input = try ChallengeInput(form: fields, today: req.application.settings.today)
        guard staff.can(.handleRequests, inAgency: input.agencyID) else { throw AppError.forbidden("您不能为该机关登记案件") }
        let c = try await ChallengeService.register(input, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try ChallengeCaseDTO(c))
        response.headers.replaceOrAdd(name: .location, value: APIURL.challengeCase(.value(try c.requireID())).path)
        return response
    }

    /// Records the decision: `{"version": N, "result": "corrected", "decided_on": "2024-05-10"}`.
    static func decide(req: Request) async throws -> ChallengeCaseDTO {
        let id = try req.parameters.require("id", as: Int.self)
        guard let c = try await ChallengeCase.find(id, on: req.db) else { throw AppError.notFound("复议诉讼案件") }
        _ = try req.requireStaff(.handleRequests, inAgency: c.$agency.id)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        let context = try await req.requestContext()
        return try ChallengeCaseDTO(try await ChallengeService.decide(id, try ChallengeDecision(form: fields, today: context.today),
                                                                   expectedVersion: version, context: context, by: req.auditActor, on: req.db))
    }
}
