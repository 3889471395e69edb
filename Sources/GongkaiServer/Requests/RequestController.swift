import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 依申请公开 in the staff console.
enum RequestController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewRequests)
        let context = try await req.requestContext()
        let agencyIDs = Array(staff.agencies(with: .viewRequests))
        let filter = RequestListQuery.Filter(rawValue: req.query[String.self, at: "filter"] ?? "") ?? .open
        let search = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let dueSoon = try? context.calendar.addingWorkingDays(5, to: context.today)
        let query = RequestListQuery(agencyIDs: agencyIDs, filter: filter, search: search, page: page)
        let (requests, total) = try await query.run(on: req.db, today: context.today, dueSoonLimit: dueSoon)
        var counts: [RequestListQuery.Filter: Int] = [:]
        for f in [RequestListQuery.Filter.open, .dueSoon, .overdue, .waitingOnApplicant, .waitingOnThirdParty, .awaitingReceipt] {
            counts[f] = try await RequestListQuery(agencyIDs: agencyIDs, filter: f).count(on: req.db, today: context.today, dueSoonLimit: dueSoon)
        }
        let officerIDs = Set(requests.compactMap { $0.$caseOfficer.id })
        let officers = try await StaffUser.query(on: req.db).filter(\.$id ~~ Array(officerIDs)).all()
        let names = Dictionary(uniqueKeysWithValues: officers.compactMap { u in u.id.map { ($0, u.displayName) } })
        let rows = try requests.map { r in
            let due = r.dueOn.flatMap(CivilDate.init(iso:))
            let overdue = r.isOverdue(today: context.today)
            var remaining = "—"
            if r.status == .running || r.status == .waitingOnThirdParty || r.status == .waitingOnFee, let due, due >= context.today {
                remaining = (try? context.calendar.countWorkingDays(from: context.today.adding(days: 1), through: due)).map { "\($0) 个工作日" } ?? "—"
            }
            return RequestIndexPage.Row(
                id: try r.requireID(), trackingNumber: r.trackingNumber, applicant: r.applicantName,
                description: String(r.description.prefix(40)), channel: r.channel.chineseLabel, receivedOn: r.receivedOn ?? "待确认",
                phase: r.status, overdue: overdue,
                dueOn: r.dueOn ?? (r.receivedOn != nil && r.status != .concluded ? "待定（见详情）" : "—"), remaining: remaining,
                officer: r.$caseOfficer.id.flatMap { names[$0] } ?? "—")
        }
        let model = RequestIndexPage.Model(context: try req.consoleContext(.requests), filter: filter, search: search, rows: rows,
                                           total: total, page: page, canRegister: staff.has(.handleRequests), counts: counts)
        return .html(RequestIndexPage.View(model: model).render())
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        var fields = FormFields()
        fields = FormFields(["agency_id": [String(staff.homeAgencyID)]])
        return try await newPage(req, staff: staff, values: .init(fields: fields))
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleRequests)
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            guard let agencyID = form.int("agency_id"), staff.can(.handleRequests, inAgency: agencyID) else {
                throw AppError.validation(["agency_id": "请选择您负责办理申请的机关"])
            }
            let input = try RequestInput(form: form, agencyID: agencyID, today: context.today)
            let registered = try await RequestIntake.register(input, source: "staff", context: context, by: req.auditActor, on: req.db)
            let flash = registered.possibleDuplicates.isEmpty ? "已登记，查询号 \(registered.request.trackingNumber)"
                : "已登记，查询号 \(registered.request.trackingNumber)。注意：该申请人此前提出过相同或相近的申请（\(registered.possibleDuplicates.map(\.trackingNumber).joined(separator: "、"))），已关联，请核实是否属于重复申请（条例第三十六条第（六）项）"
            return req.redirect(to: .request(.value(try registered.request.requireID())), flash: flash)
        } catch let error as AppError where !error.fields.isEmpty {
            return try await newPage(req, staff: staff, values: .init(fields: form, errors: error.fields), status: .unprocessableEntity)
        }
    }

    private static func newPage(_ req: Request, staff: StaffPrincipal, values: RequestFormViews.Values, status: HTTPResponseStatus = .ok) async throws -> Response {
        let outline = try await AgencyTree.outline(of: Array(staff.agencies(with: .handleRequests)), on: req.db)
        let officers = try await CaseOfficers.list(agencyIDs: Array(staff.agencies(with: .handleRequests)), on: req.db)
        let model = RequestNewPage.Model(
            context: try req.consoleContext(.requests), values: values,
            agencies: outline.compactMap { item in item.agency.id.map { ($0, item.agency.name) } },
            officers: officers, today: req.application.settings.today)
        return .html(RequestNewPage.View(model: model).render(), status: status)
    }


    static func show(req: Request) async throws -> Response {
        try await page(req, revealed: false)
    }

    /// The full identity number and phone, for the request's officers only; every view is audited.
    static func reveal(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.handleRequests)
        let id = try r.requireID()
        try await AuditLog.record("view_full_id", entityType: DisclosureRequest.auditEntityType, entityID: String(id),
                                  summary: "查看申请 \(r.trackingNumber) 申请人的完整证件号码和电话", before: nil, after: nil,
                                  by: req.auditActor, on: req.db)
        return try await page(req, revealed: true)
    }

    static func act(req: Request) async throws -> Response {
        try await perform(req, permission: .handleRequests, allowed: StaffActionParser.officerActions)
    }

    static func approve(req: Request) async throws -> Response {
        try await perform(req, permission: .approveExtensionsAndFees, allowed: StaffActionParser.headActions)
    }

    private static func perform(_ req: Request, permission: Permission, allowed: Set<String>) async throws -> Response {
        let (r, staff) = try await req.disclosureRequest(permission)
        let id = try r.requireID()
        let form = try req.formFields()
        let context = try await req.requestContext()
        do {
            guard allowed.contains(form["action"]) else { throw AppError.forbidden("此事项不在您的办理权限内") }
            let action = try StaffActionParser.parse(form, today: context.today)
            try await RequestService.perform(action, on: id, expectedVersion: form.int("version") ?? -1, context: context,
                                             actor: req.auditActor, actorName: staff.displayName, on: req.db)
            return req.redirect(to: .request(.value(id)), flash: "已办理")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict || error.status == .notFound {
            return try await page(req, revealed: false, error: error.fields.isEmpty ? error.message : nil, errors: error.fields,
                                  status: error.status == .notFound ? .unprocessableEntity : error.status)
        }
    }

    private static func page(_ req: Request, revealed: Bool, error: String? = nil, errors: [String: String] = [:],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let loaded = try await RequestService.load(id, on: req.db)
        let r = loaded.request
        let staff = try req.requireStaff(.viewRequests, inAgency: r.$agency.id)
        let context = try await req.requestContext()
        let clock = RequestClock.evaluate(r.timeline(consultations: loaded.consultations, fees: loaded.fees), calendar: context.calendar,
                                          rules: context.rules, today: context.today)
        let agency = try await r.$agency.get(on: req.db)
        let officer = try await r.$caseOfficer.get(on: req.db)
        let events = try await RequestEvent.query(on: req.db).filter(\.$request.$id == id).sort(\.$id).all()
        let attachments = try await RequestAttachment.query(on: req.db).filter(\.$request.$id == id)
            .field(\.$id).field(\.$filename).field(\.$size).field(\.$request.$id).all()
        var related: [(Int, String)] = []
        if let rel = try await r.$relatedRequest.get(on: req.db) { related.append((try rel.requireID(), rel.trackingNumber)) }
        for other in try await DisclosureRequest.query(on: req.db).filter(\.$relatedRequest.$id == id).all() {
            related.append((try other.requireID(), other.trackingNumber))
        }
        let canHandle = staff.can(.handleRequests, inAgency: r.$agency.id)
        let showFull = revealed && canHandle
        let model = RequestShowPage.Model(
            context: try req.consoleContext(.requests), id: id, version: r.version, trackingNumber: r.trackingNumber, agencyName: agency.name,
            channel: r.channel, source: r.source, submittedOn: r.submittedOn, receivedOn: r.receivedOn, applicantKind: r.applicantKind,
            applicantName: r.applicantName, idTypeLabel: RequestInput.idTypes.first { $0.0 == r.idType }?.1 ?? "证件号码",
            idNumber: showFull ? r.idNumber : Masking.idNumber(r.idNumber), contactPerson: r.contactPerson,
            phone: showFull ? r.phone : Masking.phone(r.phone), email: r.email, address: r.address, revealed: showFull,
            description: r.description, documentNumber: r.documentNumber,
            provision: "\(r.provisionForm.chineseLabel)，\(r.deliveryMethod.chineseLabel)", officerName: officer?.displayName,
            officers: try await CaseOfficers.list(agencyIDs: [r.$agency.id], on: req.db), clock: clock,
            consultations: try loaded.consultations.map { c in
                (try c.requireID(), c.party, c.kind.chineseLabel, c.sentOn, clock.consultationDeadlines[String(try c.requireID())]?.iso ?? "—",
                 c.answeredOn, c.answerSummary)
            },
            fees: try loaded.fees.map { f in
                (try f.requireID(), f.breakdown, f.sentOn, f.paidOn.map { "已缴（\($0)，票据 \(f.receiptNumber ?? "")）" }
                    ?? f.waivedOn.map { "已减免（\($0)）" } ?? "待缴费", f.paidOn == nil && f.waivedOn == nil)
            },
            extensionRequested: r.extensionRequestedDays.map { ($0, r.extensionRequestReason ?? "") }, extensionGranted: r.extensionDays != nil,
            outcome: r.outcome, replyType: r.replyType, letterNumber: r.letterNumber,
            events: events.map { ($0.occurredOn, $0.actorName, $0.summary) },
            attachments: try attachments.map { (try $0.requireID(), $0.filename, $0.size) }, related: related,
            canHandle: canHandle, canApprove: staff.can(.approveExtensionsAndFees, inAgency: r.$agency.id), today: context.today,
            error: error, errors: errors)
        return .html(RequestShowPage.View(model: model).render(), status: status)
    }

    /// The reply letter as issued: printable HTML or Word.
    static func letter(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let letter = try r.issuedLetter()
        if req.query[String.self, at: "format"] == "docx" {
            return document(try letter.docx(), name: "答复书-\(r.trackingNumber).docx")
        }
        return .html(letter.html())
    }

    static func feeNotice(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let id = try r.requireID()
        let feeID = try req.parameters.require("fee", as: Int.self)
        guard let fee = try await RequestFeeNotice.find(feeID, on: req.db), fee.$request.id == id else { throw AppError.notFound("收费通知") }
        let agency = try await r.$agency.get(on: req.db)
        let context = try await req.requestContext()
        let quote = FeeCalculator.quote(fee.method, quantity: fee.quantity, earlierThisMonth: fee.earlierThisMonth)
        let sent = CivilDate(iso: fee.sentOn) ?? context.today
        let due = try? RequestClock.feePaymentDue(receivedOn: fee.applicantReceivedOn.flatMap(CivilDate.init(iso:)) ?? sent,
                                                  calendar: context.calendar, rules: context.rules)
        let doc = FeeNoticeDocument.make(agencyName: agency.name, applicantName: r.applicantName, trackingNumber: r.trackingNumber,
                                         receivedOn: r.receivedOn.flatMap(CivilDate.init(iso:)), quote: quote, paymentDue: due, date: sent)
        return document(try DocxWriter.data(doc), name: "收费通知-\(r.trackingNumber).docx")
    }

    static func document(_ data: Data, name: String) -> Response {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document.docx"
        return Response(status: .ok, headers: [
            "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Content-Disposition": "attachment; filename=\"document.docx\"; filename*=UTF-8''\(encoded)",
        ], body: .init(data: data))
    }

    // MARK: attachments

    struct AttachmentUpload: Content {
        var file: File?
    }

    static let attachmentTypes = ["pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                  "doc": "application/msword", "txt": "text/plain; charset=utf-8"]

    static func upload(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.handleRequests)
        let id = try r.requireID()
        let upload = try req.content.decode(AttachmentUpload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await page(req, revealed: false, error: "请选择要上传的文件", status: .unprocessableEntity)
        }
        let ext = (file.filename as NSString).pathExtension.lowercased()
        guard let type = attachmentTypes[ext] else {
            return try await page(req, revealed: false, error: "只能上传 PDF、图片（JPG、PNG）、Word 或文本文件", status: .unprocessableEntity)
        }
        let a = RequestAttachment()
        a.$request.id = id
        a.filename = String(file.filename.prefix(200))
        a.contentType = type
        a.size = file.data.readableBytes
        a.data = Data(file.data.readableBytesView)
        a.uploadedAt = Date()
        a.uploadedBy = req.auditActor.name
        try await req.db.transaction { tx in
            try await a.create(on: tx)
            try await AuditLog.record("attach", entityType: DisclosureRequest.auditEntityType, entityID: String(id),
                                      summary: "\(r.trackingNumber)：上传附件 \(a.filename)（\(a.size) 字节）", before: nil, after: nil,
                                      by: req.auditActor, on: tx)
        }
        return req.redirect(to: .request(.value(id)), flash: "已上传 \(a.filename)")
    }

    static func download(req: Request) async throws -> Response {
        let (r, _) = try await req.disclosureRequest(.viewRequests)
        let id = try r.requireID()
        let fileID = try req.parameters.require("file", as: Int.self)
        guard let a = try await RequestAttachment.find(fileID, on: req.db), a.$request.id == id else { throw AppError.notFound("附件") }
        let encoded = a.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        return Response(status: .ok, headers: ["Content-Type": a.contentType,
                                               "Content-Disposition": "attachment; filename=\"attachment\"; filename*=UTF-8''\(encoded)"],
                        body: .init(data: a.data))
    }
}
