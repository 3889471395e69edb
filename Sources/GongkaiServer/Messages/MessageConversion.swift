import Fluent
import Foundation
import GongkaiCore

/// Between disclosure requests and messages, keeping the link both ways:
/// - a request that is really a complaint, petition or report (table 三's row
///   信访举报投诉类申请) becomes a message in one step: the request is concluded with that
///   outcome (counted in table 三 as the statute asks) and the message handled as such;
/// - a message that is really a disclosure request becomes one through the registration of
///   requests (`RequestIntake`), so its receipt date follows Art. 31 for its channel; the
///   message is closed as converted and counted in table 三, not in the message figures.
enum MessageConversion {
    /// Where a request's channel lands among the agency's message channels.
    static func channelKind(for channel: RequestChannel) -> MessageChannelKind {
        switch channel {
        case .inPerson: return .visit
        case .internet: return .headMailbox
        case .postSigned, .postUnsigned, .fax, .other: return .letter
        }
    }

    /// Where a message's channel lands among the Art. 31 channels.
    static func requestChannel(for kind: MessageChannelKind) -> RequestChannel {
        switch kind {
        case .headMailbox, .governmentServiceSite, .wechat: return .internet
        case .letter: return .postUnsigned
        case .visit: return .inPerson
        case .hotline12345, .phone: return .other
        }
    }

