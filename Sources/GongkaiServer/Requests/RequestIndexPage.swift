import GongkaiCore

enum RequestIndexPage {
    struct Row: Sendable {
        var id: Int
        var trackingNumber: String
        var applicant: String
        var description: String
        var channel: String
        var receivedOn: String
        var phase: ClockState.Phase
        var overdue: Bool
        var dueOn: String
        var remaining: String
        var officer: String
    }

    struct Model {
        var context: ConsoleContext
        var filter: RequestListQuery.Filter
        var search: String
        var rows: [Row]
        var total: Int
        var page: Int
        var canRegister: Bool
        var counts: [RequestListQuery.Filter: Int]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "依申请公开", context: model.context) {
                H.div(.class("toolbar")) {
                    if model.canRegister { H.a(.href(SiteURL.requestNew.path), .class("button primary")) { "登记申请" } }
                    H.a(.href(SiteURL.statistics(year: nil).path), .class("button")) { "年度统计（表三、表四）" }
                    H.a(.href(SiteURL.challenges.path), .class("button")) { "行政复议、诉讼" }
                    H.form(.method("get"), .action(SiteURL.requests.path), .class("search")) {
                        Form.hidden("filter", model.filter.rawValue)
                        H.input(.type("search"), .name("q"), .value(model.search), .placeholder("查询号、申请人或所需信息"), .aria("label", "搜索"))
                        H.button(.type("submit")) { "搜索" }
                    }
                }
                H.nav(.class("tabs"), .aria("label", "筛选")) {
                    for f in RequestListQuery.Filter.allCases {
                        H.a(.href(SiteURL.requests.path + "?filter=\(f.rawValue)"), .when(f == model.filter, Attribute("aria-current", "page"))) {
                            f.chineseLabel
                            if let n = model.counts[f] { H.span(.class(f == .overdue && n > 0 ? "count alert" : "count")) { String(n) } }
                        }
                    }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { for h in ["查询号", "申请人", "所需信息", "渠道", "收到日期", "状态", "答复期限", "距期限", "承办人"] { H.th { h } } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr(row.overdue ? .class("overdue") : nil) {
                                    H.td { H.a(.href(SiteURL.request(.value(row.id)).path)) { row.trackingNumber } }
                                    H.td { row.applicant }
                                    H.td(.class("clip")) { row.description }
                                    H.td { row.channel }
                                    H.td { row.receivedOn }
                                    H.td { RequestViews.phaseBadge(row.phase, overdue: row.overdue) }
                                    H.td { row.dueOn }
                                    H.td { row.remaining }
                                    H.td { row.officer }
                                }
                            }
                        }
                    }
                }
                if model.rows.isEmpty { H.p(.class("muted")) { "没有符合条件的申请。" } }
                Pagination.node(page: model.page, pageCount: max(1, (model.total + RequestListQuery.pageSize - 1) / RequestListQuery.pageSize),
                                base: SiteURL.requests.path, query: ["filter": model.filter.rawValue, "q": model.search])
            }.render()
        }
    }
}
