import GongkaiCore

enum PortalTrackPage {
    struct Model {
        var csrfToken: String
        var trackingNumber = ""
        var status: PublicRequestStatus?
        var error: String?
    }

    static func render(_ model: Model) -> String {
        PortalLayout(title: "查询申请办理进度", agency: nil) {
            H.h1 { "查询申请办理进度" }
            H.form(.method("post"), .action(SiteURL.track.path), .class("card inline-fields")) {
                Form.csrf(model.csrfToken)
                Form.text("tracking_number", label: "查询号", value: model.trackingNumber, required: true)
                Form.text("phone_last4", label: "联系电话后 4 位", value: "", type: "password", required: true,
                          attributes: [Attribute("inputmode", "numeric"), Attribute("maxlength", "4")])
                H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "查询" } }
            }
            if let error = model.error { H.div(.class("error-summary"), Attribute("role", "alert")) { H.p { error } } }
            if let s = model.status {
                H.section(.class("card")) {
                    H.h2 { "\(s.trackingNumber)：\(s.statusLabel)" }
                    H.dl(.class("facts")) {
                        H.dt { "受理机关" }; H.dd { s.agencyName }
                        H.dt { "提交日期" }; H.dd { s.submittedOn.iso }
                        H.dt { "收到申请之日" }; H.dd { s.receivedOn?.iso ?? "待确认" }
                        if let due = s.dueOn {
                            H.dt { "答复期限" }
                            H.dd {
                                due.iso
                                if s.dueOnIsProvisional { H.small { "（暂定：征求意见或缴费期间不计入答复期限，该日期可能调整）" } }
                            }
                        }
                        if let concluded = s.concludedOn { H.dt { "答复日期" }; H.dd { concluded.iso } }
                        if let reply = s.reply { H.dt { "答复" }; H.dd { reply } }
                    }
                    H.ol(.class("history")) { for step in s.steps { H.li { H.time { step.date.iso }; " "; step.label } } }
                }
            }
        }.render()
    }
}
