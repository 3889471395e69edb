import GongkaiCore

enum AgencyFormPage {
    struct Model {
        var context: ConsoleContext
        /// Nil for a new agency.
        var agencyID: Int?
        var version: Int
        var fields: AgencyFields
        var parentID: Int?
        /// Agencies the user may put it under, as (id, indented name).
        var parentOptions: [(id: Int, label: String)]
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.fields, e = model.errors
            let isNew = model.agencyID == nil
            let action = model.agencyID.map { SiteURL.agency(.value($0)).path } ?? SiteURL.agencies.path
            return ConsoleLayout(title: isNew ? "新建机构" : "修改机构：\(f.name)", context: model.context) {
                Form.errorSummary(e)
                H.form(.method("post"), .action(action), .class("card")) {
                    Form.csrf(model.context.csrfToken)
                    Form.hidden("version", String(model.version))
                    H.fieldset {
                        H.legend { "基本信息" }
                        Form.text("name", label: "机构名称", value: f.name, error: e["name"], hint: "全称，例如：示范县教育局", required: true)
                        Form.text("short_name", label: "简称", value: f.shortName == f.name ? "" : f.shortName, error: e["short_name"], hint: "不填则与名称相同")
                        Form.text("code", label: "机构代号", value: f.code, error: e["code"], hint: "2–40 位小写字母、数字或连字符，用于网址", required: true)
                        Form.select("kind", label: "机构类型", options: AgencyKind.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                    selected: f.kind.rawValue, error: e["kind"], required: true)
                        Form.select("government_level", label: "政府层级", options: GovernmentLevel.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                    selected: f.governmentLevel.rawValue, error: e["government_level"],
                                    hint: "仅对人民政府有效：决定年度报告的发布期限（县级 2 月 20 日、设区的市级 3 月 10 日、省级 3 月 31 日）")
                        if !model.parentOptions.isEmpty || model.parentID != nil {
                            Form.select("parent_id", label: "上级机构",
                                        options: model.parentOptions.map { (String($0.id), $0.label) },
                                        selected: model.parentID.map(String.init), error: e["parent_id"], required: true)
                        }
                        Form.text("credit_code", label: "统一社会信用代码", value: f.creditCode ?? "", error: e["credit_code"], hint: "18 位，系统会核对校验位")
                    }
                    H.fieldset {
                        H.legend { "联系信息（在公开门户首页展示）" }
                        Form.text("address", label: "办公地址", value: f.address, error: e["address"])
                        Form.text("phone", label: "电话", value: f.phone, error: e["phone"])
                        Form.text("office_hours", label: "办公时间", value: f.officeHours, error: e["office_hours"], hint: "例如：工作日 8:30–12:00，14:30–18:00")
                        Form.text("contact_name", label: "政府信息公开工作机构联系人", value: f.contactName, error: e["contact_name"])
                        Form.text("contact_phone", label: "联系电话", value: f.contactPhone, error: e["contact_phone"])
                        Form.text("contact_email", label: "电子邮箱", value: f.contactEmail, error: e["contact_email"], type: "email")
                    }
                    H.fieldset {
                        H.legend { "救济途径（写入依申请公开答复书）" }
                        Form.text("reconsideration_body", label: "行政复议机关", value: f.reconsiderationBody, error: e["reconsideration_body"],
                                  hint: "例如：示范县人民政府")
                        Form.text("litigation_court", label: "管辖法院", value: f.litigationCourt, error: e["litigation_court"],
                                  hint: "例如：示范县人民法院")
                    }
                    H.fieldset {
                        H.legend { "政府信息公开指南" }
                        Form.textarea("guide_text", label: "指南正文", value: f.guideText, error: e["guide_text"],
                                      hint: "按《条例》第十二条编制，空行分段。", rows: 14)
                    }
                    Form.submit(isNew ? "创建机构" : "保存修改")
                }
            }.render()
        }
    }
}
