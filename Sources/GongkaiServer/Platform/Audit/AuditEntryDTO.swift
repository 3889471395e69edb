import Foundation
import GongkaiCore
import Vapor

struct AuditEntryDTO: Content {
    var id: Int
    var occurredAt: Date
    var actorUserId: Int?
    var actorName: String
    var action: String
    /// The action and entity type as the console shows them (the code when unknown).
    var actionLabel: String
    var entityType: String
    var entityTypeLabel: String
    var entityId: String
    var summary: String
    var before: [String: String]?
    var after: [String: String]?
    var requestId: String
    var ipAddress: String

    init(_ e: AuditEntry) {
        id = e.id ?? 0
        occurredAt = e.occurredAt
        actorUserId = e.actorUserID
        actorName = e.actorName
        action = e.action
        actionLabel = e.knownAction?.chineseLabel ?? e.action
        entityType = e.entityType
        entityTypeLabel = e.knownEntityType?.chineseLabel ?? e.entityType
        entityId = e.entityID
        summary = e.summary
        before = e.beforeJSON.map { AuditEntry.fields($0) }
        after = e.afterJSON.map { AuditEntry.fields($0) }
        requestId = e.requestID
        ipAddress = e.ipAddress
    }
}
