import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Imports through the console: upload, check (a job page that refreshes itself), confirm.
enum MessageImportController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        return try await uploadPage(req, staff: staff, error: nil)
    }

    private static func uploadPage(_ req: Request, staff: StaffPrincipal, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let ids = Array(staff.agencies(with: .handleMessages))
        let outline = try await AgencyTree.outline(of: ids, on: req.db).filter { $0.agency.id.map(ids.contains) ?? false }
        let jobs = try await MessageImportJob.query(on: req.db).filter(\.$agency.$id ~~ ids).sort(\.$id, .descending).range(0..<20).all()
        let model = MessageImportsPage.Model(
            context: try req.consoleContext(.messages), agencies: outline.compactMap { item in item.agency.id.map { (String($0), item.agency.name) } },
            selected: String(staff.homeAgencyID), uploadLimit: ByteSize.chinese(req.application.settings.uploadMaxBytes),
            jobs: try jobs.map { (try $0.requireID(), $0.filename, $0.status.chineseLabel, Beijing.dateTime($0.createdAt), $0.inserted + $0.updated) },
            error: error)
        return .html(MessageImportsPage.View(model: model).render(), status: status)
    }

    struct Upload: Content {
        var agency_id: String?
        var file: File?
    }

    static func upload(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        let upload = try req.content.decode(Upload.self)
        do {
            let data = upload.file.map { Data($0.data.readableBytesView) } ?? Data()
            let job = try await MessageImportJobs.start(fields: FormFields(["agency_id": [upload.agency_id ?? ""]]), filename: upload.file?.filename ?? "import.csv",
                                                        data: data, staff: staff, actor: req.auditActor, app: req.application)
            return req.redirect(to: .messageImport(.value(try job.requireID())), flash: "已上传，正在检查")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await uploadPage(req, staff: staff, error: error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: "；"),
                                        status: .unprocessableEntity)
        }
    }

    static func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await jobPage(req, id: id, error: nil)
    }

    private static func jobPage(_ req: Request, id: Int, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let job = try await MessageImportJob.find(id, on: req.db) else { throw AppError.notFound("导入任务") }
        _ = try req.requireStaff(.handleMessages, inAgency: job.$agency.id)
        let agency = try await job.$agency.get(on: req.db)
        let progress = await req.application.messageImportProgress.state(id)
        let errors = (try? JSONCoding.decoder().decode([ImportRowError].self, from: Data(job.errorsJSON.utf8))) ?? []
        let preview = (try? JSONCoding.decoder().decode([MessageImportJobs.PreviewRow].self, from: Data(job.previewJSON.utf8))) ?? []
        let model = MessageImportJobPage.Model(
            context: try req.consoleContext(.messages), id: id, agencyName: agency.name, filename: job.filename, status: job.status,
            encoding: job.encoding, rows: job.rows, validRows: job.validRows, existingRows: job.existingRows, errorCount: job.errorCount,
            errors: errors, preview: preview, inserted: job.inserted, updated: job.updated, skipped: job.skipped, failure: job.failure,
            progress: progress.map { ($0.rows, $0.totalBytes == 0 ? 0 : min(100, $0.bytes * 100 / $0.totalBytes)) }, error: error)
        let response = Response.html(MessageImportJobPage.View(model: model).render(), status: status)
        // The page follows a running job without JavaScript: the browser reloads it.
        if job.status.isWorking { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    static func run(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            try await MessageImportJobs.confirm(jobID: id, fields: form, staff: staff, actor: req.auditActor, app: req.application)
            return req.redirect(to: .messageImport(.value(id)), flash: "正在导入")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await jobPage(req, id: id, error: error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: "；"),
                                     status: error.status)
        }
    }
}
