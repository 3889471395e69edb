import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Proactive disclosure in the staff console. The API (`PublicationAPI`) calls the same services.
enum PublicationController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewPublications)
        let context = try await req.publicationContext()
        let tab = PublicationListQuery.Tab(rawValue: req.query[String.self, at: "tab"] ?? "") ?? .awaitingMe
        let search = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let query = PublicationListQuery(agencyIDs: Array(staff.agencies(with: .viewPublications)), staff: staff, tab: tab, search: search,
                                         page: PageNumber.parse(req.query[String.self, at: "page"]),
                                         interpretationDays: context.interpretationDays)
        let result = try await query.run(calendar: context.calendar, today: context.today, on: req.db)
        let model = PublicationIndexPage.Model(context: try req.consoleContext(.publications), tab: tab, search: search,
                                               rows: try result.rows.map(PublicationIndexPage.Row.init), total: result.total, page: query.page,
                                               counts: result.counts, canDraft: staff.has(.publish))
        return .html(PublicationIndexPage.View(model: model).render())
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        let today = req.application.settings.today
        let fields = FormFields(["agency_id": [String(staff.agencies(with: .publish).contains(staff.homeAgencyID) ? staff.homeAgencyID : staff.agencies(with: .publish).min() ?? 0)],
                                 "formed_on": [today.iso], "disclosure": [DisclosureAttribute.proactive.rawValue]])
        return try await form(req, staff: staff, id: nil, version: 0, isRevision: false, values: fields, errors: [:])
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        let fields = try req.formFields()
        do {
            let p = try await PublicationService.create(fields: fields, staff: staff, actor: req.auditActor, context: try await req.publicationContext(),
                                                        on: req.db)
            return req.redirect(to: .publication(.value(try p.requireID())), flash: "草稿已保存。上传附件、核对无误后请提交审核。")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await form(req, staff: staff, id: nil, version: 0, isRevision: false, values: fields, errors: error.fields,
                                  status: .unprocessableEntity)
        }
    }

    static func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await page(req, id: id)
    }

    static func edit(req: Request) async throws -> Response {
        let (p, staff) = try await req.publication(.publish)
        guard PublicationWorkflow.canEdit(status: p.status, revision: p.revisionState) else {
            return req.redirect(to: .publication(.value(try p.requireID())), flash: "“\(p.status.chineseLabel)”的信息不能修改")
        }
        let topicIDs = try await PublicationTopic.query(on: req.db).filter(\.$publication.$id == p.requireID()).all().map { $0.$topicColumn.id }
        var content = p.revision ?? p.content(topicIDs: topicIDs)
        if p.revision == nil { content.changeNote = "" }
        return try await form(req, staff: staff, id: try p.requireID(), version: p.version, isRevision: p.status == .published,
                              values: PublicationFormValues.fields(content, agencyID: p.$agency.id), errors: [:])
    }

    static func update(req: Request) async throws -> Response {
        let (p, staff) = try await req.publication(.publish)
        let id = try p.requireID()
        let fields = try req.formFields()
        do {
            try await PublicationService.update(id: id, fields: fields, staff: staff, actor: req.auditActor,
                                                context: try await req.publicationContext(), on: req.db)
            return req.redirect(to: .publication(.value(id)), flash: p.status == .published ? "修订稿已保存，请提交审核" : "已保存")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await form(req, staff: staff, id: id, version: p.version, isRevision: p.status == .published, values: fields,
                                  errors: error.fields, status: .unprocessableEntity)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            return try await page(req, id: id, error: error.message, status: error.status)
        }
    }

    static func act(req: Request) async throws -> Response { try await perform(req, door: .publish) }
    static func review(req: Request) async throws -> Response { try await perform(req, door: .review) }
    static func confidentialityReview(req: Request) async throws -> Response { try await perform(req, door: .confidentialityReview) }

    /// A step through the console door; refused input re-renders the page with the reason.
    private static func perform(_ req: Request, door: Permission) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let fields = try req.formFields()
        do {
            try await PublicationService.perform(fields: fields, door: door, publicationID: id, staff: staff, actor: req.auditActor,
                                                 context: try await req.publicationContext(), on: req.db)
            let step = PublicationStep(rawValue: fields["action"])
            return req.redirect(to: .publication(.value(id)), flash: step.map { "已办理：\($0.chineseLabel)" } ?? "已办理")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, error: error.fields.isEmpty ? error.message : nil, errors: error.fields, status: error.status)
        }
    }

    struct AttachmentUpload: Content {
        var file: File?
    }

    static func upload(req: Request) async throws -> Response {
        let (p, staff) = try await req.publication(.publish)
        let id = try p.requireID()
        let upload = try req.safeContent(AttachmentUpload.self)  // the file's name, like every form (SafeText)
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else { throw AppError.validation(["file": "请选择要上传的文件"]) }
            let a = try await PublicationService.attach(filename: file.filename, data: Data(file.data.readableBytesView), to: id, staff: staff,
                                                        actor: req.auditActor, on: req.db)
            return req.redirect(to: .publication(.value(id)), flash: "已上传 \(a.filename)（编号 \(a.id ?? 0)）")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await page(req, id: id, error: error.message, status: .unprocessableEntity)
        }
    }

    /// Removes a file (`PublicationService.removeAttachment`): at once when it was never public,
    /// with the revision when it is.
    static func removeAttachment(req: Request) async throws -> Response {
        let (p, staff) = try await req.publication(.publish)
        let id = try p.requireID()
        let fileID = try req.parameters.require("file", as: Int.self)
        do {
            let removal = try await PublicationService.removeAttachment(fileID, of: id, staff: staff, actor: req.auditActor, on: req.db)
            return req.redirect(to: .publication(.value(id)),
                                flash: removal == .deleted ? "附件已删除" : "附件将随修订稿删除；修订稿审核通过前仍公开")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, error: error.message, status: error.status)
        }
    }

    /// Takes back a removal marked for the revision (保留).
    static func keepAttachment(req: Request) async throws -> Response {
        let (p, staff) = try await req.publication(.publish)
        let id = try p.requireID()
        let fileID = try req.parameters.require("file", as: Int.self)
        do {
            try await PublicationService.keepAttachment(fileID, of: id, staff: staff, actor: req.auditActor, on: req.db)
            return req.redirect(to: .publication(.value(id)), flash: "附件已保留")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, error: error.message, status: error.status)
        }
    }

    static func download(req: Request) async throws -> Response {
        let (p, _) = try await req.publication(.viewPublications)
        let fileID = try req.parameters.require("file", as: Int.self)
        guard let a = try await PublicationAttachment.find(fileID, on: req.db), a.$publication.id == p.id else { throw AppError.notFound("附件") }
        return .download(a.data, contentType: a.contentType, filename: a.filename)
    }

    // MARK: pages

    private static func page(_ req: Request, id: Int, error: String? = nil, errors: [String: String] = [:],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = try await req.publicationContext()
        let detail = try await PublicationDetailQuery.load(id, calendar: context.calendar, today: context.today,
                                                         interpretationDays: context.interpretationDays, on: req.db)
        let staff = try req.requireStaff(.viewPublications, inAgency: detail.publication.$agency.id)
        let model = try PublicationShowPage.Model(detail: detail, context: try req.consoleContext(.publications), staff: staff, today: context.today,
                                                  uploadLimit: ByteSize.chinese(req.application.settings.uploadMaxBytes), error: error, errors: errors)
        return .html(PublicationShowPage.View(model: model).render(), status: status)
    }

    private static func form(_ req: Request, staff: StaffPrincipal, id: Int?, version: Int, isRevision: Bool, values: FormFields,
                             errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let agencyIDs = Array(staff.agencies(with: .publish))
        let outline = try await AgencyTree.outline(of: agencyIDs, on: req.db)
        let agencies = outline.compactMap { item in item.agency.id.map { ($0, item.agency.name) } }.filter { agencyIDs.contains($0.0) }
        let options = try await PublicationFormOptions.load(agencyIDs: agencyIDs, excluding: id, on: req.db)
        var images: [(Int, String)] = []
        if let id {
            // Not the images marked to go with the revision: its text cannot show them.
            images = try await PublicationAttachment.query(on: req.db).filter(\.$publication.$id == id).filter(\.$removalPending == false)
                .field(\.$id).field(\.$filename).field(\.$contentType).field(\.$publication.$id).all()
                .filter(\.isImage).compactMap { a in a.id.map { ($0, a.filename) } }
        }
        let model = PublicationFormPage.Model(context: try req.consoleContext(.publications), id: id, version: version, isRevision: isRevision,
                                              values: values, errors: errors, agencies: agencies, topics: options.topics,
                                              catalogueItems: options.catalogueItems, policies: options.policies, images: images)
        return .html(PublicationFormPage.View(model: model).render(), status: status)
    }
}
