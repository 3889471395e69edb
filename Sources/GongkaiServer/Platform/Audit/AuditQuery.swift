import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The audit log, filtered and paged, newest first.
struct AuditQuery: Sendable {
    var entityType: AuditEntityType?
    var entityID: String?
    var action: AuditAction?
    /// Matches the actor's user name or display name.
    var actor: String?
    /// Calendar dates in China Standard Time, inclusive.
    var from: CivilDate?
    var through: CivilDate?
    var page = 1
    /// The agencies whose records the reader may see (an auditor's subtree); nil for all.
    var agencyScope: [Int]?
    /// The agencies where the reader's audit role covers the subtree: their entries are those
    /// written within their subtree as it stood then, not as it stands now.
    var subtreeRoots: [Int] = []
    /// The agencies where the reader audits the agency alone (a role that covers no subtree).
    var directAgencies: [Int] = []
    static let pageSize = 50

    init(entityType: AuditEntityType? = nil, entityID: String? = nil, action: AuditAction? = nil, actor: String? = nil,
         from: CivilDate? = nil, through: CivilDate? = nil, page: Int = 1) {
        self.entityType = entityType
        self.entityID = entityID
        self.action = action
        self.actor = actor
        self.from = from
        self.through = through
        self.page = page
    }

    /// The filters of the console page and the API (same names); a malformed value is a clear
    /// error, not ignored.
    /// The signed-in auditor's reach is the scope.
    init(from req: Request) throws {
        try self.init(filtersOf: req)
        let staff = try req.requireStaff(.readAuditLog)
        agencyScope = Array(staff.agencies(with: .readAuditLog))
        let auditing = staff.assignments.filter { $0.role.permissions.contains(.readAuditLog) }
        subtreeRoots = auditing.filter(\.role.coversSubtree).map(\.agencyID)
        directAgencies = auditing.filter { !$0.role.coversSubtree }.map(\.agencyID)
    }

    private init(filtersOf req: Request) throws {
        func text(_ name: String) -> String? {
            guard let v = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func date(_ name: String, _ label: String) throws -> CivilDate? {
            guard let v = text(name) else { return nil }
            guard let d = CivilDate(iso: v) else { throw AppError.validation([name: "\(label)“\(v)”无效，应为 YYYY-MM-DD"]) }
            return d
        }
        var type: AuditEntityType?
        if let code = text("entity_type") {
            guard let t = AuditEntityType(code: code) else { throw AppError.validation(["entity_type": "未知的对象类型“\(code)”"]) }
            type = t
        }
        var action: AuditAction?
        if let code = text("action") {
            guard let a = AuditAction(code: code) else { throw AppError.validation(["action": "未知的操作“\(code)”"]) }
            action = a
        }
        self.init(entityType: type, entityID: text("entity_id"), action: action, actor: text("actor"),
                  from: try date("from", "起始日期"), through: try date("through", "截止日期"),
                  page: PageNumber.parse(text("page")))
    }

    func run(on db: any Database) async throws -> (entries: [AuditEntry], total: Int) {
        let query = AuditEntry.query(on: db)
        if let agencyScope {
            let reachesAll = try await Agency.query(on: db).count() <= Set(agencyScope).count
            let scope = AuditEntityType.scope(
                subtreeRoots: subtreeRoots, subtreeToday: try await AgencyTree.subtreeIDs(of: subtreeRoots, on: db),
                agencyIDs: directAgencies, includingUnassigned: reachesAll)
            query.filter(.sql(embed: scope))
        }
        if let entityType { query.filter(\.$entityType ~~ entityType.storedCodes) }
        if let entityID { query.filter(\.$entityID == entityID) }
        if let action { query.filter(\.$action == action.code) }
        if let actor {
            let escaped = actor.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            query.filter(\.$actorName, .custom(db.isPostgres ? "ILIKE" : "LIKE"), "%\(escaped)%")
        }
        if let from { query.filter(\.$occurredAt >= Self.instant(startOf: from)) }
        if let through { query.filter(\.$occurredAt < Self.instant(startOf: through.adding(days: 1))) }
        let total = try await query.count()
        let entries = try await query.sort(\.$id, .descending).range(PageNumber.range(page: page, size: Self.pageSize)).all()
        return (entries, total)
    }

    /// Midnight in Beijing of a date, as an instant.
    static func instant(startOf date: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 - 8 * 3600))
    }
}
