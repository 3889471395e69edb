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
        let form = try req.formFields()
        do {
            let c = try await ChallengeService.register(fields: form, staff: staff, today: req.application.settings.today,
                                                        by: req.auditActor, on: req.db)
            return req.redirect(to: .challenges, flash: "已登记\(c.kind.chineseLabel)案件 \(c.caseNumber)")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await page(req, staff: staff, values: form, errors: error.fields, status: .unprocessableEntity)
        }
    }

    static func decide(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            let saved = try await ChallengeService.decide(fields: form, caseID: id, staff: staff, context: context, by: req.auditActor, on: req.db)
            var flash = "已记录案件 \(saved.caseNumber) 的结果：\(saved.result.chineseLabel)"
            if let reopened = try await saved.$reopenedRequest.get(on: req.db) { flash += "；已重新办理为申请 \(reopened.trackingNumber)" }
            return req.redirect(to: .challenges, flash: flash)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let message = error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: "；")
            return try await page(req, staff: staff, error: message, status: error.status)
        }
    }

    /// Corrects whether the agency is the reconsideration body sued as co-defendant.
    static func correctCoDefendant(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            let saved = try await ChallengeService.correctCoDefendant(fields: form, caseID: id, staff: staff, by: req.auditActor, on: req.db)
            let counted = saved.asCoDefendant ? "本机关作为复议机关共同被告，不计入本机关表四" : "计入本机关表四"
            return req.redirect(to: .challenges, flash: "已更正案件 \(saved.caseNumber)：\(counted)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let message = error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: "；")
            return try await page(req, staff: staff, error: message, status: error.status)
        }
    }

    /// The new reply's period a corrective decision set, in its words (nil when it set none).
    private static func orderedPeriod(_ c: ChallengeCase) -> String? {
        guard c.orderBasis != nil, let received = c.decisionReceivedOn else { return nil }
        return c.replyPeriod.chineseLabel(received: received)
    }

    private static func page(_ req: Request, staff: StaffPrincipal, values: FormFields = FormFields(), errors: [String: String] = [:],
                             error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let reach = Array(staff.agencies(with: .viewRequests))
        let year = req.query[String.self, at: "year"].flatMap(Int.init)
        let cases = try await ChallengeListQuery.list(agencyIDs: reach, year: year, on: req.db)
        let handling = staff.agencies(with: .handleRequests)
        let outline = try await AgencyTree.outline(of: Array(handling), on: req.db).filter { $0.agency.id.map(handling.contains) ?? false }
        var values = values
        if values["agency_id"].isEmpty { values.set("agency_id", String(staff.homeAgencyID)) }
        let model = ChallengeIndexPage.Model(
            context: try req.consoleContext(.challenges), year: year,
            rows: try cases.map { c in
                ChallengeIndexPage.Row(
                    id: try c.requireID(), version: c.version, agency: c.agency.shortName, kind: c.kind, filedOn: c.filedOn.iso,
                    body: c.body, caseNumber: c.caseNumber, result: c.result, decidedOn: c.decidedOn?.iso, summary: c.summary,
                    request: try c.request.map { (try $0.requireID(), $0.trackingNumber) },
                    reopened: try c.reopenedRequest.map { (try $0.requireID(), $0.trackingNumber) },
                    orderedPeriod: orderedPeriod(c), asCoDefendant: c.asCoDefendant, canDecide: handling.contains(c.$agency.id))
            },
            agencies: outline.compactMap { item in item.agency.id.map { (String($0), item.agency.name) } },
            values: values, errors: errors, error: error, today: req.application.settings.today)
        return .html(ChallengeIndexPage.View(model: model).render(), status: status)
    }
}
