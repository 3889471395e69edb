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

    init(title: String, agency: Agency?, printStylesheet: String? = nil, @NodeBuilder content: () -> [Node]) {
        self.title = title
        self.agency = agency
        self.printStylesheet = printStylesheet
        self.content = .group(content())
    }

    func render() -> String {
        H.document {
            Page.head(title: agency.map { "\(title) - \($0.name)" } ?? title, printStylesheet: printStylesheet)
            H.body(.class("portal")) {
                H.a(.href("#main"), .class("skip")) { "跳到正文" }
                H.header(.class("masthead")) {
                    H.div(.class("wrap")) {
                        H.p(.class("site")) {
                            H.a(.href(agency.map { SiteURL.agencyHome(.value($0.code)).path } ?? SiteURL.home.path)) {
                                agency?.name ?? "公开 · 政府信息公开工作平台"
                            }
                        }
                        H.p(.class("tagline")) { "政府信息公开" }
                    }
                }
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
                        }
                    }
                }
            }
        }.render()
    }
}
