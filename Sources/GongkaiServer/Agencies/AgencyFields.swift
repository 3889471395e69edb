import Fluent
import Foundation
import GongkaiCore

/// The editable fields of an agency, validated (see `AgencyFields.validate`).
struct AgencyFields: Codable, Equatable, Sendable {
    var code: String
    var name: String
    var shortName: String
    var kind: AgencyKind
    /// For a people's government: county, prefecture or province (decides when its report is due).
    var governmentLevel: GovernmentLevel = .county
    var creditCode: String?
    var address: String = ""
    var phone: String = ""
    var officeHours: String = ""
    var contactName: String = ""
    var contactPhone: String = ""
    var contactEmail: String = ""
    var guideText: String = ""
    var reconsiderationBody: String = ""
    var litigationCourt: String = ""
}
