import Fluent
import GongkaiCore
import Vapor

/// User management in the staff console.
enum UserController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageUsers)
        let agencyIDs = Array(staff.agencies(with: .manageUsers))
        let users = try await StaffUser.query(on: req.db).filter(\.$agency.$id ~~ agencyIDs)
            .with(\.$agency).with(\.$roleAssignments).sort(\.$username).all()
        let now = Date()
        let rows = try users.map { user in
            UserIndexPage.Row(
                id: try user.requireID(), username: user.username, displayName: user.displayName, agencyName: user.agency.name,
                roles: user.roleAssignments.map(\.role).sorted(),
                status: !user.isActive ? "已停用" : (user.lockedUntil.map { $0 > now } ?? false) ? "已锁定" : user.mustChangePassword ? "待改密码" : "正常",
                lastLogin: user.lastLoginAt.map(Beijing.dateTime) ?? "从未登录")
        }
        return .html(UserIndexPage.View(model: .init(context: try req.consoleContext(.users), rows: rows)).render())
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageUsers)
        let model = try await formModel(req, staff: staff, userID: nil, version: 0, username: "", displayName: "",
                                        agencyID: staff.homeAgencyID, roles: [], isActive: true, isLocked: false, errors: [:])
        return .html(UserFormPage.View(model: model).render())
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageUsers)
        let form = try req.formFields()
        let input = userInput(form, isActive: true)
        do {
            let (user, temporary) = try await UserService.create(input, password: nil, hasher: req.application.passwordHasher,
                                                                 staff: staff, by: req.auditActor, on: req.db)
            let model = TemporaryPasswordPage.Model(context: try req.consoleContext(.users), username: user.username,
                                                    password: temporary ?? "", headline: "用户已创建")
            return .html(TemporaryPasswordPage.View(model: model).render())
        } catch let error as AppError where !error.fields.isEmpty {
            let model = try await formModel(req, staff: staff, userID: nil, version: 0, username: input.username,
                                            displayName: input.displayName, agencyID: input.agencyID, roles: input.roles,
                                            isActive: true, isLocked: false, errors: error.fields)
            return .html(UserFormPage.View(model: model).render(), status: .unprocessableEntity)
        }
    }

    static func edit(req: Request) async throws -> Response {
        let (staff, user) = try await managedUser(req)
        let model = try await formModel(
            req, staff: staff, userID: user.id, version: user.version, username: user.username, displayName: user.displayName,
            agencyID: user.$agency.id, roles: try await UserService.roles(of: try user.requireID(), on: req.db),
            isActive: user.isActive, isLocked: user.lockedUntil.map { $0 > Date() } ?? false, errors: [:])
        return .html(UserFormPage.View(model: model).render())
    }

    static func update(req: Request) async throws -> Response {
        let (staff, user) = try await managedUser(req)
        let form = try req.formFields()
        var input = userInput(form, isActive: form["is_active"] == "1")
        input.username = user.username
        let id = try user.requireID()
        do {
            _ = try await UserService.update(id, input, expectedVersion: try form.version(), staff: staff, by: req.auditActor, on: req.db)
            return req.redirect(to: .users, flash: "已保存用户“\(user.username)”")
        } catch let error as AppError where !error.fields.isEmpty || error.code == "edit_conflict" {
            var errors = error.fields
            if error.code == "edit_conflict" { errors["version"] = error.message }
            let model = try await formModel(
                req, staff: staff, userID: id, version: (try? form.version()) ?? user.version,
                username: user.username, displayName: input.displayName, agencyID: input.agencyID,
                roles: input.roles, isActive: input.isActive, isLocked: false, errors: errors)
            return .html(UserFormPage.View(model: model).render(), status: error.code == "edit_conflict" ? .conflict : .unprocessableEntity)
        }
    }

    /// Clears the user's sign-in slowdown (on this server instance) and any lock of earlier versions.
    static func unlock(req: Request) async throws -> Response {
        let (staff, user) = try await managedUser(req)
        try await UserService.unlock(try user.requireID(), staff: staff, by: req.auditActor, on: req.db)
        SignInService.clearFailures(of: user.username, on: req.application)
        return req.redirect(to: .userEdit(.value(try user.requireID())), flash: "已解除登录限制")
    }

    static func resetPassword(req: Request) async throws -> Response {
        let (staff, user) = try await managedUser(req)
        let temporary = try await UserService.resetPassword(try user.requireID(), hasher: req.application.passwordHasher,
                                                            staff: staff, by: req.auditActor, on: req.db)
        let model = TemporaryPasswordPage.Model(context: try req.consoleContext(.users), username: user.username,
                                                password: temporary, headline: "密码已重置")
        return .html(TemporaryPasswordPage.View(model: model).render())
    }

    /// 重置两步验证 (#14): for a user who lost both the phone and the recovery codes.
    static func resetSecondFactor(req: Request) async throws -> Response {
        let (staff, user) = try await managedUser(req)
        let id = try user.requireID()
        try await SecondFactorService.reset(id, staff: staff, by: req.auditActor, on: req.db)
        return req.redirect(to: .userEdit(.value(id)), flash: "已重置 \(user.username) 的两步验证，并使其所有登录和接口令牌失效")
    }

    /// The user named in the path, who must belong to an agency the signed-in administrator manages.
    private static func managedUser(_ req: Request) async throws -> (StaffPrincipal, StaffUser) {
        let staff = try req.requireStaff(.manageUsers)
        let user = try await UserService.managed(try req.parameters.require("id", as: Int.self), by: staff, on: req.db)
        return (staff, user)
    }

    private static func userInput(_ form: FormFields, isActive: Bool) -> UserInput {
        UserInput(username: form["username"].lowercased(), displayName: form["display_name"], agencyID: form.int("agency_id") ?? 0,
                  roles: Set(form.all("roles").compactMap(Role.init(rawValue:))), isActive: isActive)
    }

    private static func formModel(
        _ req: Request, staff: StaffPrincipal, userID: Int?, version: Int, username: String, displayName: String,
        agencyID: Int?, roles: Set<Role>, isActive: Bool, isLocked: Bool, errors: [String: String]
    ) async throws -> UserFormPage.Model {
        let outline = try await AgencyTree.outline(of: Array(staff.agencies(with: .manageUsers)), on: req.db)
        return UserFormPage.Model(
            context: try req.consoleContext(.users), userID: userID, version: version, username: username, displayName: displayName,
            agencyID: agencyID, roles: roles, isActive: isActive, isLocked: isLocked,
            agencyOptions: outline.compactMap { item in item.agency.id.map { ($0, String(repeating: "　", count: item.depth) + item.agency.name) } },
            errors: errors)
    }
}
