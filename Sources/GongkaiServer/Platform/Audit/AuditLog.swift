import Fluent
import Foundation
import Vapor


enum AuditLog {
    /// Appends one entry. Call it inside the transaction that makes the change, so that the
    /// change and its record stand or fall together.
    static func record(
        _ action: AuditAction, entityType: AuditEntityType, entityID: String, summary: String,
        before: [String: String]?, after: [String: String]?, by actor: AuditActor, on db: any Database
    ) async throws {
        let entry = AuditEntry()
        entry.occurredAt = Date()
        entry.actorUserID = actor.userID
        entry.actorName = actor.name
        entry.action = action.code
        entry.entityType = entityType.rawValue
        entry.entityID = entityID
        entry.summary = summary
        entry.beforeJSON = try before.map(json)
        entry.afterJSON = try after.map(json)
        entry.requestID = actor.requestID
        entry.ipAddress = actor.ipAddress
        try await entry.create(on: db)
    }

    static func record<M: Auditable & Model>(
        _ action: AuditAction, _ model: M, summary: String, before: [String: String]?, by actor: AuditActor, on db: any Database
    ) async throws where M.IDValue == Int {
        try await record(
            action, entityType: M.auditEntityType, entityID: model.id.map(String.init) ?? "", summary: summary,
            before: before, after: model.auditSnapshot, by: actor, on: db)
    }

    private static func json(_ fields: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }
}
