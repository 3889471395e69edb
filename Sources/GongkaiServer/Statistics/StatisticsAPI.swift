import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Tables 三 and 四 of a year, computed from the records, with the cross-checks' verdict.
struct StatisticsDTO: Content {
    var year: Int
    var formatVersion: ReportFormatVersion
    var agencyIds: [Int]
    /// Cell id (`t3.new_received.total`, `t4.admin_review.upheld` …) → count.
    var cells: [String: Int]
    var findings: [Finding]
    var passed: [PassedCheck]
}

enum StatisticsAPI {
    static func show(req: Request) async throws -> StatisticsDTO {
        let staff = try req.requireStaff(.viewRequests)
        let year = try StatisticsScope.year(try req.parameters.require("year", as: Int.self), today: req.application.settings.today)
        let scope = try await StatisticsScope.resolve(staff, agencyID: req.query[Int.self, at: "agency_id"],
                                                      includeSubtree: req.query[Bool.self, at: "subtree"] ?? false, on: req.db)
        let report = try await RequestStatistics.report(agencyIDs: scope.agencyIDs, year: year, on: req.db)
        let checks = CrossChecks.run(report)
        return StatisticsDTO(year: year, formatVersion: report.formatVersion, agencyIds: scope.agencyIDs,
                             cells: Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, NSDecimalNumber(decimal: $0.value).intValue) }),
                             findings: checks.findings, passed: checks.passed)
    }
}

struct ReviewCaseDTO: Content {
    var id: Int
    var version: Int
    var agencyId: Int
    var requestId: Int?
    var kind: ReviewKind
    var filedOn: String
    var body: String
    var caseNumber: String
    var result: ReviewResult
    var decidedOn: String?
    var summary: String
    var reopenedRequestId: Int?

    init(_ c: ReviewCase) throws {
        id = try c.requireID(); version = c.version; agencyId = c.$agency.id; requestId = c.$request.id; kind = c.kind; filedOn = c.filedOn
        body = c.body; caseNumber = c.caseNumber; result = c.result; decidedOn = c.decidedOn; summary = c.summary
        reopenedRequestId = c.$reopenedRequest.id
    }
}

enum ReviewCaseAPI {
    static func index(req: Request) async throws -> [ReviewCaseDTO] {
        let staff = try req.requireStaff(.viewRequests)
        let query = ReviewCase.query(on: req.db).filter(\.$agency.$id ~~ Array(staff.agencies(with: .viewRequests)))
        if let year = req.query[Int.self, at: "year"] { query.filter(\.$filedOn >= "\(year)-01-01").filter(\.$filedOn <= "\(year)-12-31") }
        return try await query.sort(\.$filedOn).sort(\.$id).all().map(ReviewCaseDTO.init)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let input = try ReviewCaseInput(form: fields, today: req.application.settings.today)
        guard staff.can(.handleRequests, inAgency: input.agencyID) else { throw AppError.forbidden("您不能为该机关登记案件") }
        let c = try await ReviewCaseService.register(input, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try ReviewCaseDTO(c))
        response.headers.replaceOrAdd(name: .location, value: APIURL.reviewCase(.value(try c.requireID())).path)
        return response
    }

    /// Records the decision: `{"version": N, "result": "corrected", "decided_on": "2024-05-10"}`.
    static func decide(req: Request) async throws -> ReviewCaseDTO {
        let id = try req.parameters.require("id", as: Int.self)
        guard let c = try await ReviewCase.find(id, on: req.db) else { throw AppError.notFound("复议诉讼案件") }
        _ = try req.requireStaff(.handleRequests, inAgency: c.$agency.id)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        let context = try await req.requestContext()
        return try ReviewCaseDTO(try await ReviewCaseService.decide(id, try ReviewDecision(form: fields, today: context.today),
                                                                   expectedVersion: version, context: context, by: req.auditActor, on: req.db))
    }
}
