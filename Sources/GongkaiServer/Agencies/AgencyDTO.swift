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
        code = a.code; name = a.name; shortName = a.shortName; kind = a.kind; parentId = a.$parent.id
        creditCode = a.creditCode; address = a.address; phone = a.phone; officeHours = a.officeHours
        contactName = a.contactName; contactPhone = a.contactPhone; contactEmail = a.contactEmail
        guideText = a.guideText; reconsiderationBody = a.reconsiderationBody; litigationCourt = a.litigationCourt; version = a.version
    }
}

/// The body of POST/PUT /agencies; every field but the required ones may be left out.
struct AgencyInput: Content {
    var code: String
    var name: String
    var shortName: String?
    var kind: String
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
        let trim = { (s: String?) in s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let name = trim(self.name), short = trim(shortName), credit = trim(creditCode)
        return AgencyFields(code: trim(code).lowercased(), name: name, shortName: short.isEmpty ? name : short, kind: kind,
                            creditCode: credit.isEmpty ? nil : credit.uppercased(), address: trim(address), phone: trim(phone),
                            officeHours: trim(officeHours), contactName: trim(contactName), contactPhone: trim(contactPhone),
                            contactEmail: trim(contactEmail), guideText: trim(guideText),
                            reconsiderationBody: trim(reconsiderationBody), litigationCourt: trim(litigationCourt))
    }
}

struct UserDTO: Content {
    var id: Int
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [Role]
    var isActive: Bool
    var mustChangePassword: Bool
    var locked: Bool
    var lastLoginAt: Date?
    var version: Int

    init(_ u: StaffUser, roles: Set<Role>) throws {
        id = try u.requireID()
        username = u.username; displayName = u.displayName; agencyId = u.$agency.id; self.roles = roles.sorted()
        isActive = u.isActive; mustChangePassword = u.mustChangePassword; locked = u.lockedUntil.map { $0 > Date() } ?? false
        lastLoginAt = u.lastLoginAt; version = u.version
    }
}

struct UserInputDTO: Content {
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [String]
    /// Optional: without it a temporary password is generated and returned once.
    var password: String?
}

struct CreatedUserDTO: Content {
    var user: UserDTO
    var temporaryPassword: String?
}

struct MeDTO: Content {
    struct Assignment: Content { var role: Role; var agencyId: Int }
    var id: Int
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [Assignment]
    var permissions: [Permission]
}

struct AuditEntryDTO: Content {
    var id: Int
    var occurredAt: Date
    var actorUserId: Int?
    var actorName: String
    var action: String
    var entityType: String
    var entityId: String
    var summary: String
    var before: [String: String]?
    var after: [String: String]?
    var requestId: String
    var ipAddress: String

    init(_ e: AuditEntry) {
        let decode = { (json: String?) in json.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } }
        id = e.id ?? 0; occurredAt = e.occurredAt; actorUserId = e.actorUserID; actorName = e.actorName; action = e.action
        entityType = e.entityType; entityId = e.entityID; summary = e.summary; before = decode(e.beforeJSON); after = decode(e.afterJSON)
        requestId = e.requestID; ipAddress = e.ipAddress
    }
}

struct AuditPageDTO: Content {
    var total: Int
    var page: Int
    var pageSize: Int
    var entries: [AuditEntryDTO]
}

struct CalendarYearsDTO: Content {
    var knownYears: [Int]
    var importedYears: [Int]
    var convention: CountingConvention
}

struct CalendarYearInput: Content {
    var content: String
}

struct CalendarYearDTO: Content {
    var year: Int
    var entries: [ScheduleEntry]
}

extension DeadlineExplanation: Content {}
extension DayStatus: Content {}
