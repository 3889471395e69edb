import Fluent
import GongkaiCore

/// Creating and changing agencies, for the console, the API and the CLI alike: validation,
/// uniqueness, the tree's shape, optimistic locking and the audit entry, in one transaction.
enum AgencyService {
    static func create(_ fields: AgencyFields, parentID: Int?, by actor: AuditActor, on db: any Database) async throws -> Agency {
        try await db.writeTransaction { tx in
            try await validate(fields, parentID: parentID, editing: nil, on: tx)
            let agency = Agency(fields: fields, parentID: parentID)
            try await agency.create(on: tx)
            try await AuditLog.record(.create, agency, summary: "新建机构 \(agency.name)", before: nil, by: actor, on: tx)
            return agency
        }
    }

    static func update(
        _ id: Int, _ fields: AgencyFields, parentID: Int?, expectedVersion: Int, by actor: AuditActor, on db: any Database
    ) async throws -> Agency {
        try await db.writeTransaction { tx in
            guard let agency = try await Agency.find(id, on: tx) else { throw AppError.notFound("机构") }
            try await validate(fields, parentID: parentID, editing: agency, on: tx)
            let claimed = try await OptimisticLock.claim(
                table: Agency.schema, id: id, expectedVersion: expectedVersion,
                what: "机构“\(agency.name)”", on: tx)
            let before = agency.auditSnapshot
            agency.apply(fields)
            agency.$parent.id = parentID
            agency.version = claimed
            try await agency.save(on: tx)
            try await AuditLog.record(.update, agency, summary: "修改机构 \(agency.name)", before: before, by: actor, on: tx)
            return agency
        }
    }

    private static func validate(_ fields: AgencyFields, parentID: Int?, editing: Agency?, on db: any Database) async throws {
        var errors = fields.problems()
        if errors["code"] == nil,
           let other = try await Agency.query(on: db).filter(\.$code == fields.code).first(), other.id != editing?.id {
            errors["code"] = "机构代号“\(fields.code)”已被“\(other.name)”使用"
        }
        if let code = fields.creditCode, errors["credit_code"] == nil,
           let other = try await Agency.query(on: db).filter(\.$creditCode == code).first(), other.id != editing?.id {
            errors["credit_code"] = "统一社会信用代码已被“\(other.name)”使用"
        }
        if let parentID {
            if try await Agency.find(parentID, on: db) == nil {
                errors["parent_id"] = "上级机构不存在"
            } else if let id = editing?.id, try await AgencyTree.wouldCreateCycle(moving: id, under: parentID, on: db) {
                errors["parent_id"] = "不能把机构移到它自己或它的下级机构之下"
            }
        } else if let editing, editing.$parent.id != nil {
            errors["parent_id"] = "请选择上级机构"
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }
}
