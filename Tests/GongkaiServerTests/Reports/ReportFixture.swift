import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Vapor

/// A county with report duties: the township's writer and head, the county's supervisor and
/// head, a supervisor placed in the bureau itself, and 2025 records for the township.
struct ReportFixture {
    let app: Application
    let county: County
    var township: Int { try! county.township.requireID() }
    var bureau: Int { try! county.bureau.requireID() }
    var government: Int { try! county.government.requireID() }

    static let today: CivilDate = "2026-01-20"
    static let year = 2025

    static func make(_ app: Application, requests: Int = 40) async throws -> ReportFixture {
        let county = try await County.make(on: app)
        try await county.user("town.writer", [.publisher], in: county.township, on: app)
        try await county.user("town.head", [.officeHead], in: county.township, on: app)
        try await county.user("edu.head", [.officeHead], in: county.bureau, on: app)
        try await county.user("edu.supervisor", [.supervisor], in: county.bureau, on: app)
        try await county.user("gov.supervisor", [.supervisor], in: county.government, on: app)
        try await county.user("gov.head", [.officeHead], in: county.government, on: app)
        let calendar = try await app.calendarStore.calendar(on: app.db)
        let ids = [try county.township.requireID(), try county.bureau.requireID(), try county.government.requireID()]
        let rows = SyntheticRequests.generate(count: requests, agencyIDs: ids, years: 2024...2025, today: today, calendar: calendar, seed: 77)
        try await SyntheticRequests.insert(rows, on: app.db)
        return ReportFixture(app: app, county: county)
    }

    func staff(_ username: String) async throws -> StaffPrincipal {
        let user = try await StaffUser.query(on: app.db).filter(\.$username == username).first()!
        return try await StaffPrincipal.load(user, on: app.db)
    }

    func actor(_ username: String) -> AuditActor {
        AuditActor(userID: nil, name: username, requestID: "test", ipAddress: "")
    }

    /// Every table-二 figure of the year entered (0 except a few).
    func enterFigures(agencyID: Int, year: Int = year, by username: String) async throws {
        let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
        var fields: [String: [String]] = [:]
        for cell in ReportFigureService.tableTwoCells(schema) {
            fields["value.\(cell.rawValue)"] = [cell.rawValue.contains("admin_penalty") ? "12" : cell == ReportSchema.feeAmountCell ? "3.25" : "0"]
            fields["source.\(cell.rawValue)"] = ["县司法局行政执法统计"]
        }
        _ = try await ReportFigureService.save(agencyID: agencyID, year: year, fields: FormFields(fields), staff: try await staff(username),
                                               by: actor(username), on: app.db)
    }

    /// Starts the report and writes every section with no placeholder left.
    func writtenReport(agencyID: Int, year: Int = year, by username: String) async throws -> AgencyReport {
        let report = try await ReportService.start(agencyID: agencyID, year: year, staff: try await staff(username), today: Self.today,
                                                   by: actor(username), on: app.db)
        return try await ReportService.edit(try report.requireID(), fields: FormFields([
            "version": [String(report.version)],
            "overview": ["（一）主动公开\n本年度主动公开政府信息。\n（二）依申请公开\n全年共收到政府信息公开申请{{requests.new_received}}件，结转下年度继续办理{{requests.carried_over_out}}件。"
                         + "\n（三）政府信息管理\n开展公开属性源头认定。\n（四）政府信息公开平台建设\n维护政府网站。\n（五）监督保障\n开展培训。"],
            "problems": ["主动公开的及时性有待提高。下一步将加强培训。"],
        ]), staff: try await staff(username), by: actor(username), on: app.db)
    }

    func step(_ report: AgencyReport, _ step: ReportStep, comment: String = "", by username: String, today: CivilDate = today) async throws -> AgencyReport {
        let current = try await AgencyReport.find(try report.requireID(), on: app.db)!
        return try await ReportService.perform(try report.requireID(), fields: FormFields([
            "step": [step.rawValue], "version": [String(current.version)], "comment": [comment],
        ]), staff: try await staff(username), today: today, deadlines: ReportDeadlineRules(), by: actor(username), on: app.db).0
    }

    func composed(_ report: AgencyReport) async throws -> ComposedReport {
        let current = try await AgencyReport.find(try report.requireID(), on: app.db)!
        let agency = try await Agency.find(current.$agency.id, on: app.db)!
        return try await ReportComposer.compose(agency: agency, year: current.year, record: current, deadlines: ReportDeadlineRules(), on: app.db)
    }
}
