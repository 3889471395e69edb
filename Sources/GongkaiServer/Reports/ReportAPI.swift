import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Annual reports through the staff JSON API: the same services as the console.
enum ReportAPI {
    /// The year's reports of every agency the user writes, signs off or reviews.
    static func index(req: Request) async throws -> [ReportProgressDTO] {
        let staff = try req.requireStaff()
        let settings = req.application.settings
        let year = try ReportProgressQuery.year(req.query[Int.self, at: "year"], today: settings.today)
        let reach = staff.agencies(with: .prepareReports).union(staff.agencies(with: .signOffReports)).union(staff.agencies(with: .reviewReports))
        let outline = try await AgencyTree.outline(of: Array(reach), on: req.db).filter { reach.contains($0.agency.id ?? -1) }
        return try await ReportProgressQuery.list(outline, year: year, deadlines: settings.reportDeadlines, on: req.db)
            .map { ReportProgressDTO($0, year: year, today: settings.today) }
    }

    /// Starts a report with its first draft: `{"agency_id": 3, "year": 2025}` (the one already
    /// started is returned with 200).
    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.prepareReports)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请提供 agency_id"]) }
        guard let year = fields.int("year") else { throw AppError.validation(["year": "请提供 year"]) }
        let existed = try await ReportService.find(agencyID: agencyID, year: year, on: req.db) != nil
        let report = try await ReportService.start(agencyID: agencyID, year: year, staff: staff, today: req.application.settings.today,
                                                   by: req.auditActor, on: req.db)
        let response = Response(status: existed ? .ok : .created)
        try response.content.encode(try await dto(req, report))
        response.headers.replaceOrAdd(name: .location, value: APIURL.agencyReport(.value(try report.requireID())).path)
        return response
    }

    static func show(req: Request) async throws -> AgencyReportDTO {
        let report = try await ReportService.load(try req.parameters.require("id", as: Int.self), staff: try req.requireStaff(), on: req.db)
        return try await dto(req, report)
    }

    /// Saves the text: `{"version": 3, "overview": "…", "problems": "…", "other_matters": "…",
    /// "include_subtree": false, "regenerate_fee_statement": true, "ack.<warning key>": "reason"}`;
    /// keys left out are unchanged.
    static func update(req: Request) async throws -> AgencyReportDTO {
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let report = try await ReportService.edit(try req.parameters.require("id", as: Int.self), fields: fields, staff: try req.requireStaff(),
                                                  by: req.auditActor, on: req.db)
        return try await dto(req, report)
    }

    /// Takes a step: `{"version": 4, "step": "submit", "comment": "…"}`.
    static func step(req: Request) async throws -> AgencyReportDTO {
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let settings = req.application.settings
        let (report, _) = try await ReportService.perform(try req.parameters.require("id", as: Int.self), fields: fields, staff: try req.requireStaff(),
                                                          today: settings.today, deadlines: settings.reportDeadlines, by: req.auditActor, on: req.db)
        return try await dto(req, report)
    }

    /// Enters table-二 figures: `{"figures": [{"cell": "t2.art20_6.admin_penalty.decisions_this_year",
    /// "value": 12, "source": "县司法局行政执法统计"}]}`; a null or empty value clears the figure.
    static func figures(req: Request) async throws -> AgencyReportDTO {
        struct Body: Decodable {
            struct Figure: Decodable {
                var cell: String
                var value: Value?
                var source: String?
            }
            /// A number or a string, as clients send either.
            struct Value: Decodable {
                var text: String
                init(from decoder: any Decoder) throws {
                    let c = try decoder.singleValueContainer()
                    if let d = try? c.decode(Decimal.self) { text = d.plain } else { text = try c.decode(String.self) }
                }
            }
            var figures: [Figure]
        }
        let staff = try req.requireStaff()
        let report = try await ReportService.load(try req.parameters.require("id", as: Int.self), staff: staff, on: req.db)
        let body: Body
        do { body = try JSONCoding.decoder().decode(Body.self, from: Data(buffer: req.body.data ?? ByteBuffer())) } catch {
            throw AppError.badRequest("请求体应为 {\"figures\": [{\"cell\": …, \"value\": …, \"source\": …}]}")
        }
        var values: [String: [String]] = [:]
        for figure in body.figures {
            values["value.\(figure.cell)"] = [figure.value?.text ?? ""]
            values["source.\(figure.cell)"] = [figure.source ?? ""]
        }
        _ = try await ReportFigureService.save(agencyID: report.$agency.id, year: report.year, fields: try FormFields(values).requireSafeText(),
                                               staff: staff, by: req.auditActor, on: req.db)
        return try await dto(req, report)
    }

    private static func dto(_ req: Request, _ record: AgencyReport) async throws -> AgencyReportDTO {
        try AgencyReportDTO(try await ReportDetailQuery.load(record, deadlines: req.application.settings.reportDeadlines, on: req.db))
    }
}
