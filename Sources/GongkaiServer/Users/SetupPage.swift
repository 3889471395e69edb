import GongkaiCore

/// First run: create the top agency and its first administrator from the one-time link.
enum SetupPage {
    struct Model {
        var form = SetupForm()
        var errors: [String: String] = [:]
        var csrfToken: String
        var action: String
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.form
            return PortalLayout(title: "初始化平台", agency: nil) {
                H.section(.class("card")) {
                    H.h1 { "初始化平台" }
                    H.p { "这是首次运行时生成的一次性链接。请填写本级机关信息并创建第一个系统管理员账号；提交后此链接即失效。" }
                    Form.errorSummary(model.errors)
                    H.form(.method("post"), .action(model.action)) {
                        Form.csrf(model.csrfToken)
                        H.fieldset {
                            H.legend { "本级机关" }
                            Form.text("agency_name", label: "机关名称", value: f.agencyName, error: model.errors["agency_name"],
                                      hint: "例如：示范县人民政府", required: true)
                            Form.text("agency_code", label: "机关代号", value: f.agencyCode, error: model.errors["agency_code"],
                                      hint: "小写字母、数字和连字符，用于网址，例如 sfx-gov", required: true)
                            Form.select("agency_kind", label: "机关类型", options: AgencyKind.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                        selected: f.agencyKind, error: model.errors["agency_kind"], required: true)
                            Form.text("credit_code", label: "统一社会信用代码", value: f.creditCode, error: model.errors["credit_code"])
                        }
                        H.fieldset {
                            H.legend { "第一个系统管理员" }
                            Form.text("username", label: "用户名", value: f.username, error: model.errors["username"], required: true, autocomplete: "username")
                            Form.text("display_name", label: "姓名", value: f.displayName, error: model.errors["display_name"], required: true)
                            Form.text("password", label: "密码", error: model.errors["password"], hint: PasswordPolicy.hint,
                                      type: "password", required: true, autocomplete: "new-password")
                            Form.text("password_confirmation", label: "确认密码", error: model.errors["password_confirmation"],
                                      type: "password", required: true, autocomplete: "new-password")
                        }
                        Form.submit("创建并进入工作台")
                    }
                }
            }.render()
        }
    }
}
