import Fluent
import Foundation
import GongkaiCore

/// A channel of an agency's list (12345热线, 县长信箱 …): what an import's channel names must
/// match exactly and what the figures are broken down by.
final class MessageChannel: Model, @unchecked Sendable {
    static let schema = "message_channels"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: MessageChannelKind
    @Field(key: "position") var position: Int

    init() {}

    init(agencyID: Int, name: String, kind: MessageChannelKind, position: Int) {
        self.$agency.id = agencyID
        self.name = name
        self.kind = kind
        self.position = position
    }
}
