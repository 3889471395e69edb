import GongkaiCore

/// The online application form (依申请公开), its receipt, and the status lookup.
enum PortalApplyPage {
    struct Model {
        var agency: PortalLayout.Agency
        var csrfToken: String
        var values: RequestFormViews.Values
        /// The reply period in working days (Art. 33), as configured.
        var replyDays: Int
    }

    static func render(_ model: Model) -> String {
        let e = model.values.errors
        return PortalLayout(title: "申请公开政府信息", agency: model.agency) {
            H.h1 { "在线申请公开政府信息" }
            H.p {
                "依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，您可以向\(model.agency.name)申请获取政府信息。"
                "网上提交的申请，以双方确认之日为收到申请之日（第三十一条），本机关自收到申请之日起 \(model.replyDays) 个工作日内答复。"
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
