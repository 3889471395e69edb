import Fluent
import Foundation
import GongkaiCore
import Vapor


enum RequestAPI {
    static func index(req: Request) async throws -> RequestListDTO {
        let staff = try req.requireStaff(.viewRequests)
        let context = try await req.requestContext()
        let filterText = req.query[String.self, at: "filter"] ?? "open"
        guard let filter = RequestListQuery.Filter(rawValue: filterText) else {
            throw AppError.validation(["filter": "filter 应为 " + RequestListQuery.Filter.allCases.map(\.rawValue).joined(separator: "、")])
        }
        var agencyIDs = Array(staff.agencies(with: .viewRequests))
        if let agency = req.query[Int.self, at: "agency_id"] {
            guard agencyIDs.contains(agency) else { throw AppError.forbidden("您不能查看该机关的申请") }
            agencyIDs = [agency]
        }
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let query = RequestListQuery(agencyIDs: agencyIDs, filter: filter, officerID: req.query[Int.self, at: "case_officer_id"],
                                     search: req.query[String.self, at: "q"], page: page)
        let (rows, total) = try await query.run(on: req.db, today: context.today,
                                                dueSoonLimit: try? context.calendar.addingWorkingDays(5, to: context.today))
        return RequestListDTO(total: total, page: page, pageSize: RequestListQuery.pageSize,
                              requests: try rows.map { try RequestDTO($0, today: context.today) })
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请提供受理机关 agency_id"]) }
        guard staff.can(.handleRequests, inAgency: agencyID) else { throw AppError.forbidden("您不能为该机关登记申请") }
        let context = try await req.requestContext()
        let registered = try await RequestIntake.register(try RequestInput(form: fields, agencyID: agencyID, today: context.today),
                                                          source: "api", context: context, by: req.auditActor, on: req.db)
        let id = try registered.request.requireID()
        let response = Response(status: .created)
        try response.content.encode(try await detail(id, context: context, on: req.db))
        response.headers.replaceOrAdd(name: .location, value: APIURL.request(.value(id)).path)
        if !registered.possibleDuplicates.isEmpty {
            response.headers.replaceOrAdd(name: "X-Possible-Duplicates", value: registered.possibleDuplicates.map(\.trackingNumber).joined(separator: ","))
        }
        return response
    }

    static func show(req: Request) async throws -> RequestDetailDTO {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let id = try r.requireID()
        return try await detail(id, context: try await req.requestContext(), on: req.db)
    }

    static func act(req: Request) async throws -> RequestDetailDTO {
        try await perform(req, permission: .handleRequests, allowed: StaffActionParser.officerActions)
    }

    static func approve(req: Request) async throws -> RequestDetailDTO {
        try await perform(req, permission: .approveExtensionsAndFees, allowed: StaffActionParser.headActions)
    }

    /// The same steps as the console, as JSON: `{"action": "...", "version": N, ...fields}`.
    private static func perform(_ req: Request, permission: Permission, allowed: Set<String>) async throws -> RequestDetailDTO {
        let (r, staff) = try await req.disclosureRequest(permission)
        let id = try r.requireID()
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let version = fields.int("version") else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        let context = try await req.requestContext()
        let action = try StaffActionParser.parse(fields, today: context.today)
        guard allowed.contains(fields["action"]) else {
            throw AppError.forbidden(permission == .handleRequests ? "此事项须由政府信息公开工作机构负责人办理（/approvals）" : "此事项由承办人办理（/actions）")
        }
        try await RequestService.perform(action, on: id, expectedVersion: version, context: context, actor: req.auditActor,
                                         actorName: staff.displayName, on: req.db)
        return try await detail(id, context: context, on: req.db)
    }

    /// The reply letter as issued, as JSON; `?format=docx` gives the Word document.
    static func letter(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let letter = try r.issuedLetter()
        if req.query[String.self, at: "format"] == "docx" {
            return RequestController.document(try letter.docx(), name: "答复书-\(r.trackingNumber).docx")
        }
        let response = Response(status: .ok)
        try response.content.encode(letter, as: .json)
        return response
    }

    static func detail(_ id: Int, context: RequestContext, on db: any Database) async throws -> RequestDetailDTO {
        let loaded = try await RequestService.load(id, on: db)
        let r = loaded.request
        let clock = RequestClock.evaluate(r.timeline(consultations: loaded.consultations, fees: loaded.fees), calendar: context.calendar,
                                          rules: context.rules, today: context.today)
        let events = try await RequestEvent.query(on: db).filter(\.$request.$id == id).sort(\.$id).all()
        return RequestDetailDTO(
            request: try RequestDTO(r, today: context.today),
            clock: .init(phase: clock.phase, startOn: clock.startOn, dueOn: clock.dueOn, isProvisional: clock.isProvisional,
                         periodDays: clock.periodDays, countedDays: clock.countedDays, remainingDays: clock.remainingDays,
                         isOverdue: clock.isOverdue, concludedOnTime: clock.concludedOnTime, correctionNoticeDue: clock.correctionNoticeDue,
                         feePaymentDue: clock.feePaymentDue, notes: clock.notes, problem: clock.problem),
            consultations: try loaded.consultations.map { c in
                let cid = try c.requireID()
                return .init(id: cid, kind: c.kind, party: c.party, sentOn: c.sentOn, deadline: clock.consultationDeadlines[String(cid)]?.iso,
                             answeredOn: c.answeredOn, summary: c.answerSummary)
            },
            feeNotices: try loaded.fees.map { f in
                .init(id: try f.requireID(), method: f.method, quantity: f.quantity, amount: f.amount, breakdown: f.breakdown, sentOn: f.sentOn,
                      paidOn: f.paidOn, receiptNumber: f.receiptNumber, waivedOn: f.waivedOn)
            },
            events: events.map { .init(occurredOn: $0.occurredOn, kind: $0.kind, actor: $0.actorName, summary: $0.summary) })
    }
}
