import GongkaiCore

enum AgencyIndexPage {
    struct Row: Sendable {
        var id: Int
        var depth: Int
        var name: String
        var kind: AgencyKind
        var code: String
        var creditCode: String?
        var phone: String
        var canEdit: Bool
    }

    struct Model {
        var context: ConsoleContext
        var rows: [Row]
        var canCreate: Bool
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "机构管理", context: model.context) {
                if model.canCreate {
                    H.p { H.a(.href(SiteURL.agencyNew.path), .class("button")) { "新建机构" } }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { H.th { "名称" }; H.th { "类型" }; H.th { "代号" }; H.th { "统一社会信用代码" }; H.th { "电话" }; H.th { "" } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr {
                                    H.td(.class("depth-\(min(row.depth, 4))")) {
                                        H.a(.href(SiteURL.agencyHome(.value(row.code)).path)) { row.name }
                                    }
                                    H.td { row.kind.chineseLabel }
                                    H.td { H.code { row.code } }
                                    H.td { row.creditCode ?? "—" }
                                    H.td { row.phone.isEmpty ? "—" : row.phone }
                                    H.td {
                                        if row.canEdit {
                                            H.a(.href(SiteURL.agencyEdit(.value(row.id)).path)) { "修改" }
                                            " "
                                            H.a(.href(SiteURL.publishingProfile(.value(row.id)).path)) { "发布设置" }  // issue #11
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if model.rows.isEmpty { H.p(.class("muted")) { "没有可显示的机构。" } }
            }.render()
        }
    }
}
