import Fluent
import Foundation
import GongkaiCore

/// An agency's own time limit for a channel kind, a message kind, or both (nil = any); the
/// platform's defaults (settings) apply where it has none.
final class MessageTimeLimit: Model, @unchecked Sendable {
    static let schema = "message_time_limits"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "agency_id") var agency: Agency
    @OptionalField(key: "channel_kind") var channelKind: MessageChannelKind?
    @OptionalField(key: "kind") var kind: MessageKind?
    @Field(key: "days") var days: Int

    init() {}

    var rule: MessageTimeLimitRule { MessageTimeLimitRule(channel: channelKind, kind: kind, days: days) }
}
