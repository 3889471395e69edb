import GongkaiCore

/// 公开事项标准目录: an agency's standard catalogue items by domain, with the standard columns and
/// where each item stands (last published, next due, overdue), and the agency's completion rate.
enum PortalStandardCataloguePage {
    struct Row {
        var sequence: Int
        var itemL1: String
        var itemL2: String
        var content: String
        var basis: String
        var timeLimit: String
        var subject: String
        var channels: String
        var audience: String
        var mode: String
        var level: String
        var lastPublished: String
        var nextDue: String
        var standing: String
        var overdue: Bool
    }

    struct Model {
        var display: DisplayMode
        var agency: PortalLayout.Agency?
        var agencies: [(code: String, name: String)]
        var domains: [String]
        var domain: String?
        var sections: [(agency: String, domain: String, rows: [Row])]
        var completion: (items: Int, fulfilled: Int)
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: "公开事项标准目录", agency: m.agency, display: m.display, section: .standardCatalogues) {
                H.h1 { (m.agency?.name ?? "") + "公开事项标准目录" }
                H.section(.class("card filters-card"), .aria("label", "筛选")) {
                    PortalViews.filterLinks("机构", options: m.agencies.map { ($0.code, $0.name) }, selected: m.agency?.code) { code in
                        SiteURL.standardCatalogues.path + PortalViews.query(["agency": code])
                    }
                    if !m.domains.isEmpty {
                        PortalViews.filterLinks("领域", options: m.domains.map { ($0, $0) }, selected: m.domain) { domain in
                            SiteURL.standardCatalogues.path + PortalViews.query(["agency": m.agency?.code, "domain": domain])
                        }
                    }
                }
                if m.completion.items > 0 {
                    H.p(.class("completion")) {
                        "共 \(m.completion.items) 个事项，已公开且未逾期 \(m.completion.fulfilled) 个，完成率 "
                        H.strong { String(format: "%.1f%%", Double(m.completion.fulfilled) * 100 / Double(m.completion.items)) }
                    }
                }
                if m.sections.isEmpty { H.p(.class("muted")) { "暂无标准目录。" } }
                for section in m.sections {
                    H.section(.class("card")) {
                        H.h2 { "\(section.agency) · \(section.domain)" }
                        H.div(
                            .class("table-scroll"), Attribute("tabindex", "0"), Attribute("role", "region"),
                            .aria("label", "\(section.domain)领域公开事项")
                        ) {
                            H.table(.class("list standard")) {
                                H.caption(.class("visually-hidden")) { "\(section.domain)领域公开事项" }
                                H.thead {
                                    H.tr {
                                        for h in ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                                                  "公开对象", "公开方式", "公开层级", "最近公开", "下次应公开", "状态"] {
                                            H.th(Attribute("scope", "col")) { h }
                                        }
                                    }
                                }
                                H.tbody {
                                    for r in section.rows {
                                        H.tr(r.overdue ? .class("overdue") : nil) {
                                            H.td { String(r.sequence) }; H.td { r.itemL1 }; H.td { r.itemL2 }; H.td { r.content }; H.td { r.basis }
                                            H.td { r.timeLimit }; H.td { r.subject }; H.td { r.channels }; H.td { r.audience }; H.td { r.mode }
                                            H.td { r.level }; H.td(.class("nowrap")) { r.lastPublished }; H.td(.class("nowrap")) { r.nextDue }
                                            H.td { r.standing }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }.render()
        }
    }
}
