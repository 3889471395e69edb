import GongkaiCore

/// The agency's mailbox (县长信箱 …): write without an account; a tracking number comes back.
enum PortalMailboxPage {
    struct Model {
        var agency: PortalLayout.Agency
        var mailboxName: String
        var csrfToken: String
        var formToken: String
        var fields: FormFields
        var errors: [String: String]
        var refusal: String?
        var days: Int
        var consultationDays: Int
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model, f = m.fields, e = m.errors
            return PortalLayout(title: m.mailboxName, agency: m.agency) {
                H.h1 { m.mailboxName }
                H.p {
                    "您可以在这里向\(m.agency.name)反映问题、提出意见建议或咨询。我们自收到之日起 \(m.days) 个工作日内答复（咨询类 \(m.consultationDays) 个工作日），"
                    "提交后您将获得查询号，凭查询号和联系电话后 4 位查看答复并评价。"
                }
                H.p(.class("hint")) { "申请获取政府信息请使用“在线申请”（依申请公开），不通过信箱办理。请勿填写身份证号码等不必要的个人信息。" }
                if let refusal = m.refusal { H.div(.class("error-summary"), Attribute("role", "alert")) { H.p { refusal } } }
                Form.errorSummary(e)
                H.form(.method("post"), .action(SiteURL.mailbox(.value(m.agency.code)).path), .class("card")) {
                    Form.csrf(m.csrfToken)
                    Form.hidden("form_token", m.formToken)
                    // People do not see this field (app.css .trap); a robot filling every field does.
                    H.div(.class("trap"), .aria("hidden", "true")) {
                        H.label(.for("f-website")) { "网址（请勿填写）" }
                        H.input(.type("text"), .name(PortalMessageController.honeypot), .id("f-website"), .value(""),
                                Attribute("tabindex", "-1"), .autocomplete("off"))
                    }
                    Form.select("kind", label: "类型", options: MessageKind.allCases.filter { $0 != .other }.map { ($0.rawValue, $0.chineseLabel) }
                                    + [(MessageKind.other.rawValue, MessageKind.other.chineseLabel)],
                                selected: f["kind"].isEmpty ? MessageKind.consultation.rawValue : f["kind"], error: e["kind"], required: true)
                    Form.text("sender_name", label: "姓名", value: f["sender_name"], error: e["sender_name"], required: true, autocomplete: "name",
                              attributes: [Attribute("maxlength", String(MessageIntake.maxName))])
                    Form.text("sender_phone", label: "联系电话", value: f["sender_phone"], error: e["sender_phone"],
                              hint: "只用于联系您和查询答复，不会公开", type: "tel", required: true, autocomplete: "tel",
                              attributes: [Attribute("maxlength", "30")])
                    Form.text("subject", label: "标题", value: f["subject"], error: e["subject"], required: true,
                              attributes: [Attribute("maxlength", String(MessageIntake.maxSubject))])
                    Form.textarea("content", label: "内容（\(MessageIntake.maxContent) 字以内）", value: f["content"], error: e["content"],
                                  hint: "请写明时间、地点、事情经过和您的诉求", rows: 8)
                    H.label(.class("check")) {
                        H.input(.type("checkbox"), .name("publication_allowed"), .value("1"), .when(!f["publication_allowed"].isEmpty, .checked))
                        " 同意在网站公开答复（隐去姓名和电话，经审核后公开）"
                    }
                    Form.submit("提交")
                }
                H.p { H.a(.href(SiteURL.messageTrack.path)) { "查询答复" }; " · "; H.a(.href(SiteURL.publishedReplies(.value(m.agency.code)).path)) { "答复选登" } }
            }.render()
        }
    }
}
