import Fluent
import GongkaiCore

/// Creating and changing agencies, for the console, the API and the CLI alike: validation,
/// uniqueness, the tree's shape, optimistic locking and the audit entry, in one transaction.
///
/// `staff` is the administrator acting in the console or the API (nil for the operator on the
/// command line, the import and the demo). Both doors get the same answers in the same order:
/// reach over the agency (403) → exists (404) → the parent within reach (422) → fields (422) →
/// version (409).
enum AgencyService {
    static func create(
        _ fields: AgencyFields, parentID: Int?, staff: StaffPrincipal? = nil, by actor: AuditActor, on db: any Database
    ) async throws -> Agency {
        // New agencies go inside the administrator's reach; a new root only comes from the CLI.
        if let staff, parentID.map({ staff.can(.manageAgencies, inAgency: $0) }) != true { throw parentOutOfReach }
        return try await db.writeTransaction { tx in
            try await validate(fields, parentID: parentID, editing: nil, on: tx)
            let agency = Agency(fields: fields, parentID: parentID)
            try await agency.create(on: tx)
            try await AuditLog.record(.create, agency, summary: "新建机构 \(agency.name)", before: nil, by: actor, on: tx)
            return agency
        }
    }

    /// With `staff`, `parentID` is the parent asked for (nil: unchanged): the top of an
    /// administrator's reach keeps its parent; the others move within the reach.
    static func update(
        _ id: Int, _ fields: AgencyFields, parentID requestedParentID: Int?, expectedVersion: Int, staff: StaffPrincipal? = nil,
        by actor: AuditActor, on db: any Database
    ) async throws -> Agency {
        if let staff, !staff.can(.manageAgencies, inAgency: id) { throw AppError.forbidden("您没有“\(Permission.manageAgencies.chineseLabel)”的权限") }
        return try await db.writeTransaction { tx in
            guard let agency = try await Agency.find(id, on: tx) else { throw AppError.notFound("机构") }
            var parentID = requestedParentID
            if let staff {
                parentID = agency.$parent.id.flatMap { staff.can(.manageAgencies, inAgency: $0) ? (requestedParentID ?? $0) : $0 }
                if let parentID, parentID != agency.$parent.id, !staff.can(.manageAgencies, inAgency: parentID) { throw parentOutOfReach }
            }
            try await validate(fields, parentID: parentID, editing: agency, on: tx)
            let claimed = try await OptimisticLock.claim(
                table: Agency.schema, id: id, expectedVersion: expectedVersion,
                what: "机构“\(agency.name)”", on: tx)
            let before = agency.auditSnapshot
            // A move under another parent is in the log of the old parent's auditors too.
            let oldPath = parentID != agency.$parent.id ? try await AgencyTree.path(of: id, on: tx) : nil
            agency.apply(fields)
            agency.$parent.id = parentID
            agency.version = claimed
            try await agency.save(on: tx)
            try await AuditLog.record(
                .update, agency, summary: "修改机构 \(agency.name)", before: before,
                formerAgencyPath: oldPath, by: actor, on: tx)
            return agency
        }
    }

    private static var parentOutOfReach: AppError { AppError.validation(["parent_id": "请选择您有权管理的上级机构"]) }

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
