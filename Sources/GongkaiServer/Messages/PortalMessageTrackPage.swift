import GongkaiCore

/// Reading the reply to a letter, and rating it.
enum PortalMessageTrackPage {
    struct Model {
        var csrfToken: String
        var trackingNumber = ""
        var phoneLast4 = ""
        var status: PublicMessageStatus?
        var flash: String?
        var error: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: "查询来信答复", agency: nil) {
                H.h1 { "查询来信答复" }
                H.form(.method("post"), .action(SiteURL.messageTrack.path), .class("card inline-fields")) {
                    Form.csrf(m.csrfToken)
                    Form.text("tracking_number", label: "查询号", value: m.trackingNumber, required: true, attributes: [Attribute("maxlength", "40")])
                    Form.text("phone_last4", label: "联系电话后 4 位", value: "", type: "password", required: true,
                              attributes: [Attribute("inputmode", "numeric"), Attribute("maxlength", "4")])
                    H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "查询" } }
                }
                if let flash = m.flash { H.p(.class("flash"), Attribute("role", "status")) { flash } }
                if let error = m.error { H.div(.class("error-summary"), Attribute("role", "alert")) { H.p { error } } }
                if let s = m.status {
                    H.section(.class("card")) {
                        H.h2 { "\(s.trackingNumber)：\(s.statusLabel)" }
                        H.dl(.class("facts")) {
                            H.dt { "受理机关" }; H.dd { s.agencyName }
                            H.dt { "渠道" }; H.dd { s.channel }
                            H.dt { "收到日期" }; H.dd { s.receivedOn.iso }
                            if let due = s.dueOn { H.dt { "答复期限" }; H.dd { due.iso } }
                            H.dt { "标题" }; H.dd { s.subject }
                            H.dt { "内容" }; H.dd { s.content }
                            if let done = s.completedOn { H.dt { "答复日期" }; H.dd { done.iso } }
                        }
                        if let reply = s.reply { H.h3 { "答复" }; H.blockquote(.class("reply")) { reply } }
                        if let rating = s.satisfaction { H.p { "您的评价：\(rating.chineseLabel)" } }
                        if s.canRate {
                            H.form(.method("post"), .action(SiteURL.messageRate.path)) {
                                Form.csrf(m.csrfToken)
                                Form.hidden("tracking_number", s.trackingNumber)
                                Form.hidden("phone_last4", m.phoneLast4)
                                H.fieldset {
                                    H.legend { "您对答复是否满意？" }
                                    for option in Satisfaction.allCases {
                                        H.label(.class("check")) { H.input(.type("radio"), .name("satisfaction"), .value(option.rawValue), .required); " " + option.chineseLabel }
                                    }
                                }
                                Form.submit("提交评价")
                            }
                        }
                        H.ol(.class("history")) { for step in s.steps { H.li { H.time { step.date.iso }; " "; step.label } } }
                    }
                }
            }.render()
        }
    }
}
