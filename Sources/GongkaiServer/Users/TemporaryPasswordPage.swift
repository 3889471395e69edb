import GongkaiCore

/// Shown once after creating a user or resetting a password: the temporary password is not stored.
enum TemporaryPasswordPage {
    struct Model {
        var context: ConsoleContext
        var username: String
        var password: String
        var headline: String
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: model.headline, context: model.context) {
                H.section(.class("card narrow")) {
                    H.p { "用户 "; H.code { model.username }; " 的临时密码：" }
                    H.p(.class("secret")) { H.code { model.password } }
                    H.p(.class("hint")) { "此密码只显示这一次，请当面或电话告知本人；首次登录时必须修改。" }
                    H.p { H.a(.href(SiteURL.users.path)) { "返回用户列表" } }
                }
            }.render()
        }
    }
}
