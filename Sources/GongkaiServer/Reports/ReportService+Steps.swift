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
        let version = try fields.version()
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
        if [.submit, .approve, .publish].contains(step), !yearEnded(report.year, today: today) {
            throw AppError(status: .unprocessableEntity, code: "step_not_allowed",
                           message: "\(report.year) 年度尚未结束：年度报告在 \(report.year + 1) 年 1 月 1 日起才能报送、审核和发布（现在可以起草）")
        }
        let comment = fields["comment"]
        guard comment.count <= 2000 else { throw AppError.validation(["comment": "意见不能超过 2000 个字"]) }
        let snapshot = snapshotJSON(composed)
        switch step {
        case .returnToAgency:
            guard !comment.isEmpty else { throw AppError.validation(["comment": "请写明退回的意见"]) }
        case .approve:
            if !sameAsSubmitted(snapshot, composed, report.submittedCells) { throw changedSinceSubmission }
            let submitter = try await ReportEvent.query(on: db).filter(\.$report.$id == id).filter(\.$step == .submit)
                .sort(\.$occurredAt, .descending).first()
            if let submitter, Self.sameActor(submitter, actor) { throw AppError.forbidden("报送人不能审核自己报送的报告") }
        case .publish:
            if supervised, !sameAsSubmitted(snapshot, composed, report.submittedCells) { throw changedSinceSubmission }
            if report.publishedVersion != nil, comment.isEmpty {
                throw AppError.validation(["comment": "请写明更正说明（更正了什么、为什么），它将与新版本一同公开"])
            }
            if report.publishedVersion != nil, let latest = try await PublishedReportQuery.latest(agencyID: agencyID, year: report.year, on: db),
               let previous = try? latest.document.report,
               previous.cells == composed.report.cells, previous.sections == composed.report.sections {
                throw AppError(status: .unprocessableEntity, code: "step_not_allowed",
                               message: "更正后的报告与已发布的第 \(latest.versionNo) 版完全相同：请先修改需要更正的内容再发布")
            }
        case .correct:
            guard !comment.isEmpty else { throw AppError.validation(["comment": "请写明需要更正的内容"]) }
        case .submit:
            break
        }
        return try await db.writeTransaction { tx in
            let claimed = try await OptimisticLock.claim(table: AgencyReport.schema, id: id, expectedVersion: version, what: "年度报告", on: tx)
            let before = report.auditSnapshot
            report.version = claimed
            var published: PublishedReport?
            switch step {
            case .submit:
                report.status = .submitted
                report.submittedCells = snapshot
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
        message: "报送后统计数据或报告文字中引用的数据发生了变化（有新录入或修改的申请、案件、表二数据、政民互动或收费记录），上级审核的不是现在的报告：请退回后重新报送")

    /// Whether the step's actor is the one recorded: the same user when both are known (a user
    /// renamed, or acting under another name, is still the same); else the same name.
    static func sameActor(_ event: ReportEvent, _ actor: AuditActor) -> Bool {
        if let recorded = event.actorUserID, let userID = actor.userID { return recorded == userID }
        return event.actorName == actor.name
    }

    /// Whether the year has ended (today is after 31 December of it): only then is a report on it
    /// submitted, approved or published (Art. 49 reports the past year; table 二 is "as of 31 December").
    static func yearEnded(_ year: Int, today: CivilDate) -> Bool { today.year > year }

    /// What the supervising office reviews, as canonical JSON: the cells, the sections as they will
    /// be published (live figures resolved) and the live values themselves, so that a figure quoted
    /// in the text changing after submission is a change too.
    static func snapshotJSON(_ composed: ComposedReport) -> String {
        struct Snapshot: Encodable {
            var cells: [String: String]
            var live: [String: String]
            var sections: [String: String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let report = composed.report
        let snapshot = Snapshot(
            cells: Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, $0.value.plain) }),
            live: Dictionary(uniqueKeysWithValues: composed.liveValues.map { ($0.key.rawValue, $0.value) }),
            sections: Dictionary(uniqueKeysWithValues: report.sections.map { ($0.key.rawValue, $0.value) }))
        return String(decoding: (try? encoder.encode(snapshot)) ?? Data(), as: UTF8.self)
    }

    /// A report submitted before the snapshot covered the text kept only its cells; those are compared.
    static func sameAsSubmitted(_ snapshot: String, _ composed: ComposedReport, _ submitted: String) -> Bool {
        submitted.hasPrefix("{\"cells\":") ? snapshot == submitted : cellsJSON(composed.report) == submitted
    }

    /// The cells as canonical JSON (the snapshot of reports submitted before it covered the text).
    static func cellsJSON(_ report: AnnualReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let cells = Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, $0.value.plain) })
        return String(decoding: (try? encoder.encode(cells)) ?? Data(), as: UTF8.self)
    }
}
