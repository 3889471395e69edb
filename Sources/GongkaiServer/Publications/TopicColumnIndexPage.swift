import GongkaiCore

/// Topic columns (专题专栏): the list and the form to open one.
enum TopicColumnIndexPage {
    struct Model {
        var context: ConsoleContext
        var topics: [(id: Int, name: String, agency: String, openedOn: String, closedOn: String?, count: Int)]
        var agencies: [(id: Int, name: String)]
        var canCreate: Bool
        var values: FormFields
        var errors: [String: String]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: "专题专栏", context: m.context) {
                Form.errorSummary(m.errors)
                H.table(.class("list")) {
                    H.thead { H.tr { for h in ["名称", "开设机构", "开设日期", "关闭日期", "信息数"] { H.th { h } } } }
                    H.tbody {
                        for t in m.topics {
                            H.tr {
                                H.td { H.a(.href(SiteURL.portalTopic(.value(t.id)).path)) { t.name } }
                                H.td { t.agency }; H.td { t.openedOn }; H.td { t.closedOn ?? "—" }; H.td { String(t.count) }
                            }
                        }
                    }
                }
                if m.topics.isEmpty { H.p(.class("muted")) { "还没有专题专栏。" } }
                if m.canCreate {
                    H.section(.class("card narrow")) {
                        H.h2 { "开设专题专栏" }
                        H.form(.method("post"), .action(SiteURL.topicColumns.path)) {
                            Form.csrf(m.context.csrfToken)
                            Form.select("agency_id", label: "开设机构", options: m.agencies.map { (String($0.id), $0.name) }, selected: m.values["agency_id"],
                                        error: m.errors["agency_id"], required: true)
                            Form.text("name", label: "名称", value: m.values["name"], error: m.errors["name"], required: true)
                            Form.textarea("description", label: "简介", value: m.values["description"], error: m.errors["description"], rows: 3)
                            Form.text("opened_on", label: "开设日期", value: m.values["opened_on"], error: m.errors["opened_on"], type: "date", required: true)
                            Form.submit("开设")
                        }
                    }
                }
            }.render()
        }
    }
}
