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
        guard let parentID = input.parentId else { throw AppError.validation(["parent_id": "请提供上级机构 parent_id"]) }
        guard staff.can(.manageAgencies, inAgency: parentID) else { throw AppError.forbidden("您无权在该机构下新建机构") }
        let agency = try await AgencyService.create(try input.fields(), parentID: parentID, by: req.auditActor, on: req.db)
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
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        let parentID = agency.$parent.id == nil ? nil : (input.parentId ?? agency.$parent.id)
        if let parentID, parentID != agency.$parent.id, !staff.can(.manageAgencies, inAgency: parentID) {
            throw AppError.forbidden("您无权把机构移到该上级机构之下")
        }
        return try AgencyDTO(try await AgencyService.update(id, try input.fields(), parentID: parentID, expectedVersion: version,
                                                            by: req.auditActor, on: req.db))
    }
}
