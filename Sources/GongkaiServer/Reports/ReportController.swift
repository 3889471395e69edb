import Fluent
import GongkaiCore
import Vapor

/// The staff console's annual reports: the year's reports of the user's agencies and of those
/// below them, one report's page (text, table 二 figures, checks, workflow), the roll-up.
enum ReportController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let settings = req.application.settings
        let year = try ReportProgressQuery.year(req.query[Int.self, at: "year"], today: settings.today)
        let own = staff.agencies(with: .prepareReports).union(staff.agencies(with: .signOffReports))
        let reviewed = staff.agencies(with: .reviewReports)
        let ownOutline = try await AgencyTree.outline(of: Array(own), on: req.db).filter { own.contains($0.agency.id ?? -1) }
        let subtree = try await AgencyTree.outline(of: Array(reviewed), on: req.db).filter { reviewed.contains($0.agency.id ?? -1) }
        let model = ReportIndexPage.Model(
            context: try req.consoleContext(.reports), year: year, today: settings.today,
            own: try await ReportProgressQuery.list(ownOutline, year: year, deadlines: settings.reportDeadlines, on: req.db),
            canStart: Set(staff.agencies(with: .prepareReports)),
            reviewed: try await ReportProgressQuery.list(subtree, year: year, deadlines: settings.reportDeadlines, on: req.db),
            canImport: staff.has(.prepareReports))
        return .html(ReportIndexPage.View(model: model).render())
    }

    static func start(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.prepareReports)
        let form = try req.formFields()
        guard let agencyID = form.int("agency_id"), let year = form.int("year") else {
            throw AppError.validation(["agency_id": "请选择机关和年度"])
        }
        let report = try await ReportService.start(agencyID: agencyID, year: year, staff: staff, today: req.application.settings.today,
                                                   by: req.auditActor, on: req.db)
        return req.redirect(to: .report(.value(try report.requireID())), flash: "已生成 \(year) 年度报告初稿：请补充【请填写…】处的内容并填报表二数据")
    }

    static func show(req: Request) async throws -> Response {
        try await page(req, id: try req.parameters.require("id", as: Int.self))
    }

    static func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            _ = try await ReportService.edit(id, fields: form, staff: staff, by: req.auditActor, on: req.db)
            return req.redirect(to: .report(.value(id)), flash: "已保存")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, values: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    static func saveFigures(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        let report = try await ReportService.load(id, staff: staff, on: req.db)
        do {
            let changed = try await ReportFigureService.save(agencyID: report.$agency.id, year: report.year, fields: form, staff: staff,
                                                             by: req.auditActor, on: req.db)
            return req.redirect(to: .report(.value(id)), flash: changed == 0 ? "表二数据没有变化" : "已保存表二数据（\(changed) 项变化）")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, figureValues: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    static func importFigures(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.prepareReports)
        struct Upload: Content { var file: File?; var year: Int? }
        let upload = try req.safeContent(Upload.self)
        let year = upload.year ?? ReportProgressQuery.currentYear(today: req.application.settings.today)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return req.redirect(to: .reports(year: year), flash: "请选择要导入的 CSV 文件")
        }
        // Decoded strictly: UTF-8 (with or without BOM), else GBK/GB18030, else refused.
        let text: String
        do {
            text = try CSVText.decode(file.data.getBytes(at: file.data.readerIndex, length: file.data.readableBytes) ?? [])
        } catch let error as CSVStreamError {
            return req.redirect(to: .reports(year: year), flash: "导入失败，未写入任何数据：" + error.message)
        }
        guard SafeText.problem(text) == nil else {
            return req.redirect(to: .reports(year: year), flash: "导入失败：文件应为 UTF-8 或 GBK 编码的 CSV 文本")
        }
        do {
            let changed = try await ReportFigureService.importCSV(text, staff: staff, by: req.auditActor, on: req.db)
            return req.redirect(to: .reports(year: year), flash: "已导入表二数据：\(changed) 项变化")
        } catch let error as AppError where error.status != .forbidden {
            return req.redirect(to: .reports(year: year), flash: "导入失败，未写入任何数据：" + (error.fields.values.first ?? error.message))
        }
    }

    static func step(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        let settings = req.application.settings
        do {
            let (report, published) = try await ReportService.perform(id, fields: form, staff: staff, today: settings.today,
                                                                      deadlines: settings.reportDeadlines, by: req.auditActor, on: req.db)
            var flash = "年度报告：\(ReportStep(rawValue: form["step"])?.chineseLabel ?? "")，当前状态：\(report.status.chineseLabel)"
            if let published { flash += "（第 \(published.versionNo) 版已在门户公开）" }
            return req.redirect(to: .report(.value(id)), flash: flash)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, errors: error.fields, error: error.fields.values.first ?? error.message, status: error.status)
        }
    }

    static func rollup(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let settings = req.application.settings
        let year = try ReportProgressQuery.year(req.query[Int.self, at: "year"], today: settings.today)
        let reach = staff.agencies(with: .reviewReports)
        let outline = try await AgencyTree.outline(of: Array(reach), on: req.db).filter { reach.contains($0.agency.id ?? -1) }
        guard let root = req.query[Int.self, at: "agency"] ?? outline.first?.agency.id, reach.contains(root) else {
            throw AppError.forbidden("您不能查看该机关的汇总")
        }
        let rollup = try await ReportRollup.of(root: root, year: year, visible: reach, deadlines: settings.reportDeadlines, on: req.db)
        let model = ReportRollupPage.Model(
            context: try req.consoleContext(.reports), year: year, today: settings.today, rootID: root,
            agencies: outline.compactMap { item in item.agency.id.map { (String($0), String(repeating: "　", count: item.depth) + item.agency.name) } },
            rollup: rollup)
        return .html(ReportRollupPage.View(model: model).render())
    }

    private static func page(_ req: Request, id: Int, values: FormFields? = nil, figureValues: FormFields? = nil,
                             errors: [String: String] = [:], error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.requireStaff()
        let settings = req.application.settings
        let detail = try await ReportDetailQuery.load(try await ReportService.load(id, staff: staff, on: req.db),
                                                      deadlines: settings.reportDeadlines, on: req.db)
        let record = detail.record, agency = detail.agency
        let agencyID = try agency.requireID()
        let hasChildren = try await Agency.query(on: req.db).filter(\.$parent.$id == agencyID).count() > 0
        var steps: [ReportStep] = []
        for step in ReportStep.allCases {
            let allowed: Bool
            if let permission = ReportAccess.permission(for: step) {
                allowed = staff.can(permission, inAgency: agencyID)
            } else {
                allowed = try await ReportAccess.canReview(staff, agencyID: agencyID, on: req.db)
            }
            let supervised = agency.$parent.id != nil
            // Offer a step the user may take and the status allows; readiness is explained on the page.
            if allowed, ReportWorkflow.problem(with: step, status: record.status, hasSupervisingAgency: supervised,
                                               blockingFindings: 0, unacknowledgedWarnings: 0) == nil {
                steps.append(step)
            }
        }
        let model = ReportPage.Model(
            context: try req.consoleContext(.reports), composed: detail.composed, record: record, today: settings.today,
            canEdit: staff.can(.prepareReports, inAgency: agencyID) && record.status.isEditable, hasChildren: hasChildren,
            steps: steps, events: detail.events, versions: detail.versions, values: values, figureValues: figureValues, errors: errors, error: error)
        return .html(ReportPage.View(model: model).render(), status: status)
    }
}
