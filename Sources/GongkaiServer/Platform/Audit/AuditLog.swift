import Fluent
import Foundation
import Vapor


enum AuditLog {
    /// Appends one entry. Call it inside the transaction that makes the change, so that the
    /// change and its record stand or fall together. The entry keeps the record's agency as it
    /// is now (`agencyID` when the caller knows better: the agency that acted, or the agency of a
    /// record just deleted). `formerAgencyID`: the agency the record left in this change, whose
    /// auditor reads the entry too. Both are kept with their place in the agency tree as it is
    /// now (`AgencyTree.path`); `formerAgencyPath` is the old place of an agency that moved in
    /// this change, so the auditors above its old parent read the move too.
    static func record(
        _ action: AuditAction, entityType: AuditEntityType, entityID: String, summary: String,
        before: [String: String]?, after: [String: String]?, agencyID: Int? = nil, formerAgencyID: Int? = nil,
        formerAgencyPath: String? = nil, by actor: AuditActor, on db: any Database
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
        if let agencyID {
            entry.agencyID = agencyID
        } else {
            entry.agencyID = try await entityType.agency(ofRecord: entityID, on: db)
        }
        entry.formerAgencyID = formerAgencyID == entry.agencyID ? nil : formerAgencyID
        if let agency = entry.agencyID { entry.agencyPath = try await AgencyTree.path(of: agency, on: db) }
        if let formerAgencyPath {
            entry.formerAgencyPath = formerAgencyPath == entry.agencyPath ? nil : formerAgencyPath
        } else if let former = entry.formerAgencyID {
            entry.formerAgencyPath = try await AgencyTree.path(of: former, on: db)
        }
        try await entry.create(on: db)
    }

    static func record<M: Auditable & Model>(
        _ action: AuditAction, _ model: M, summary: String, before: [String: String]?, agencyID: Int? = nil,
        formerAgencyPath: String? = nil, by actor: AuditActor, on db: any Database
    ) async throws where M.IDValue == Int {
        try await record(
            action, entityType: M.auditEntityType, entityID: model.id.map(String.init) ?? "", summary: summary,
            before: before, after: model.auditSnapshot, agencyID: agencyID, formerAgencyPath: formerAgencyPath, by: actor, on: db)
    }

    private static func json(_ fields: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }
}
