import GongkaiCore

/// Registering a message by hand: a call, a letter, a visit.
enum MessageNewPage {
    struct Model {
        var context: ConsoleContext
        var fields: FormFields
        var errors: [String: String]
        var agencies: [(String, String)]
        var channels: [(String, String)]
        var today: CivilDate
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.fields, e = model.errors
            return ConsoleLayout(title: "登记来信", context: model.context) {
                Form.errorSummary(e)
                H.form(.method("post"), .action(SiteURL.messages.path), .class("card")) {
                    Form.csrf(model.context.csrfToken)
                    Form.select("agency_id", label: "受理机关", options: model.agencies, selected: f["agency_id"], error: e["agency_id"], required: true)
                    Form.select("channel_id", label: "渠道", options: model.channels, selected: f["channel_id"], error: e["channel_id"],
                                hint: "渠道列表属于上面选中的机关；换机关后请先保存一次以刷新列表", required: true)
                    Form.text("received_on", label: "收到日期", value: f["received_on"].isEmpty ? model.today.iso : f["received_on"],
                              error: e["received_on"], type: "date")
                    Form.select("kind", label: "类型", options: MessageKind.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                selected: f["kind"].isEmpty ? MessageKind.consultation.rawValue : f["kind"], error: e["kind"], required: true)
                    Form.text("sender_name", label: "来信（来电）人姓名", value: f["sender_name"], error: e["sender_name"])
                    Form.text("sender_phone", label: "联系电话", value: f["sender_phone"], error: e["sender_phone"], type: "tel", required: true)
                    Form.text("subject", label: "标题", value: f["subject"], error: e["subject"], required: true)
                    Form.textarea("content", label: "内容", value: f["content"], error: e["content"], rows: 6)
                    H.label(.class("check")) {
                        H.input(.type("checkbox"), .name("publication_allowed"), .value("1"), .when(!f["publication_allowed"].isEmpty, .checked))
                        " 来信人同意公开答复（隐去姓名和电话）"
                    }
                    Form.submit("登记")
                }
            }.render()
        }
    }
}
