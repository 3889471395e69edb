import Fluent
import GongkaiCore
import Vapor

/// The signed-in staff member of a request, with what each permission reaches.
struct StaffPrincipal: Sendable {
    let userID: Int
    let username: String
    let displayName: String
    let homeAgencyID: Int
    let mustChangePassword: Bool
    /// Role held → agency where it is held.
    let assignments: [(role: Role, agencyID: Int)]
    /// Permission → ids of the agencies it reaches (a subtree for supervising roles).
    let reach: [Permission: Set<Int>]
    /// The user's roles require a second factor that is not enrolled yet (#14): only enrolment
    /// is open to such a user (`RequireStaff`).
    var secondFactorMissing = false

    var roles: Set<Role> { Set(assignments.map(\.role)) }

    func has(_ permission: Permission) -> Bool { !(reach[permission]?.isEmpty ?? true) }

    func can(_ permission: Permission, inAgency agencyID: Int) -> Bool {
        reach[permission]?.contains(agencyID) ?? false
    }

    func agencies(with permission: Permission) -> Set<Int> { reach[permission] ?? [] }

    var auditName: String { "\(username)（\(displayName)）" }

    /// Loads a user's roles and computes the reach of each permission over the agency tree.
    /// The principal of a request (session or API token): also whether the second factor the
    /// user's roles require is missing.
    static func load(_ user: StaffUser, policy: SecondFactorPolicy, on db: any Database) async throws -> StaffPrincipal {
        var principal = try await load(user, on: db)
        principal.secondFactorMissing = try await SecondFactorService.isMissing(for: user, roles: principal.roles, policy: policy, on: db)
        return principal
    }

    static func load(_ user: StaffUser, on db: any Database) async throws -> StaffPrincipal {
        let userID = try user.requireID()
        let assignments = try await RoleAssignment.query(on: db).filter(\.$user.$id == userID).all()
            .map { (role: $0.role, agencyID: $0.$agency.id) }
        var subtreeCache: [Int: Set<Int>] = [:]
        var reach: [Permission: Set<Int>] = [:]
        for assignment in assignments {
            var agencies: Set<Int> = [assignment.agencyID]
            if assignment.role.coversSubtree {
                if subtreeCache[assignment.agencyID] == nil {
                    subtreeCache[assignment.agencyID] = Set(try await AgencyTree.subtreeIDs(of: [assignment.agencyID], on: db))
                }
                agencies = subtreeCache[assignment.agencyID]!
            }
            for permission in assignment.role.permissions { reach[permission, default: []].formUnion(agencies) }
        }
        return StaffPrincipal(
            userID: userID, username: user.username, displayName: user.displayName, homeAgencyID: user.$agency.id,
            mustChangePassword: user.mustChangePassword, assignments: assignments, reach: reach)
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = StaffPrincipal }

    var staff: StaffPrincipal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    func requireStaff() throws -> StaffPrincipal {
        guard let staff else { throw AppError.unauthenticated }
        return staff
    }

    /// The signed-in user, who must hold `permission` in `agencyID` (or anywhere when nil).
    func requireStaff(_ permission: Permission, inAgency agencyID: Int? = nil) throws -> StaffPrincipal {
        let staff = try requireStaff()
        let allowed = agencyID.map { staff.can(permission, inAgency: $0) } ?? staff.has(permission)
        guard allowed else { throw AppError.forbidden("您没有“\(permission.chineseLabel)”的权限") }
        return staff
    }

    /// Who is acting, for the audit log.
    var auditActor: AuditActor {
        AuditActor(
            userID: staff?.userID, name: staff?.auditName ?? "公众", requestID: requestID,
            ipAddress: clientIP)
    }
}
