import Fluent
import Foundation
import GongkaiCore
import Vapor

/// An agency's publishing settings (index rule, review chain), for the system administrator.
enum PublishingProfileController {
    static func edit(req: Request) async throws -> Response {
        let (agency, _) = try await load(req)
        let p = try await PublishingProfile.effective(for: agency, on: req.db)
        return try page(req, agency: agency, version: p.version, values: FormFields([
            "index_code": [p.indexCode], "index_template": [p.indexTemplate], "review_steps": [p.reviewSteps],
            "allow_same_person": [p.allowSamePerson ? "1" : ""],
        ]), errors: [:])
    }

    static func update(req: Request) async throws -> Response {
        let (agency, _) = try await load(req)
        let fields = try req.formFields()
        do {
            try await PublishingProfileService.save(fields: fields, agency: agency, actor: req.auditActor, on: req.db)
            return req.redirect(to: .publishingProfile(.value(try agency.requireID())), flash: "发布设置已保存")
        } catch let error as AppError where !error.fields.isEmpty {
            return try page(req, agency: agency, version: fields.int("version") ?? 0, values: fields, errors: error.fields, status: .unprocessableEntity)
        }
    }

    private static func load(_ req: Request) async throws -> (Agency, StaffPrincipal) {
        let id = try req.parameters.require("id", as: Int.self)
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        return (agency, try req.requireStaff(.manageAgencies, inAgency: id))
    }

    private static func page(_ req: Request, agency: Agency, version: Int, values: FormFields, errors: [String: String],
                             status: HTTPResponseStatus = .ok) throws -> Response {
        let example = (try? IndexNumberRule(template: values["index_template"])).map {
            $0.number(.init(agencyCode: values["index_code"], category: .catalogue, subject: .generalAffairs, year: req.application.settings.today.year), sequence: 17)
        }
        let model = PublishingProfilePage.Model(context: try req.consoleContext(.agencies), agencyID: try agency.requireID(), agencyName: agency.name,
                                                version: version, values: values, errors: errors, example: example)
        return .html(PublishingProfilePage.View(model: model).render(), status: status)
    }
}
