import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Staff steps on a message, one door for the console and the API.
enum MessageService {
    /// Who may see a message: those who view messages in the agency handling it, or in the
    /// agency that transferred it (a transfer keeps one thread, seen by both).
    static func canView(_ m: PublicMessage, staff: StaffPrincipal) -> Bool {
        staff.can(.viewMessages, inAgency: m.$agency.id) || m.$transferredFrom.id.map { staff.can(.viewMessages, inAgency: $0) } == true
    }

    /// The one door for a step, checked in this order: the message exists (404); the user holds
    /// the door's permission in its agency (403); the step is named and known (422) and taken
    /// through its own door — handlers' steps through `/actions`, the head's through
    /// `/approvals` (403); the version is given (422); the fields are valid (422); the step is
    /// allowed now (422); the version is the one the user saw (409).
    static func perform(fields: FormFields, door: Permission, messageID: Int, staff: StaffPrincipal, actor: AuditActor,
                        context: MessageContext, on db: any Database) async throws {
        guard let m = try await PublicMessage.find(messageID, on: db) else { throw AppError.notFound("来信") }
        guard staff.can(door, inAgency: m.$agency.id) else { throw AppError.forbidden("您没有“\(door.chineseLabel)”的权限") }
        guard !fields["action"].isEmpty else { throw AppError.validation(["action": "请选择要办理的事项"]) }
        guard let step = MessageStep(rawValue: fields["action"]) else { throw AppError.validation(["action": "无法识别的办理事项“\(fields["action"])”"]) }
        guard step.requiredPermission == door else {
            throw AppError.forbidden(step.requiredPermission == .approveMessageReplies
                ? "“\(step.chineseLabel)”须由政府信息公开工作机构负责人审批" : "“\(step.chineseLabel)”由承办人员办理，不属于负责人审批事项")
        }
        let version = try fields.version()
        let action = try parse(step, fields, today: context.today)
        try await perform(action, messageID: messageID, expectedVersion: version, actorName: staff.displayName, actor: actor, context: context, on: db)
    }

    enum Action: Sendable {
        case accept(on: CivilDate)
        case transfer(agencyID: Int, reason: String)
        case notAccept(reason: NotAcceptedReason, note: String, on: CivilDate)
        case assign(unit: String, officerID: Int?, on: CivilDate)
        case reply(text: String, on: CivilDate)
        case recordRating(Satisfaction, on: CivilDate, note: String)
        case approvePublication(content: String?, reply: String?)
        case refusePublication(reason: String)
    }

