import GongkaiCore

/// The online application form (依申请公开), its receipt, and the status lookup.
enum PortalApplyPage {
    struct Model {
        var agency: PortalLayout.Agency
        var csrfToken: String
        var values: RequestFormViews.Values
    }

    static func render(_ model: Model) -> String {
        let e = model.values.errors
        return PortalLayout(title: "申请公开政府信息", agency: model.agency) {
            H.h1 { "在线申请公开政府信息" }
            H.p {
                "依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，您可以向\(model.agency.name)申请获取政府信息。"
                "网上提交的申请，以双方确认之日为收到申请之日（第三十一条），本机关自收到申请之日起 20 个工作日内答复。"
            }
            Form.errorSummary(e)
            H.form(.method("post"), .action(SiteURL.apply(.value(model.agency.code)).path), .class("card")) {
                Form.csrf(model.csrfToken)
                RequestFormViews.applicantFieldset(model.values)
                RequestFormViews.contentFieldset(model.values)
                H.p(.class("hint")) { "提交后您将获得查询号，凭查询号和联系电话后 4 位可随时查询办理进度。" }
                Form.submit("提交申请")
            }
        }.render()
    }
}

enum PortalApplyDonePage {
    static func render(agency: PortalLayout.Agency, trackingNumber: String) -> String {
        PortalLayout(title: "申请已提交", agency: agency) {
            H.section(.class("card")) {
                H.h1 { "申请已提交" }
                H.p { "您的查询号：" ; H.strong(.class("tracking")) { trackingNumber } }
                H.p { "请记下查询号。工作人员将与您确认收到申请之日，答复期限自该日起算。" }
                H.p { H.a(.href(SiteURL.track.path), .class("button")) { "查询办理进度" } }
            }
        }.render()
    }
}

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
                        H.dt { "提交日期" }; H.dd { s.submittedOn }
                        H.dt { "收到申请之日" }; H.dd { s.receivedOn ?? "待确认" }
                        if let due = s.dueOn { H.dt { "答复期限" }; H.dd { due } }
                        if let concluded = s.concludedOn { H.dt { "答复日期" }; H.dd { concluded } }
                        if let reply = s.reply { H.dt { "答复" }; H.dd { reply } }
                    }
                    H.ol(.class("history")) { for step in s.steps { H.li { H.time { step.date }; " "; step.label } } }
                }
            }
        }.render()
    }
}
