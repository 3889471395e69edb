import Foundation
import GongkaiCore
import Vapor

struct AuditEntryDTO: Content {
    var id: Int
    var occurredAt: Date
    var actorUserId: Int?
    var actorName: String
    var action: String
    var entityType: String
    var entityId: String
    var summary: String
    var before: [String: String]?
    var after: [String: String]?
    var requestId: String
    var ipAddress: String

    init(_ e: AuditEntry) {
        let decode = { (json: String?) in json.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } }
        id = e.id ?? 0; occurredAt = e.occurredAt; actorUserId = e.actorUserID; actorName = e.actorName; action = e.action
        entityType = e.entityType; entityId = e.entityID; summary = e.summary; before = decode(e.beforeJSON); after = decode(e.afterJSON)
        requestId = e.requestID; ipAddress = e.ipAddress
    }
}
