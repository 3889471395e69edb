import GongkaiCore

enum RequestNewPage {
    struct Model {
        var context: ConsoleContext
        var values: RequestFormViews.Values
        var agencies: [(id: Int, label: String)]
        var officers: [(id: Int, label: String)]
        var today: CivilDate
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.values.fields, e = model.values.errors
            return ConsoleLayout(title: "登记依申请公开", context: model.context) {
                Form.errorSummary(e)
                H.form(.method("post"), .action(SiteURL.requests.path), .class("card")) {
                    Form.csrf(model.context.csrfToken)
                    H.fieldset {
                        H.legend { "收到申请" }
                        Form.select("agency_id", label: "受理机关", options: model.agencies.map { (String($0.id), $0.label) },
                                    selected: f["agency_id"], error: e["agency_id"], required: true)
                        Form.select("channel", label: "申请渠道", options: RequestChannel.allCases.map { ($0.rawValue, "\($0.chineseLabel)：\($0.receiptRule)") },
                                    selected: f["channel"].isEmpty ? RequestChannel.inPerson.rawValue : f["channel"], error: e["channel"], required: true)
                        Form.text("submitted_on", label: "提交（送达、签收）日期", value: f["submitted_on"].isEmpty ? model.today.iso : f["submitted_on"],
                                  error: e["submitted_on"], type: "date", required: true)
                        Form.text("received_on", label: "与申请人确认之日（平常信函、互联网、传真）", value: f["received_on"], error: e["received_on"],
                                  hint: "条例第三十一条：这些渠道以确认之日为收到申请之日，应于申请送达当日确认；未确认前不起算答复期限，可稍后在办理页确认。当面提交和邮寄签收的申请不填", type: "date")
                        Form.text("receipt_delay_reason", label: "未能当日确认的原因（确认之日晚于送达之日时必填）", value: f["receipt_delay_reason"],
                                  error: e["receipt_delay_reason"], hint: "例如：申请人未留电话，经邮件联系于次日确认")
                        Form.select("case_officer_id", label: "承办人", options: [("", "（暂不指定）")] + model.officers.map { (String($0.id), $0.label) },
                                    selected: f["case_officer_id"], error: e["case_officer_id"])
                    }
                    RequestFormViews.applicantFieldset(model.values)
                    RequestFormViews.contentFieldset(model.values)
                    Form.submit("登记")
                }
            }.render()
        }
    }
}
