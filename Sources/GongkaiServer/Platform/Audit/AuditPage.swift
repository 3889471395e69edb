import GongkaiCore

enum AuditPage {
    struct Row: Sendable {
        var id: Int
        var at: String
        var actor: String
        var action: String
        var entity: String
        var summary: String
        /// Field, before, after — only the fields that changed.
        var changes: [(field: String, before: String, after: String)]
        var requestID: String
        var ipAddress: String
    }

    struct Model {
        var context: ConsoleContext
        var filters: [String: String]
        var rows: [Row]
        var total: Int
        var page: Int
        var pageCount: Int
        var entityTypes: [(String, String)]
        var actions: [(String, String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.filters
            return ConsoleLayout(title: "审计日志", context: model.context) {
                H.form(.method("get"), .action(SiteURL.audit.path), .class("card filters")) {
                    Form.select("entity_type", label: "对象类型", options: [("", "全部")] + model.entityTypes, selected: f["entity_type"] ?? "")
                    Form.text("entity_id", label: "对象编号", value: f["entity_id"] ?? "")
                    Form.select("action", label: "操作", options: [("", "全部")] + model.actions, selected: f["action"] ?? "")
                    Form.text("actor", label: "操作人", value: f["actor"] ?? "")
                    Form.text("from", label: "起始日期", value: f["from"] ?? "", type: "date")
                    Form.text("through", label: "截止日期", value: f["through"] ?? "", type: "date")
                    Form.submit("筛选")
                }
                H.p(.class("muted")) { "共 \(model.total) 条，审计日志只能追加，任何人都不能修改或删除。" }
                H.div(.class("table-scroll")) {
                    H.table(.class("list audit")) {
                        H.thead { H.tr { H.th { "时间" }; H.th { "操作人" }; H.th { "操作" }; H.th { "对象" }; H.th { "内容与变更" } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr {
                                    H.td { row.at }
                                    H.td { row.actor; H.br(); H.small(.class("muted")) { row.ipAddress } }
                                    H.td { row.action }
                                    H.td { row.entity }
                                    H.td {
                                        H.p { row.summary }
                                        if !row.changes.isEmpty {
                                            H.details {
                                                H.summary { "\(row.changes.count) 项变更" }
                                                H.table(.class("diff")) {
                                                    H.tr { H.th { "字段" }; H.th { "修改前" }; H.th { "修改后" } }
                                                    for change in row.changes {
                                                        H.tr { H.td { change.field }; H.td { H.del { change.before } }; H.td { H.ins { change.after } } }
                                                    }
                                                }
                                            }
                                        }
                                        H.small(.class("muted")) { "#\(row.id) · 请求 \(row.requestID)" }
                                    }
                                }
                            }
                        }
                    }
                }
                Pagination.node(page: model.page, pageCount: model.pageCount, base: SiteURL.audit.path, query: f)
            }.render()
        }
    }
}
