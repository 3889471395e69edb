import Fluent
import Foundation
import GongkaiCore

/// What a user is: sign-in name, name, agency, roles held there, whether the account may be used.
struct UserInput: Sendable {
    var username: String
    var displayName: String
    var agencyID: Int
    var roles: Set<Role>
    var isActive = true

    func problems() -> [String: String] {
        var errors: [String: String] = [:]
        if let problem = UsernamePolicy.problem(with: username) { errors["username"] = problem }
        if displayName.isEmpty { errors["display_name"] = "请填写姓名" } else if displayName.count > 50 { errors["display_name"] = "姓名不能超过 50 个字" }
        if roles.isEmpty { errors["roles"] = "请至少选择一个角色" }
        return errors
    }
}
