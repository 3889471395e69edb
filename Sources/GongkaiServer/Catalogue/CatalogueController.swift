import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Standard catalogues in the console: the compliance view and the CSV import with preview.
enum CatalogueController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewPublications)
        let context = try await req.publicationContext()
        let rows = try await CatalogueComplianceQuery.rows(agencyIDs: Array(staff.agencies(with: .viewPublications)), asOf: context.today,
                                                           calendar: context.calendar, on: req.db)
        let model = CatalogueIndexPage.Model(
            context: try req.consoleContext(.catalogue),
            rows: try rows.map { r in
                .init(id: try r.item.requireID(), agency: r.agencyName, domain: r.item.domain, name: r.item.name, timeLimit: r.item.timeLimit,
                      lastPublished: r.compliance.lastPublished?.iso ?? "—", nextDue: r.compliance.nextDueText,
                      late: r.compliance.latePublications, overdue: r.compliance.overdue, fulfilled: r.compliance.fulfilled)
            },
            canImport: staff.has(.publish), today: context.today)
        return .html(CatalogueIndexPage.View(model: model).render())
    }

    static func importForm(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        return try await page(req, staff: staff, agencyID: String(staff.homeAgencyID), domain: "", preview: nil, payload: nil)
    }

    struct Upload: Content {
        var file: File?
        var payload: String?
        var agencyId: String?
        var domain: String?
        var confirm: String?

        enum CodingKeys: String, CodingKey {
            case file, payload, domain, confirm
            case agencyId = "agency_id"
        }
    }

    static func importFile(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.publish)
        let upload = try req.safeContent(Upload.self)  // the domain and the file's name, like every form (SafeText)
        let agencyText = upload.agencyId ?? ""
        let domain = (upload.domain ?? "").trimmingCharacters(in: .whitespaces)
        guard let agencyID = Int(agencyText), staff.can(.publish, inAgency: agencyID) else {
            return try await page(req, staff: staff, agencyID: agencyText, domain: domain, preview: nil, payload: nil,
                                  error: "请选择您可以发布信息的机构", status: .unprocessableEntity)
        }
        let data: Data
        if upload.confirm == "1", let payload = upload.payload, let decoded = Data(base64Encoded: payload) {
            data = decoded
        } else if let file = upload.file, file.data.readableBytes > 0 {
            data = Data(file.data.readableBytesView)
        } else {
            return try await page(req, staff: staff, agencyID: agencyText, domain: domain, preview: nil, payload: nil,
                                  error: "请选择 CSV 文件", status: .unprocessableEntity)
        }
        if upload.confirm == "1" {
            do {
                let n = try await CatalogueImportService.importItems(data, agencyID: agencyID, defaultDomain: domain, staff: staff,
                                                                     actor: req.auditActor, today: req.application.settings.today, on: req.db)
                req.application.portalCache.didChange()
                return req.redirect(to: .catalogue, flash: "已导入 \(n) 个标准目录事项")
            } catch let error as AppError where error.status == .unprocessableEntity {
                return try await page(req, staff: staff, agencyID: agencyText, domain: domain, preview: nil, payload: nil,
                                      error: error.message, status: .unprocessableEntity)
            }
        }
        let preview = try await CatalogueImportService.preview(data, agencyID: agencyID, defaultDomain: domain, on: req.db)
        return try await page(req, staff: staff, agencyID: agencyText, domain: domain, preview: preview,
                              payload: preview.errors.isEmpty ? data.base64EncodedString() : nil,
                              status: preview.errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private static func page(_ req: Request, staff: StaffPrincipal, agencyID: String, domain: String, preview: CatalogueImportService.Preview?,
                             payload: String?, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let ids = Array(staff.agencies(with: .publish))
        let agencies = try await Agency.query(on: req.db).filter(\.$id ~~ ids).sort(\.$name).all().compactMap { a in a.id.map { ($0, a.name) } }
        let model = CatalogueImportPage.Model(context: try req.consoleContext(.catalogue), agencies: agencies, agencyID: agencyID, domain: domain,
                                              preview: preview, payload: payload, error: error)
        return .html(CatalogueImportPage.View(model: model).render(), status: status)
    }
}
