import GongkaiCore

/// The second step of a sign-in: the code from the authenticator app, or a recovery code.
enum SecondFactorSignInPage {
    struct Model {
        var error: String?
        var csrfToken: String
    }

    struct View {
        let model: Model

        func render() -> String {
            PortalLayout(title: "两步验证", agency: nil) {
                H.section(.class("card narrow")) {
                    H.h1 { "两步验证" }
                    if let error = model.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                    H.form(.method("post"), .action(SiteURL.loginSecondFactor.path)) {
                        Form.csrf(model.csrfToken)
                        Form.text("code", label: "验证码", hint: "身份验证器应用显示的 6 位数字；手机丢失时可输入一个恢复码（如 abcde-fghjk，每个只能用一次）",
                                  required: true, autocomplete: "one-time-code")
                        Form.submit("验证并登录")
                    }
                    H.p(.class("muted")) { "验证码每 30 秒更新一次，每个验证码只能使用一次。手机和恢复码都丢失时，请联系本单位系统管理员重置两步验证。" }
                }
            }.render()
        }
    }
}
