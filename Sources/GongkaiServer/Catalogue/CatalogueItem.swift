import Fluent
import Foundation
import GongkaiCore

/// An item of an agency's standard disclosure catalogue (公开事项标准目录, statute §5.3): what
/// must be published, on what basis, by when, by whom, through which channels, to whom, how
/// and at which level. Publications name the item they fulfil; the compliance view reads them.
final class CatalogueItem: Model, @unchecked Sendable {
    static let schema = "catalogue_items"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Parent(key: "agency_id") var agency: Agency
    /// The domain (领域) of the catalogue the item belongs to, e.g. 城乡规划, 财政预决算.
    @Field(key: "domain") var domain: String
    @Field(key: "sequence") var sequence: Int
    @Field(key: "item_l1") var itemL1: String
    @Field(key: "item_l2") var itemL2: String
    @Field(key: "content_elements") var contentElements: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "time_limit") var timeLimit: String
    @Field(key: "subject") var subject: String
    @Field(key: "channels") var channels: String
    @Field(key: "audience") var audience: String
    @Field(key: "mode") var mode: String
    @Field(key: "level") var level: String
    /// The day the item entered the catalogue: the first period of a periodic item counts from it.
    @Field(key: "since") var since: CivilDate

    init() {}

    /// 事项名称: “一级事项 · 二级事项”.
    var name: String { itemL2.isEmpty ? itemL1 : (itemL1.isEmpty ? itemL2 : "\(itemL1) · \(itemL2)") }

    var parsedTimeLimit: CatalogueTimeLimit { CatalogueTimeLimit.parse(timeLimit) }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}


extension CatalogueItem: Auditable {
    static let auditEntityType = AuditEntityType.catalogueItem
    var auditSnapshot: [String: String] {
        ["agency_id": String($agency.id), "domain": domain, "sequence": String(sequence), "item_l1": itemL1, "item_l2": itemL2,
         "time_limit": timeLimit, "subject": subject, "version": String(version)]
    }
}
