import GongkaiCore

enum UserFormPage {
    struct Model {
        var context: ConsoleContext
        var userID: Int?
        var version: Int
        var username: String
        var displayName: String
        var agencyID: Int?
        var roles: Set<Role>
        var isActive: Bool
        var isLocked: Bool
        var agencyOptions: [(id: Int, label: String)]
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            let e = model.errors
            let isNew = model.userID == nil
            let action = model.userID.map { SiteURL.user(.value($0)).path } ?? SiteURL.users.path
            return ConsoleLayout(title: isNew ? "新建用户" : "修改用户：\(model.username)", context: model.context) {
                Form.errorSummary(e)
                H.form(.method("post"), .action(action), .class("card")) {
                    Form.csrf(model.context.csrfToken)
                    Form.hidden("version", String(model.version))
                    if isNew {
                        Form.text("username", label: "用户名", value: model.username, error: e["username"], hint: UsernamePolicy.hint,
                                  required: true, autocomplete: "off")
                    } else {
                        H.p { "用户名："; H.code { model.username } }
                    }
                    Form.text("display_name", label: "姓名", value: model.displayName, error: e["display_name"], required: true)
                    Form.select("agency_id", label: "所属机构", options: model.agencyOptions.map { (String($0.id), $0.label) },
                                selected: model.agencyID.map(String.init), error: e["agency_id"], required: true)
                    Form.checkboxes("roles", legend: "角色（在所属机构内）",
                                    options: Role.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                    checked: Set(model.roles.map(\.rawValue)), error: e["roles"])
                    if !isNew {
                        H.label(.class("check")) {
                            H.input(.type("checkbox"), .name("is_active"), .value("1"), .when(model.isActive, .checked))
                            "账号可用（取消勾选即停用，并立即退出其所有登录）"
                        }
                    } else {
                        H.p(.class("hint")) { "系统将生成一次性临时密码，用户首次登录时须修改。" }
                    }
                    Form.submit(isNew ? "创建用户" : "保存修改")
                }
                if let id = model.userID {
                    H.section(.class("card")) {
                        H.h2 { "账号安全" }
                        if model.isLocked {
                            H.form(.method("post"), .action(SiteURL.userUnlock(.value(id)).path), .class("inline")) {
                                Form.csrf(model.context.csrfToken)
                                H.button(.type("submit")) { "解除锁定" }
                            }
                        }
                        H.form(.method("post"), .action(SiteURL.userResetPassword(.value(id)).path), .class("inline")) {
                            Form.csrf(model.context.csrfToken)
                            H.button(.type("submit")) { "重置密码" }
                        }
                        H.p(.class("hint")) { "重置后生成新的临时密码并使该用户所有登录失效。" }
                        H.form(.method("post"), .action(SiteURL.userResetSecondFactor(.value(id)).path), .class("inline")) {
                            Form.csrf(model.context.csrfToken)
                            H.button(.type("submit")) { "重置两步验证" }
                        }
                        H.p(.class("hint")) { "用户的手机和恢复码都丢失时使用：删除其两步验证设置并使其所有登录失效，用户下次登录后重新设置。" }
                    }
                }
            }.render()
        }
    }
}
