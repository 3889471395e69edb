import GongkaiCore

enum UserIndexPage {
    struct Row: Sendable {
        var id: Int
        var username: String
        var displayName: String
        var agencyName: String
        var roles: [Role]
        var status: String
        var lastLogin: String
    }

    struct Model {
        var context: ConsoleContext
        var rows: [Row]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "用户管理", context: model.context) {
                H.p { H.a(.href(SiteURL.userNew.path), .class("button")) { "新建用户" } }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { H.th { "用户名" }; H.th { "姓名" }; H.th { "所属机构" }; H.th { "角色" }; H.th { "状态" }; H.th { "最近登录" }; H.th { "" } } }
                        H.tbody {
                            for row in model.rows {
                                H.tr {
                                    H.td { H.code { row.username } }
                                    H.td { row.displayName }
                                    H.td { row.agencyName }
                                    H.td { row.roles.map(\.chineseLabel).joined(separator: "、") }
                                    H.td { row.status }
                                    H.td { row.lastLogin }
                                    H.td { H.a(.href(SiteURL.userEdit(.value(row.id)).path)) { "修改" } }
                                }
                            }
                        }
                    }
                }
            }.render()
        }
    }
}
