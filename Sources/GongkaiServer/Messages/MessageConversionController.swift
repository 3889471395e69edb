import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Between requests and messages, in the console (`MessageConversion` does the work).
enum MessageConversionController {
    /// The registration form of a request, filled in from the message.
    static func form(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let m = try await PublicMessage.find(id, on: req.db) else { throw AppError.notFound("来信") }
        _ = try req.requireStaff(.handleMessages, inAgency: m.$agency.id)
        // Name and phone masked, as in lists (shown in full only after 查看完整姓名和电话, audited):
        // left as they are, the conversion copies the stored ones (`MessageConversion.applicant`).
        let fields = FormFields([
            "applicant_name": [Masking.name(m.senderName)], "phone": [Masking.phone(m.senderPhone)], "description": [m.content],
            "version": [String(m.version)],
        ])
        return try await page(req, message: m, fields: fields, errors: [:])
    }

    static func convert(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            let r = try await MessageConversion.messageToRequest(fields: form, messageID: id, staff: staff, actor: req.auditActor,
                                                                 requestContext: try await req.requestContext(),
                                                                 messageContext: try await req.messageContext(), on: req.db)
            return req.redirect(to: .request(.value(try r.requireID())), flash: "已转为依申请公开，查询号 \(r.trackingNumber)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            guard let m = try await PublicMessage.find(id, on: req.db) else { throw error }
            return try await page(req, message: m, fields: form, errors: error.fields.isEmpty ? ["form": error.message] : error.fields,
                                  status: error.status)
        }
    }

    private static func page(_ req: Request, message m: PublicMessage, fields: FormFields, errors: [String: String],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let channel = MessageConversion.requestChannel(for: m.channelKind)
        let model = MessageToRequestPage.Model(
            context: try req.consoleContext(.messages), id: try m.requireID(), reference: m.reference, channel: channel,
            submittedOn: m.receivedOn, values: RequestFormViews.Values(fields: fields, errors: errors))
        return .html(MessageToRequestPage.View(model: model).render(), status: status)
    }

    /// A request that is really a complaint: one step from the request's page.
    static func fromRequest(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff()
        let form = try req.formFields()
        do {
            let m = try await MessageConversion.requestToMessage(fields: form, requestID: id, staff: staff, actor: req.auditActor,
                                                                 requestContext: try await req.requestContext(),
                                                                 messageContext: try await req.messageContext(), on: req.db)
            return req.redirect(to: .message(.value(try m.requireID())), flash: "已转为政民互动，查询号 \(m.trackingNumber ?? "")；原申请已按“信访举报投诉类申请”办结")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return req.redirect(to: .request(.value(id)), flash: "未能转为政民互动：\(error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: "；"))")
        }
    }
}
