import Fluent
import GongkaiCore
import Vapor

enum AgencyAPI {
    static func index(req: Request) async throws -> [AgencyDTO] {
        let staff = try req.requireStaff(.viewAgencies)
        let agencies = try await Agency.query(on: req.db).filter(\.$id ~~ Array(staff.agencies(with: .viewAgencies))).sort(\.$id).all()
        return try agencies.map(AgencyDTO.init)
    }

    static func show(req: Request) async throws -> AgencyDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try req.requireStaff(.viewAgencies, inAgency: id)
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        return try AgencyDTO(agency)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageAgencies)
        let input = try req.safeContent(AgencyInput.self)
        let agency = try await AgencyService.create(try input.fields(), parentID: input.parentId, staff: staff, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try AgencyDTO(agency))
        response.headers.replaceOrAdd(name: .location, value: APIURL.agency(.value(try agency.requireID())).path)
        return response
    }

    static func update(req: Request) async throws -> AgencyDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff(.manageAgencies, inAgency: id)
        let input = try req.safeContent(AgencyInput.self)
        let version = try OptimisticLock.version(input.version)
        return try AgencyDTO(try await AgencyService.update(id, try input.fields(), parentID: input.parentId, expectedVersion: version,
                                                            staff: staff, by: req.auditActor, on: req.db))
    }
}
