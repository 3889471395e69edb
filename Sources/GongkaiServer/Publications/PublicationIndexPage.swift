import GongkaiCore

/// The console's list of publications, by tab.
enum PublicationIndexPage {
    struct Row: Sendable {
        var id: Int
        var title: String
        var agency: String
        var status: PublicationState
        var revision: RevisionState
        var waiting: String?
        var indexNumber: String
        var formedOn: String
        var due: String
        var standing: ProactiveDeadline.Standing?
        var publishedOn: String
    }

    struct Model {
        var context: ConsoleContext
        var tab: PublicationListQuery.Tab
        var search: String
        var rows: [Row]
        var total: Int
        var page: Int
        var counts: [PublicationListQuery.Tab: Int]
        var canDraft: Bool
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "主动公开", context: model.context) {
                H.div(.class("toolbar")) {
                    if model.canDraft { H.a(.href(SiteURL.publicationNew.path), .class("button primary")) { "起草信息" } }
                    H.a(.href(SiteURL.catalogue.path), .class("button")) { "标准目录" }
                    H.a(.href(SiteURL.topicColumns.path), .class("button")) { "专题专栏" }
                    H.form(.method("get"), .action(SiteURL.publications.path), .class("search")) {
                        Form.hidden("tab", model.tab.rawValue)
                        H.input(.type("search"), .name("q"), .value(model.search), .placeholder("标题或索引号"), .aria("label", "搜索"))
                        H.button(.type("submit")) { "搜索" }
                    }
                }
                H.nav(.class("tabs"), .aria("label", "筛选")) {
                    for tab in PublicationListQuery.Tab.allCases {
                        H.a(.href(SiteURL.publications.path + "?tab=\(tab.rawValue)"), .when(tab == model.tab, Attribute("aria-current", "page"))) {
                            tab.chineseLabel
                            if let n = model.counts[tab] {
                                H.span(.class((tab == .overdue || tab == .awaitingMe) && n > 0 ? "count alert" : "count")) { String(n) }
                            }
                        }
                    }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { for h in ["标题", "发布机构", "状态", "待办环节", "信息形成日期", "公开期限（第二十六条）", "索引号", "发布日期"] { H.th { h } } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr(row.standing == .overdue ? .class("overdue") : nil) {
                                    H.td { H.a(.href(SiteURL.publication(.value(row.id)).path)) { row.title } }
                                    H.td { row.agency }
                                    H.td { PublicationViews.statusBadge(row.status, revision: row.revision) }
                                    H.td { row.waiting ?? "—" }
                                    H.td { row.formedOn }
                                    H.td { row.due; " "; PublicationViews.standingBadge(row.standing) }
                                    H.td { row.indexNumber }
                                    H.td { row.publishedOn }
                                }
                            }
                        }
                    }
                }
                if model.rows.isEmpty { H.p(.class("muted")) { "没有符合条件的信息。" } }
                Pagination.node(page: model.page, pageCount: max(1, (model.total + PublicationListQuery.pageSize - 1) / PublicationListQuery.pageSize),
                                base: SiteURL.publications.path, query: ["tab": model.tab.rawValue, "q": model.search])
            }.render()
        }
    }
}
