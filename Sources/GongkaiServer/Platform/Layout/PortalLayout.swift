import GongkaiCore

/// The frame of every public page: the agency's name, its sections, the content, its contacts.
/// Works without JavaScript and on a phone.
struct PortalLayout {
    struct Agency: Sendable {
        var name: String
        var code: String
        var address: String
        var phone: String
        var officeHours: String
        var contactEmail: String
    }

    let title: String
    let agency: Agency?
    /// Print styles of the document the page shows (served as an asset).
    var printStylesheet: String?
    let content: Node
    /// 适老化: the large-text mode chosen by the visitor (issue #11).
    let display: DisplayMode
    /// The section of the portal's navigation to mark as current.
    let section: PortalSection?

    init(title: String, agency: Agency?, display: DisplayMode = .standard, section: PortalSection? = nil,
         printStylesheet: String? = nil, @NodeBuilder content: () -> [Node]) {
        self.title = title
        self.agency = agency
        self.display = display
        self.section = section
        self.printStylesheet = printStylesheet
        self.content = .group(content())
    }

    func render() -> String {
        Node.group([.raw("<!DOCTYPE html>\n"), H.element("html", [.lang("zh-CN"), display == .large ? .class("large-text") : nil], [
            Page.head(title: agency.map { "\(title) - \($0.name)" } ?? title, printStylesheet: printStylesheet),
            H.body(.class("portal")) {
                H.a(.href("#main"), .class("skip")) { "跳到正文" }
                H.header(.class("masthead")) {
                    H.div(.class("wrap masthead-row")) {
                        H.div {
                            H.p(.class("site")) {
                                H.a(.href(agency.map { SiteURL.agencyHome(.value($0.code)).path } ?? SiteURL.home.path)) {
                                    agency?.name ?? "公开 · 政府信息公开工作平台"
                                }
                            }
                            H.p(.class("tagline")) { "政府信息公开" }
                        }
                        H.div(.class("masthead-tools")) {
                            H.form(.method("get"), .action(SiteURL.search.path), .class("site-search"), Attribute("role", "search")) {
                                H.label(.for("site-q"), .class("visually-hidden")) { "站内搜索" }
                                H.input(.type("search"), .name("q"), .id("site-q"), .placeholder("搜索政府信息"))
                                // An input, not a button: scripts that click the page's `button[type=submit]` mean the form in main.
                                H.input(.type("submit"), .value("搜索"))
                            }
                            H.a(.href(SiteURL.display.path + "?mode=" + (display == .large ? "standard" : "large")), .class("display-toggle")) {
                                display == .large ? "标准字号" : "大字模式（适老化）"
                            }
                        }
                    }
                }
                PortalSection.navigation(current: section, agencyCode: agency?.code)
                H.main(.class("wrap"), .id("main")) {
                    content
                }
                H.footer(.class("sitefooter")) {
                    H.div(.class("wrap")) {
                        if let agency {
                            H.p { "主办：\(agency.name)" }
                            if !agency.address.isEmpty { H.p { "地址：\(agency.address)" } }
                            if !agency.phone.isEmpty { H.p { "电话：\(agency.phone)" } }
                        }
                        H.p {
                            H.a(.href(SiteURL.track.path)) { "查询申请办理进度" }
                            " · "
                            H.a(.href(SiteURL.publicReports(year: nil, agency: nil).path)) { "政府信息公开工作年度报告" }
                            " · "
                            H.a(.href(SiteURL.reportCheck.path)) { "年度报告体检" }
                            " · "
                            H.a(.href(SiteURL.login(next: nil).path)) { "工作人员登录" }
                            " · "
                            H.a(.href(SiteURL.sitemap.path)) { "网站地图" }
                        }
                    }
                }
            },
        ])]).render()
    }
}
