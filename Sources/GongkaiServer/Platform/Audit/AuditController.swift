import Foundation
import GongkaiCore
import Vapor

enum AuditController {
    static func index(req: Request) async throws -> Response {
        _ = try req.requireStaff(.readAuditLog)
        let query = try AuditQuery(from: req)
        let (entries, total) = try await query.run(on: req.db)
        let rows = entries.map { entry in
            AuditPage.Row(id: entry.id ?? 0, at: Beijing.dateTime(entry.occurredAt), actor: entry.actorName,
                          action: entry.knownAction?.chineseLabel ?? entry.action,
                          entity: "\(entry.knownEntityType?.chineseLabel ?? entry.entityType) #\(entry.entityID)", summary: entry.summary,
                          changes: entry.changes, requestID: entry.requestID, ipAddress: entry.ipAddress)
        }
        let filters = ["entity_type", "entity_id", "action", "actor", "from", "through"].reduce(into: [String: String]()) {
            $0[$1] = req.query[String.self, at: $1] ?? ""
        }
        let model = AuditPage.Model(
            context: try req.consoleContext(.audit), filters: filters, rows: rows, total: total, page: query.page,
            pageCount: max(1, (total + AuditQuery.pageSize - 1) / AuditQuery.pageSize),
            entityTypes: AuditEntityType.allCases.map { ($0.rawValue, $0.chineseLabel) },
            actions: AuditAction.allCases.map { ($0.code, $0.chineseLabel) })
        return .html(AuditPage.View(model: model).render())
    }
}
