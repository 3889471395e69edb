import Fluent
import Foundation
import GongkaiCore

/// A body that discloses and reports: the county government, its bureaus, its townships.
/// Agencies form a tree; a supervising office sees its subtree.
final class Agency: Model, @unchecked Sendable {
    static let schema = "agencies"

    // managed
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// A short stable identifier used in URLs and files (`xy-edu`).
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "kind") var kind: AgencyKind
    @Field(key: "government_level") var governmentLevel: GovernmentLevel
    /// 统一社会信用代码, validated with its check character.
    @OptionalField(key: "credit_code") var creditCode: String?
    @Field(key: "address") var address: String
    @Field(key: "phone") var phone: String
    @Field(key: "office_hours") var officeHours: String
    /// The disclosure office's contact person, phone and e-mail.
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "contact_email") var contactEmail: String
    /// The disclosure guide (政府信息公开指南) shown on the agency's public home page.
    @Field(key: "guide_text") var guideText: String
    /// Named in reply letters: where to apply for reconsideration, which court hears suits.
    @Field(key: "reconsideration_body") var reconsiderationBody: String
    @Field(key: "litigation_court") var litigationCourt: String

    // relationships
    @OptionalParent(key: "parent_id") var parent: Agency?

    init() {}

    init(fields: AgencyFields, parentID: Int?) {
        self.version = 1
        self.$parent.id = parentID
        apply(fields)
    }

    func apply(_ f: AgencyFields) {
        code = f.code
        name = f.name
        shortName = f.shortName
        kind = f.kind
        governmentLevel = f.governmentLevel
        creditCode = f.creditCode
        address = f.address
        phone = f.phone
        officeHours = f.officeHours
        contactName = f.contactName
        contactPhone = f.contactPhone
        contactEmail = f.contactEmail
        guideText = f.guideText
        reconsiderationBody = f.reconsiderationBody
        litigationCourt = f.litigationCourt
    }

    var fields: AgencyFields {
        AgencyFields(code: code, name: name, shortName: shortName, kind: kind, governmentLevel: governmentLevel, creditCode: creditCode,
                     address: address, phone: phone, officeHours: officeHours, contactName: contactName,
                     contactPhone: contactPhone, contactEmail: contactEmail, guideText: guideText,
                     reconsiderationBody: reconsiderationBody, litigationCourt: litigationCourt)
    }

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}


extension Agency: Auditable {
    static let auditEntityType = AuditEntityType.agency
    var auditSnapshot: [String: String] {
        var s: [String: String] = [
            "code": code, "name": name, "short_name": shortName, "kind": kind.rawValue, "government_level": governmentLevel.rawValue,
            "address": address, "phone": phone, "office_hours": officeHours, "contact_name": contactName,
            "contact_phone": contactPhone, "contact_email": contactEmail, "guide_text": guideText,
            "reconsideration_body": reconsiderationBody, "litigation_court": litigationCourt,
            "version": String(version),
        ]
        s["credit_code"] = creditCode
        s["parent_id"] = $parent.id.map(String.init)
        return s
    }
}