    static func parse(_ step: MessageStep, _ f: FormFields, today: CivilDate) throws -> Action {
        var errors: [String: String] = [:]
        func date(_ name: String, _ label: String) -> CivilDate {
            guard !f[name].isEmpty else { return today }
            guard let d = CivilDate(iso: f[name]) else { errors[name] = "\(label)“\(f[name])”无效，应为 YYYY-MM-DD"; return today }
            if d > today { errors[name] = "\(label)不能晚于今天" }
            return d
        }
        let action: Action
        switch step {
        case .accept: action = .accept(on: date("on", "受理日期"))
        case .transfer:
            let target = f.int("agency_id")
            if target == nil { errors["agency_id"] = "请选择转办的机关" }
            if f["reason"].isEmpty { errors["reason"] = "请写明转办理由" }
            action = .transfer(agencyID: target ?? 0, reason: f["reason"])
        case .notAccept:
            let reason = NotAcceptedReason(rawValue: f["reason"])
            if reason == nil { errors["reason"] = "请选择不予受理的原因" }
            if f["note"].isEmpty { errors["note"] = "请写明告知来信人的说明" } else if f["note"].count > MessageIntake.maxContent { errors["note"] = "说明过长" }
            action = .notAccept(reason: reason ?? .other, note: f["note"], on: date("on", "日期"))
        case .assign:
            let officer = f["assigned_officer_id"].isEmpty ? nil : f.int("assigned_officer_id")
            if !f["assigned_officer_id"].isEmpty && officer == nil { errors["assigned_officer_id"] = "承办人无效" }
            if f["assigned_unit"].isEmpty && officer == nil { errors["assigned_unit"] = "请填写承办单位或选择承办人" }
            if f["assigned_unit"].count > 100 { errors["assigned_unit"] = "承办单位不能超过 100 个字" }
            action = .assign(unit: f["assigned_unit"], officerID: officer, on: date("on", "交办日期"))
        case .reply:
            if f["reply"].count < 2 { errors["reply"] = "请填写答复内容" } else if f["reply"].count > MessageIntake.maxContent { errors["reply"] = "答复不能超过 \(MessageIntake.maxContent) 个字" }
            action = .reply(text: f["reply"], on: date("on", "答复日期"))
        case .recordRating:
            let s = Satisfaction(rawValue: f["satisfaction"]) ?? Satisfaction(text: f["satisfaction"])
            if s == nil { errors["satisfaction"] = "请选择 满意、基本满意 或 不满意" }
            action = .recordRating(s ?? .satisfied, on: date("on", "回访日期"), note: f["note"])
        case .approvePublication:
            action = .approvePublication(content: f["published_content"].isEmpty ? nil : f["published_content"],
                                         reply: f["published_reply"].isEmpty ? nil : f["published_reply"])
        case .refusePublication:
            if f["reason"].isEmpty { errors["reason"] = "请写明不公开的理由" }
            action = .refusePublication(reason: f["reason"])
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return action
    }

    private static func notAllowed(_ message: String) -> AppError {
        AppError(status: .unprocessableEntity, code: "not_allowed", message: message)
    }

    /// The message a step works on, read in the step's transaction. A message with a source id
    /// (imported) has its copies settled by the step: the settling lock first
    /// (`MessageDuplicates.lockForSettling`) — the read before it locks nothing — and the
    /// message read again, as an import that held the lock meanwhile may have rewritten it. A
    /// message entered on the platform has no copies and waits for no import.
    private static func lockedForSettling(_ messageID: Int, on tx: any Database) async throws -> PublicMessage {
        guard let m = try await PublicMessage.find(messageID, on: tx) else { throw AppError.notFound("来信") }
        guard m.sourceID != nil else { return m }
        try await MessageDuplicates.lockForSettling(on: tx)
        guard let fresh = try await PublicMessage.find(messageID, on: tx) else { throw AppError.notFound("来信") }
        return fresh
    }

    /// A step in one transaction: the workflow's check, the optimistic lock, the change, the
    /// history line(s) and the audit entry.
    static func perform(_ action: Action, messageID: Int, expectedVersion: Int, actorName: String, actor: AuditActor, context: MessageContext,
                        on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let m = try await lockedForSettling(messageID, on: tx)
            let before = m.auditSnapshot
            let agencyID = m.$agency.id
            var events: [(agency: Int, kind: MessageEventKind, summary: String, on: CivilDate)] = []
            let today = context.today
            func close(on day: CivilDate) throws {
                // A transfer starts the receiving agency's period: nothing it does is dated before.
                if let transferred = m.transferredOn, day < transferred {
                    throw AppError.validation(["on": "日期不能早于转来日期 \(transferred.iso)"])
                }
                if day < m.receivedOn { throw AppError.validation(["on": "日期不能早于收到日期 \(m.receivedOn.iso)"]) }
                m.completedOn = day
                m.completedAt = day == today ? Date() : Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + 9 * 3600))
                let summary = MessageClock.summary(MessageTimeline(receivedOn: m.receivedOn, transferredOn: m.transferredOn, limitDays: m.timeLimitDays,
                                                                   limitBasis: m.timeLimitBasis, completedOn: day), calendar: context.calendar)
                m.handlingDays = summary.handlingDays
                m.onTime = summary.onTime
            }
            switch action {
            case .accept(let on):
                guard m.status == .received else { throw notAllowed("只有待受理的来信可以受理（当前：\(m.status.chineseLabel)）") }
                if on < (m.transferredOn ?? m.receivedOn) { throw AppError.validation(["on": "受理日期不能早于收到日期"]) }
                m.status = .accepted
                events.append((agencyID, .accepted, MessageStep.accept.chineseLabel, on))
            case .transfer(let targetID, let reason):
                guard m.status.isOpen else { throw notAllowed("已办结的来信不能转办") }
                guard targetID != agencyID, let target = try await Agency.find(targetID, on: tx) else {
                    throw AppError.validation(["agency_id": "请选择另一个机关"])
                }
                let from = try await m.$agency.get(on: tx)
                events.append((agencyID, .transferredOut, "转\(target.name)办理：\(reason)", today))
                events.append((targetID, .transferredIn, "\(from.name)转来：\(reason)", today))
                m.$transferredFrom.id = agencyID
                m.$agency.id = targetID
                m.transferredOn = today
                m.status = .received
                m.assignedUnit = ""
                m.$assignedOfficer.id = nil
                // The receiving agency's own limits, from the day it received the message.
                let channel = try await MessageChannels.list(agencyID: targetID, on: tx).first { $0.kind == m.channelKind }
                let limits = try await MessageChannels.limits(agencyID: targetID, context: context, on: tx)
                (m.timeLimitDays, m.timeLimitBasis) = limits.limit(channel: channel?.kind ?? m.channelKind, kind: m.kind)
                m.dueOn = MessageClock.summary(m.timeline, calendar: context.calendar).dueOn
            case .notAccept(let reason, let note, let on):
                guard m.status.isOpen else { throw notAllowed("来信已\(m.status.chineseLabel)") }
                m.status = .notAccepted
                m.notAcceptedReason = reason
                m.reply = "不予受理：\(reason.chineseLabel)。\(note)"
                m.publication = .notAllowed
                try close(on: on)
                events.append((agencyID, .notAccepted, m.reply, on))
            case .assign(let unit, let officerID, let on):
                guard m.status.isOpen else { throw notAllowed("已办结的来信不能交办") }
                if let officerID {
                    let handlers = try await MessageHandlers.list(agencyIDs: [agencyID], on: tx)
                    guard let officer = handlers.first(where: { $0.id == officerID }) else {
                        throw AppError.validation(["assigned_officer_id": "承办人应为该机关办理政民互动的在职人员"])
                    }
                    m.$assignedOfficer.id = officerID
                    events.append((agencyID, .assigned, "交办" + (unit.isEmpty ? "" : "\(unit)，") + "承办人：\(officer.label)", on))
                } else {
                    events.append((agencyID, .assigned, "交办\(unit)", on))
                }
                if !unit.isEmpty { m.assignedUnit = unit }
                if m.status == .received { m.status = .accepted }
            case .reply(let text, let on):
                guard m.status == .accepted else {
                    throw notAllowed(m.status == .received ? "请先受理来信，再作答复" : "来信已\(m.status.chineseLabel)")
                }
                m.reply = text
                m.status = .completed
                try close(on: on)
                m.publication = m.publicationAllowed ? .pending : .notAllowed
                m.publishedContent = nil
                m.publishedReply = nil
                events.append((agencyID, .replied, MessageStep.reply.chineseLabel + (m.publicationAllowed ? "；来信人同意公开，待负责人审批" : ""), on))
            case .recordRating(let s, let on, let note):
                guard m.status.isClosed else { throw notAllowed("办结后才能记录评价") }
                guard m.satisfaction == nil else { throw notAllowed("已有评价（\(m.satisfaction!.chineseLabel)，\(m.ratingSource?.chineseLabel ?? "")）") }
                if let done = m.completedOn, on < done { throw AppError.validation(["on": "回访日期不能早于办结日期 \(done.iso)"]) }
                m.satisfaction = s
                m.ratingSource = .phone
                m.ratedOn = on
                events.append((agencyID, .ratingRecorded, "电话回访，来信人评价：\(s.chineseLabel)" + (note.isEmpty ? "" : "（\(note)）"), on))
            case .approvePublication(let content, let reply):
                guard m.publication == .pending else { throw notAllowed("没有待审批公开的答复（\(m.publication.chineseLabel)）") }
                m.publication = .published
                // What the head approved (by default the letter and the reply as they are), always
                // without the sender's name and any phone or identity number: the history says so.
                m.publishedContent = m.redactedForPublication(content ?? m.content)
                m.publishedReply = m.redactedForPublication(reply ?? m.reply)
                m.publishedAt = Date()
                m.approvedBy = actorName
                events.append((agencyID, .publicationApproved, "\(actorName)批准在网站公开答复（隐去姓名和电话）", today))
            case .refusePublication(let reason):
                guard m.publication == .pending else { throw notAllowed("没有待审批公开的答复（\(m.publication.chineseLabel)）") }
                m.publication = .refused
                m.approvedBy = actorName
                events.append((agencyID, .publicationRefused, "\(actorName)决定不公开答复：\(reason)", today))
            }
            m.version = try await OptimisticLock.claim(
                table: PublicMessage.schema, id: messageID, expectedVersion: expectedVersion, what: "来信 \(m.reference)", on: tx)
            try await m.save(on: tx)
            // A transfer or a close moves its handling date: which copy of an item imported by
            // two agencies is counted may change (MessageDuplicates).
            try await MessageDuplicates.settle(messageID: messageID, on: tx)
            for e in events {
                try await MessageEvent(messageID: messageID, agencyID: e.agency, occurredOn: e.on, actor: actor, kind: e.kind, summary: e.summary).create(on: tx)
            }
            if let first = events.first {
                // Under the agency that acted: a transfer is the sending agency's act, and what
                // the message went through before it stays out of the receiving agency's log.
                try await AuditLog.record(.message(first.kind), m, summary: "\(m.reference)：\(events.map(\.summary).joined(separator: "；"))",
                                          before: before, agencyID: agencyID, by: actor, on: tx)
            }
        }
    }

    /// The sender's own rating from the tracking page: once, after the reply.
    static func rate(trackingNumber: String, phoneLast4: String, satisfaction: Satisfaction, today: CivilDate, actor: AuditActor,
                     on db: any Database) async throws {
        guard let m = try await PublicMessageStatus.message(trackingNumber: trackingNumber, phoneLast4: phoneLast4, on: db) else {
            throw AppError(status: .notFound, code: "not_found", message: "没有找到该来信：请核对查询号和联系电话后 4 位")
        }
        try await db.writeTransaction { tx in
            guard m.status.isClosed else { throw notAllowed("答复之后才能评价") }
            guard m.satisfaction == nil else { throw notAllowed("您已评价过（\(m.satisfaction!.chineseLabel)），不能重复评价") }
            let before = m.auditSnapshot
            let id = try m.requireID()
            // Only while unrated: two submissions at once cannot both count.
            let rows = try await tx.requireSQL().update(PublicMessage.schema)
                .set("satisfaction", to: SQLBind(satisfaction.rawValue)).set("rating_source", to: SQLBind(RatingSource.sender.rawValue))
                .set("rated_on", to: SQLBind(today.iso)).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, SQLBind(id)).where(SQLIdentifier("satisfaction"), .is, SQLLiteral.null)
                .returning("version").all()
            guard let row = rows.first else { throw notAllowed("您已评价过，不能重复评价") }
            m.satisfaction = satisfaction
            m.ratingSource = .sender
            m.ratedOn = today
            m.version = try row.decode(column: "version", as: Int.self)
            try await MessageEvent(messageID: id, agencyID: m.$agency.id, occurredOn: today, actor: actor, kind: .rated,
                                   summary: "来信人评价：\(satisfaction.chineseLabel)").create(on: tx)
            try await AuditLog.record(.message(.rated), m, summary: "\(m.reference)：来信人评价 \(satisfaction.chineseLabel)", before: before,
                                      by: actor, on: tx)
        }
    }

    /// Messages follow the calendar in force: called when a holiday schedule changes (a year
    /// added, a notice corrected), in the caller's transaction. Open messages get their due date
    /// again; closed ones their due date, handling days and on-time standing too, since those
    /// are counted in working days and the figures (on-time rate, average handling) read them —
    /// a reply dated on a day that becomes a holiday was not late after all. Only messages whose
    /// clock reaches into `year` can change (their start is on or before its last day and they
    /// were closed, or are due, on or after its first day, or had no due date for want of
    /// calendar data), read in batches of 500 by id — `year` widened by 31 days on each side, as
    /// a year's notice may name dates up to a month into the neighbouring years (the 2023 notice
    /// declared 2022-12-31 a holiday). One audit entry per agency names how many of its messages
    /// changed, under that agency: each auditor reads the recomputation of their own agencies'
    /// messages, and no agency's count reaches another's log. Returns how many changed in all.
    @discardableResult
    static func refreshMessages(calendar: WorkingDayCalendar, year: Int? = nil, actor: AuditActor, on db: any Database) async throws -> Int {
        var changedByAgency: [Int: Int] = [:]
        var lastID = 0
        let reach = 31  // HolidayScheduleParser.parse refuses dates farther out
        let yearStart = year.flatMap { CivilDate(year: $0, month: 1, day: 1)?.adding(days: -reach) }
        let yearEnd = year.flatMap { CivilDate(year: $0, month: 12, day: 31)?.adding(days: reach) }
        let statuses: [MessageStatus] = MessageStatus.open + [.completed, .notAccepted]
        while true {
            let query = PublicMessage.query(on: db).filter(\.$status ~~ statuses).filter(\.$id > lastID)
            if let yearStart, let yearEnd {
                // start = transferred_on, else received_on, never before the receipt: received by
                // the year's end here, the start checked below.
                query.filter(\.$receivedOn <= yearEnd)
                query.group(.or) { (g: QueryBuilder<PublicMessage>) in
                    g.filter(\PublicMessage.$completedOn >= yearStart)
                    g.filter(\PublicMessage.$dueOn >= yearStart)
                    g.filter(\PublicMessage.$dueOn == nil)
                }
            }
            let batch = try await query.sort(\.$id).range(0..<500).all()
            guard let lastOfBatch = batch.last else { break }
            lastID = try lastOfBatch.requireID()
            for m in batch {
                if let yearEnd, m.timeline.startOn > yearEnd { continue }
                let summary = MessageClock.summary(m.timeline, calendar: calendar)
                let closed = m.status.isClosed
                let (days, onTime) = closed ? (summary.handlingDays, summary.onTime) : (m.handlingDays, m.onTime)
                guard summary.dueOn != m.dueOn || days != m.handlingDays || onTime != m.onTime else { continue }
                m.dueOn = summary.dueOn
                m.handlingDays = days
                m.onTime = onTime
                try await m.save(on: db)
                changedByAgency[m.$agency.id, default: 0] += 1
            }
        }
        for (agencyID, changed) in changedByAgency.sorted(by: { $0.key < $1.key }) {
            try await AuditLog.record(.recomputeDeadline, entityType: .publicMessage, entityID: "*",
                                      summary: "节假日安排变更，重新计算 \(changed) 件来信的办理期限（已办结的含办理用时和是否按时）",
                                      before: nil, after: nil, agencyID: agencyID, by: actor, on: db)
        }
        return changedByAgency.values.reduce(0, +)
    }

    /// Name and phone are shown in full only after this entry is written.
    static func recordPersonalDataView(of m: PublicMessage, actor: AuditActor, on db: any Database) async throws {
        try await AuditLog.record(.viewFullID, entityType: .publicMessage, entityID: String(try m.requireID()),
                                  summary: "查看来信 \(m.reference) 来信人的完整姓名和电话", before: nil, after: nil, by: actor, on: db)
    }
}
