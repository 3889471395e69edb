import Foundation
import GongkaiCore
import Vapor

enum AuditController {
    static let entityTypes = [("agency", "机构"), ("staff_user", "用户"), ("holiday_schedule", "节假日安排"), ("api_token", "接口令牌")]
    static let actions = [("create", "新建"), ("update", "修改"), ("login", "登录"), ("login_failed", "登录失败"),
                          ("change_password", "修改密码"), ("reset_password", "重置密码"), ("unlock", "解除锁定"),
                          ("revoke", "撤销"), ("import", "导入")]

    static func index(req: Request) async throws -> Response {
        _ = try req.requireStaff(.readAuditLog)
        let query = try auditQuery(req)
        let (entries, total) = try await query.run(on: req.db)
        let labels = Dictionary(uniqueKeysWithValues: entityTypes + actions)
        let rows = entries.map { entry in
            AuditPage.Row(id: entry.id ?? 0, at: Beijing.dateTime(entry.occurredAt), actor: entry.actorName,
                          action: labels[entry.action] ?? entry.action,
                          entity: "\(labels[entry.entityType] ?? entry.entityType) #\(entry.entityID)", summary: entry.summary,
                          changes: changes(before: entry.beforeJSON, after: entry.afterJSON),
                          requestID: entry.requestID, ipAddress: entry.ipAddress)
        }
        let filters = ["entity_type", "entity_id", "action", "actor", "from", "through"].reduce(into: [String: String]()) {
            $0[$1] = req.query[String.self, at: $1] ?? ""
        }
        let model = AuditPage.Model(
            context: try req.consoleContext(.audit), filters: filters, rows: rows, total: total, page: query.page,
            pageCount: max(1, (total + AuditQuery.pageSize - 1) / AuditQuery.pageSize),
            entityTypes: entityTypes, actions: actions)
        return .html(AuditPage.View(model: model).render())
    }

    /// Reads the filters from the query string; a malformed date is a clear error, not ignored.
    static func auditQuery(_ req: Request) throws -> AuditQuery {
        func text(_ name: String) -> String? {
            guard let v = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func date(_ name: String, _ label: String) throws -> CivilDate? {
            guard let v = text(name) else { return nil }
            guard let d = CivilDate(iso: v) else { throw AppError.validation([name: "\(label)“\(v)”无效，应为 YYYY-MM-DD"]) }
            return d
        }
        return AuditQuery(entityType: text("entity_type"), entityID: text("entity_id"), action: text("action"), actor: text("actor"),
                          from: try date("from", "起始日期"), through: try date("through", "截止日期"),
                          page: max(1, Int(text("page") ?? "") ?? 1))
    }

    static func changes(before: String?, after: String?) -> [(field: String, before: String, after: String)] {
        let decode = { (json: String?) -> [String: String] in
            guard let data = json?.data(using: .utf8) else { return [:] }
            return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
        }
        let b = decode(before), a = decode(after)
        return Set(b.keys).union(a.keys).sorted().compactMap { key in
            b[key] == a[key] ? nil : (key, b[key] ?? "", a[key] ?? "")
        }
    }
}
