import Foundation
import GongkaiCore
import Vapor

/// 报告体检 on the web: a public page, the same in the staff console, and a JSON endpoint.
enum ReportCheckController {
    struct Upload: Content {
        var file: File?
        var previous: File?
        var text: String?
    }

    static func portalForm(req: Request) -> Response {
        .html(PortalReportCheckPage.render(form: formModel(req, action: SiteURL.reportCheck.path), result: nil))
    }

    static func portalCheck(req: Request) async throws -> Response {
        let form = formModel(req, action: SiteURL.reportCheck.path)
        do {
            let result = try await check(req)
            return .html(PortalReportCheckPage.render(form: form, result: result))
        } catch let error as ReportReadError {
            var failed = form
            failed.error = error.message
            return .html(PortalReportCheckPage.render(form: failed, result: nil), status: .unprocessableEntity)
        }
    }

    static func consoleForm(req: Request) throws -> Response {
        .html(ConsoleReportCheckPage.render(context: try req.consoleContext(.reportCheck),
                                            form: formModel(req, action: SiteURL.consoleReportCheck.path), result: nil))
    }

    static func consoleCheck(req: Request) async throws -> Response {
        let context = try req.consoleContext(.reportCheck)
        let form = formModel(req, action: SiteURL.consoleReportCheck.path)
        do {
            return .html(ConsoleReportCheckPage.render(context: context, form: form, result: try await check(req)))
        } catch let error as ReportReadError {
            var failed = form
            failed.error = error.message
            return .html(ConsoleReportCheckPage.render(context: context, form: failed, result: nil), status: .unprocessableEntity)
        }
    }

    /// POST /api/v1/report-checks: multipart (`file`, optional `previous`) or the file itself as
    /// the body with `?name=report.docx`. 200 with the result when read; 422 when unreadable.
    static func api(req: Request) async throws -> ReportCheckResult {
        do {
            if req.headers.contentType?.type == "multipart" { return try await check(req) }
            guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw ReportReadError(message: "请求体为空：请上传报告文件") }
            let name = req.query[String.self, at: "name"] ?? "report"
            let data = Data(buffer.readableBytesView)
            let gate = req.application.reportCheckGate, client = req.clientAddress
            return try await ClientConnection.cancellingWhenClosed(req) {
                try await gate.run(client: client) {
                    let file = try await ReportFileLoader.file(name: name, data: data)
                    return try await CPUWork.run { try ReportChecker.check(file) }
                }
            }
        } catch let error as ReportReadError {
            throw AppError(status: .unprocessableEntity, code: "report_unreadable", message: error.message)
        }
    }

    /// Reading is bounded: one upload per client and a few in all at once (429 beyond), external
    /// tools under time and memory limits, parsing on a dispatch thread; when the client goes
    /// away, the tool is killed and the slot given back at once.
    private static func check(_ req: Request) async throws -> ReportCheckResult {
        let upload = try req.safeContent(Upload.self)
        let gate = req.application.reportCheckGate, client = req.clientAddress
        return try await ClientConnection.cancellingWhenClosed(req) { try await gate.run(client: client) {
            let file: ReportFile
            if let uploaded = upload.file, uploaded.data.readableBytes > 0 {
                file = try await ReportFileLoader.file(name: uploaded.filename, data: Data(uploaded.data.readableBytesView))
            } else if let text = upload.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                file = ReportFile(name: "粘贴的文本", data: Data(text.utf8), kind: .text)
            } else {
                throw ReportReadError(message: "请选择报告文件或粘贴报告全文")
            }
            var previous: ReportFile?
            if let p = upload.previous, p.data.readableBytes > 0 {
                previous = try await ReportFileLoader.file(name: p.filename, data: Data(p.data.readableBytesView))
            }
            return try await CPUWork.run { [previous] in
                try ReportChecker.check(file, previous: try previous.flatMap(ReportChecker.report(from:)))
            }
        } }
    }

    private static func formModel(_ req: Request, action: String) -> ReportCheckViews.FormModel {
        .init(action: action, csrfToken: req.csrfToken, error: nil, pdfSupported: ReportFileLoader.pdfToText != nil,
              sizeLimit: ByteSize.chinese(req.application.settings.uploadMaxBytes))
    }
}

extension ReportCheckResult: Content {}
