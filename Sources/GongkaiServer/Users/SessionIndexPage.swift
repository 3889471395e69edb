import GongkaiCore

/// 登录设备: where the staff member is signed in, with "sign out everywhere".
enum SessionIndexPage {
    struct Model {
        var context: ConsoleContext
        var sessions: [StaffSessionService.Listed]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "登录设备", context: model.context) {
                H.p(.class("hint")) {
                    "下面是您当前登录着的浏览器。发现不认识的设备，或在公用电脑上忘记退出时，可在此退出；"
                    "如怀疑密码泄露，请同时修改密码（修改密码也会退出其他设备并撤销接口令牌）。"
                }
                H.table(.class("list")) {
                    H.thead { H.tr { H.th { "浏览器" }; H.th { "网络地址" }; H.th { "登录时间" }; H.th { "最近活动" }; H.th { "最迟到期" } } }
                    H.tbody {
                        for s in model.sessions {
                            H.tr {
                                H.td {
                                    Self.browser(s.userAgent)
                                    if s.isCurrent { H.strong { "（本设备）" } }
                                }
                                H.td { s.ipAddress.isEmpty ? "—" : s.ipAddress }
                                H.td { Beijing.dateTime(s.createdAt) }
                                H.td { Beijing.dateTime(s.lastSeenAt) }
                                H.td { Beijing.dateTime(s.expiresAt) }
                            }
                        }
                    }
                }
                H.div(.class("actions")) {
                    for scope in StaffSessionService.Scope.allCases {
                        H.form(.method("post"), .action(SiteURL.sessionsEnd.path), .class("inline")) {
                            Form.csrf(model.context.csrfToken)
                            H.input(.type("hidden"), .name("scope"), .value(scope.rawValue))
                            H.button(.type("submit")) { scope.chineseLabel }
                        }
                    }
                }
            }.render()
        }

        /// The browser and system a person recognises, from the User-Agent (the whole string in
        /// a tooltip would be noise): "Chrome · Windows", "微信 · Android", "Edge · Windows".
        static func browser(_ agent: String) -> String {
            let browsers: [(String, String)] = [("MicroMessenger", "微信"), ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("QQBrowser", "QQ浏览器"),
                                                ("360SE", "360浏览器"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl")]
            let systems: [(String, String)] = [("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
                                               ("Mac OS X", "macOS"), ("Linux", "Linux")]
            let browser = browsers.first { agent.contains($0.0) }?.1
            let system = systems.first { agent.contains($0.0) }?.1
            let parts = [browser, system].compactMap { $0 }
            return parts.isEmpty ? (agent.isEmpty ? "未知浏览器" : String(agent.prefix(40))) : parts.joined(separator: " · ")
        }
    }
}
