import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Imports through the console: the uploaded file is kept in the import folder, checked in the
/// background (the job page refreshes itself without JavaScript), and written when the user
/// confirms, in the mode he chose.
enum MessageImportJobs {
    /// The staff door: the user handles messages for `agency_id` (422 when missing, 403 when
    /// not his); the file is not empty (422).
    static func start(fields: FormFields, filename: String, data: Data, staff: StaffPrincipal, actor: AuditActor, app: Application) async throws -> MessageImportJob {
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请选择导入到哪个机关"]) }
        guard staff.can(.handleMessages, inAgency: agencyID) else { throw AppError.forbidden("您不能为该机关导入") }
        guard !data.isEmpty else { throw AppError.validation(["file": "请选择要导入的 CSV 文件"]) }
        let folder = URL(fileURLWithPath: app.settings.importFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("import-\(UUID().uuidString).csv").path
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw AppError.badRequest("无法保存上传的文件") }
        let job = MessageImportJob()
        job.$agency.id = agencyID
        job.filename = SafeText.filename(filename)
        job.storedPath = path
        job.status = .checking
        job.rows = 0
        job.validRows = 0
        job.existingRows = 0
        job.errorCount = 0
        job.errorsJSON = "[]"
        job.previewJSON = "[]"
        job.inserted = 0
        job.updated = 0
        job.skipped = 0
        job.failure = ""
        job.createdBy = actor.name
        job.createdAt = Date()
        try await job.create(on: app.db)
        let id = try job.requireID()
        let context = try await app.messageContext()
        let task = Task {
            await check(jobID: id, agencyID: agencyID, path: path, context: context, app: app)
        }
        await app.messageImportProgress.track(id, task)
        return job
    }

    struct PreviewRow: Codable, Sendable {
        var line: Int
        var sourceID: String
        var channel: String
        var receivedOn: CivilDate
        var subject: String
        var completedOn: CivilDate?
        var satisfaction: String?
    }

    private static func check(jobID: Int, agencyID: Int, path: String, context: MessageContext, app: Application) async {
        let progress = app.messageImportProgress
        do {
            let target = try await MessageImporter.target(agencyID: agencyID, context: context, on: app.db)
            let result = try await MessageImporter.check(path: path, target: target, on: app.db) { p in
                await progress.update(jobID, .init(phase: .checking, rows: p.rows, bytes: p.bytes, totalBytes: p.totalBytes))
            }
            guard let job = try await MessageImportJob.find(jobID, on: app.db) else { return }
            job.status = .checked
            job.encoding = result.encoding.rawValue
            job.rows = result.rows
            job.validRows = result.valid
            job.existingRows = result.existing
            job.errorCount = result.errorCount
            job.errorsJSON = String(decoding: try JSONCoding.encoder().encode(result.errors), as: UTF8.self)
            job.previewJSON = String(decoding: try JSONCoding.encoder().encode(result.preview.map {
                PreviewRow(line: $0.line, sourceID: $0.sourceID, channel: $0.channel, receivedOn: $0.receivedOn, subject: $0.subject,
                           completedOn: $0.completedOn, satisfaction: $0.satisfaction?.chineseLabel)
            }), as: UTF8.self)
            try await job.save(on: app.db)
        } catch {
            await fail(jobID, error, app: app)
        }
        await progress.finish(jobID)
    }

    /// Confirms a checked import: the job exists (404), the user handles its agency's messages
    /// (403), it is checked and not yet run (422), the mode is named (422) and, for all or
    /// nothing, the file has no bad row (422).
    static func confirm(jobID: Int, fields: FormFields, staff: StaffPrincipal, actor: AuditActor, app: Application) async throws {
        guard let job = try await MessageImportJob.find(jobID, on: app.db) else { throw AppError.notFound("导入任务") }
        guard staff.can(.handleMessages, inAgency: job.$agency.id) else { throw AppError.forbidden("您不能为该机关导入") }
        guard job.status == .checked else {
            throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "该导入\(job.status.chineseLabel)，不能再次导入")
        }
        guard let mode = MessageImportMode(rawValue: fields["mode"]) else {
            throw AppError.validation(["mode": "请选择导入方式：全部正确才导入，或跳过错误行"])
        }
        if mode == .allOrNothing, job.errorCount > 0 {
            throw AppError(status: .unprocessableEntity, code: "import_rows_invalid",
                           message: "文件有 \(job.errorCount) 行错误：按“全部正确才导入”不能导入。请改正后重新上传，或选择跳过错误行")
        }
        // Claim the job: of two confirmations at once only one starts it.
        let claimed = try await app.db.requireSQL().raw("""
            UPDATE message_import_jobs SET status = \(bind: MessageImportStatus.running.rawValue)
            WHERE id = \(bind: jobID) AND status = \(bind: MessageImportStatus.checked.rawValue) RETURNING id
            """).all()
        guard !claimed.isEmpty else { throw AppError(status: .conflict, code: "edit_conflict", message: "该导入已由他人开始") }
        let context = try await app.messageContext()
        let (agencyID, path) = (job.$agency.id, job.storedPath)
        let task = Task {
            await run(jobID: jobID, agencyID: agencyID, path: path, skipBadRows: mode == .skipBadRows, context: context, actor: actor, app: app)
        }
        await app.messageImportProgress.track(jobID, task)
    }

    private static func run(jobID: Int, agencyID: Int, path: String, skipBadRows: Bool, context: MessageContext, actor: AuditActor, app: Application) async {
        let progress = app.messageImportProgress
        do {
            let target = try await MessageImporter.target(agencyID: agencyID, context: context, on: app.db)
            let outcome = try await MessageImporter.apply(path: path, target: target, skipBadRows: skipBadRows, jobID: jobID, actor: actor,
                                                          on: app.db) { p in
                await progress.update(jobID, .init(phase: .running, rows: p.rows, bytes: p.bytes, totalBytes: p.totalBytes))
            }
            if let job = try await MessageImportJob.find(jobID, on: app.db) {
                job.status = .done
                job.inserted = outcome.inserted
                job.updated = outcome.updated
                job.skipped = outcome.skipped
                job.finishedAt = Date()
                try await job.save(on: app.db)
            }
            try? FileManager.default.removeItem(atPath: path)
        } catch {
            await fail(jobID, error, app: app)
        }
        await progress.finish(jobID)
    }

    private static func fail(_ jobID: Int, _ error: any Error, app: Application) async {
        let message = (error as? AppError).map { $0.fields.isEmpty ? $0.message : $0.fields.values.sorted().joined(separator: "；") }
            ?? (error as? LocalizedError)?.errorDescription ?? "\(error)"
        guard let job = try? await MessageImportJob.find(jobID, on: app.db) else { return }
        job.status = .failed
        job.failure = message
        job.finishedAt = Date()
        try? await job.save(on: app.db)
        try? FileManager.default.removeItem(atPath: job.storedPath)
    }
}
