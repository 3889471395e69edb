import Foundation
import GongkaiCore
import Vapor

/// What the API says about an agency (keys are snake_case on the wire).
struct AgencyDTO: Content {
    var id: Int
    var code: String
    var name: String
    var shortName: String
    var kind: AgencyKind
    var governmentLevel: GovernmentLevel
    var parentId: Int?
    var creditCode: String?
    var address: String
    var phone: String
    var officeHours: String
    var contactName: String
    var contactPhone: String
    var contactEmail: String
    var guideText: String
    var reconsiderationBody: String
    var litigationCourt: String
    var version: Int

    init(_ a: Agency) throws {
        id = try a.requireID()
        code = a.code; name = a.name; shortName = a.shortName; kind = a.kind; governmentLevel = a.governmentLevel; parentId = a.$parent.id
        creditCode = a.creditCode; address = a.address; phone = a.phone; officeHours = a.officeHours
        contactName = a.contactName; contactPhone = a.contactPhone; contactEmail = a.contactEmail
        guideText = a.guideText; reconsiderationBody = a.reconsiderationBody; litigationCourt = a.litigationCourt; version = a.version
    }
}
