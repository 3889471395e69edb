import Fluent
import GongkaiCore
import Vapor

/// An agency's channels and its own time limits (the platform's defaults are settings).
enum MessageSettingsController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewMessages)
        return try await page(req, staff: staff, agencyID: req.query[Int.self, at: "agency_id"], errors: [:])
    }

    private static func page(_ req: Request, staff: StaffPrincipal, agencyID requested: Int?, errors: [String: String],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let reach = staff.agencies(with: .viewMessages)
        let agencyID = requested ?? (reach.contains(staff.homeAgencyID) ? staff.homeAgencyID : reach.sorted().first ?? 0)
        guard reach.contains(agencyID) else { throw AppError.forbidden("您不能查看该机关的设置") }
        let outline = try await AgencyTree.outline(of: Array(reach), on: req.db).filter { $0.agency.id.map(reach.contains) ?? false }
        let channels = try await MessageChannels.list(agencyID: agencyID, on: req.db)
        let rules = try await MessageTimeLimit.query(on: req.db).filter(\.$agency.$id == agencyID).all().map(\.rule)
        let settings = req.application.settings
        let model = MessageSettingsPage.Model(
            context: try req.consoleContext(.messages), agencyID: agencyID,
            agencies: outline.compactMap { item in item.agency.id.map { (String($0), item.agency.name) } },
            channels: channels.map { ($0.name, $0.kind.chineseLabel) }, rules: rules, defaultDays: settings.messageDefaultDays,
            consultationDays: settings.messageConsultationDays, canEdit: staff.can(.handleMessages, inAgency: agencyID), errors: errors)
        return .html(MessageSettingsPage.View(model: model).render(), status: status)
    }

    /// Replaces the agency's own limits: `channel_<kind>` (a channel kind, any message) and
    /// `kind_<kind>` (a message kind, any channel), in working days; blank for none.
    static func update(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.handleMessages)
        let form = try req.formFields()
        guard let agencyID = form.int("agency_id") else { throw AppError.validation(["agency_id": "请选择机关"]) }
        guard staff.can(.handleMessages, inAgency: agencyID) else { throw AppError.forbidden("您不能修改该机关的办理时限") }
        var rules: [MessageTimeLimitRule] = []
        var errors: [String: String] = [:]
        func days(_ name: String, _ label: String) -> Int? {
            guard !form[name].isEmpty else { return nil }
            guard let n = Int(form[name]), (1...100).contains(n) else { errors[name] = "\(label)的时限应为 1–100 个工作日"; return nil }
            return n
        }
        for c in MessageChannelKind.allCases { if let n = days("channel_\(c.rawValue)", c.chineseLabel) { rules.append(.init(channel: c, kind: nil, days: n)) } }
        for k in MessageKind.allCases { if let n = days("kind_\(k.rawValue)", k.chineseLabel) { rules.append(.init(channel: nil, kind: k, days: n)) } }
        if !errors.isEmpty { return try await page(req, staff: staff, agencyID: agencyID, errors: errors, status: .unprocessableEntity) }
        try await MessageChannels.replaceLimits(agencyID: agencyID, rules: rules, actor: req.auditActor, on: req.db)
        return req.redirect(to: .messageSettings, flash: "已保存办理时限（此后收到的来信适用）")
    }
}
