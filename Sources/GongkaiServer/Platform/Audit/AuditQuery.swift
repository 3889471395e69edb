import Fluent
import Foundation
import GongkaiCore

/// The audit log, filtered and paged, newest first.
struct AuditQuery: Sendable {
    var entityType: String?
    var entityID: String?
    var action: String?
    /// Matches the actor's user name or display name.
    var actor: String?
    /// Calendar dates in China Standard Time, inclusive.
    var from: CivilDate?
    var through: CivilDate?
    var page = 1
    static let pageSize = 50

    func run(on db: any Database) async throws -> (entries: [AuditEntry], total: Int) {
        let query = AuditEntry.query(on: db)
        if let entityType { query.filter(\.$entityType == entityType) }
        if let entityID { query.filter(\.$entityID == entityID) }
        if let action { query.filter(\.$action == action) }
        if let actor {
            let escaped = actor.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            query.filter(\.$actorName, .custom(db.isPostgres ? "ILIKE" : "LIKE"), "%\(escaped)%")
        }
        if let from { query.filter(\.$occurredAt >= Self.instant(startOf: from)) }
        if let through { query.filter(\.$occurredAt < Self.instant(startOf: through.adding(days: 1))) }
        let total = try await query.count()
        let entries = try await query.sort(\.$id, .descending)
            .range(((max(page, 1) - 1) * Self.pageSize)..<(max(page, 1) * Self.pageSize)).all()
        return (entries, total)
    }

    /// Midnight in Beijing of a date, as an instant.
    static func instant(startOf date: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 - 8 * 3600))
    }
}