    /// The request → message door, console and API alike: the request exists (404); the user
    /// handles requests and messages in its agency (403); it is open (422); the version is given
    /// (422). Then, in one transaction, the message is registered and the request concluded.
    /// The message is received today, unless the request came from a message: then it is that
    /// item again (its source id, channel and receipt), settled with its copies, its time limit
    /// running from today.
    static func requestToMessage(fields: FormFields, requestID: Int, staff: StaffPrincipal, actor: AuditActor, requestContext: RequestContext,
                                 messageContext: MessageContext, on db: any Database) async throws -> PublicMessage {
        guard let r = try await DisclosureRequest.find(requestID, on: db) else { throw AppError.notFound("申请") }
        let agencyID = r.$agency.id
        guard staff.can(.handleRequests, inAgency: agencyID), staff.can(.handleMessages, inAgency: agencyID) else {
            throw AppError.forbidden("转为政民互动须同时有“办理依申请公开”和“办理政民互动”的权限")
        }
        guard r.concludedOn == nil else { throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "该申请已办结，不能再转为政民互动") }
        // A message's phone is sealed for its own column: a request's sealed phone cannot be
        // carried over as it is stored, and the placeholder must not become the sender's phone.
        if r.unreadablePhone != nil {
            throw AppError(
                status: .unprocessableEntity, code: "unreadable_personal_data",
                message: "申请 \(r.trackingNumber) 的联系电话无法解密（缺少加密它的密钥，或数据已损坏），不能转为政民互动：请先设置加密它的密钥（docs/security.md）")
        }
        let version = try fields.version()
        let method = ServiceMethod(rawValue: fields["service_method"]) ?? .online
        let kind = MessageKind(rawValue: fields["kind"]) ?? .complaint
        // A request that came from a message (the conversion link): the message made from it is
        // again a copy of that item from the public — its source id, channel and receipt — not a
        // new item received today, so the item is counted once (issue #12, review 12e M1). The
        // original stays as it is (converted, linked to this request): the only uniqueness on a
        // source id is (import_agency_id, source_id), and the new message is not an import.
        let origin = try await PublicMessage.query(on: db).filter(\.$toRequest.$id == requestID).sort(\.$id).first()
        let channel: MessageChannel
        if let origin {
            channel = MessageChannel(agencyID: agencyID, name: origin.channelName, kind: origin.channelKind, position: 0)
        } else {
            let channels = try await MessageChannels.list(agencyID: agencyID, on: db)
            let wanted = channelKind(for: r.channel)
            guard let found = channels.first(where: { $0.kind == wanted }) ?? channels.first else { throw AppError.notFound("渠道") }
            channel = found
        }
        let sourceID = origin?.sourceID
        return try await db.writeTransaction { tx in
            // Settled with its copies below: the settling lock before any row is written.
            if sourceID != nil { try await MessageDuplicates.lockForSettling(on: tx) }
            // The letter's check is for what is typed: a stored phone is carried as stored (an
            // older version took other shapes, and this form has no field to correct it in). The
            // placeholder must itself pass the phone rule (`0000000` reads as the 00 prefix).
            var letter = try MessageIntake.Letter(
                fields: FormFields([
                    "sender_name": [r.applicantName], "sender_phone": ["13800000000"],
                    "subject": [String(("依申请公开转来：" + r.description).prefix(MessageIntake.maxSubject))],
                    "content": [r.description.count >= 5 ? r.description : r.description + "（依申请公开转来）"], "kind": [kind.rawValue],
                ]), nameRequired: false)
            // The placeholder only passes the letter's check: stored, it would let anyone read the
            // reply with "0000" (a request without a phone gives the message none).
            letter.senderPhone = r.phone
            letter.publicationAllowed = false
            let m = try await MessageIntake.insert(
                letter, agencyID: agencyID, channel: channel, source: .request, receivedAt: origin?.receivedAt ?? Date(),
                receivedOn: origin?.receivedOn ?? messageContext.today,
                context: messageContext, actor: actor, summary: "依申请公开 \(r.trackingNumber) 属于信访、投诉、举报，转为政民互动办理",
                fromRequestID: requestID, sourceID: sourceID,
                // The item keeps its receipt (its counting period), but this agency handles it as a
                // message from today: its time limit runs from today, as a transfer starts the
                // receiving agency's own (`transferred_on`), or it would be overdue the moment it
                // exists and counted late whatever the staff do (issue #12, review 12f M2).
                clockStartsOn: origin == nil ? nil : messageContext.today, on: tx)
            if sourceID != nil { try await MessageDuplicates.settle(messageID: try m.requireID(), on: tx) }
            let conclusion = StaffAction.Conclusion(
                servedOn: requestContext.today, outcome: .notProcessedPetitionComplaint, replyType: RequestOutcome.notProcessedPetitionComplaint.replyTypes[0],
                legalBasis: nil,
                details: "您提出的事项属于信访、投诉、举报，本机关已转为政民互动事项办理（查询号 \(m.trackingNumber ?? "")），"
                    + (r.phone.isEmpty ? "可凭查询号向本机关询问办理结果。" : "可凭查询号和联系电话后 4 位查询办理结果。"),
                serviceMethod: method, letterNumber: "", earlierReplyOn: nil)
            try await RequestService.perform(.conclude(conclusion), on: requestID, expectedVersion: version, context: requestContext,
                                             actor: actor, actorName: staff.displayName, on: tx)
            return m
        }
    }

    /// The applicant's name or phone for the request: what the officer typed, else — the field
    /// left empty or as the form showed it, masked — the message's stored (sealed) one. The form
    /// never shows them in full: that is audited, on the message page only.
    ///
    /// A value with an asterisk (`*` or the full-width `＊`) that is not exactly this sender's
    /// mask is neither: the mask of another sender, or a half-edited one ("李**" for 王小明) — an
    /// asterisk is the mask, never part of a name or a number, so it is refused (nil) rather
    /// than registered as the applicant's (issue #12, review 12e L1).
    static func applicant(_ typed: String, stored: String, mask: (String) -> String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == mask(stored) { return stored }
        return t.contains("*") || t.contains("＊") ? nil : typed
    }

    /// `applicant` for the name and the phone of the request registered from `m`, each refused
    /// with its field named (422), console and API alike.
    static func applicantFields(_ fields: FormFields, of m: PublicMessage) throws -> (name: String, phone: String) {
        let name = applicant(fields["applicant_name"], stored: m.senderName, mask: Masking.name)
        let phone = applicant(fields["phone"], stored: m.senderPhone, mask: Masking.phone)
        var problems: [String: String] = [:]
        if name == nil { problems["applicant_name"] = "申请人姓名含有“*”，但不是该来信人姓名的遮挡形式：请保留原样、清空（沿用来信人姓名）或填写完整姓名" }
        if phone == nil { problems["phone"] = "联系电话含有“*”，但不是该来信人电话的遮挡形式：请保留原样、清空（沿用来信人电话）或填写完整号码" }
        guard let name, let phone else { throw AppError.validation(problems) }
        return (name, phone)
    }

    /// The message → request door: the message exists (404); the user handles messages and
    /// requests in its agency (403); it is open (422); the version is given (422); then the
    /// request's fields are checked as any registration's (422), the request registered and the
    /// message closed as converted, in one transaction.
    static func messageToRequest(fields: FormFields, messageID: Int, staff: StaffPrincipal, actor: AuditActor, requestContext: RequestContext,
                                 messageContext: MessageContext, on db: any Database) async throws -> DisclosureRequest {
        guard let m = try await PublicMessage.find(messageID, on: db) else { throw AppError.notFound("来信") }
        let agencyID = m.$agency.id
        guard staff.can(.handleMessages, inAgency: agencyID), staff.can(.handleRequests, inAgency: agencyID) else {
            throw AppError.forbidden("转为依申请公开须同时有“办理政民互动”和“办理依申请公开”的权限")
        }
        guard m.status.isOpen else { throw AppError(status: .unprocessableEntity, code: "not_allowed", message: "来信已\(m.status.chineseLabel)，不能转为依申请公开") }
        let version = try fields.version()
        var request = fields
        request.set("agency_id", String(agencyID))
        // Art. 31: the application arrived with the message; the receipt date follows its channel.
        request.set("channel", requestChannel(for: m.channelKind).rawValue)
        request.set("submitted_on", m.receivedOn.iso)
        let applicant = try applicantFields(fields, of: m)
        request.set("applicant_name", applicant.name)
        request.set("phone", applicant.phone)
        let registration = request
        return try await db.writeTransaction { tx in
            // It settles the message's copies below: the settling lock before any row is
            // written, only for a message with a source id (MessageDuplicates.lockForSettling).
            if m.sourceID != nil { try await MessageDuplicates.lockForSettling(on: tx) }
            let registered = try await RequestIntake.register(fields: registration, source: .message, staff: staff, context: requestContext, by: actor, on: tx)
            let r = registered.request
            let claimed = try await OptimisticLock.claim(
                table: PublicMessage.schema, id: messageID, expectedVersion: version, what: "来信 \(m.reference)", on: tx)
            let before = m.auditSnapshot
            m.version = claimed
            m.status = .convertedToRequest
            m.$toRequest.id = try r.requireID()
            m.completedOn = messageContext.today
            m.completedAt = Date()
            m.reply = "您的来信属于政府信息公开申请，已按《中华人民共和国政府信息公开条例》登记办理（申请查询号 \(r.trackingNumber)）。"
            try await m.save(on: tx)
            try await MessageDuplicates.settle(messageID: messageID, on: tx)  // its handling date moved
            let summary = "属于政府信息公开申请，转为依申请公开 \(r.trackingNumber) 办理"
            try await MessageEvent(messageID: messageID, agencyID: agencyID, occurredOn: messageContext.today, actor: actor, kind: .convertedToRequest,
                                   summary: summary).create(on: tx)
            try await AuditLog.record(.message(.convertedToRequest), m, summary: "\(m.reference)：\(summary)", before: before, by: actor, on: tx)
            return r
        }
    }
}
