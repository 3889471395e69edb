import Fluent
import GongkaiCore

/// Who may be put in charge of an agency's messages: active users there whose roles handle them.
enum MessageHandlers {
    static func list(agencyIDs: [Int], on db: any Database) async throws -> [(id: Int, label: String)] {
        let roles = Role.allCases.filter { $0.permissions.contains(.handleMessages) }
        let assignments = try await RoleAssignment.query(on: db).filter(\.$agency.$id ~~ agencyIDs).filter(\.$role ~~ roles)
            .with(\.$user).with(\.$agency).all()
        var seen = Set<Int>()
        return assignments.filter { $0.user.isActive }.compactMap { a in
            guard let id = a.user.id, seen.insert(id).inserted else { return nil }
            return (id, "\(a.user.displayName)（\(a.agency.shortName)）")
        }
    }
}
