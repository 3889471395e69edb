import Foundation
import GongkaiCore
import Vapor

/// The body of POST/PUT /agencies; every field but the required ones may be left out.
struct AgencyInput: Content {
    var code: String
    var name: String
    var shortName: String?
    var kind: String
    var governmentLevel: String?
    var parentId: Int?
    var creditCode: String?
    var address: String?
    var phone: String?
    var officeHours: String?
    var contactName: String?
    var contactPhone: String?
    var contactEmail: String?
    var guideText: String?
    var reconsiderationBody: String?
    var litigationCourt: String?
    /// Required on PUT: the version the client last read (optimistic locking).
    var version: Int?

    func fields() throws -> AgencyFields {
        guard let kind = AgencyKind(rawValue: kind) else {
            throw AppError.validation(["kind": "机构类型“\(self.kind)”无效，应为 government、department、township 或 other"])
        }
        let level = try governmentLevel.map { raw in
            guard let level = GovernmentLevel(rawValue: raw) else {
                throw AppError.validation(["government_level": "政府层级“\(raw)”无效，应为 county、prefecture 或 province"])
            }
            return level
        } ?? .county
        let trim = { (s: String?) in s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let name = trim(self.name), short = trim(shortName), credit = trim(creditCode)
        return AgencyFields(code: trim(code).lowercased(), name: name, shortName: short.isEmpty ? name : short, kind: kind, governmentLevel: level,
                            creditCode: credit.isEmpty ? nil : credit.uppercased(), address: trim(address), phone: trim(phone),
                            officeHours: trim(officeHours), contactName: trim(contactName), contactPhone: trim(contactPhone),
                            contactEmail: trim(contactEmail), guideText: trim(guideText),
                            reconsiderationBody: trim(reconsiderationBody), litigationCourt: trim(litigationCourt))
    }
}
