import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The challenge register through the JSON API: the same services and query as the console.
enum ChallengeAPI {
    static func index(req: Request) async throws -> [ChallengeCaseDTO] {
        let staff = try req.requireStaff(.viewRequests)
        var year: Int?
        if let text = req.query[String.self, at: "year"] {
            guard let y = Int(text), (2008...9999).contains(y) else { throw AppError.validation(["year": "year 应为四位年份"]) }
            year = y
        }
        let cases = try await ChallengeListQuery.list(agencyIDs: Array(staff.agencies(with: .viewRequests)), year: year, limit: 10_000, on: req.db)
        return try cases.reversed().map(ChallengeCaseDTO.init)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let c = try await ChallengeService.register(fields: fields, staff: staff, today: req.application.settings.today,
                                                    by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try ChallengeCaseDTO(c))
        response.headers.replaceOrAdd(name: .location, value: APIURL.challengeCase(.value(try c.requireID())).path)
        return response
    }

    /// Records the decision: `{"version": N, "result": "corrected", "decided_on": "2024-05-10"}`.
    static func decide(req: Request) async throws -> ChallengeCaseDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        return try ChallengeCaseDTO(try await ChallengeService.decide(fields: fields, caseID: id, staff: try req.requireStaff(),
                                                                   context: try await req.requestContext(), by: req.auditActor, on: req.db))
    }

    /// Corrects the co-defendant flag: `{"version": N, "as_co_defendant": false}`.
    static func correctCoDefendant(req: Request) async throws -> ChallengeCaseDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let staff = try req.requireStaff()
        let saved = try await ChallengeService.correctCoDefendant(fields: fields, caseID: id, staff: staff, by: req.auditActor, on: req.db)
        return try ChallengeCaseDTO(saved)
    }
}
