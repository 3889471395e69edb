import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Topic columns in the console: the list for everyone in the chain, opening one for publishers.
enum TopicColumnController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewPublications)
        return try await page(req, staff: staff, values: FormFields(["opened_on": [req.application.settings.today.iso],
                                                                      "agency_id": [String(staff.homeAgencyID)]]), errors: [:])
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        let fields = try req.formFields()
        do {
            let topic = try await TopicColumnService.create(fields: fields, staff: staff, actor: req.auditActor, on: req.db)
            req.application.portalCache.didChange()
            return req.redirect(to: .topicColumns, flash: "已开设专题专栏“\(topic.name)”")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await page(req, staff: staff, values: fields, errors: error.fields, status: .unprocessableEntity)
        }
    }

    private static func page(_ req: Request, staff: StaffPrincipal, values: FormFields, errors: [String: String],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let visible = Array(staff.agencies(with: .viewPublications))
        let roots = try await Agency.query(on: req.db).filter(\.$parent.$id == nil).all().compactMap(\.id)
        let topics = try await TopicColumn.query(on: req.db).filter(\.$agency.$id ~~ (visible + roots)).with(\.$agency).sort(\.$openedOn, .descending).all()
        var counts: [Int: Int] = [:]
        for t in topics { counts[try t.requireID()] = try await PublicationTopic.query(on: req.db).filter(\.$topicColumn.$id == t.requireID()).count() }
        let publishing = Array(staff.agencies(with: .publish))
        let agencies = try await Agency.query(on: req.db).filter(\.$id ~~ publishing).sort(\.$name).all().compactMap { a in a.id.map { ($0, a.name) } }
        let model = TopicColumnIndexPage.Model(
            context: try req.consoleContext(.topicColumns),
            topics: try topics.map { (try $0.requireID(), $0.name, $0.agency.name, $0.openedOn.iso, $0.closedOn?.iso, counts[try $0.requireID()] ?? 0) },
            agencies: agencies, canCreate: staff.has(.publish), values: values, errors: errors)
        return .html(TopicColumnIndexPage.View(model: model).render(), status: status)
    }
}
