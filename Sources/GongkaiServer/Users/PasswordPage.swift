import GongkaiCore

enum PasswordPage {
    struct Model {
        var context: ConsoleContext
        var mustChange: Bool
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "修改密码", context: model.context) {
                H.section(.class("card narrow")) {
                    if model.mustChange {
                        H.p(.class("flash")) { "您的密码由他人设置，请先设置自己的新密码再继续使用。" }
                    }
                    Form.errorSummary(model.errors)
                    H.form(.method("post"), .action(SiteURL.password.path)) {
                        Form.csrf(model.context.csrfToken)
                        Form.text("current_password", label: "当前密码", error: model.errors["current_password"], type: "password",
                                  required: true, autocomplete: "current-password")
                        Form.text("new_password", label: "新密码", error: model.errors["new_password"], hint: PasswordPolicy.hint,
                                  type: "password", required: true, autocomplete: "new-password")
                        Form.text("password_confirmation", label: "确认新密码", error: model.errors["password_confirmation"],
                                  type: "password", required: true, autocomplete: "new-password")
                        Form.submit("保存新密码")
                    }
                }
            }.render()
        }
    }
}
