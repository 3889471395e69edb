import Fluent
import Foundation
import GongkaiCore

/// The one door to annual reports, for the console and the API alike: start a draft, edit its
/// text, enter table-二 figures, and take it through the workflow (submit, return, approve,
/// publish, correct). Every change is one transaction with its audit entry.
enum ReportService {
    static let maxSectionLength = 20_000

    /// Starts the agency's report on the year with a first draft, or returns the one already started.
    static func start(agencyID: Int, year: Int, staff: StaffPrincipal, today: CivilDate, by actor: AuditActor,
                      on db: any Database) async throws -> AgencyReport {
        guard staff.can(.prepareReports, inAgency: agencyID) else { throw AppError.forbidden("您不能编写该机关的年度报告") }
        try RequestStatistics.checkYear(year)
        guard year <= today.year else { throw AppError.validation(["year": "\(year) 年尚未开始，不能编写该年度的报告"]) }
        if let existing = try await find(agencyID: agencyID, year: year, on: db) { return existing }
        guard let agency = try await Agency.find(agencyID, on: db) else { throw AppError.notFound("机构") }
        let fees = try await ReportComposer.paidFees(agencyIDs: [agencyID], year: year, on: db)
        // The draft quotes the messages' figures when the agency, or an agency under it, keeps its
        // messages here: the draft is written once, before the report's scope is chosen, and a
        // county-wide report (`includeSubtree`) quotes the subtree's figures — a county whose
        // departments keep the messages would otherwise start without them. The figures
        // themselves resolve in the report's scope (`ReportComposer.compose`).
        let subtree = try await AgencyTree.subtreeIDs(of: [agencyID], on: db)
        let messages = try await ReportComposer.messageTally(agencyIDs: subtree, year: year, on: db)
        // And the register's when it publishes here.
        let register = try await PublicationFigures.reportPart(agencyIDs: [agencyID], year: year, on: db)
        let draft = ReportDraft.sections(agencyName: agency.name, year: year,
                                         sources: .init(publications: register.published != nil, messages: messages.received > 0),
                                         feeStatement: FeeStatement.text(paidAmounts: fees))
        let report = AgencyReport(agencyID: agencyID, year: year, sections: draft)
        try await db.writeTransaction { tx in
            try await report.create(on: tx)
            try await AuditLog.record(.create, report, summary: "起草\(agency.shortName) \(year) 年度报告", before: nil, by: actor, on: tx)
        }
        return report
    }

    static func find(agencyID: Int, year: Int, on db: any Database) async throws -> AgencyReport? {
        try await AgencyReport.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$year == year).first()
    }

    static func load(_ id: Int, staff: StaffPrincipal, on db: any Database) async throws -> AgencyReport {
        guard let report = try await AgencyReport.find(id, on: db) else { throw AppError.notFound("年度报告") }
        try ReportAccess.requireView(staff, agencyID: report.$agency.id)
        return report
    }

    /// Saves the written sections, the county-wide choice and the reasons given for warnings
    /// (`ack.<warning key>`). Only a draft or a returned report is edited.
    static func edit(_ id: Int, fields: FormFields, staff: StaffPrincipal, by actor: AuditActor,
                     on db: any Database) async throws -> AgencyReport {
        let report = try await load(id, staff: staff, on: db)
        guard staff.can(.prepareReports, inAgency: report.$agency.id) else { throw AppError.forbidden("您不能编写该机关的年度报告") }
        guard report.status.isEditable else { throw locked(report.status) }
        let version = try fields.version()
        var errors: [String: String] = [:]
        for name in ["overview", "problems", "other_matters"] where fields.raw(name).count > maxSectionLength {
            errors[name] = "不能超过 \(maxSectionLength) 个字"
        }
        var acknowledgements = report.acknowledgements
        for name in fields.names where name.hasPrefix("ack.") {
            let key = String(name.dropFirst(4)), reason = fields[name]
            if reason.count > 500 { errors[name] = "理由不能超过 500 个字" }
            acknowledgements[key] = reason.isEmpty ? nil : reason
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let accepted = acknowledgements
        // "按收费记录重写": section 六's fee statement rewritten from the fee records as they are now.
        var regenerated: String?
        if fields.all("regenerate_fee_statement").contains(where: { ["1", "true", "on"].contains($0) }) {
            let agencyIDs = report.includeSubtree ? try await AgencyTree.subtreeIDs(of: [report.$agency.id], on: db) : [report.$agency.id]
            regenerated = FeeStatement.text(paidAmounts: try await ReportComposer.paidFees(agencyIDs: agencyIDs, year: report.year, on: db))
        }
        let feeStatement = regenerated
        return try await db.writeTransaction { tx in
            let claimed = try await OptimisticLock.claim(table: AgencyReport.schema, id: id, expectedVersion: version, what: "年度报告", on: tx)
            let before = report.auditSnapshot
            report.version = claimed
            if fields.has("overview") { report.overview = Self.text(fields.raw("overview")) }
            if fields.has("problems") { report.problems = Self.text(fields.raw("problems")) }
            if fields.has("other_matters") { report.otherMatters = Self.text(fields.raw("other_matters")) }
            if let feeStatement { report.otherMatters = FeeStatement.replace(in: report.otherMatters, with: feeStatement) }
            // The form sends a hidden 0 before the checkbox, so an unticked box is a choice too.
            if fields.has("include_subtree") { report.includeSubtree = fields.all("include_subtree").contains { ["1", "true", "on"].contains($0) } }
            report.acknowledgements = accepted
            try await report.save(on: tx)
            try await AuditLog.record(.update, report, summary: "修改 \(report.year) 年度报告", before: before, by: actor, on: tx)
            return report
        }
    }

    /// Text as stored: Windows line breaks folded, trailing spaces trimmed.
    static func text(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func locked(_ status: ReportStatus) -> AppError {
        AppError(status: .conflict, code: "report_locked",
                 message: "报告\(status.chineseLabel)，不能修改\(status == .published ? "：如需更正，请先选择“更正”再发布新版本" : status == .submitted ? "：请等待上级审核或退回" : "")")
    }
}
