import Fluent
import GongkaiCore
import Vapor

enum UserAPI {
    static func me(req: Request) async throws -> MeDTO {
        let staff = try req.requireStaff()
        return MeDTO(id: staff.userID, username: staff.username, displayName: staff.displayName, agencyId: staff.homeAgencyID,
                     roles: staff.assignments.map { .init(role: $0.role, agencyId: $0.agencyID) },
                     permissions: Permission.allCases.filter(staff.has))
    }

    static func index(req: Request) async throws -> [UserDTO] {
        let staff = try req.requireStaff(.manageUsers)
        let users = try await StaffUser.query(on: req.db).filter(\.$agency.$id ~~ Array(staff.agencies(with: .manageUsers)))
            .with(\.$roleAssignments).sort(\.$id).all()
        return try users.map { try UserDTO($0, roles: Set($0.roleAssignments.map(\.role))) }
    }

    static func show(req: Request) async throws -> UserDTO {
        let staff = try req.requireStaff(.manageUsers)
        let id = try req.parameters.require("id", as: Int.self)
        let user = try await UserService.managed(id, by: staff, on: req.db)
        return try UserDTO(user, roles: try await UserService.roles(of: id, on: req.db))
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageUsers)
        let input = try req.safeContent(UserInputDTO.self)
        var roles = Set<Role>()
        for text in input.roles {
            guard let role = Role(rawValue: text) else {
                throw AppError.validation(["roles": "角色“\(text)”无效，可选：\(Role.allCases.map(\.rawValue).joined(separator: "、"))"])
            }
            roles.insert(role)
        }
        let userInput = UserInput(username: input.username.lowercased(), displayName: input.displayName.trimmingCharacters(in: .whitespaces),
                                  agencyID: input.agencyId, roles: roles)
        let (user, temporary) = try await UserService.create(userInput, password: input.password, hasher: req.application.passwordHasher,
                                                             staff: staff, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(CreatedUserDTO(user: try UserDTO(user, roles: roles), temporaryPassword: temporary))
        return response
    }
}
