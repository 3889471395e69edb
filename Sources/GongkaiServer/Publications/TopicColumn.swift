import Fluent
import Foundation
import GongkaiCore

/// 专题专栏: a themed column on the portal (e.g. 优化营商环境, 乡村振兴). The annual report counts
/// the columns an agency opened in the year.
final class TopicColumn: Model, @unchecked Sendable {
    static let schema = "topic_columns"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "opened_on") var openedOn: CivilDate
    @OptionalField(key: "closed_on") var closedOn: CivilDate?
    @Parent(key: "agency_id") var agency: Agency

    init() {}

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}


extension TopicColumn: Auditable {
    static let auditEntityType = AuditEntityType.topicColumn
    var auditSnapshot: [String: String] {
        var s = ["name": name, "description": description, "opened_on": openedOn.iso, "agency_id": String($agency.id),
                 "version": String(version)]
        s["closed_on"] = closedOn?.iso
        return s
    }
}
