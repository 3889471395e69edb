import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 依申请公开 in the staff console. The API (`RequestAPI`) calls the same services and queries.
enum RequestController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewRequests)
        let context = try await req.requestContext()
        let filter = RequestListQuery.Filter(rawValue: req.query[String.self, at: "filter"] ?? "") ?? .open
        let search = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let query = RequestListQuery(agencyIDs: Array(staff.agencies(with: .viewRequests)), filter: filter, search: search,
                                     page: PageNumber.parse(req.query[String.self, at: "page"]))
        let list = try await query.run(context: context, on: req.db)
        let rows = try list.requests.map { r in
            try RequestIndexPage.Row(r, officerName: r.$caseOfficer.id.flatMap { list.officerNames[$0] }, context: context)
        }
        let model = RequestIndexPage.Model(context: try req.consoleContext(.requests), filter: filter, search: search,
                                           rows: rows, total: list.total, page: query.page,
                                           canRegister: staff.has(.handleRequests), counts: list.counts)
        return .html(RequestIndexPage.View(model: model).render())
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        return try await newPage(req, staff: staff, values: .init(fields: FormFields(["agency_id": [String(staff.homeAgencyID)]])))
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            let registered = try await RequestIntake.register(fields: form, source: .staff, staff: staff, context: context,
                                                              by: req.auditActor, on: req.db)
            let flash = registered.possibleDuplicates.isEmpty ? "已登记，查询号 \(registered.request.trackingNumber)"
                : "已登记，查询号 \(registered.request.trackingNumber)。注意：该申请人此前提出过相同或相近的申请（\(registered.possibleDuplicates.map(\.trackingNumber).joined(separator: "、"))），已关联，请核实是否属于重复申请（条例第三十六条第（六）项）"
            return req.redirect(to: .request(.value(try registered.request.requireID())), flash: flash)
        } catch let error as AppError where !error.fields.isEmpty {
            return try await newPage(req, staff: staff, values: .init(fields: form, errors: error.fields), status: .unprocessableEntity)
        }
    }

    private static func newPage(_ req: Request, staff: StaffPrincipal, values: RequestFormViews.Values, status: HTTPResponseStatus = .ok) async throws -> Response {
        let agencyIDs = Array(staff.agencies(with: .handleRequests))
        let outline = try await AgencyTree.outline(of: agencyIDs, on: req.db)
        let model = RequestNewPage.Model(
            context: try req.consoleContext(.requests), values: values,
            agencies: outline.compactMap { item in item.agency.id.map { ($0, item.agency.name) } },
            officers: try await CaseOfficers.list(agencyIDs: agencyIDs, on: req.db), today: req.application.settings.today)
        return .html(RequestNewPage.View(model: model).render(), status: status)
    }

    static func show(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        return try await page(req, id: try r.requireID(), revealed: false)
    }

    /// The full identity number and phone, for the request's officers only; every view is audited.
    static func reveal(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.handleRequests)
        try await RequestService.recordFullIdentityView(of: r, actor: req.auditActor, on: req.db)
        return try await page(req, id: try r.requireID(), revealed: true)
    }

    static func act(req: Request) async throws -> Response {
        try await perform(req, door: .handleRequests)
    }

    static func approve(req: Request) async throws -> Response {
        try await perform(req, door: .approveExtensionsAndFees)
    }

    /// A step through the console door: refused input re-renders the page with the reason.
    private static func perform(_ req: Request, door: Permission) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            try await RequestService.perform(fields: form, door: door, requestID: id, staff: staff, actor: req.auditActor,
                                             context: context, on: req.db)
            return req.redirect(to: .request(.value(id)), flash: "已办理")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, revealed: false, error: error.fields.isEmpty ? error.message : nil, errors: error.fields,
                                  status: error.status)
        }
    }

    private static func page(_ req: Request, id: Int, revealed: Bool, error: String? = nil, errors: [String: String] = [:],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = try await req.requestContext()
        let detail = try await RequestDetailQuery.load(id, context: context, on: req.db)
        let staff = try req.requireStaff(.viewRequests, inAgency: detail.request.$agency.id)
        let model = try RequestShowPage.Model(detail: detail, context: try req.consoleContext(.requests), staff: staff, revealed: revealed,
                                              today: context.today, rules: context.rules,
                                              uploadMaxBytes: req.application.settings.uploadMaxBytes, error: error, errors: errors)
        return .html(RequestShowPage.View(model: model).render(), status: status)
    }

    /// The reply letter as issued: printable HTML or Word.
    static func letter(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let letter = try r.issuedLetter()
        if req.query[String.self, at: "format"] == "docx" {
            return .download(try letter.docx(), type: .docx, filename: "答复书-\(r.trackingNumber).docx")
        }
        return .html(letter.html(stylesheet: SiteURL.asset("letter.css").path))
    }

    static func feeNotice(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let feeID = try req.parameters.require("fee", as: Int.self)
        let document = try await RequestDocuments.feeNotice(feeID, of: r, context: try await req.requestContext(), on: req.db)
        return .download(document, type: .docx, filename: "收费通知-\(r.trackingNumber).docx")
    }

    // MARK: attachments

    struct AttachmentUpload: Content {
        var file: File?
    }

    static func upload(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.handleRequests)
        let id = try r.requireID()
        let upload = try req.safeContent(AttachmentUpload.self)
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else { throw AppError.validation(["file": "请选择要上传的文件"]) }
            let a = try await RequestService.attach(filename: file.filename, data: Data(file.data.readableBytesView), to: id,
                                                    actor: req.auditActor, on: req.db)
            return req.redirect(to: .request(.value(id)), flash: "已上传 \(a.filename)")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await page(req, id: id, revealed: false, error: error.message, status: .unprocessableEntity)
        }
    }

    static func download(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let fileID = try req.parameters.require("file", as: Int.self)
        guard let a = try await RequestAttachment.find(fileID, on: req.db), a.$request.id == r.id else { throw AppError.notFound("附件") }
        return .download(a.data, contentType: a.contentType, filename: a.filename)
    }
}
