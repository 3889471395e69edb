import Fluent
import Foundation
import GongkaiCore
import Vapor

/// 政民互动 in the staff console. The API (`MessageAPI`) calls the same services and queries.
enum MessageController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewMessages)
        let context = try await req.messageContext()
        let filter = MessageListQuery.Filter(rawValue: req.query[String.self, at: "filter"] ?? "") ?? .open
        let search = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let query = MessageListQuery(agencyIDs: Array(staff.agencies(with: .viewMessages)), filter: filter, search: search,
                                     page: PageNumber.parse(req.query[String.self, at: "page"]))
        let list = try await query.run(context: context, on: req.db)
        let names = try await agencyNames(list.messages.map { $0.$agency.id }, on: req.db)
        let model = MessageIndexPage.Model(
            context: try req.consoleContext(.messages), filter: filter, search: search,
            rows: try list.messages.map { try MessageIndexPage.Row($0, agencyName: names[$0.$agency.id] ?? "", today: context.today) },
            total: list.total, page: query.page, canHandle: staff.has(.handleMessages), counts: list.counts)
        return .html(MessageIndexPage.View(model: model).render())
    }

    /// The list as CSV (UTF-8 with BOM, opens in Excel and WPS); names and phones masked.
    static func export(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewMessages)
        let context = try await req.messageContext()
        let filter = MessageListQuery.Filter(rawValue: req.query[String.self, at: "filter"] ?? "") ?? .all
        let query = MessageListQuery(agencyIDs: Array(staff.agencies(with: .viewMessages)), filter: filter,
                                     search: req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces))
        var csv = "\u{FEFF}" + CSV.line(["查询号或工单编号", "机关", "渠道", "类型", "标题", "来信人", "联系电话", "收到日期", "状态", "办理期限",
                                          "办结日期", "按期", "满意度", "评价方式"]) + "\r\n"
        try await query.forEachPage(context: context, on: req.db) { page in
            let names = try await agencyNames(page.map { $0.$agency.id }, on: req.db)
            for m in page {
                csv += CSV.line([
                    m.reference, names[m.$agency.id] ?? "", m.channelName, m.kind.chineseLabel, m.subject,
                    m.senderName.isEmpty ? "" : Masking.name(m.senderName), m.senderPhone.isEmpty ? "" : Masking.phone(m.senderPhone),
                    m.receivedOn.iso, m.status.chineseLabel, m.dueOn?.iso ?? "", m.completedOn?.iso ?? "",
                    m.onTime.map { $0 ? "是" : "否" } ?? "", m.satisfaction?.chineseLabel ?? "", m.ratingSource?.chineseLabel ?? "",
                ]) + "\r\n"
            }
        }
        return .download(Data(csv.utf8), type: .csv, filename: "政民互动-\(filter.rawValue)-\(context.today.iso).csv")
    }

    static func agencyNames(_ ids: [Int], on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        let agencies = try await Agency.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a.shortName) } })
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        return try await newPage(req, staff: staff, fields: FormFields(["agency_id": [String(staff.homeAgencyID)]]), errors: [:])
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        let form = try req.formFields()
        do {
            let m = try await MessageIntake.register(fields: form, staff: staff, context: try await req.messageContext(), actor: req.auditActor, on: req.db)
            return req.redirect(to: .message(.value(try m.requireID())), flash: "已登记，查询号 \(m.trackingNumber ?? "")")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await newPage(req, staff: staff, fields: form, errors: error.fields, status: .unprocessableEntity)
        }
    }

    private static func newPage(_ req: Request, staff: StaffPrincipal, fields: FormFields, errors: [String: String],
                                status: HTTPResponseStatus = .ok) async throws -> Response {
        let ids = Array(staff.agencies(with: .handleMessages))
        let outline = try await AgencyTree.outline(of: ids, on: req.db).filter { $0.agency.id.map(ids.contains) ?? false }
        let agencyID = fields.int("agency_id") ?? staff.homeAgencyID
        let channels = ids.contains(agencyID) ? try await MessageChannels.list(agencyID: agencyID, on: req.db) : []
        let model = MessageNewPage.Model(
            context: try req.consoleContext(.messages), fields: fields, errors: errors,
            agencies: outline.compactMap { item in item.agency.id.map { (String($0), item.agency.name) } },
            channels: channels.compactMap { c in c.id.map { (String($0), c.name) } }, today: req.application.settings.today)
        return .html(MessageNewPage.View(model: model).render(), status: status)
    }

    static func show(req: Request) async throws -> Response {
        try await page(req, id: try req.parameters.require("id", as: Int.self), revealed: false)
    }

    /// The full name and phone, for the message's handlers only; every view is audited.
    static func reveal(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let m = try await PublicMessage.find(id, on: req.db) else { throw AppError.notFound("来信") }
        _ = try req.requireStaff(.handleMessages, inAgency: m.$agency.id)
        try await MessageService.recordPersonalDataView(of: m, actor: req.auditActor, on: req.db)
        return try await page(req, id: id, revealed: true)
    }

    static func act(req: Request) async throws -> Response { try await perform(req, door: .handleMessages) }
    static func approve(req: Request) async throws -> Response { try await perform(req, door: .approveMessageReplies) }

    private static func perform(_ req: Request, door: Permission) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            try await MessageService.perform(fields: form, door: door, messageID: id, staff: staff, actor: req.auditActor,
                                             context: try await req.messageContext(), on: req.db)
            let m = try await PublicMessage.find(id, on: req.db)
            // After a transfer the user may no longer see the message: back to the list.
            if let m, MessageService.canView(m, staff: staff) { return req.redirect(to: .message(.value(id)), flash: "已办理") }
            return req.redirect(to: .messages, flash: "已办理")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, id: id, revealed: false, error: error.fields.isEmpty ? error.message : nil, errors: error.fields,
                                  status: error.status)
        }
    }

    static func page(_ req: Request, id: Int, revealed: Bool, error: String? = nil, errors: [String: String] = [:],
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = try await req.messageContext()
        let staff = try req.requireStaff()
        let detail = try await MessageDetailQuery.load(id, visibleTo: staff, context: context, on: req.db)
        let model = try MessageShowPage.Model(detail: detail, context: try req.consoleContext(.messages), staff: staff, revealed: revealed,
                                              today: context.today, error: error, errors: errors)
        return .html(MessageShowPage.View(model: model).render(), status: status)
    }
}
