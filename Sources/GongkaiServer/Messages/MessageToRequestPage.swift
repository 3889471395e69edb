import GongkaiCore

/// A message that is really a disclosure request: the request's registration form, filled in
/// from the message; the receipt date follows Art. 31 for the message's channel.
enum MessageToRequestPage {
    struct Model {
        var context: ConsoleContext
        var id: Int
        var reference: String
        var channel: RequestChannel
        var submittedOn: CivilDate
        var values: RequestFormViews.Values
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model, f = m.values.fields, e = m.values.errors
            return ConsoleLayout(title: "来信 \(m.reference) 转为依申请公开", context: m.context) {
                Form.errorSummary(e)
                H.p {
                    "渠道：\(m.channel.chineseLabel)，来信于 \(m.submittedOn.iso) 收到。\(m.channel.receiptRule)（条例第三十一条）。"
                    "政府信息公开申请须有申请人的身份证明（条例第二十九条），请补全以下信息。"
                }
                H.form(.method("post"), .action(SiteURL.messageToRequest(.value(m.id)).path), .class("card")) {
                    Form.csrf(m.context.csrfToken)
                    Form.hidden("version", f["version"])
                    RequestFormViews.applicantFieldset(m.values)
                    RequestFormViews.contentFieldset(m.values)
                    if m.channel.receiptNeedsConfirmation {
                        Form.text("received_on", label: "与申请人确认收到之日（已确认时填写）", value: f["received_on"], error: e["received_on"], type: "date")
                        Form.textarea("receipt_delay_reason", label: "确认之日晚于收到来信之日的原因", value: f["receipt_delay_reason"], rows: 2)
                    }
                    Form.submit("转为依申请公开")
                }
            }.render()
        }
    }
}
