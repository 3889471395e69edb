import Fluent
import Foundation
import GongkaiCore

/// Each agency's channel list and time limits. The list is seeded the first time an agency's
/// messages are touched (12345热线, its 县长信箱/局长信箱/镇长信箱, 政务服务网, 微信公众号,
/// 电话, 来信, 来访), so agencies created later get theirs too.
enum MessageChannels {
    static let seedOrder: [MessageChannelKind] = [.hotline12345, .headMailbox, .governmentServiceSite, .wechat, .phone, .letter, .visit]

    /// The agency's channels in their order, seeding them when it has none.
    static func list(agencyID: Int, on db: any Database) async throws -> [MessageChannel] {
        let existing = try await MessageChannel.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$position).sort(\.$id).all()
        if !existing.isEmpty { return existing }
        guard let agency = try await Agency.find(agencyID, on: db) else { throw AppError.notFound("机构") }
        var seeded: [MessageChannel] = []
        for (position, kind) in seedOrder.enumerated() {
            let channel = MessageChannel(agencyID: agencyID, name: kind.seedName(for: agency.kind), kind: kind, position: position)
            try await channel.create(on: db)
            seeded.append(channel)
        }
        return seeded
    }

    /// The channel of the agency's public mailbox.
    static func mailbox(agencyID: Int, on db: any Database) async throws -> MessageChannel {
        let channels = try await list(agencyID: agencyID, on: db)
        guard let mailbox = channels.first(where: { $0.kind == .headMailbox }) else { throw AppError.notFound("信箱") }
        return mailbox
    }

    /// The platform's defaults with the agency's own rules.
    static func limits(agencyID: Int, context: MessageContext, on db: any Database) async throws -> MessageTimeLimits {
        var limits = context.limits
        limits.rules = try await MessageTimeLimit.query(on: db).filter(\.$agency.$id == agencyID).sort(\.$id).all().map(\.rule)
        return limits
    }

    /// Replaces the agency's own time limits (the console's 渠道和时限 form), audited.
    static func replaceLimits(agencyID: Int, rules: [MessageTimeLimitRule], actor: AuditActor, on db: any Database) async throws {
        let before = try await MessageTimeLimit.query(on: db).filter(\.$agency.$id == agencyID).all()
        try await db.transaction { tx in
            try await MessageTimeLimit.query(on: tx).filter(\.$agency.$id == agencyID).delete()
            for rule in rules {
                let row = MessageTimeLimit()
                row.$agency.id = agencyID
                row.channelKind = rule.channel
                row.kind = rule.kind
                row.days = rule.days
                try await row.create(on: tx)
            }
            func describe(_ rules: [MessageTimeLimitRule]) -> [String: String] {
                Dictionary(uniqueKeysWithValues: rules.enumerated().map { ("rule_\($0.offset + 1)", "\($0.element.chineseLabel)：\($0.element.days)") })
            }
            try await AuditLog.record(.update, entityType: .messageChannel, entityID: String(agencyID),
                                      summary: "修改政民互动办理时限（\(rules.count) 条）", before: describe(before.map(\.rule)),
                                      after: describe(rules), by: actor, on: tx)
        }
    }
}
