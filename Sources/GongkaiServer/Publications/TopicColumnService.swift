import Fluent
import Foundation
import GongkaiCore

/// Opening a topic column: a publisher of the agency, a name unique in the agency, a date.
enum TopicColumnService {
    static func create(fields: FormFields, staff: StaffPrincipal, actor: AuditActor, on db: any Database) async throws -> TopicColumn {
        guard let agencyID = fields.int("agency_id"), try await Agency.find(agencyID, on: db) != nil else {
            throw AppError.validation(["agency_id": "请选择开设机构"])
        }
        guard staff.can(.publish, inAgency: agencyID) else { throw AppError.forbidden("您不能为该机构开设专题专栏") }
        var errors: [String: String] = [:]
        let name = fields["name"]
        if name.isEmpty || name.count > 60 { errors["name"] = "请填写名称（不超过 60 字）" }
        guard let opened = CivilDate(iso: fields["opened_on"]) else {
            errors["opened_on"] = "开设日期应为 YYYY-MM-DD"
            throw AppError.validation(errors)
        }
        if try await TopicColumn.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$name == name).count() > 0 {
            errors["name"] = "本机构已有同名专题专栏"
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let topic = TopicColumn()
        topic.version = 1
        topic.$agency.id = agencyID
        topic.name = name
        topic.description = fields["description"]
        topic.openedOn = opened
        try await db.writeTransaction { tx in
            try await topic.create(on: tx)
            try await PortalCache.bump(on: tx)
            try await AuditLog.record(.create, topic, summary: "开设专题专栏“\(name)”", before: nil, by: actor, on: tx)
        }
        return topic
    }
}
