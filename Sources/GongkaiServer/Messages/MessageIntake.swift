import Fluent
import Foundation
import GongkaiCore

/// Registering messages: from the agency's mailbox on the portal, or by staff (a call, a
/// letter, a visit). Imports have their own path (`MessageImporter`).
enum MessageIntake {
    static let maxName = 50
    static let maxSubject = 100
    static let maxContent = 5_000

    /// 查询号: `MB` + date + five characters without look-alikes (not guessable from another's).
    static func trackingNumber(on date: CivilDate) -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<5).map { _ in alphabet.randomElement(using: &generator)! })
        return "MB" + date.iso.replacingOccurrences(of: "-", with: "").dropFirst(2) + "-" + suffix
    }

    /// What the sender (or staff for him) writes.
    struct Letter: Sendable {
        var senderName: String
        var senderPhone: String
        var subject: String
        var content: String
        var kind: MessageKind
        var publicationAllowed: Bool

        /// The same field names on the portal form, the console form and the API.
        init(fields f: FormFields, nameRequired: Bool) throws {
            var e: [String: String] = [:]
            senderName = f["sender_name"]
            senderPhone = f["sender_phone"]
            subject = f["subject"]
            content = f["content"]
            publicationAllowed = ["1", "on", "true", "yes"].contains(f["publication_allowed"].lowercased())
            let k = MessageKind(rawValue: f["kind"])
            kind = k ?? .other
            if k == nil { e["kind"] = "请选择类型（咨询、建议、投诉、举报、求助、表扬、其他）" }
            if nameRequired && senderName.isEmpty { e["sender_name"] = "请填写姓名" }
            if senderName.count > MessageIntake.maxName { e["sender_name"] = "姓名不能超过 \(MessageIntake.maxName) 个字" }
            switch PhoneNumberRule.problem(senderPhone) {
            case nil: break
            case _ where senderPhone == PersonalDataKeyRegistry.unreadable:
                e["sender_phone"] = "原联系电话无法解密（缺少加密它的密钥），请向来信人核实后填写"
            case .character(let c)?: e["sender_phone"] = PhoneNumberRule.Problem.character(c).description
            case .tooFewDigits?, .tooLong?: e["sender_phone"] = "请填写联系电话（7–20 位数字），查询答复时需要其后 4 位"
            }
            if subject.isEmpty { e["subject"] = "请填写标题" } else if subject.count > MessageIntake.maxSubject { e["subject"] = "标题不能超过 \(MessageIntake.maxSubject) 个字" }
            if content.count < 5 { e["content"] = "请写明您反映的问题或建议（至少 5 个字）" }
            else if content.count > MessageIntake.maxContent { e["content"] = "内容不能超过 \(MessageIntake.maxContent) 个字，请精简后再提交" }
            if !e.isEmpty { throw AppError.validation(e) }
        }
    }

    /// A letter to the agency's mailbox (the controller has checked the form token, the
    /// honeypot and the rate limits).
    static func submitMailbox(_ letter: Letter, agency: Agency, receivedAt: Date, context: MessageContext, actor: AuditActor,
                              on db: any Database) async throws -> PublicMessage {
        let agencyID = try agency.requireID()
        let channel = try await MessageChannels.mailbox(agencyID: agencyID, on: db)
        return try await insert(letter, agencyID: agencyID, channel: channel, source: .mailbox, receivedAt: receivedAt,
                                receivedOn: context.today, context: context, actor: actor,
                                summary: "网上信箱收到来信：\(letter.subject)", on: db)
    }

    /// The staff door, console and API alike: `agency_id` named (422) → the user handles
    /// messages there (403) → the fields (422).
    static func register(fields: FormFields, staff: StaffPrincipal, context: MessageContext, actor: AuditActor,
                         on db: any Database) async throws -> PublicMessage {
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请选择受理机关"]) }
        guard staff.can(.handleMessages, inAgency: agencyID) else { throw AppError.forbidden("您不能为该机关登记来信") }
        var errors: [String: String] = [:]
        let letter: Letter?
        do { letter = try Letter(fields: fields, nameRequired: false) } catch let e as AppError { errors = e.fields; letter = nil }
        let channels = try await MessageChannels.list(agencyID: agencyID, on: db)
        let channel = channels.first { String($0.id ?? 0) == fields["channel_id"] || $0.name == fields["channel"] }
        if channel == nil { errors["channel_id"] = "请选择渠道（\(channels.map(\.name).joined(separator: "、"))）" }
        var receivedOn = context.today
        if !fields["received_on"].isEmpty {
            if let d = CivilDate(iso: fields["received_on"]) { receivedOn = d } else { errors["received_on"] = "收到日期“\(fields["received_on"])”无效，应为 YYYY-MM-DD" }
        }
        if receivedOn > context.today { errors["received_on"] = "收到日期不能晚于今天" }
        if !errors.isEmpty { throw AppError.validation(errors) }
        // A date typed by staff is that day at noon in Beijing (the instant only orders the day's items).
        let receivedAt = receivedOn == context.today && fields["received_on"].isEmpty
            ? Date() : Date(timeIntervalSince1970: TimeInterval(receivedOn.dayNumber * 86_400 + 4 * 3600))
        return try await insert(letter!, agencyID: agencyID, channel: channel!, source: .staff, receivedAt: receivedAt, receivedOn: receivedOn,
                                context: context, actor: actor, summary: "登记来信（\(channel!.name)）：\(letter!.subject)", on: db)
    }

    /// Writes a checked message with its first history line and audit entry, in one transaction.
    static func insert(
        _ letter: Letter, agencyID: Int, channel: MessageChannel, source: MessageSource, receivedAt: Date, receivedOn: CivilDate,
        context: MessageContext, actor: AuditActor, summary: String, fromRequestID: Int? = nil,
        sourceID: String? = nil, clockStartsOn: CivilDate? = nil, on db: any Database
    ) async throws -> PublicMessage {
        let limits = try await MessageChannels.limits(agencyID: agencyID, context: context, on: db)
        let (days, basis) = limits.limit(channel: channel.kind, kind: letter.kind)
        return try await db.writeTransaction { tx in
            let m = PublicMessage()
            m.version = 1
            m.$agency.id = agencyID
            m.trackingNumber = try await uniqueTrackingNumber(on: receivedOn, db: tx)
            m.source = source
            m.channelName = channel.name
            m.channelKind = channel.kind
            m.kind = letter.kind
            m.senderName = letter.senderName
            m.senderPhone = letter.senderPhone
            m.subject = letter.subject
            m.content = letter.content
            m.publicationAllowed = letter.publicationAllowed
            m.receivedAt = receivedAt
            m.receivedOn = receivedOn
            m.timeLimitDays = days
            m.timeLimitBasis = basis
            m.status = .received
            m.assignedUnit = ""
            m.reply = ""
            m.publication = .notAllowed
            m.$fromRequest.id = fromRequestID
            m.sourceID = sourceID
            // A clock started after the receipt (a message back from a request): the time limit runs
            // from then, as after a transfer, while the receipt keeps the item's period.
            if let clockStartsOn, clockStartsOn > receivedOn { m.transferredOn = clockStartsOn }
            m.dueOn = MessageClock.summary(m.timeline, calendar: context.calendar).dueOn
            try await m.create(on: tx)
            let kind: MessageEventKind = fromRequestID == nil ? .received : .convertedFromRequest
            // A conversion happens today, whatever receipt date the message keeps.
            try await MessageEvent(messageID: try m.requireID(), agencyID: agencyID, occurredOn: fromRequestID == nil ? receivedOn : context.today,
                                   actor: actor, kind: kind,
                                   summary: summary).create(on: tx)
            try await AuditLog.record(.message(kind), m, summary: "\(m.reference)：\(summary)", before: nil, by: actor, on: tx)
            return m
        }
    }

    private static func uniqueTrackingNumber(on date: CivilDate, db: any Database) async throws -> String {
        for _ in 0..<10 {
            let candidate = trackingNumber(on: date)
            if try await PublicMessage.query(on: db).filter(\.$trackingNumber == candidate).count() == 0 { return candidate }
        }
        throw AppError(status: .internalServerError, code: "tracking_number", message: "无法生成查询号，请重试")
    }
}
