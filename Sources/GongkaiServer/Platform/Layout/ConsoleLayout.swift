import GongkaiCore


/// The frame of every staff-console page: header with the user, navigation by permission, content.
struct ConsoleLayout {
    let title: String
    let context: ConsoleContext
    let content: Node

    init(title: String, context: ConsoleContext, @NodeBuilder content: () -> [Node]) {
        self.title = title
        self.context = context
        self.content = .group(content())
    }

    /// Each entry shows when the user holds any of its permissions.
    private var navigation: [(ConsoleSection, String, String, [Permission])] {
        [
            (.dashboard, "工作台", SiteURL.console.path, [.viewConsole]),
            (.publications, "主动公开", SiteURL.publications.path, [.viewPublications]),  // issue #11
            (.requests, "依申请公开", SiteURL.requests.path, [.viewRequests]),
            (.challenges, "复议诉讼", SiteURL.challenges.path, [.viewRequests]),
            (.statistics, "年度统计", SiteURL.statistics(year: nil).path, [.viewRequests]),
            (.messages, "政民互动", SiteURL.messages.path, [.viewMessages]),
            (.reports, "年度报告", SiteURL.reports(year: nil).path, [.prepareReports, .signOffReports, .reviewReports]),
            (.agencies, "机构管理", SiteURL.agencies.path, [.viewAgencies]),
            (.users, "用户管理", SiteURL.users.path, [.manageUsers]),
            (.calendar, "工作日历", SiteURL.calendar(year: nil).path, [.viewConsole]),
            (.reportCheck, "报告体检", SiteURL.consoleReportCheck.path, [.viewConsole]),
            (.audit, "审计日志", SiteURL.audit.path, [.readAuditLog]),
            (.personalData, "个人信息导出", SiteURL.personalDataExport.path, [.exportPersonalData]),  // #14
            (.tokens, "接口令牌", SiteURL.tokens.path, [.viewConsole]),
            (.sessions, "登录设备", SiteURL.sessions.path, [.viewConsole]),
            (.secondFactor, "两步验证", SiteURL.secondFactor.path, [.viewConsole]),  // #14
        ]
    }

    func render() -> String {
        H.document {
            Page.head(title: "\(title) - 公开 · 政府信息公开工作平台")
            H.body(.class("console")) {
                H.header(.class("topbar")) {
                    H.a(.href(SiteURL.console.path), .class("brand")) { "公开 · 政府信息公开工作平台" }
                    H.div(.class("who")) {
                        H.span { "\(context.displayName)（\(context.username)）" }
                        H.a(.href(SiteURL.password.path)) { "修改密码" }
                        H.form(.method("post"), .action(SiteURL.logout.path), .class("inline")) {
                            Form.csrf(context.csrfToken)
                            H.button(.type("submit"), .class("link")) { "退出登录" }
                        }
                    }
                }
                H.nav(.class("sidenav"), .aria("label", "工作台导航")) {
                    H.ul {
                        for (section, label, href, permissions) in navigation where permissions.contains(where: context.permissions.contains) {
                            H.li { H.a(.href(href), .when(section == context.section, Attribute("aria-current", "page"))) { label } }
                        }
                    }
                }
                H.main(.class("content"), .id("main")) {
                    if let flash = context.flash {
                        H.p(.class("flash"), Attribute("role", "status")) { flash }
                    }
                    H.h1 { title }
                    content
                }
            }
        }.render()
    }
}
