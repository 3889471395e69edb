import GongkaiCore

enum LoginPage {
    struct Model {
        var username = ""
        var next: String?
        var error: String?
        var csrfToken: String
        var notice: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            PortalLayout(title: "工作人员登录", agency: nil) {
                H.section(.class("card narrow")) {
                    H.h1 { "工作人员登录" }
                    if let notice = model.notice { H.p(.class("flash"), Attribute("role", "status")) { notice } }
                    if let error = model.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                    H.form(.method("post"), .action(SiteURL.login(next: nil).path)) {
                        Form.csrf(model.csrfToken)
                        if let next = model.next { Form.hidden("next", next) }
                        Form.text("username", label: "用户名", value: model.username, required: true, autocomplete: "username")
                        Form.text("password", label: "密码", type: "password", required: true, autocomplete: "current-password")
                        Form.submit("登录")
                    }
                    H.p(.class("muted")) { "连续输错密码将临时锁定账号。忘记密码请联系本单位系统管理员重置。" }
                }
            }.render()
        }
    }
}
