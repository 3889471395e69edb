import Fluent
import GongkaiCore

/// Who may be put in charge of an agency's requests: active users holding the case-officer role
/// there.
enum CaseOfficers {
    static func list(agencyIDs: [Int], on db: any Database) async throws -> [(id: Int, label: String)] {
        let assignments = try await RoleAssignment.query(on: db).filter(\.$agency.$id ~~ agencyIDs).filter(\.$role == .caseOfficer)
            .with(\.$user).with(\.$agency).all()
        return assignments.filter { $0.user.isActive }.compactMap { a in a.user.id.map { ($0, "\(a.user.displayName)（\(a.agency.shortName)）") } }
    }

    /// Nil when the user may handle the agency's requests, otherwise why not.
    static func problem(userID: Int, agencyID: Int, on db: any Database) async throws -> String? {
        try await list(agencyIDs: [agencyID], on: db).contains { $0.id == userID } ? nil : "承办人应为该机关在职的承办人"
    }
}
