import GongkaiCore

/// 两步验证: enrol with an authenticator app (the key typed by hand: intranets have no
/// internet and the console no JavaScript, so no QR image), see the recovery codes once,
/// or turn the second factor off.
enum SecondFactorPage {
    struct Model {
        enum State {
            /// A key waiting for its first code.
            case enrolling(secret: String, uri: String)
            /// Just confirmed: the recovery codes, shown this once.
            case recoveryCodes([String])
            case enabled(recoveryCodesLeft: Int)
        }
        var context: ConsoleContext
        var state: State
        /// The user's roles (or the installation) require it, and it is not set up yet.
        var required: Bool
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "两步验证", context: model.context) {
                H.section(.class("card narrow")) {
                    H.h1 { "两步验证" }
                    if model.required {
                        H.p(.class("flash")) { "您的角色要求使用两步验证：请先完成设置，再继续使用工作台。" }
                    }
                    Form.errorSummary(model.errors)
                    switch model.state {
                    case .enrolling(let secret, let uri):
                        H.p { "在身份验证器应用（如手机上的 Google Authenticator、Microsoft Authenticator、FreeOTP）中手动输入密钥：" }
                        H.p { H.code(.class("secret")) { Base32.grouped(secret) } }
                        H.p(.class("hint")) { "账户名：\(model.context.username)；类型：基于时间（TOTP，30 秒，6 位）。支持链接的应用也可使用：" }
                        H.p { H.code(.class("uri")) { uri } }
                        H.form(.method("post"), .action(SiteURL.secondFactor.path)) {
                            Form.csrf(model.context.csrfToken)
                            Form.hidden("action", "confirm")
                            Form.text("code", label: "应用显示的 6 位验证码", error: model.errors["code"], required: true,
                                      autocomplete: "one-time-code")
                            Form.submit("确认并启用")
                        }
                    case .recoveryCodes(let codes):
                        H.p(.class("flash")) { "两步验证已启用。" }
                        H.p { "以下 \(codes.count) 个恢复码只显示这一次：请打印或抄写后妥善保管。手机丢失时，每个恢复码可代替验证码登录一次。" }
                        H.ol(.class("recovery-codes")) {
                            for code in codes { H.li { H.code { code } } }
                        }
                        H.p { H.a(.href(SiteURL.console.path)) { "我已保存恢复码，进入工作台" } }
                    case .enabled(let left):
                        H.p { "两步验证已启用。剩余未使用的恢复码：\(left) 个。" }
                        H.h2 { "停用或更换手机" }
                        H.p(.class("hint")) { "停用后可重新设置（例如更换手机）。\(model.required ? "您的角色要求两步验证，停用后须立即重新设置。" : "")" }
                        H.form(.method("post"), .action(SiteURL.secondFactor.path)) {
                            Form.csrf(model.context.csrfToken)
                            Form.hidden("action", "disable")
                            Form.text("proof", label: "当前验证码、恢复码或登录密码", error: model.errors["proof"], type: "password",
                                      required: true, autocomplete: "current-password")
                            Form.submit("停用两步验证")
                        }
                    }
                }
            }.render()
        }
    }
}
