import GongkaiCore

/// The console's work list of messages.
enum MessageIndexPage {
    struct Row: Sendable {
        var id: Int
        var reference: String
        var channel: String
        var kind: String
        var subject: String
        var sender: String
        var receivedOn: String
        var status: MessageStatus
        var overdue: Bool
        var dueOn: String
        var agency: String
    }

    struct Model {
        var context: ConsoleContext
        var filter: MessageListQuery.Filter
        var search: String
        var rows: [Row]
        var total: Int
        var page: Int
        var canHandle: Bool
        var counts: [MessageListQuery.Filter: Int]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "政民互动", context: model.context) {
                MessageViews.toolbar(canHandle: model.canHandle)
                H.div(.class("toolbar")) {
                    H.form(.method("get"), .action(SiteURL.messages.path), .class("search")) {
                        Form.hidden("filter", model.filter.rawValue)
                        H.input(.type("search"), .name("q"), .value(model.search), .placeholder("查询号、工单编号、标题或内容"), .aria("label", "搜索"))
                        H.button(.type("submit")) { "搜索" }
                    }
                }
                H.nav(.class("tabs"), .aria("label", "筛选")) {
                    // 期限待定 only when there is such a message (or it is the chosen list).
                    for f in MessageListQuery.Filter.allCases where f != .noDueDate || f == model.filter || (model.counts[f] ?? 0) > 0 {
                        H.a(.href(SiteURL.messages.path + "?filter=\(f.rawValue)"), .when(f == model.filter, Attribute("aria-current", "page"))) {
                            f.chineseLabel
                            if let n = model.counts[f] { H.span(.class(f == .overdue && n > 0 ? "count alert" : "count")) { String(n) } }
                        }
                    }
                }
                if let n = model.counts[.noDueDate], n > 0 {
                    // Their limit reaches a year whose holiday notice is not loaded: no due date
                    // is guessed, so they are in neither 即将到期 nor 已逾期 — said, not hidden.
                    H.p(.class("warning-box")) {
                        "另有 \(n) 件办理中的来信因缺少节假日安排暂无办理期限，不在“即将到期”“已逾期”之列；导入下一年度的节假日安排后自动计算。"
                        H.a(.href(SiteURL.messages.path + "?filter=\(MessageListQuery.Filter.noDueDate.rawValue)")) { "查看" }
                    }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { for h in ["查询号", "渠道", "类型", "标题", "来信人", "收到日期", "状态", "办理期限", "机关"] { H.th { h } } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr(row.overdue ? .class("overdue") : nil) {
                                    H.td { H.a(.href(SiteURL.message(.value(row.id)).path)) { row.reference } }
                                    H.td { row.channel }
                                    H.td { row.kind }
                                    H.td(.class("clip")) { row.subject }
                                    H.td { row.sender }
                                    H.td { row.receivedOn }
                                    H.td { MessageViews.statusBadge(row.status, overdue: row.overdue) }
                                    H.td { row.dueOn }
                                    H.td { row.agency }
                                }
                            }
                        }
                    }
                }
                if model.rows.isEmpty { H.p(.class("muted")) { "没有符合条件的来信。" } }
                H.p {
                    H.a(.href(SiteURL.messagesExport.path + "?filter=\(model.filter.rawValue)&q=\(model.search.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")")) {
                        "导出本清单（CSV，来信人姓名和电话已遮蔽）"
                    }
                }
                Pagination.node(page: model.page, pageCount: max(1, (model.total + MessageListQuery.pageSize - 1) / MessageListQuery.pageSize),
                                base: SiteURL.messages.path, query: ["filter": model.filter.rawValue, "q": model.search])
            }.render()
        }
    }
}
