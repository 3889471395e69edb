import GongkaiCore

/// The agencies' standard catalogue items with where each stands, and the completion rate.
enum CatalogueIndexPage {
    struct Row {
        var id: Int
        var agency: String
        var domain: String
        var name: String
        var timeLimit: String
        var lastPublished: String
        var nextDue: String
        var late: Int
        var overdue: Bool
        var fulfilled: Bool
    }

    struct Model {
        var context: ConsoleContext
        var rows: [Row]
        var canImport: Bool
        var today: CivilDate
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            let fulfilled = m.rows.filter(\.fulfilled).count
            return ConsoleLayout(title: "公开事项标准目录", context: m.context) {
                H.div(.class("toolbar")) {
                    if m.canImport { H.a(.href(SiteURL.catalogueImport.path), .class("button primary")) { "导入标准目录（CSV）" } }
                    H.a(.href(SiteURL.standardCatalogues.path), .class("button")) { "公开页面" }
                }
                if !m.rows.isEmpty {
                    H.p(.class("completion")) {
                        "截至 \(m.today.chinese)：\(m.rows.count) 个事项，已公开且未逾期 \(fulfilled) 个，完成率 "
                        H.strong { String(format: "%.1f%%", Double(fulfilled) * 100 / Double(m.rows.count)) }
                    }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { for h in ["机构", "领域", "事项", "公开时限", "最近公开", "下次应公开", "逾期公开次数", "状态"] { H.th { h } } } }
                        H.tbody {
                            for r in m.rows {
                                H.tr(r.overdue ? .class("overdue") : nil) {
                                    H.td { r.agency }; H.td { r.domain }; H.td { r.name }; H.td { r.timeLimit }; H.td { r.lastPublished }
                                    H.td { r.nextDue }; H.td { String(r.late) }
                                    H.td { r.overdue ? "逾期" : (r.fulfilled ? "已公开" : "待公开") }
                                }
                            }
                        }
                    }
                }
                if m.rows.isEmpty { H.p(.class("muted")) { "还没有导入标准目录。" } }
            }.render()
        }
    }
}
