import Fluent
import GongkaiCore
import Vapor

/// The public portal: no sign-in, no JavaScript needed.
enum PortalController {
    static func home(req: Request) async throws -> Response {
        guard let root = try await Agency.query(on: req.db).filter(\.$parent.$id == nil).sort(\.$id).first() else {
            return .html(PortalWelcomePage.render())
        }
        return try await page(for: root, req: req)
    }

    static func agency(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        return try await page(for: agency, req: req)
    }

    private static func page(for agency: Agency, req: Request) async throws -> Response {
        let children = try await Agency.query(on: req.db).filter(\.$parent.$id == agency.requireID()).sort(\.$name).all()
        let parent = try await agency.$parent.get(on: req.db)
        let model = PortalHomePage.Model(
            agency: .init(name: agency.name, code: agency.code, address: agency.address, phone: agency.phone,
                          officeHours: agency.officeHours, contactEmail: agency.contactEmail),
            kind: agency.kind, officeHours: agency.officeHours, contactName: agency.contactName, contactPhone: agency.contactPhone,
            guideParagraphs: agency.guideText.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            parent: parent.map { ($0.name, $0.code) },
            children: children.map { ($0.kind, $0.name, $0.code) })
        return .html(PortalHomePage.View(model: model).render())
    }
}
