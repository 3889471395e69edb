import Fluent
import Foundation
import GongkaiCore

extension ReportService {
    /// Takes a step (`step`: submit, return, approve, publish, correct) with its `comment` (the
    /// return comment, the correction note) on the `version` last read. Refused with the reason
    /// when the report is not ready (errors, unacknowledged warnings), when the user lacks the
    /// duty, or when the records changed after the supervising office saw the report.
    @discardableResult
    static func perform(_ id: Int, fields: FormFields, staff: StaffPrincipal, today: CivilDate, deadlines: ReportDeadlineRules,
                        by actor: AuditActor, on db: any Database) async throws -> (AgencyReport, PublishedReport?) {
        let report = try await load(id, staff: staff, on: db)
        guard let step = ReportStep(rawValue: fields["step"]) else {
            throw AppError.validation(["step": "步骤应为 \(ReportStep.allCases.map(\.rawValue).joined(separator: "、")) 之一"])
        }
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        let agencyID = report.$agency.id
        if let permission = ReportAccess.permission(for: step) {
            guard staff.can(permission, inAgency: agencyID) else { throw AppError.forbidden("您没有“\(permission.chineseLabel)”的权限") }
        } else {
            guard try await ReportAccess.canReview(staff, agencyID: agencyID, on: db) else {
                throw AppError.forbidden("只有上级机关的监督人员才能\(step.chineseLabel)；本机关不能审核自己的报告")
            }
        }
        guard let agency = try await Agency.find(agencyID, on: db) else { throw AppError.notFound("机构") }
        let composed = try await ReportComposer.compose(agency: agency, year: report.year, record: report, deadlines: deadlines, on: db)
        let supervised = agency.$parent.id != nil
        if let problem = ReportWorkflow.problem(with: step, status: report.status, hasSupervisingAgency: supervised,
                                                blockingFindings: composed.readiness.errors.count,
                                                unacknowledgedWarnings: composed.unacknowledged.count) {
            throw AppError(status: .unprocessableEntity, code: "step_not_allowed", message: problem)
        }
        let comment = fields["comment"]
        guard comment.count <= 2000 else { throw AppError.validation(["comment": "意见不能超过 2000 个字"]) }
        let cells = cellsJSON(composed.report)
        switch step {
        case .returnToAgency:
            guard !comment.isEmpty else { throw AppError.validation(["comment": "请写明退回的意见"]) }
        case .approve:
            if cells != report.submittedCells { throw changedSinceSubmission }
            let submitter = try await ReportEvent.query(on: db).filter(\.$report.$id == id).filter(\.$step == .submit)
                .sort(\.$occurredAt, .descending).first()
            if submitter?.actorName == actor.name { throw AppError.forbidden("报送人不能审核自己报送的报告") }
        case .publish:
            if supervised, cells != report.submittedCells { throw changedSinceSubmission }
            if report.publishedVersion != nil, comment.isEmpty {
                throw AppError.validation(["comment": "请写明更正说明（更正了什么、为什么），它将与新版本一同公开"])
            }
        case .correct:
            guard !comment.isEmpty else { throw AppError.validation(["comment": "请写明需要更正的内容"]) }
        case .submit:
            break
        }
        return try await db.transaction { tx in
            try await OptimisticLock.claim(table: AgencyReport.schema, id: id, expectedVersion: version, what: "年度报告", on: tx)
            let before = report.auditSnapshot
            report.version = version + 1
            var published: PublishedReport?
            switch step {
            case .submit:
                report.status = .submitted
                report.submittedCells = cells
                report.returnComment = ""
            case .returnToAgency:
                report.status = .returned
                report.returnComment = comment
            case .approve:
                report.status = .approved
            case .publish:
                let number = (report.publishedVersion ?? 0) + 1
                let document = composed.document(status: .published, version: number, publishedOn: today,
                                                  correctionNote: number > 1 ? comment : nil)
                let p = try PublishedReport(agencyID: agencyID, year: report.year, versionNo: number, publishedOn: today, by: actor,
                                            correctionNote: number > 1 ? comment : "", document: document)
                try await p.create(on: tx)
                published = p
                report.status = .published
                report.publishedVersion = number
            case .correct:
                report.status = .draft
                report.submittedCells = ""
            }
            try await report.save(on: tx)
            try await ReportEvent(reportID: id, step: step, comment: comment, by: actor).create(on: tx)
            var summary = "\(agency.shortName) \(report.year) 年度报告：\(step.chineseLabel)"
            if let published { summary += "（第 \(published.versionNo) 版）" }
            try await AuditLog.record(.report(step), report, summary: summary, before: before, by: actor, on: tx)
            return (report, published)
        }
    }

    static let changedSinceSubmission = AppError(
        status: .conflict, code: "records_changed",
        message: "报送后统计数据发生了变化（有新录入或修改的申请、案件或表二数据），上级审核的不是现在的数据：请退回后重新报送")

    /// The cells as canonical JSON, to tell whether they changed.
    static func cellsJSON(_ report: AnnualReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let cells = Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, $0.value.plain) })
        return String(decoding: (try? encoder.encode(cells)) ?? Data(), as: UTF8.self)
    }
}
