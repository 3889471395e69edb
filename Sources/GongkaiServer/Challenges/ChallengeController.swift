import Fluent
import GongkaiCore
import Vapor

/// The register of reconsideration and litigation cases about disclosure decisions.
enum ChallengeController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewRequests)
        return try await page(req, staff: staff)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        var form = try req.formFields()
        let today = req.application.settings.today
        do {
            try await resolveTrackingNumber(&form, on: req.db)
            let input = try ChallengeInput(form: form, today: today)
            guard staff.can(.handleRequests, inAgency: input.agencyID) else { throw AppError.validation(["agency_id": "请选择您负责办理的机关"]) }
            let c = try await ChallengeService.register(input, by: req.auditActor, on: req.db)
            return req.redirect(to: .challenges, flash: "已登记\(c.kind.chineseLabel)案件 \(c.caseNumber)")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await page(req, staff: staff, values: form, errors: error.fields, status: .unprocessableEntity)
        }
    }

    static func decide(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let c = try await ChallengeCase.find(id, on: req.db) else { throw AppError.notFound("复议诉讼案件") }
        let staff = try req.requireStaff(.handleRequests, inAgency: c.$agency.id)
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            let decision = try ChallengeDecision(form: form, today: context.today)
            let saved = try await ChallengeService.decide(id, decision, expectedVersion: form.int("version") ?? -1, context: context,
                                                           by: req.auditActor, on: req.db)
            var flash = "已记录案件 \(saved.caseNumber) 的结果：\(saved.result.chineseLabel)"
            if let reopened = try await saved.$reopenedRequest.get(on: req.db) { flash += "；已重新办理为申请 \(reopened.trackingNumber)" }
            return req.redirect(to: .challenges, flash: flash)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let message = error.fields.isEmpty ? error.message : "案件 \(c.caseNumber)：" + error.fields.values.sorted().joined(separator: "；")
            return try await page(req, staff: staff, error: message, status: error.status)
        }
    }

    /// The console form names the request by its tracking number; the API by its id.
    static func resolveTrackingNumber(_ form: inout FormFields, on db: any Database) async throws {
        let tracking = form["request_tracking_number"].uppercased()
        guard !tracking.isEmpty else { return }
        guard let r = try await DisclosureRequest.query(on: db).filter(\.$trackingNumber == tracking).first() else {
            throw AppError.validation(["request_tracking_number": "没有查询号为 \(tracking) 的申请"])
        }
        form.set("request_id", String(try r.requireID()))
    }

    private static func page(_ req: Request, staff: StaffPrincipal, values: FormFields = FormFields(), errors: [String: String] = [:],
                             error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let reach = Array(staff.agencies(with: .viewRequests))
        let year = req.query[Int.self, at: "year"]
        let query = ChallengeCase.query(on: req.db).filter(\.$agency.$id ~~ reach).with(\.$agency).with(\.$request).with(\.$reopenedRequest)
        if let year { query.filter(\.$filedOn >= "\(year)-01-01").filter(\.$filedOn <= "\(year)-12-31") }
        let cases = try await query.sort(\.$filedOn, .descending).sort(\.$id, .descending).range(0..<500).all()
        let handling = staff.agencies(with: .handleRequests)
        let outline = try await AgencyTree.outline(of: Array(handling), on: req.db).filter { $0.agency.id.map(handling.contains) ?? false }
        var values = values
        if values["agency_id"].isEmpty { values.set("agency_id", String(staff.homeAgencyID)) }
        let model = ChallengeIndexPage.Model(
            context: try req.consoleContext(.challenges), year: year,
            rows: try cases.map { c in
                ChallengeIndexPage.Row(id: try c.requireID(), version: c.version, agency: c.agency.shortName, kind: c.kind, filedOn: c.filedOn,
                                body: c.body, caseNumber: c.caseNumber, result: c.result, decidedOn: c.decidedOn, summary: c.summary,
                                request: try c.request.map { (try $0.requireID(), $0.trackingNumber) },
                                reopened: try c.reopenedRequest.map { (try $0.requireID(), $0.trackingNumber) },
                                canDecide: handling.contains(c.$agency.id))
            },
            agencies: outline.compactMap { item in item.agency.id.map { (String($0), item.agency.name) } },
            values: values, errors: errors, error: error, today: req.application.settings.today)
        return .html(ChallengeIndexPage.View(model: model).render(), status: status)
    }
}
